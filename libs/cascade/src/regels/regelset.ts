import { cascade2015 } from './cascade2015';
import { post2018 } from './post2018';

/** A rule value with its legal source (article/lid, or a fact/decision of docs/domein.md). */
export interface Waarde<T> {
  readonly waarde: T;
  readonly bron: string;
}

export type RegimeId = 'cascade2015' | 'post2018';

/** Rules of one verblijfsjaar counter (entree, or basis/vak/middenkader/specialist). */
export interface Tellerregels {
  /** Vf for verblijfsjaar 1, 2, ... */
  readonly verblijfsjaarfactoren: Waarde<readonly number[]>;
  /** Vf for the years after the list. */
  readonly factorDaarna: Waarde<number>;
  /** The counter restarts at 1 after this many consecutive calendar years without a 1 Oct enrolment. */
  readonly herstartNaAfwezigeJaren: Waarde<number>;
  readonly bolFactor: Waarde<number>;
  readonly bblFactor: Waarde<number>;
  /** Whether the BPV must actually run on 31 December (niveau 2-4) or only be concluded (entree). */
  readonly bpvMoetLopenOp31December: Waarde<boolean>;
  /** Whether VWS qualifications may start the practice up to 1 June of the next year. */
  readonly zorgUitzondering: Waarde<boolean>;
}

export interface Regelset {
  readonly id: RegimeId;
  readonly omschrijving: string;
  /** Inclusive range of bekostigingsjaren; `tot` null = open-ended. */
  readonly bekostigingsjaren: Waarde<{ readonly van: number; readonly tot: number | null }>;
  readonly verblijfsjaren: {
    /** false: Vf = 1 for everyone (no cascade). The counters are still reported. */
    readonly toepassen: Waarde<boolean>;
    /** D4: count every enrolment on 1 October, or only bekostigde ones (I-1 switch). */
    readonly telling: Waarde<'alle_inschrijvingen' | 'bekostigde_inschrijvingen'>;
    /** Absence that restarts a counter: absent in that counter's programmes, or absent from the mbo. */
    readonly afwezigheid: Waarde<'in_teller' | 'in_mbo'>;
  };
  readonly entree: Tellerregels;
  readonly niveau2tot4: Tellerregels;
  readonly bpv: {
    /** MM-DD in the teldatum's year by which the BPV-overeenkomst is concluded (and running). */
    readonly uiterlijk: Waarde<string>;
    /** MM-DD in the next year by which a VWS qualification's practice has begun. */
    readonly zorgUiterlijkVolgendJaar: Waarde<string>;
  };
  readonly diploma: {
    /** DiW by niveau of basis (2), vak (3), middenkader (4). */
    readonly waarden: Waarde<{ readonly 2: number; readonly 3: number; readonly 4: number }>;
    /** DS for a first specialist diploma. */
    readonly specialist: Waarde<number>;
    /** Earlier diploma's are disregarded after this many consecutive years without a 1 Oct enrolment. */
    readonly onderbrekingJaren: Waarde<number>;
  };
  /** Which of several enrolments on the same teldatum is bekostigd (WEB 2.2.2 lid 3; I-3). */
  readonly meerdereInschrijvingen: Waarde<'hoogste_bijdrage' | 'vroegste_begin'>;
  readonly koppelingswet: {
    readonly meerderjarigVanaf: Waarde<number>;
    readonly nederlands: Waarde<readonly string[]>;
  };
  /** Decimals of every factor and bijdrage in the output. */
  readonly decimalen: Waarde<number>;
}

export const REGELSETS: readonly Regelset[] = [cascade2015, post2018];

/** The rule set for a bekostigingsjaar (D1), or undefined when none applies (before 2015). */
export function zoekRegelset(bekostigingsjaar: number): Regelset | undefined {
  return REGELSETS.find((r) => {
    const { van, tot } = r.bekostigingsjaren.waarde;
    return bekostigingsjaar >= van && (tot === null || bekostigingsjaar <= tot);
  });
}

/** The rule set for a bekostigingsjaar (D1). Throws for a year without one (pre-2015). */
export function regelsetVoor(bekostigingsjaar: number): Regelset {
  const r = zoekRegelset(bekostigingsjaar);
  if (!r) throw new RangeError(`geen regelset voor bekostigingsjaar ${bekostigingsjaar}`);
  return r;
}

/** The first bekostigingsjaar for which a rule set exists. */
export const EERSTE_BEKOSTIGINGSJAAR = Math.min(...REGELSETS.map((r) => r.bekostigingsjaren.waarde.van));
