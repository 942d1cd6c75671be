import { vergelijk, type Basissetversie } from './basissetversie';

/**
 * The terugmeldingsoverzicht of a foto (fact 39), after the BEK, SAG and SIN lines of CFI's
 * terugmeldingsoverzicht: counts per opleiding, never more than the foto itself holds.
 */

/** Leerweg as the TMO counts it: BOL voltijd, BOL deeltijd, BBL (fact 39); examendeelnemers and the experiment leerwegen apart. */
export type TmoLeerweg = 'BOL_VT' | 'BOL_DT' | 'BBL' | 'EX' | 'CBL' | 'COL' | 'OVERIG';

export function tmoLeerweg(leerweg: string, intensiteit: string | null): TmoLeerweg {
  if (leerweg === 'BBL') return 'BBL';
  if (leerweg === 'CBL' || leerweg === 'COL') return leerweg;
  if (leerweg !== 'BOL') return 'OVERIG';
  if (intensiteit === 'DT') return 'BOL_DT';
  if (intensiteit === 'EX') return 'EX';
  return 'BOL_VT';
}

/** BEK: per opleiding, leerweg, niveau and aantal bekostigde verblijfsjaren, the inschrijvingen on 1 October and 1 February, and the diploma's. */
export interface BekRegel {
  readonly crebo: string;
  readonly leerweg: TmoLeerweg;
  readonly niveau: number | null;
  readonly verblijfsjaar: number | null;
  readonly inschrijvingenEenOktober: number;
  readonly bekostigdEenOktober: number;
  readonly nietBekostigdEenOktober: number;
  /** Those still enrolled on 1 February: the correctiefactor count (UWEB 2.2.2 lid 4). */
  readonly inschrijvingenEenFebruari: number;
  readonly bekostigdEenFebruari: number;
  readonly nietBekostigdEenFebruari: number;
  readonly diplomas: number;
  readonly bekostigdeDiplomas: number;
}

/** SAG: signalen per opleiding, leerweg and signaalcode, aggregated. */
export interface SagRegel {
  readonly crebo: string;
  readonly leerweg: TmoLeerweg;
  readonly signaalcode: string;
  readonly inschrijvingssignalenEenOktober: number;
  readonly inschrijvingssignalenEenFebruari: number;
  readonly diplomasignalen: number;
}

/** SIN: one signaal code of one student's inschrijving, with where it applies. */
export interface SinRegel {
  readonly persoonsnummer: string;
  readonly inschrijvingId: string;
  readonly crebo: string;
  readonly signaalcode: string;
  readonly eenOktober: boolean;
  readonly eenFebruari: boolean;
  readonly diploma: boolean;
}

export interface Terugmeldingsoverzicht {
  readonly bek: readonly BekRegel[];
  readonly sag: readonly SagRegel[];
  readonly sin: readonly SinRegel[];
}

type Teller<T> = { -readonly [K in keyof T]: T[K] };

const sleutelVan = (delen: readonly unknown[]): string => delen.map((d) => (d === null ? '' : String(d))).join('\u0000');
const getal = (n: number | null): number => (n === null ? -1 : n);

/** The TMO of the inschrijvingen of one foto (already the state at its moment). */
export function maakTerugmeldingsoverzicht(inschrijvingen: readonly Basissetversie[]): Terugmeldingsoverzicht {
  const bek = new Map<string, Teller<BekRegel>>();
  const sag = new Map<string, Teller<SagRegel>>();
  const sin = new Map<string, Teller<SinRegel>>();
  for (const v of inschrijvingen) {
    const leerweg = tmoLeerweg(v.leerweg, v.intensiteit);
    const verblijfsjaar = v.basisset.verblijfsjaar;
    const b = bek.get(sleutelVan([v.crebo, leerweg, v.niveau, verblijfsjaar])) ?? {
      crebo: v.crebo, leerweg, niveau: v.niveau, verblijfsjaar,
      inschrijvingenEenOktober: 0, bekostigdEenOktober: 0, nietBekostigdEenOktober: 0,
      inschrijvingenEenFebruari: 0, bekostigdEenFebruari: 0, nietBekostigdEenFebruari: 0, diplomas: 0, bekostigdeDiplomas: 0,
    };
    b.inschrijvingenEenOktober += 1;
    if (v.basisset.bekostigd) b.bekostigdEenOktober += 1; else b.nietBekostigdEenOktober += 1;
    if (v.inschrijvingVoorCorrectiefactor) {
      b.inschrijvingenEenFebruari += 1;
      if (v.basisset.bekostigd) b.bekostigdEenFebruari += 1; else b.nietBekostigdEenFebruari += 1;
    }
    b.diplomas += v.diplomas.length;
    b.bekostigdeDiplomas += v.diplomas.filter((d) => d.bekostigd).length;
    bek.set(sleutelVan([v.crebo, leerweg, v.niveau, verblijfsjaar]), b);

    const signaal = (code: string, veld: 'inschrijvingssignalenEenOktober' | 'inschrijvingssignalenEenFebruari' | 'diplomasignalen'): void => {
      const s = sag.get(sleutelVan([v.crebo, leerweg, code])) ?? { crebo: v.crebo, leerweg, signaalcode: code, inschrijvingssignalenEenOktober: 0, inschrijvingssignalenEenFebruari: 0, diplomasignalen: 0 };
      s[veld] += 1;
      sag.set(sleutelVan([v.crebo, leerweg, code]), s);
      const i = sin.get(sleutelVan([v.persoonsnummer, v.inschrijvingId, code])) ?? { persoonsnummer: v.persoonsnummer, inschrijvingId: v.inschrijvingId, crebo: v.crebo, signaalcode: code, eenOktober: false, eenFebruari: false, diploma: false };
      if (veld === 'inschrijvingssignalenEenOktober') i.eenOktober = true;
      else if (veld === 'inschrijvingssignalenEenFebruari') i.eenFebruari = true;
      else i.diploma = true;
      sin.set(sleutelVan([v.persoonsnummer, v.inschrijvingId, code]), i);
    };
    for (const s of v.signalen) signaal(s.code, s.teldatum === 'EEN_OKTOBER' ? 'inschrijvingssignalenEenOktober' : 'inschrijvingssignalenEenFebruari');
    for (const d of v.diplomas) for (const s of d.signalen) signaal(s.code, 'diplomasignalen');
  }
  return {
    bek: [...bek.values()].sort((a, c) => vergelijk(a.crebo, c.crebo) || vergelijk(a.leerweg, c.leerweg) || getal(a.niveau) - getal(c.niveau) || getal(a.verblijfsjaar) - getal(c.verblijfsjaar)),
    sag: [...sag.values()].sort((a, c) => vergelijk(a.crebo, c.crebo) || vergelijk(a.leerweg, c.leerweg) || vergelijk(a.signaalcode, c.signaalcode)),
    sin: [...sin.values()].sort((a, c) => vergelijk(a.persoonsnummer, c.persoonsnummer) || vergelijk(a.inschrijvingId, c.inschrijvingId) || vergelijk(a.signaalcode, c.signaalcode)),
  };
}

/** Which line a TMO line is (not what it counts), per soort: the verschillenlijst pairs lines by it. */
export const TMO_SLEUTEL = {
  bek: (r: BekRegel): string => sleutelVan([r.crebo, r.leerweg, r.niveau, r.verblijfsjaar]),
  sag: (r: SagRegel): string => sleutelVan([r.crebo, r.leerweg, r.signaalcode]),
  sin: (r: SinRegel): string => sleutelVan([r.persoonsnummer, r.inschrijvingId, r.signaalcode]),
} as const;
