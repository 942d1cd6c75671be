/**
 * Calendar dates as ISO strings `YYYY-MM-DD`. They compare lexicographically, so the rules never
 * build `Date` objects (no time zones, no clock, cheap in the hot loop).
 */
export type IsoDatum = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function isSchrikkeljaar(jaar: number): boolean {
  return (jaar % 4 === 0 && jaar % 100 !== 0) || jaar % 400 === 0;
}

const DAGEN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a real calendar date written `YYYY-MM-DD` (year 1900-2199). */
export function isGeldigeDatum(waarde: unknown): waarde is IsoDatum {
  if (typeof waarde !== 'string') return false;
  const m = ISO.exec(waarde);
  if (!m) return false;
  const jaar = Number(m[1]);
  const maand = Number(m[2]);
  const dag = Number(m[3]);
  if (jaar < 1900 || jaar > 2199 || maand < 1 || maand > 12 || dag < 1) return false;
  const max = maand === 2 && isSchrikkeljaar(jaar) ? 29 : DAGEN[maand - 1];
  return dag <= max;
}

/** The calendar year of an ISO date. */
export function jaarVan(datum: IsoDatum): number {
  return Number(datum.slice(0, 4));
}

/** 1 October of `jaar` (the eerste teldatum, Regeling gegevensverstrekking BVE 2009 art. 1; fact 9). */
export function eenOktober(jaar: number): IsoDatum {
  return `${jaar}-10-01`;
}

/**
 * Teldatum of a bekostigingsjaar: 1 October T-2 (UWEB 2.2.2 lid 2, 2.2.3 lid 2; docs/domein.md fact 7, D2).
 */
export function teldatumVoor(bekostigingsjaar: number): IsoDatum {
  return eenOktober(bekostigingsjaar - 2);
}

/**
 * The bekostigingsjaar that a peildatum's studiejaar feeds (D2): the studiejaar runs 1 August -
 * 31 July; its 1 October lies in the year it starts, and bekostigingsjaar = that year + 2.
 * E.g. 2016-03-15 lies in studiejaar 2015/16 -> teldatum 2015-10-01 -> bekostigingsjaar 2017.
 */
export function bekostigingsjaarVoorPeildatum(datum: IsoDatum): number {
  const jaar = jaarVan(datum);
  const maand = Number(datum.slice(5, 7));
  const startjaar = maand >= 8 ? jaar : jaar - 1;
  return startjaar + 2;
}

/**
 * The date of the `jaren`-th birthday. A 29 February birthday in a non-leap year yields the
 * string `YYYY-02-29`, which sorts between 28 February and 1 March: a person born on 29 February
 * reaches the age on 1 March, which is what a string comparison against it gives.
 */
export function verjaardag(geboortedatum: IsoDatum, jaren: number): IsoDatum {
  return `${jaarVan(geboortedatum) + jaren}${geboortedatum.slice(4)}`;
}

/** Whether a period `[begin, einde]` (einde inclusive, null = open) includes `datum`. */
export function loopt(begin: IsoDatum, einde: IsoDatum | null | undefined, datum: IsoDatum): boolean {
  return begin <= datum && (einde == null || einde >= datum);
}
