import { isGeldigPersoonsnummer, isGeldigeBrin } from '@bron/domein';
import { INTENSITEITEN, LEERWEGEN, MUTATIES, RECORDSOORTEN, type DiplomaStaat, type InschrijvingStaat, type RuwRecord } from './record';
import { terugkoppelingCode, zwaarsteSoort, type TerugkoppelingCode, type TerugkoppelingSoort } from './terugkoppeling-codes';

/** What the intake needs to know of a kwalificatie (from the kwalificaties reference table). */
export interface KwalificatieInfo {
  niveau: number;
  leerwegen: readonly string[];
}

export interface BeoordelingContext {
  /** The instelling that delivered the record (from its authenticated topic or API key). */
  aanleverendeInstelling: string;
  /** The current state of the inschrijving the record names, if this instelling has it. */
  bestaandeInschrijving?: InschrijvingStaat;
  /** The current state of the diploma of that inschrijving, if any. */
  bestaandDiploma?: DiplomaStaat;
  kwalificatie: (crebo: string) => KwalificatieInfo | undefined;
}

export type NieuweStaat = { soort: 'inschrijving'; staat: InschrijvingStaat } | { soort: 'diploma'; staat: DiplomaStaat };

export interface Beoordeling {
  soort: TerugkoppelingSoort;
  codes: TerugkoppelingCode[];
  persoonsnummer: string | null;
  inschrijvingId: string | null;
  /** The state to store and publish; absent for an afkeuring (nothing is stored). */
  nieuweStaat?: NieuweStaat;
}

const DATUM = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDatum(waarde: string): boolean {
  const m = DATUM.exec(waarde);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === waarde;
}

/**
 * Decides the answer to one aanleverrecord and, when it is accepted, the new state. Pure: the
 * caller loads the existing inschrijving and stores the result. Every problem found is reported,
 * not only the first, so that the instelling can correct a record in one go.
 */
export function beoordeelRecord(record: RuwRecord, context: BeoordelingContext): Beoordeling {
  const fouten: TerugkoppelingCode[] = [];
  const veld = (naam: keyof RuwRecord, verplicht = true): string => {
    const waarde = record[naam]?.trim() ?? '';
    if (verplicht && waarde === '') fouten.push(terugkoppelingCode('A09', { veld: naam }));
    return waarde;
  };
  const keuze = (naam: keyof RuwRecord, toegestaan: readonly string[], standaard?: string): string => {
    const waarde = veld(naam, standaard === undefined) || standaard || '';
    if (waarde !== '' && !toegestaan.includes(waarde)) fouten.push(terugkoppelingCode('A08', { veld: naam, waarde, toegestaan: toegestaan.join(', ') }));
    return waarde;
  };
  const datum = (naam: keyof RuwRecord, verplicht = true): string | null => {
    const waarde = veld(naam, verplicht);
    if (waarde === '') return null;
    if (!isDatum(waarde)) fouten.push(terugkoppelingCode('A05', { veld: naam, waarde }));
    return waarde;
  };

  const soort = keuze('soort', RECORDSOORTEN);
  const mutatie = keuze('mutatie', Object.keys(MUTATIES), 'T') as keyof typeof MUTATIES;
  const brin = veld('instelling');
  if (brin !== '' && (!isGeldigeBrin(brin) || brin !== context.aanleverendeInstelling)) {
    fouten.push(terugkoppelingCode('A02', { brin, aanleverend: context.aanleverendeInstelling }));
  }
  const persoonsnummer = veld('persoonsnummer');
  if (persoonsnummer !== '' && !isGeldigPersoonsnummer(persoonsnummer)) fouten.push(terugkoppelingCode('A01', { persoonsnummer }));
  const inschrijvingId = veld('inschrijving_id');
  const bestaand = context.bestaandeInschrijving && !context.bestaandeInschrijving.verwijderd ? context.bestaandeInschrijving : undefined;
  const antwoord = (nieuweStaat?: NieuweStaat): Beoordeling => {
    const codes = fouten.length > 0 ? fouten : [terugkoppelingCode('M00')];
    const afgekeurd = zwaarsteSoort(codes) === 'AFKEURING';
    return { soort: zwaarsteSoort(codes), codes, persoonsnummer: persoonsnummer || null, inschrijvingId: inschrijvingId || null, nieuweStaat: afgekeurd ? undefined : nieuweStaat };
  };
  if (fouten.length > 0) return antwoord();

  const vereistBestaand = soort !== 'INSCHRIJVING' || mutatie !== 'T';
  if (vereistBestaand && !bestaand) {
    fouten.push(terugkoppelingCode('A07', { inschrijvingId, mutatie: MUTATIES[mutatie] }));
    return antwoord();
  }
  const versie = (context.bestaandeInschrijving?.versie ?? 0) + 1;

  switch (soort) {
    case 'INSCHRIJVING': {
      if (mutatie === 'V') return antwoord({ soort: 'inschrijving', staat: { ...bestaand!, versie, verwijderd: true } });
      if (mutatie === 'T' && bestaand) {
        fouten.push(terugkoppelingCode('A10', { inschrijvingId }));
        return antwoord();
      }
      const crebo = veld('crebo');
      const leerweg = keuze('leerweg', LEERWEGEN);
      const intensiteit = keuze('intensiteit', INTENSITEITEN, 'VT');
      const begin = datum('begindatum');
      const einde = datum('einddatum', false);
      const kwalificatie = crebo ? context.kwalificatie(crebo) : undefined;
      if (crebo && !kwalificatie) fouten.push(terugkoppelingCode('A03', { crebo }));
      if (kwalificatie && leerweg && !kwalificatie.leerwegen.includes(leerweg)) {
        fouten.push(terugkoppelingCode('A04', { leerweg, crebo, toegestaan: kwalificatie.leerwegen.join('/') }));
      }
      if (begin && einde && einde < begin) fouten.push(terugkoppelingCode('A06', { begin, einde }));
      return antwoord({
        soort: 'inschrijving',
        staat: {
          persoonsnummer, instelling: brin, inschrijvingId, versie, verwijderd: false, crebo, leerweg, intensiteit,
          begin: begin ?? '', einde, redenUitschrijving: bestaand?.redenUitschrijving ?? null, bpv: bestaand?.bpv ?? [],
        },
      });
    }
    case 'UITSCHRIJVING': {
      const einde = datum('einddatum');
      const reden = veld('reden_uitschrijving', false) || null;
      if (einde && einde < bestaand!.begin) fouten.push(terugkoppelingCode('A06', { begin: bestaand!.begin, einde }));
      return antwoord({ soort: 'inschrijving', staat: { ...bestaand!, versie, einde: mutatie === 'V' ? null : einde, redenUitschrijving: mutatie === 'V' ? null : reden } });
    }
    case 'BPV': {
      const bpvId = veld('bpv_id');
      const overig = bestaand!.bpv.filter((b) => b.bpvId !== bpvId);
      if (mutatie === 'V') return antwoord({ soort: 'inschrijving', staat: { ...bestaand!, versie, bpv: overig } });
      const afgesloten = datum('bpv_afgesloten');
      const begin = datum('bpv_begin');
      const einde = datum('bpv_einde', false);
      const omvang = veld('bpv_omvang', false);
      if (omvang !== '' && !/^\d{1,4}$/.test(omvang)) fouten.push(terugkoppelingCode('A08', { veld: 'bpv_omvang', waarde: omvang, toegestaan: '0-9999 uren' }));
      if (begin && einde && einde < begin) fouten.push(terugkoppelingCode('A06', { begin, einde }));
      const bpv = { bpvId, afgesloten: afgesloten ?? '', begin: begin ?? '', einde, omvangUren: omvang === '' ? null : Number(omvang), leerbedrijf: veld('leerbedrijf', false) || null };
      return antwoord({ soort: 'inschrijving', staat: { ...bestaand!, versie, bpv: [...overig, bpv].sort((a, b) => a.bpvId.localeCompare(b.bpvId)) } });
    }
    case 'DIPLOMA': {
      const datumBehaald = datum('diploma_datum');
      return antwoord({
        soort: 'diploma',
        staat: { persoonsnummer, instelling: brin, diplomaId: inschrijvingId, versie: (context.bestaandDiploma?.versie ?? 0) + 1, verwijderd: mutatie === 'V', crebo: bestaand!.crebo, datum: datumBehaald ?? '' },
      });
    }
    default:
      return antwoord();
  }
}

/** A record the sender could not read from its file: an afkeuring naming the line, nothing stored. */
export function beoordeelLeesfout(regel: number | null, fout: string): Beoordeling {
  const codes = [terugkoppelingCode('A11', { regel: regel === null ? 'onbekend' : String(regel), fout })];
  return { soort: 'AFKEURING', codes, persoonsnummer: null, inschrijvingId: null };
}
