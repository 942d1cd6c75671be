/**
 * The versioned projection a BRON-foto is made from (D5, docs/foto.md): every version of the
 * basisset of an inschrijving is kept, with the teldatum it is about and the moment it became
 * known. The foto of a moment M is, per inschrijving, the last version known at M.
 *
 * These are the foto's own types: the domain library does not depend on the cascade or on the
 * contracts; the foto service maps the BasissetBerekend contract onto them.
 */

/** A reason for a bekostigingsstatus: stable code, its text and the rule it applies. */
export interface FotoReden {
  readonly code: string;
  readonly tekst: string;
  readonly regel: string;
}

/** A named parameter of a signaal (fact 33: Parameternaam AN1..50, Parameterwaarde AN1..80). */
export interface SignaalParameter {
  readonly naam: string;
  readonly waarde: string;
}

/** Which count a signaal of an inschrijving is about: the 1 October teldatum or the 1 February one (fact 39, SAG/SIN). */
export type SignaalTeldatum = 'EEN_OKTOBER' | 'EEN_FEBRUARI';

/** A signaal (D6, fact 33): a funding consequence a beslisboom check flags. */
export interface FotoSignaal {
  /** Signaalvolgnummer within its inschrijving or diploma. */
  readonly volgnummer: number;
  readonly code: string;
  readonly omschrijving: string;
  readonly parameters: readonly SignaalParameter[];
}

export interface InschrijvingSignaal extends FotoSignaal {
  readonly teldatum: SignaalTeldatum;
}

export interface FotoVooropleiding {
  readonly code: string;
  /** true: overgangsbewijs havo/vwo 3-4 (WEB 8.2.1, fact 42); false: a behaald diploma. */
  readonly overgangsbewijs: boolean;
}

export interface FotoBekostigdDiploma {
  readonly crebo: string;
  readonly niveau: number;
  readonly datum: string;
  readonly diplomawaarde: number;
  /** Null when unknown. */
  readonly specialist: boolean | null;
}

/** A BPV that counts for the bekostiging (BBL only, fact 31): the TBG-i `BekostigingsrelevanteBPV`. */
export interface FotoBpv {
  readonly volgnummer: number;
  readonly afsluitdatum: string;
  readonly datumBegin: string;
  readonly datumEindGepland: string | null;
  readonly datumEindWerkelijk: string | null;
  readonly crebo: string;
  readonly codeLeerbedrijf: string | null;
}

/** A diploma behaald on this inschrijving, as TBG-i's `Diploma` (fact 32). */
export interface FotoDiploma {
  readonly resultaatvolgnummer: number;
  readonly crebo: string;
  readonly datumBehaald: string;
  readonly niveau: number | null;
  readonly specialist: boolean;
  readonly bekostigd: boolean;
  /** BijdrageDiplomawaarde: 0 when not bekostigd. */
  readonly diplomawaarde: number;
  readonly signalen: readonly FotoSignaal[];
}

/** The basisset (D3) of the inschrijving on its teldatum, with its bekostigingsstatus and funding factors. */
export interface FotoBasisset {
  readonly bekostigingsjaar: number;
  /** The teldatum lay after the peildatum of the computation: a prognose (D2). */
  readonly prognose: boolean;
  /** Null when no vooropleiding is registered. */
  readonly hoogsteVooropleiding: FotoVooropleiding | null;
  readonly verblijfsjarenEntree: number;
  readonly verblijfsjarenNiveau2tot4: number;
  readonly bekostigdeDiplomas: readonly FotoBekostigdDiploma[];
  /** AantalBekostigdeVerblijfsjarenMBO of this inschrijving, in its own counter; null when not on a teldatum. */
  readonly verblijfsjaar: number | null;
  readonly prijsfactor: number | null;
  /** What a diploma of this opleiding would earn given the earlier bekostigde diploma's. */
  readonly diplomawaardeOpleiding: number | null;
  readonly bekostigd: boolean;
  readonly redenen: readonly FotoReden[];
  /** BBLBOLFactor. */
  readonly leerwegfactor: number;
  readonly verblijfsjaarfactor: number;
  /** BijdrageInschrijvingAanDeelnemerswaarde. */
  readonly bijdrage: number;
}

/**
 * One version of the basisset of one inschrijving on one teldatum, as the foto service keeps it.
 * `bekendSinds` is the moment the platform knew it (ISO timestamp); `actief: false` means the
 * inschrijving was removed by this version, so foto's from then on leave it out.
 */
export interface Basissetversie {
  readonly persoonsnummer: string;
  readonly persoonsnummerSoort: 'BSN' | 'ONDERWIJSNUMMER';
  readonly instelling: string;
  /** The instelling's Inschrijvingvolgnummer. */
  readonly inschrijvingId: string;
  /** Increases with every recomputation of this inschrijving's basisset. */
  readonly versie: number;
  /** 1 October of the studiejaar this version is about, JJJJ-MM-DD. */
  readonly teldatum: string;
  readonly bekendSinds: string;
  readonly actief: boolean;

  readonly crebo: string;
  /** BOL or BBL (and CBL/COL of the combined-leerweg experiment). */
  readonly leerweg: string;
  /** VT, DT or EX (fact 27); null when not delivered. */
  readonly intensiteit: string | null;
  readonly niveau: number | null;
  readonly datumInschrijving: string;
  readonly datumUitschrijvingGepland: string | null;
  readonly datumUitschrijvingWerkelijk: string | null;
  readonly leeftijdOpEenAugustus: number | null;
  /** What the instelling asks: IndicatieBekostigbaar. */
  readonly indicatieBekostigbaar: boolean;
  /** Still enrolled on 1 February: counts for the correctiefactor (InschrijvingVoorCorrectiefactor). */
  readonly inschrijvingVoorCorrectiefactor: boolean;
  /** Leerroutefase of a doorlopende leerroute (VO/MBO), null otherwise. */
  readonly leerroutefase: string | null;

  readonly basisset: FotoBasisset;
  readonly signalen: readonly InschrijvingSignaal[];
  /** Lawful residence at the start of the inschrijving; null when the BRP told nothing yet. */
  readonly verblijfsstatusRechtmatig: boolean | null;
  readonly officieleVoornamen: string | null;
  /** The leerbedrijf of the BBL inschrijving on the teldatum; null for BOL. */
  readonly codeLeerbedrijf: string | null;
  readonly bpv: readonly FotoBpv[];
  readonly diplomas: readonly FotoDiploma[];
}

/** The sleutel of one inschrijving on one teldatum: its versions replace each other. */
export const versieSleutel = (v: Basissetversie): string => [v.instelling, v.persoonsnummer, v.inschrijvingId, v.teldatum].join('\u0000');

/** Code-unit order, the same in every locale (localeCompare is not). */
export const vergelijk = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Milliseconds of an ISO timestamp; refuses what is not one, rather than compare text of different shapes. */
export function tijdstip(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`geen ISO-tijdstip: ${iso}`);
  return ms;
}

/**
 * The state known at `bekendOp` for the teldatum `peildatum`: per inschrijving the version with the
 * latest `bekendSinds` not after `bekendOp` (on a tie the higher versie), removed ones left out.
 * `instelling` limits it to one instelling; without it, every instelling (for sector totals).
 */
export function standOp(versies: Iterable<Basissetversie>, peildatum: string, bekendOp: string, instelling?: string): Basissetversie[] {
  const grens = tijdstip(bekendOp);
  const laatste = new Map<string, { versie: Basissetversie; ms: number }>();
  for (const v of versies) {
    if (v.teldatum !== peildatum || (instelling !== undefined && v.instelling !== instelling)) continue;
    const ms = tijdstip(v.bekendSinds);
    if (ms > grens) continue;
    const sleutel = versieSleutel(v);
    const eerder = laatste.get(sleutel);
    if (!eerder || ms > eerder.ms || (ms === eerder.ms && v.versie > eerder.versie.versie)) laatste.set(sleutel, { versie: v, ms });
  }
  return [...laatste.values()].map((l) => l.versie).filter((v) => v.actief);
}
