/**
 * Toelating to niveau 4 (WEB 8.2.1; docs/domein.md fact 42): a vmbo kader/gemengd/theoretisch diploma,
 * an overgangsbewijs havo/vwo 3-4 (or a havo/vwo diploma), or an mbo diploma of niveau 2 or higher.
 * Vooropleiding codes as in the cascade (VMBO_KB, HAVO with diploma false = overgangsbewijs, ...).
 */
const GEEFT_TOEGANG_MET_DIPLOMA = new Set(['VMBO_KB', 'VMBO_GL', 'VMBO_TL', 'HAVO', 'VWO', 'MBO_2', 'MBO_3', 'MBO_4']);

export function heeftToegangTotNiveau4(vooropleidingen: readonly { soort: string; diploma: boolean }[], mboDiplomaNiveaus: readonly number[]): boolean {
  if (mboDiplomaNiveaus.some((n) => n >= 2)) return true;
  return vooropleidingen.some((v) => (v.diploma ? GEEFT_TOEGANG_MET_DIPLOMA.has(v.soort) : v.soort === 'HAVO' || v.soort === 'VWO'));
}
