import type { Vooropleiding, Vooropleidingsbewijs, VooropleidingSoort } from '../model';

/**
 * Rank of a vooropleiding with a diploma, ordered by the mbo level it gives access to (fact 43,
 * Inspectie "passend diploma" table) and, within a level, by the usual order of schooling.
 * The overgangsbewijs havo/vwo 3-4 (WEB 8.2.1, fact 42) ranks with the niveau 4 entry titles,
 * below an mbo-3 diploma. The exact BRON code list was not found (docs/domein.md, Open punten): README B9.
 */
const RANG: Record<VooropleidingSoort, number> = {
  OVERIG: 1,
  PRO: 2,
  VMBO_BB: 3,
  MBO_1: 4,
  VMBO_KB: 5,
  MBO_2: 6,
  VMBO_GL: 7,
  VMBO_TL: 8,
  HAVO: 11,
  MBO_3: 10,
  MBO_4: 12,
  VWO: 13,
};
const RANG_OVERGANGSBEWIJS = 9;

function rang(v: Vooropleiding): number {
  if (v.diploma) return RANG[v.soort];
  if (v.soort === 'HAVO' || v.soort === 'VWO') return RANG_OVERGANGSBEWIJS + RANG[v.soort] / 100;
  // Without a diploma: below every diploma, ordered among themselves.
  return RANG[v.soort] / 100;
}

/** D3: the highest vooropleiding, and whether it is a diploma or an overgangsbewijs havo/vwo 3-4. */
export function hoogsteVooropleiding(lijst: readonly Vooropleiding[] | undefined): {
  code: string;
  bewijs: Vooropleidingsbewijs;
} {
  let beste: Vooropleiding | undefined;
  let besteRang = -1;
  for (const v of lijst ?? []) {
    const r = rang(v);
    if (r > besteRang) {
      beste = v;
      besteRang = r;
    }
  }
  if (!beste) return { code: 'ONBEKEND', bewijs: 'ONBEKEND' };
  if (beste.diploma) return { code: beste.soort, bewijs: 'DIPLOMA' };
  if (beste.soort === 'HAVO' || beste.soort === 'VWO') return { code: beste.soort, bewijs: 'OVERGANGSBEWIJS_HAVO_VWO_3_4' };
  return { code: beste.soort, bewijs: 'GEEN_DIPLOMA' };
}
