import type { Tellerregels } from '../regels/regelset';

/** The two verblijfsjaar counters (I-2): entree, and basis/vak/middenkader/specialist. */
export type Teller = 'entree' | 'niveau2tot4';

/**
 * State of one counter while walking the 1 October teldata in ascending years. Mutable, but only
 * ever local to one calculation.
 */
export interface Tellerstand {
  /** Verblijfsjaren counted since the last (re)start. */
  aantal: number;
  /** Consecutive calendar years, up to now, without a 1 October enrolment in this counter. */
  afwezig: number;
  /** Whether the current run began with a restart after an absence (VJ_HERSTART). */
  herstart: boolean;
}

export function nieuweStand(): Tellerstand {
  return { aantal: 0, afwezig: 0, herstart: false };
}

/**
 * Whether an enrolment this year starts the counter afresh: there were earlier years, and the
 * student was absent for at least `drempel` consecutive years just before (UWEB 2.2.2 lid 3 /
 * 2.2.3 lid 3, last sentence). `afwezig` is the counter's own absence or the mbo-wide one,
 * depending on the rule set's `afwezigheid` switch.
 */
export function isHerstart(stand: Tellerstand, afwezig: number, drempel: number): boolean {
  return stand.aantal > 0 && afwezig >= drempel;
}

/** The verblijfsjaar this year would be if the student counts in this counter. */
export function positieAlsAanwezig(stand: Tellerstand, afwezig: number, drempel: number): number {
  return isHerstart(stand, afwezig, drempel) ? 1 : stand.aantal + 1;
}

/** Advance the counter by one calendar year. */
export function registreer(stand: Tellerstand, aanwezig: boolean, afwezig: number, drempel: number): void {
  if (aanwezig) {
    if (isHerstart(stand, afwezig, drempel)) {
      stand.aantal = 0;
      stand.herstart = true;
    }
    stand.aantal++;
    stand.afwezig = 0;
  } else {
    stand.afwezig++;
  }
}

/** Verblijfsjaren that count now: 0 once the absence has reached the restart threshold. */
export function effectiefAantal(stand: Tellerstand, afwezig: number, drempel: number): number {
  return afwezig >= drempel ? 0 : stand.aantal;
}

/** Vf for verblijfsjaar `jaar` (1-based) from the counter's table (UWEB 2.2.2 lid 3 / 2.2.3 lid 3). */
export function verblijfsjaarfactor(regels: Tellerregels, jaar: number): number {
  const lijst = regels.verblijfsjaarfactoren.waarde;
  if (jaar < 1) return 0;
  return jaar <= lijst.length ? lijst[jaar - 1] : regels.factorDaarna.waarde;
}
