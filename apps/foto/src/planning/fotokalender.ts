import { STANDAARD_FOTOKALENDER, type FotoKalender, type GeplandeFotoSoort, type KalenderDag } from '@bron/domein';

/** The planner's settings, from the environment (docs/foto.md, "Scheduled moments"). */
export interface FotoPlanning {
  readonly kalender: FotoKalender;
  /** How often the planner looks for moments that passed. */
  readonly intervalMs: number;
}

const DAG = /^(\d{2})-(\d{2})(?:T(\d{2}:\d{2}:\d{2})Z?)?$/;

function kalenderDag(soort: string, tekst: unknown): KalenderDag {
  const m = typeof tekst === 'string' ? DAG.exec(tekst) : null;
  if (!m) throw new Error(`BRON_FOTOKALENDER: ${soort} moet "MM-DD" of "MM-DDTHH:MM:SSZ" (UTC) zijn, niet ${JSON.stringify(tekst)}`);
  return { maand: Number(m[1]), dag: Number(m[2]), ...(m[3] ? { tijd: m[3] } : {}) };
}

/**
 * `BRON_FOTOKALENDER`: a JSON object with a day per scheduled soort, e.g.
 * `{"VOORLOPIG_1":"11-01","INTEGRAAL":"01-15","VOORLOPIG_2":"03-15","DEFINITIEF":"07-02"}`; a soort
 * left out keeps its default day. `BRON_FOTO_PLANNING_MS`: the interval (default 60 s).
 */
export function leesFotoPlanning(env: NodeJS.ProcessEnv): FotoPlanning {
  const kalender: Record<GeplandeFotoSoort, KalenderDag> = { ...STANDAARD_FOTOKALENDER };
  if (env.BRON_FOTOKALENDER) {
    let gegeven: unknown;
    try {
      gegeven = JSON.parse(env.BRON_FOTOKALENDER);
    } catch {
      throw new Error('BRON_FOTOKALENDER is geen JSON');
    }
    if (typeof gegeven !== 'object' || gegeven === null || Array.isArray(gegeven)) throw new Error('BRON_FOTOKALENDER moet een JSON-object zijn');
    for (const [soort, dag] of Object.entries(gegeven)) {
      if (!(soort in STANDAARD_FOTOKALENDER)) throw new Error(`BRON_FOTOKALENDER: onbekende soort ${soort} (${Object.keys(STANDAARD_FOTOKALENDER).join(', ')})`);
      kalender[soort as GeplandeFotoSoort] = kalenderDag(soort, dag);
    }
  }
  const intervalMs = Number(env.BRON_FOTO_PLANNING_MS ?? 60_000);
  if (!Number.isInteger(intervalMs) || intervalMs < 100) throw new Error(`BRON_FOTO_PLANNING_MS moet een geheel aantal ms >= 100 zijn, niet '${env.BRON_FOTO_PLANNING_MS}'`);
  return { kalender, intervalMs };
}
