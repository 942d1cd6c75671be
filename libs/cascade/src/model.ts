import type { IsoDatum } from './datum';
import type { Leerweg } from './referentie/kwalificaties';
import type { RedenCode } from './regels/redenen';
import type { RegimeId } from './regels/regelset';

/** Intensiteit (fact 27): voltijd, deeltijd, examendeelnemer. */
export type Intensiteit = 'VT' | 'DT' | 'EX';

/**
 * Vooropleiding codes (fact 43 categories, BRON hoogste vooropleiding). Ranked for "hoogste"
 * in `vooropleiding.ts`. `HAVO`/`VWO` with `diploma: false` is the overgangsbewijs havo/vwo 3-4
 * (WEB 8.2.1, fact 42).
 */
export const VOOROPLEIDING_SOORTEN = [
  'PRO',
  'VMBO_BB',
  'VMBO_KB',
  'VMBO_GL',
  'VMBO_TL',
  'HAVO',
  'VWO',
  'MBO_1',
  'MBO_2',
  'MBO_3',
  'MBO_4',
  'OVERIG',
] as const;
export type VooropleidingSoort = (typeof VOOROPLEIDING_SOORTEN)[number];

export interface Verblijfsperiode {
  readonly vanaf: IsoDatum;
  /** First day no longer covered (exclusive, as BRON VBT end dates, fact 29); null = open. */
  readonly tot: IsoDatum | null;
  readonly rechtmatig: boolean;
}

export interface Persoon {
  readonly persoonsnummer: string;
  readonly geboortedatum: IsoDatum;
  /** ISO 3166-1 alpha-2, e.g. "NL". */
  readonly nationaliteit?: string;
  readonly verblijfsstatus?: readonly Verblijfsperiode[];
}

export interface Vooropleiding {
  readonly soort: VooropleidingSoort;
  readonly diploma: boolean;
  readonly datum?: IsoDatum;
}

export interface Bpv {
  /** Date the BPV-overeenkomst (WEB 7.2.8 lid 2) was concluded. */
  readonly afgesloten: IsoDatum;
  readonly begin: IsoDatum;
  /** Last day, inclusive; null/absent = open. */
  readonly einde?: IsoDatum | null;
  readonly leerbedrijf?: string;
}

export interface Inschrijving {
  readonly id: string;
  readonly instelling: string;
  readonly crebo: string;
  readonly leerweg: Leerweg;
  readonly intensiteit: Intensiteit;
  readonly begin: IsoDatum;
  /** Last day enrolled, inclusive; null/absent = still enrolled. */
  readonly einde?: IsoDatum | null;
  readonly bpv?: readonly Bpv[];
}

export interface Diploma {
  readonly instelling: string;
  readonly crebo: string;
  readonly datum: IsoDatum;
}

/** One student's whole mbo history across all instellingen, plus the bekostigingsjaar asked for. */
export interface BerekeningInvoer {
  readonly bekostigingsjaar: number;
  readonly persoon: Persoon;
  readonly vooropleidingen?: readonly Vooropleiding[];
  readonly inschrijvingen: readonly Inschrijving[];
  readonly diplomas: readonly Diploma[];
}

/** A reason: stable code plus the rule it applies (text in `REDENEN`). */
export interface Reden {
  readonly code: RedenCode;
  readonly regel: string;
}

export interface InschrijvingUitkomst {
  readonly id: string;
  readonly instelling: string;
  readonly crebo: string;
  readonly bekostigd: boolean;
  /** Position in its own counter (entree or niveau 2-4) on the teldatum; 0 if the crebo is unknown. */
  readonly verblijfsjaar: number;
  readonly verblijfsjaarfactor: number;
  readonly leerwegfactor: number;
  readonly prijsfactor: number;
  /** leerwegfactor x prijsfactor x verblijfsjaarfactor when bekostigd, else 0 (4 decimals). */
  readonly bijdrage: number;
  readonly redenen: readonly Reden[];
}

export interface DiplomaUitkomst {
  readonly instelling: string;
  readonly crebo: string;
  readonly datum: IsoDatum;
  /** 0 when the crebo is unknown. */
  readonly niveau: number;
  readonly bekostigd: boolean;
  readonly diplomawaarde: number;
  readonly redenen: readonly Reden[];
}

/**
 * One inschrijving on the teldatum, as `Berekening.basisset` lists it: its own part of the
 * basisset (D3) for that bekostigingsjaar. `basissetsVanDossier` puts it into a `Basisset`.
 */
export interface BasissetInschrijving {
  readonly id: string;
  readonly instelling: string;
  readonly crebo: string;
  readonly niveau: number;
  readonly prijsfactor: number;
  /** Value a diploma of this opleiding would earn given the earlier bekostigde diploma's (fact 17). */
  readonly diplomawaarde: number;
  readonly verblijfsjaar: number;
  readonly verblijfsjaarfactor: number;
  readonly leerwegfactor: number;
  readonly bekostigd: boolean;
  readonly redenen: readonly Reden[];
  readonly bijdrage: number;
}

export interface BekostigdDiploma {
  readonly crebo: string;
  readonly niveau: number;
  readonly datum: IsoDatum;
  readonly diplomawaarde: number;
}

export type Vooropleidingsbewijs = 'DIPLOMA' | 'OVERGANGSBEWIJS_HAVO_VWO_3_4' | 'GEEN_DIPLOMA' | 'ONBEKEND';

/**
 * The basisset (D3) of one student for one bekostigingsjaar, as the engine computes it: the
 * student-wide fields once, and each inschrijving on the teldatum with its own part. It is part of
 * `Berekening` (the output of `bron bereken`); what the platform keeps and publishes per
 * inschrijving is `Basisset`.
 */
export interface Jaarbasisset {
  readonly persoonsnummer: string;
  readonly teldatum: IsoDatum;
  /** Code of the highest vooropleiding, 'ONBEKEND' when none is registered. */
  readonly hoogsteVooropleiding: string;
  readonly hoogsteVooropleidingBewijs: Vooropleidingsbewijs;
  /** Verblijfsjaren in the entree counter on the teldatum (after any restart). */
  readonly verblijfsjarenEntree: number;
  /** Verblijfsjaren in the niveau 2-4 counter on the teldatum (after any restart). */
  readonly verblijfsjarenNiveau2tot4: number;
  /** Bekostigde diploma's up to 31 December T-2. */
  readonly bekostigdeDiplomas: readonly BekostigdDiploma[];
  readonly inschrijvingen: readonly BasissetInschrijving[];
}

/** D3: the highest vooropleiding, and whether it is an overgangsbewijs havo/vwo 3-4 (else a diploma). */
export interface HoogsteVooropleiding {
  readonly code: string;
  readonly overgangsbewijs: boolean;
}

/**
 * D3: the basisset of one inschrijving of one student, on the teldatum it counts on (see
 * `teldatumVoorInschrijving`): the student-wide part plus this inschrijving's own funding. The one
 * basisset type of the platform: `basissetsVanDossier` computes it, the bekostiging decider keeps
 * and compares it, and the adapters map it to the BasissetBerekend contract. Flat, so that a
 * change can be named per field (D8).
 */
export interface Basisset {
  readonly persoonsnummer: string;
  readonly instelling: string;
  readonly inschrijvingId: string;
  readonly crebo: string;
  readonly leerweg: Leerweg;
  /** Null when the crebo is not in the kwalificaties table. */
  readonly niveau: number | null;
  readonly bekostigingsjaar: number;
  readonly teldatum: IsoDatum;
  readonly regime: RegimeId;
  /** The teldatum lies after the peildatum: a prognose, not yet the count of that bekostigingsjaar (D2). */
  readonly prognose: boolean;
  /** False once the inschrijving is removed: it is then no longer in the cascade, so not bekostigd. */
  readonly actief: boolean;
  readonly bekostigd: boolean;
  readonly redenen: readonly Reden[];
  /** Null when no vooropleiding is registered. */
  readonly hoogsteVooropleiding: HoogsteVooropleiding | null;
  readonly verblijfsjarenEntree: number;
  readonly verblijfsjarenNiveau2tot4: number;
  readonly bekostigdeDiplomas: readonly BekostigdDiploma[];
  /** This inschrijving's verblijfsjaar in its own counter; null when it is not on a teldatum. */
  readonly verblijfsjaar: number | null;
  readonly verblijfsjaarfactor: number;
  readonly leerwegfactor: number;
  readonly prijsfactor: number | null;
  /** What a diploma of this opleiding would earn given the earlier bekostigde diploma's (B12). */
  readonly diplomawaardeOpleiding: number | null;
  readonly bijdrage: number;
  /** Lawful residence at the start of the inschrijving; null when the BRP told us nothing yet. */
  readonly verblijfsstatusRechtmatig: boolean | null;

  // What a BRON-foto holds of the inschrijving besides its funding (docs/foto.md).
  /** Null only in a basisset published by a build from before this field. */
  readonly intensiteit: Intensiteit | null;
  /** The inschrijving's begin; null only in a basisset published by a build from before this field. */
  readonly datumInschrijving: IsoDatum | null;
  /** The werkelijke datum uitschrijving (last day, inclusive); null while enrolled. */
  readonly datumUitschrijving: IsoDatum | null;
  /** Age in whole years on 1 August of the teldatum's studiejaar; null when the geboortedatum is unknown. */
  readonly leeftijdOpEenAugustus: number | null;
  /**
   * Still enrolled on 1 February after the teldatum, the second count that feeds the
   * correctiefactor (UWEB 2.2.2 lid 4, 2.2.3 lid 5); false when the inschrijving is on no teldatum.
   */
  readonly inschrijvingVoorCorrectiefactor: boolean;
  /** As the BRP gives them; null when it told us nothing yet. */
  readonly officieleVoornamen: string | null;
  /** BBL: the leerbedrijf of the BPV running on the teldatum, else of the last one begun before it; null for BOL or when none. */
  readonly codeLeerbedrijf: string | null;
  /** The inschrijving's BPV's, by begin, then bpvId. */
  readonly bpv: readonly BasissetBpv[];
  /** The diploma's behaald on this inschrijving, by datum, then diplomaId, each with its own bekostiging. */
  readonly diplomas: readonly BasissetDiploma[];
}

/** One BPV of the inschrijving, as the basisset carries it. */
export interface BasissetBpv {
  /** The instelling's own id of the BPV. */
  readonly bpvId: string;
  readonly afgesloten: IsoDatum;
  readonly begin: IsoDatum;
  /** Last day, inclusive; null = open. */
  readonly einde: IsoDatum | null;
  readonly leerbedrijf: string | null;
}

/**
 * A diploma behaald on the inschrijving (same instelling and crebo, on or after its begin), with
 * the bekostiging of the bekostigingsjaar it counts in (its calendar year + 2, D2).
 */
export interface BasissetDiploma {
  /** The instelling's own id of the diploma. */
  readonly diplomaId: string;
  readonly crebo: string;
  readonly datum: IsoDatum;
  /** Null when the crebo is not in the kwalificaties table. */
  readonly niveau: number | null;
  readonly bekostigd: boolean;
  readonly diplomawaarde: number;
  readonly redenen: readonly Reden[];
}

export interface Berekening {
  readonly bekostigingsjaar: number;
  readonly regime: RegimeId;
  readonly teldatum: IsoDatum;
  /** Every inschrijving running on the teldatum. */
  readonly inschrijvingen: readonly InschrijvingUitkomst[];
  /** Every diploma of calendar year T-2. */
  readonly diplomas: readonly DiplomaUitkomst[];
  readonly basisset: Jaarbasisset;
}
