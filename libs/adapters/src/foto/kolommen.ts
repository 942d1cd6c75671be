import type { BekRegel, BronFoto, FotoStudent, SagRegel, Sectortotalen, SinRegel, Verschillenlijst } from '@bron/domein';

/**
 * The tables of a foto as people read them (CSV and XLSX, docs/foto.md): readable Dutch headers
 * and a type per column, so that both writers show the same thing the same way.
 */
export type Kolomtype = 'code' | 'tekst' | 'geheel' | 'decimaal' | 'datum' | 'tijdstip' | 'janee';
export type Celwaarde = string | number | boolean | null;

export interface Kolom<T> {
  readonly kop: string;
  readonly type: Kolomtype;
  readonly waarde: (rij: T) => Celwaarde;
  /** Width in characters (XLSX). */
  readonly breedte?: number;
}

/** A table with its cells worked out: what a writer needs, whatever the rows were. */
export interface Tabel {
  readonly naam: string;
  readonly kolommen: readonly Omit<Kolom<never>, 'waarde'>[];
  readonly rijen: () => Iterable<readonly Celwaarde[]>;
}

export function maakTabel<T>(naam: string, kolommen: readonly Kolom<T>[], rijen: () => Iterable<T>): Tabel {
  return {
    naam,
    kolommen: kolommen.map(({ kop, type, breedte }) => ({ kop, type, breedte })),
    *rijen() {
      for (const rij of rijen()) yield kolommen.map((k) => k.waarde(rij));
    },
  };
}

const k = <T>(kop: string, type: Kolomtype, waarde: (rij: T) => Celwaarde, breedte?: number): Kolom<T> => ({ kop, type, waarde, breedte });

export const STUDENT_KOLOMMEN: readonly Kolom<FotoStudent>[] = [
  k('Persoonsnummer', 'code', (s) => s.persoonsnummer, 14),
  k('Soort persoonsnummer', 'tekst', (s) => s.persoonsnummerSoort),
  k('Inschrijvingvolgnummer', 'code', (s) => s.inschrijvingId, 14),
  k('Versie', 'geheel', (s) => s.versie),
  k('Bekend sinds', 'tijdstip', (s) => s.bekendSinds, 20),
  k('Teldatum', 'datum', (s) => s.teldatum, 12),
  k('Opleiding (crebo)', 'code', (s) => s.crebo),
  k('Leerweg', 'tekst', (s) => s.leerweg),
  k('Intensiteit', 'tekst', (s) => s.intensiteit),
  k('Niveau', 'geheel', (s) => s.niveau),
  k('Datum inschrijving', 'datum', (s) => s.datumInschrijving, 12),
  k('Datum uitschrijving gepland', 'datum', (s) => s.datumUitschrijvingGepland, 12),
  k('Datum uitschrijving werkelijk', 'datum', (s) => s.datumUitschrijvingWerkelijk, 12),
  k('Leeftijd op 1 augustus', 'geheel', (s) => s.leeftijdOpEenAugustus),
  k('Indicatie bekostigbaar', 'janee', (s) => s.indicatieBekostigbaar),
  k('Ingeschreven op 1 februari', 'janee', (s) => s.inschrijvingVoorCorrectiefactor),
  k('Leerroutefase', 'tekst', (s) => s.leerroutefase),
  k('Hoogste vooropleiding', 'tekst', (s) => s.basisset.hoogsteVooropleiding?.code ?? null),
  k('Overgangsbewijs havo/vwo 3-4', 'janee', (s) => (s.basisset.hoogsteVooropleiding === null ? null : s.basisset.hoogsteVooropleiding.overgangsbewijs)),
  k('Verblijfsjaren entree', 'geheel', (s) => s.basisset.verblijfsjarenEntree),
  k('Verblijfsjaren niveau 2-4', 'geheel', (s) => s.basisset.verblijfsjarenNiveau2tot4),
  k("Bekostigde diploma's", 'tekst', (s) => s.basisset.bekostigdeDiplomas.map((d) => `${d.crebo} niveau ${d.niveau} ${d.datum} (${String(d.diplomawaarde).replace('.', ',')})`).join(' | ')),
  k('Aantal bekostigde verblijfsjaren', 'geheel', (s) => s.basisset.verblijfsjaar),
  k('Prijsfactor', 'decimaal', (s) => s.basisset.prijsfactor),
  k('Diplomawaarde opleiding', 'decimaal', (s) => s.basisset.diplomawaardeOpleiding),
  k('Bekostigd', 'janee', (s) => s.basisset.bekostigd),
  k('Redenen', 'tekst', (s) => s.basisset.redenen.map((r) => `${r.code} ${r.tekst}`).join(' | '), 30),
  k('Leerwegfactor', 'decimaal', (s) => s.basisset.leerwegfactor),
  k('Verblijfsjaarfactor', 'decimaal', (s) => s.basisset.verblijfsjaarfactor),
  k('Bijdrage', 'decimaal', (s) => s.basisset.bijdrage),
  k('Prognose', 'janee', (s) => s.basisset.prognose),
  k('Signalen', 'tekst', (s) => s.signalen.map((g) => `${g.code} ${g.omschrijving}`).join(' | '), 30),
  k('Verblijfsstatus rechtmatig', 'janee', (s) => s.verblijfsstatusRechtmatig),
  k('Officiële voornamen', 'tekst', (s) => s.officieleVoornamen, 20),
  k('Code leerbedrijf', 'code', (s) => s.codeLeerbedrijf, 12),
  k("BPV's", 'geheel', (s) => s.bpv.length),
  k("Diploma's", 'geheel', (s) => s.diplomas.length),
];

/** One line of the TMO table: BEK, SAG and SIN in one table, as CFI's file mixes its line types. */
export type TmoRij = { readonly soort: 'BEK'; readonly r: BekRegel } | { readonly soort: 'SAG'; readonly r: SagRegel } | { readonly soort: 'SIN'; readonly r: SinRegel };

const bek = <T>(rij: TmoRij, f: (r: BekRegel) => T): T | null => (rij.soort === 'BEK' ? f(rij.r) : null);
const sig = (rij: TmoRij, sag: (r: SagRegel) => number, sin: (r: SinRegel) => boolean): number | null =>
  rij.soort === 'SAG' ? sag(rij.r) : rij.soort === 'SIN' ? (sin(rij.r) ? 1 : 0) : null;

export const TMO_KOLOMMEN: readonly Kolom<TmoRij>[] = [
  k('Regelsoort', 'tekst', (t) => t.soort),
  k('Opleiding (crebo)', 'code', (t) => t.r.crebo),
  k('Leerweg', 'tekst', (t) => (t.soort === 'SIN' ? null : t.r.leerweg)),
  k('Niveau', 'geheel', (t) => bek(t, (r) => r.niveau)),
  k('Aantal bekostigde verblijfsjaren', 'geheel', (t) => bek(t, (r) => r.verblijfsjaar)),
  k('Signaalcode', 'code', (t) => (t.soort === 'BEK' ? null : t.r.signaalcode)),
  k('Persoonsnummer', 'code', (t) => (t.soort === 'SIN' ? t.r.persoonsnummer : null), 14),
  k('Inschrijvingvolgnummer', 'code', (t) => (t.soort === 'SIN' ? t.r.inschrijvingId : null), 14),
  k('Inschrijvingen 1 oktober', 'geheel', (t) => bek(t, (r) => r.inschrijvingenEenOktober)),
  k('Bekostigd 1 oktober', 'geheel', (t) => bek(t, (r) => r.bekostigdEenOktober)),
  k('Niet bekostigd 1 oktober', 'geheel', (t) => bek(t, (r) => r.nietBekostigdEenOktober)),
  k('Inschrijvingen 1 februari', 'geheel', (t) => bek(t, (r) => r.inschrijvingenEenFebruari)),
  k('Bekostigd 1 februari', 'geheel', (t) => bek(t, (r) => r.bekostigdEenFebruari)),
  k('Niet bekostigd 1 februari', 'geheel', (t) => bek(t, (r) => r.nietBekostigdEenFebruari)),
  k("Diploma's", 'geheel', (t) => bek(t, (r) => r.diplomas)),
  k("Bekostigde diploma's", 'geheel', (t) => bek(t, (r) => r.bekostigdeDiplomas)),
  k('Signalen 1 oktober', 'geheel', (t) => sig(t, (r) => r.inschrijvingssignalenEenOktober, (r) => r.eenOktober)),
  k('Signalen 1 februari', 'geheel', (t) => sig(t, (r) => r.inschrijvingssignalenEenFebruari, (r) => r.eenFebruari)),
  k('Signalen diploma', 'geheel', (t) => sig(t, (r) => r.diplomasignalen, (r) => r.diploma)),
];

export function* tmoRijen(foto: BronFoto): Iterable<TmoRij> {
  for (const r of foto.terugmeldingsoverzicht.bek) yield { soort: 'BEK', r };
  for (const r of foto.terugmeldingsoverzicht.sag) yield { soort: 'SAG', r };
  for (const r of foto.terugmeldingsoverzicht.sin) yield { soort: 'SIN', r };
}

export interface SectorRij {
  readonly peildatum: string;
  readonly niveau: number | null;
  readonly leerweg: string;
  readonly inschrijvingen: number;
  readonly bekostigd: number;
  readonly inschrijvingenEenFebruari: number | null;
}

export const SECTOR_KOLOMMEN: readonly Kolom<SectorRij>[] = [
  k('Peildatum', 'datum', (r) => r.peildatum, 12),
  k('Niveau', 'geheel', (r) => r.niveau),
  k('Leerweg', 'tekst', (r) => r.leerweg),
  k('Inschrijvingen', 'geheel', (r) => r.inschrijvingen),
  k('Bekostigd', 'geheel', (r) => r.bekostigd),
  k('Inschrijvingen 1 februari', 'geheel', (r) => r.inschrijvingenEenFebruari),
];

/** The sector totals: first the total over the mbo, then per niveau and leerweg. */
export function* sectorRijen(s: Sectortotalen): Iterable<SectorRij> {
  yield { peildatum: s.peildatum, niveau: null, leerweg: 'TOTAAL MBO', inschrijvingen: s.totaalInschrijvingen, bekostigd: s.totaalBekostigd, inschrijvingenEenFebruari: null };
  for (const c of s.perNiveauEnLeerweg) yield { peildatum: s.peildatum, ...c };
}

export interface VerschilRij {
  readonly mutatie: string;
  readonly onderdeel: string;
  readonly sleutel: string;
  readonly veld: string;
  readonly oud: string | null;
  readonly nieuw: string | null;
}

export const VERSCHIL_KOLOMMEN: readonly Kolom<VerschilRij>[] = [
  k('Mutatie', 'tekst', (r) => r.mutatie, 14),
  k('Onderdeel', 'tekst', (r) => r.onderdeel, 12),
  k('Sleutel', 'tekst', (r) => r.sleutel, 28),
  k('Veld', 'tekst', (r) => r.veld, 28),
  k('Oude waarde', 'tekst', (r) => r.oud, 24),
  k('Nieuwe waarde', 'tekst', (r) => r.nieuw, 24),
];

/** One row per changed field; a value is shown as the foto holds it (JSON text: `"25078"`, `1.3`, `true`). */
export function* verschilRijen(lijst: Verschillenlijst): Iterable<VerschilRij> {
  for (const s of lijst.studenten) {
    for (const v of s.velden) yield { mutatie: s.mutatie, onderdeel: 'STUDENT', sleutel: `${s.persoonsnummer} ${s.inschrijvingId}`, veld: v.veld, oud: v.oud, nieuw: v.nieuw };
  }
  for (const t of lijst.terugmeldingsoverzicht) {
    const sleutel = Object.values(t.regel).map((w) => (w === null ? '-' : String(w))).join(' ');
    for (const v of t.velden) yield { mutatie: t.mutatie, onderdeel: t.regelsoort, sleutel, veld: v.veld, oud: v.oud, nieuw: v.nieuw };
  }
}

export type FotoDeel = 'studenten' | 'terugmeldingsoverzicht' | 'sector' | 'verschillen';
export const FOTO_DELEN: readonly FotoDeel[] = ['studenten', 'terugmeldingsoverzicht', 'sector', 'verschillen'];

/** A part of a foto as a table; `verschillen` needs the verschillenlijst with another foto (without one it is empty). */
export function fotoTabel(foto: BronFoto, deel: FotoDeel, verschillen?: Verschillenlijst): Tabel {
  switch (deel) {
    case 'studenten':
      return maakTabel(deel, STUDENT_KOLOMMEN, () => foto.studenten);
    case 'terugmeldingsoverzicht':
      return maakTabel(deel, TMO_KOLOMMEN, () => tmoRijen(foto));
    case 'sector':
      return maakTabel(deel, SECTOR_KOLOMMEN, () => sectorRijen(foto.sector));
    case 'verschillen':
      return maakTabel(deel, VERSCHIL_KOLOMMEN, () => (verschillen ? verschilRijen(verschillen) : []));
    default: {
      const onbekend: never = deel;
      throw new Error(`onbekend deel van een foto: ${String(onbekend)}`);
    }
  }
}
