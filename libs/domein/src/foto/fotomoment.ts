/** D5 / fact 38: the status code of a foto by its moment; a foto on request has its own, `O` (docs/foto.md). */
export const FOTO_STATUS = { VOORLOPIG_1: '1', INTEGRAAL: '2', VOORLOPIG_2: 'V', DEFINITIEF: 'D', OP_VERZOEK: 'O' } as const;

/** The soort of a foto: the four moments of D5, and a foto on request. */
export type FotoSoort = keyof typeof FOTO_STATUS;
export type GeplandeFotoSoort = Exclude<FotoSoort, 'OP_VERZOEK'>;

/** The moment a foto is of (D5): which instelling, which studiejaar (its peildatum), which soort, and what was known when. */
export interface FotoMoment {
  readonly instelling: string;
  /** 1 October of the studiejaar, JJJJ-10-01. */
  readonly peildatum: string;
  readonly soort: FotoSoort;
  /** The moment M: the foto shows what was known at M (ISO timestamp). */
  readonly bekendOp: string;
}

/** A day in the year of a scheduled foto; months August-December fall in the peildatum's year, January-July in the next. */
export interface KalenderDag {
  readonly maand: number;
  readonly dag: number;
  /** The time of day (UTC, HH:MM:SS); 00:00:00 when absent. */
  readonly tijd?: string;
}

export type FotoKalender = Readonly<Record<GeplandeFotoSoort, KalenderDag>>;

/**
 * The default calendar (D5; no source lists the dates, I-5): voorlopig in November after the
 * volledigheidsverklaring of 15 October, integraal in January, the 2e voorlopige in March, and
 * definitief in July after the accountant deadline of 1 July (UWEB 2.2.5). Configuration: the
 * service may pass another.
 */
export const STANDAARD_FOTOKALENDER: FotoKalender = {
  VOORLOPIG_1: { maand: 11, dag: 1 },
  INTEGRAAL: { maand: 1, dag: 15 },
  VOORLOPIG_2: { maand: 3, dag: 15 },
  DEFINITIEF: { maand: 7, dag: 2 },
};

export interface GeplandMoment {
  readonly soort: GeplandeFotoSoort;
  readonly status: string;
  readonly peildatum: string;
  /** The calendar day at its time (UTC; 00:00 when the calendar gives none). */
  readonly bekendOp: string;
}

const twee = (n: number): string => String(n).padStart(2, '0');

/** The peildatum of a studiejaar that starts in `studiejaar` (2016 -> 2016-10-01). */
export const peildatumVan = (studiejaar: number): string => `${studiejaar}-10-01`;

/** The scheduled moments of one studiejaar, in time order, so the service can make each one once. */
export function geplandeMomenten(kalender: FotoKalender, studiejaar: number): GeplandMoment[] {
  return (Object.keys(kalender) as GeplandeFotoSoort[])
    .map((soort) => {
      const { maand, dag, tijd = '00:00:00' } = kalender[soort];
      if (!Number.isInteger(maand) || maand < 1 || maand > 12 || !Number.isInteger(dag) || dag < 1 || dag > 31) throw new Error(`ongeldige kalenderdag voor ${soort}: ${maand}-${dag}`);
      if (!/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(tijd)) throw new Error(`ongeldige tijd voor ${soort}: ${tijd}`);
      const jaar = maand >= 8 ? studiejaar : studiejaar + 1;
      return { soort, status: FOTO_STATUS[soort], peildatum: peildatumVan(studiejaar), bekendOp: `${jaar}-${twee(maand)}-${twee(dag)}T${tijd}.000Z` };
    })
    .sort((a, b) => (a.bekendOp < b.bekendOp ? -1 : a.bekendOp > b.bekendOp ? 1 : 0));
}

/**
 * The id of the foto of a moment: the same moment is the same foto, so making it again (after a
 * restart, or by a second instance) finds the one already made.
 */
export const fotoIdVan = (m: FotoMoment): string => `foto:${m.instelling}:${m.peildatum}:${m.soort}:${m.bekendOp}`;
