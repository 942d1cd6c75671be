import type { Kwalificatietabel, Leerweg } from '@bron/cascade';
import { isGeldigPersoonsnummer, isGeldigeBrin } from '@bron/domein';
import { INTENSITEITEN, KOLOMMEN, LEERWEGEN, MUTATIES, RECORDSOORTEN, type AanmeldingStaat, type BpvStaat, type DiplomaStaat, type InschrijvingStaat, type PersoonGegevens, type RuwRecord } from './record';
import { VERGRENDELDE_BPV_VELDEN, VERGRENDELDE_INSCHRIJVINGSVELDEN, gesloten } from './regels/mutatiestop';
import { signalenVoor } from './regels/signalen';
import { MAX_RECORDLENGTE, isVerwerkbareTekst, onverwerkbaarTeken, recordTeGroot, utf8Lengte, zichtbaar } from './tekst';
import { terugkoppelingCode, zwaarsteSoort, type TerugkoppelingCode, type TerugkoppelingSoort } from './terugkoppeling-codes';

/** Everything the decision needs besides the record; the caller loads it, the decision is pure. */
export interface BeoordelingContext {
  /** The instelling that delivered the record (from its authenticated topic or API key). */
  aanleverendeInstelling: string;
  /** The system's "today" (mutatiestop, BBL deadline, the plausible dates). */
  peildatum: string;
  kwalificaties: Kwalificatietabel;
  /** The line of the sender's file the record came from, named in the answer; null when unknown. */
  regel?: number | null;
  /** The current state of the inschrijving the record names, if this instelling has it. */
  bestaandeInschrijving?: InschrijvingStaat;
  /** The current state of the diploma of that inschrijving, if any. */
  bestaandDiploma?: DiplomaStaat;
  bestaandeAanmelding?: AanmeldingStaat;
  /** The student's other inschrijvingen at this instelling (overlap check). */
  andereInschrijvingen?: readonly InschrijvingStaat[];
  persoon?: PersoonGegevens;
  vooropleidingen?: readonly { soort: string; diploma: boolean }[];
  /** Niveaus of the student's mbo diploma's, from any instelling. */
  mboDiplomaNiveaus?: readonly number[];
  /** Recordnummer of an identical earlier record in the same batch. */
  eerderInBatch?: number;
}

export type NieuweStaat =
  | { soort: 'inschrijving'; staat: InschrijvingStaat }
  | { soort: 'diploma'; staat: DiplomaStaat }
  | { soort: 'aanmelding'; staat: AanmeldingStaat };

export interface Beoordeling {
  soort: TerugkoppelingSoort;
  codes: TerugkoppelingCode[];
  persoonsnummer: string | null;
  inschrijvingId: string | null;
  /** The state to store and publish; absent for an afkeuring (nothing is stored). */
  nieuweStaat?: NieuweStaat;
}

const DATUM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as JJJJ-MM-DD (any year: whether it is plausible is DATUMBEREIK's question). */
function isDatum(waarde: string): boolean {
  const m = DATUM.exec(waarde);
  if (!m) return false;
  const [jaar, maand, dag] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const schrikkel = (jaar % 4 === 0 && jaar % 100 !== 0) || jaar % 400 === 0;
  const dagen = [31, schrikkel ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][maand - 1];
  return dagen !== undefined && dag >= 1 && dag <= dagen;
}

/**
 * The dates a record may hold: none before 1990-01-01 (older ones are typing errors: BRON keeps no
 * mbo inschrijvingen from before), none after 31 December of the peildatum's year + 2 (an
 * inschrijving, diploma or uitschrijving is delivered at most a little ahead), except the planned
 * end of a BPV, which may lie up to 6 years ahead (a bbl opleiding takes up to 4 years, and more
 * with a delay). The peildatum comes with the decision, never from a clock.
 */
export const DATUMBEREIK = { vanaf: '1990-01-01', jarenVooruit: 2, jarenVooruitGeplandEinde: 6 } as const;

const GEPLAND_EINDE: ReadonlySet<keyof RuwRecord> = new Set(['bpv_einde']);

/** The last plausible date of a field, seen from the peildatum. */
export function laatsteDatum(veld: keyof RuwRecord, peildatum: string): string {
  const vooruit = GEPLAND_EINDE.has(veld) ? DATUMBEREIK.jarenVooruitGeplandEinde : DATUMBEREIK.jarenVooruit;
  return `${Number(peildatum.slice(0, 4)) + vooruit}-12-31`;
}

const overlapt = (a: { begin: string; einde: string | null }, b: { begin: string; einde: string | null }) =>
  a.begin <= (b.einde ?? '9999-12-31') && b.begin <= (a.einde ?? '9999-12-31');

/**
 * Decides the answer to one aanleverrecord and, when it is accepted, the new state (docs/domein.md
 * D6, docs/terugkoppeling-codes.md). Every problem found is reported, not only the first, so that
 * the instelling can correct a record in one go. `aanleverrecordDecider` calls it with what the
 * records before it did.
 */
export function beoordeelRecord(record: RuwRecord, context: BeoordelingContext): Beoordeling {
  const onleesbaar = onverwerkbaar(record, context.regel ?? null);
  if (onleesbaar) return onleesbaar;
  const fouten: TerugkoppelingCode[] = [];
  const signalen: TerugkoppelingCode[] = [];
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
    if (!isDatum(waarde)) {
      fouten.push(terugkoppelingCode('A05', { veld: naam, waarde }));
    } else {
      const tot = laatsteDatum(naam, context.peildatum);
      if (waarde < DATUMBEREIK.vanaf || waarde > tot) fouten.push(terugkoppelingCode('A17', { veld: naam, waarde, vanaf: DATUMBEREIK.vanaf, tot }));
    }
    return waarde;
  };
  const vergrendeld = (veldnaam: string, ...data: (string | null | undefined)[]) => {
    const stop = data.map((d) => gesloten(d, context.peildatum)).find(Boolean);
    if (stop) fouten.push(terugkoppelingCode('A15', { veld: veldnaam, mutatiestop: stop }));
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
  if (context.eerderInBatch !== undefined) fouten.push(terugkoppelingCode('A12', { eerder: String(context.eerderInBatch) }));
  const bestaand = context.bestaandeInschrijving && !context.bestaandeInschrijving.verwijderd ? context.bestaandeInschrijving : undefined;
  const antwoord = (nieuweStaat?: NieuweStaat): Beoordeling => {
    const codes = fouten.length > 0 ? fouten : signalen.length > 0 ? signalen : [terugkoppelingCode('M00')];
    const afgekeurd = fouten.length > 0;
    return { soort: zwaarsteSoort(codes), codes, persoonsnummer: persoonsnummer || null, inschrijvingId: inschrijvingId || null, nieuweStaat: afgekeurd ? undefined : nieuweStaat };
  };
  const metSignalen = (staat: InschrijvingStaat): NieuweStaat => {
    signalen.push(...signalenVoor(staat, { peildatum: context.peildatum, kwalificaties: context.kwalificaties, persoon: context.persoon, vooropleidingen: context.vooropleidingen ?? [], mboDiplomaNiveaus: context.mboDiplomaNiveaus ?? [] }));
    return { soort: 'inschrijving', staat };
  };
  const kwalificatieControle = (crebo: string, leerweg: string, begin: string | null) => {
    const kwalificatie = crebo ? context.kwalificaties.kwalificatie(crebo) : undefined;
    if (crebo && !kwalificatie) fouten.push(terugkoppelingCode('A03', { crebo }));
    if (kwalificatie && begin && !context.kwalificaties.geldigOp(crebo, begin)) fouten.push(terugkoppelingCode('A13', { crebo, datum: begin }));
    if (kwalificatie && leerweg && (LEERWEGEN as readonly string[]).includes(leerweg) && !context.kwalificaties.staatLeerwegToe(crebo, leerweg as Leerweg)) {
      fouten.push(terugkoppelingCode('A04', { leerweg, crebo, toegestaan: kwalificatie.leerwegen.join('/') }));
    }
  };
  if (fouten.length > 0) return antwoord();

  if (soort === 'AANMELDING') {
    const bestaandeAanmelding = context.bestaandeAanmelding && !context.bestaandeAanmelding.verwijderd ? context.bestaandeAanmelding : undefined;
    if (mutatie !== 'T' && !bestaandeAanmelding) fouten.push(terugkoppelingCode('A07', { inschrijvingId, mutatie: MUTATIES[mutatie] }));
    if (mutatie === 'V') return antwoord(bestaandeAanmelding && { soort: 'aanmelding', staat: { ...bestaandeAanmelding, verwijderd: true } });
    const crebo = veld('crebo');
    const gewenst = datum('begindatum');
    kwalificatieControle(crebo, '', null);
    return antwoord({ soort: 'aanmelding', staat: { persoonsnummer, instelling: brin, aanmeldingId: inschrijvingId, crebo, datum: gewenst ?? '', verwijderd: false } });
  }

  const vereistBestaand = soort !== 'INSCHRIJVING' || mutatie !== 'T';
  if (vereistBestaand && !bestaand) {
    fouten.push(terugkoppelingCode('A07', { inschrijvingId, mutatie: soort === 'INSCHRIJVING' ? MUTATIES[mutatie] : `een ${soort.toLowerCase()}` }));
    return antwoord();
  }
  const versie = (context.bestaandeInschrijving?.versie ?? 0) + 1;

  switch (soort) {
    case 'INSCHRIJVING': {
      if (mutatie === 'V') {
        vergrendeld('inschrijving', bestaand!.begin);
        return antwoord({ soort: 'inschrijving', staat: { ...bestaand!, versie, verwijderd: true } });
      }
      if (mutatie === 'T' && bestaand) {
        fouten.push(terugkoppelingCode('A10', { inschrijvingId }));
        return antwoord();
      }
      const crebo = veld('crebo');
      const leerweg = keuze('leerweg', LEERWEGEN);
      const intensiteit = keuze('intensiteit', INTENSITEITEN, 'VT');
      const begin = datum('begindatum');
      const einde = datum('einddatum', false);
      kwalificatieControle(crebo, leerweg, begin);
      if (begin && einde && einde < begin) fouten.push(terugkoppelingCode('A06', { begin, einde }));
      const staat: InschrijvingStaat = {
        persoonsnummer, instelling: brin, inschrijvingId, versie, verwijderd: false, crebo, leerweg, intensiteit,
        begin: begin ?? '', einde, redenUitschrijving: bestaand?.redenUitschrijving ?? null, bpv: bestaand?.bpv ?? [],
      };
      const andere = (context.andereInschrijvingen ?? []).find((a) => !a.verwijderd && a.inschrijvingId !== inschrijvingId && a.crebo === crebo && begin && overlapt(a, { begin, einde }));
      if (andere) fouten.push(terugkoppelingCode('A14', { inschrijvingId, andere: andere.inschrijvingId, crebo }));
      if (bestaand) {
        for (const v of VERGRENDELDE_INSCHRIJVINGSVELDEN) {
          if (staat[v] !== bestaand[v]) vergrendeld(v, bestaand.begin, v === 'einde' ? bestaand.einde : undefined, v === 'einde' ? staat.einde : v === 'begin' ? staat.begin : undefined);
        }
      }
      return antwoord(fouten.length > 0 ? undefined : metSignalen(staat));
    }
    case 'UITSCHRIJVING': {
      const einde = mutatie === 'V' ? null : datum('einddatum');
      const reden = mutatie === 'V' ? null : veld('reden_uitschrijving', false) || null;
      if (einde && einde < bestaand!.begin) fouten.push(terugkoppelingCode('A06', { begin: bestaand!.begin, einde }));
      if (einde !== bestaand!.einde) vergrendeld('einddatum', einde, bestaand!.einde);
      return antwoord({ soort: 'inschrijving', staat: { ...bestaand!, versie, einde, redenUitschrijving: reden } });
    }
    case 'BPV': {
      const bpvId = veld('bpv_id');
      const eerder = bestaand!.bpv.find((b) => b.bpvId === bpvId);
      const overig = bestaand!.bpv.filter((b) => b.bpvId !== bpvId);
      if (mutatie !== 'T' && !eerder) fouten.push(terugkoppelingCode('A07', { inschrijvingId: `${inschrijvingId}/${bpvId}`, mutatie: MUTATIES[mutatie] }));
      if (mutatie === 'V') {
        if (eerder) vergrendeld('bpv', eerder.afgesloten, eerder.begin);
        return antwoord(fouten.length > 0 ? undefined : metSignalen({ ...bestaand!, versie, bpv: overig }));
      }
      const afgesloten = datum('bpv_afgesloten');
      const begin = datum('bpv_begin');
      const einde = datum('bpv_einde', false);
      const omvang = veld('bpv_omvang', false);
      if (omvang !== '' && !/^\d{1,4}$/.test(omvang)) fouten.push(terugkoppelingCode('A08', { veld: 'bpv_omvang', waarde: omvang, toegestaan: '0-9999 uren' }));
      if (begin && einde && einde < begin) fouten.push(terugkoppelingCode('A06', { begin, einde }));
      const bpv: BpvStaat = { bpvId, afgesloten: afgesloten ?? '', begin: begin ?? '', einde, omvangUren: omvang === '' ? null : Number(omvang), leerbedrijf: veld('leerbedrijf', false) || null };
      if (eerder) for (const v of VERGRENDELDE_BPV_VELDEN) if (bpv[v] !== eerder[v]) vergrendeld(`bpv_${v}`, eerder[v], bpv[v]);
      if (fouten.length > 0) return antwoord();
      return antwoord(metSignalen({ ...bestaand!, versie, bpv: [...overig, bpv].sort((a, b) => a.bpvId.localeCompare(b.bpvId)) }));
    }
    case 'DIPLOMA': {
      const eerder = context.bestaandDiploma && !context.bestaandDiploma.verwijderd ? context.bestaandDiploma : undefined;
      if (mutatie === 'T' && eerder) fouten.push(terugkoppelingCode('A10', { inschrijvingId }));
      if (mutatie !== 'T' && !eerder) fouten.push(terugkoppelingCode('A07', { inschrijvingId, mutatie: MUTATIES[mutatie] }));
      const datumBehaald = mutatie === 'V' ? eerder?.datum ?? null : datum('diploma_datum');
      if (eerder && (mutatie === 'V' || datumBehaald !== eerder.datum)) vergrendeld('diploma_datum', eerder.datum, datumBehaald);
      return antwoord({
        soort: 'diploma',
        staat: { persoonsnummer, instelling: brin, diplomaId: inschrijvingId, versie: (context.bestaandDiploma?.versie ?? 0) + 1, verwijderd: mutatie === 'V', crebo: bestaand!.crebo, datum: datumBehaald ?? '' },
      });
    }
    default:
      return antwoord();
  }
}

/**
 * A record that cannot be handled as it is, whatever way it came in: one over the record limit
 * (A11, in the words of the file reader), or one with a character that cannot be stored (A16 for
 * each such field). Its persoonsnummer and id are only named in the answer when they are clean, so
 * that the answer itself can be stored and sent.
 */
function onverwerkbaar(record: RuwRecord, regel: number | null): Beoordeling | undefined {
  let bytes = 0;
  for (const [naam, waarde] of Object.entries(record)) bytes += utf8Lengte(naam) + utf8Lengte(waarde ?? '');
  if (bytes > MAX_RECORDLENGTE) return beoordeelLeesfout(regel, recordTeGroot(bytes));
  const codes: TerugkoppelingCode[] = [];
  for (const kolom of KOLOMMEN) {
    const teken = onverwerkbaarTeken(record[kolom] ?? '');
    if (teken) codes.push(terugkoppelingCode('A16', { regel: regel === null ? 'onbekend' : String(regel), veld: kolom, positie: String(teken.positie), teken: teken.teken }));
  }
  if (codes.length === 0) return undefined;
  const schoon = (waarde: string | undefined) => (waarde && isVerwerkbareTekst(waarde) ? waarde.trim() || null : null);
  return { soort: 'AFKEURING', codes, persoonsnummer: schoon(record.persoonsnummer), inschrijvingId: schoon(record.inschrijving_id) };
}

/** A record the sender could not read from its file: an afkeuring naming the line, nothing stored. */
export function beoordeelLeesfout(regel: number | null, fout: string): Beoordeling {
  // A batch producer writes the leesfout itself: only visible, storable text goes into the answer.
  const codes = [terugkoppelingCode('A11', { regel: regel === null ? 'onbekend' : String(regel), fout: zichtbaar(fout, 500) })];
  return { soort: 'AFKEURING', codes, persoonsnummer: null, inschrijvingId: null };
}
