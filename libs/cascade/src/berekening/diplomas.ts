import { eenOktober, jaarVan, type IsoDatum } from '../datum';
import type { Diploma } from '../model';
import type { Kwalificatie, Kwalificatietabel, Soort } from '../referentie/kwalificaties';
import type { RedenCode } from '../regels/redenen';
import type { Regelset } from '../regels/regelset';

/** Outcome for one diploma in the student's history. */
export interface Diplomabeoordeling {
  readonly diploma: Diploma;
  readonly kwal: Kwalificatie | undefined;
  readonly niveau: number;
  readonly bekostigd: boolean;
  readonly diplomawaarde: number;
  readonly redenen: readonly RedenCode[];
}

/** A bekostigd diploma as the later rules see it. */
interface Geteld {
  readonly datum: IsoDatum;
  readonly jaar: number;
  readonly niveau: number;
  readonly specialist: boolean;
  /** DiW of its own level (0 for a specialist diploma: DiE only takes basis/vak/middenkader). */
  readonly diw: number;
}

const SOORT_VOLGORDE: Record<Soort, number> = {
  entreeopleiding: 0,
  basisberoepsopleiding: 1,
  vakopleiding: 2,
  middenkaderopleiding: 3,
  specialistenopleiding: 4,
};

function vergelijk(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Years (calendar) with any inschrijving on 1 October are given by `aanwezig`. The cut-off for a
 * diploma obtained on `datum`: earlier diploma's obtained before the first missed teldatum of the
 * latest run of `n` consecutive missed teldata (all before `datum`) are disregarded (UWEB 2.2.3
 * lid 6, last sentence). Returns '' when there is no such run.
 */
export function onderbrekingsgrens(datum: IsoDatum, eersteJaar: number, aanwezig: ReadonlySet<number>, n: number): IsoDatum {
  let grens = '';
  let reeks = 0;
  for (let j = eersteJaar; eenOktober(j) < datum; j++) {
    reeks = aanwezig.has(j) ? 0 : reeks + 1;
    if (reeks >= n) grens = eenOktober(j - n + 1);
  }
  return grens;
}

/**
 * Judge every diploma up to `totEnMet` in canonical order (date; on the same date the lowest
 * first, UWEB 2.2.3 lid 6: "telt steeds het laagste diploma als het eerder behaalde diploma").
 * Earlier diploma's are judged with the same rule set (README B8).
 */
export function beoordeelDiplomas(
  diplomas: readonly Diploma[],
  totEnMet: IsoDatum,
  tabel: Kwalificatietabel,
  regels: Regelset,
  eersteJaar: number,
  aanwezig: ReadonlySet<number>,
): { beoordelingen: Diplomabeoordeling[]; geteld: Geteld[] } {
  const lijst = diplomas
    .filter((d) => d.datum <= totEnMet)
    .map((d) => ({ d, kwal: tabel.kwalificatie(d.crebo) }))
    .sort(
      (a, b) =>
        vergelijk(a.d.datum, b.d.datum) ||
        (a.kwal?.niveau ?? 0) - (b.kwal?.niveau ?? 0) ||
        (a.kwal ? SOORT_VOLGORDE[a.kwal.soort] : -1) - (b.kwal ? SOORT_VOLGORDE[b.kwal.soort] : -1) ||
        vergelijk(a.d.crebo, b.d.crebo) ||
        vergelijk(a.d.instelling, b.d.instelling),
    );
  const waarden = regels.diploma.waarden.waarde;
  const n = regels.diploma.onderbrekingJaren.waarde;
  const geteld: Geteld[] = [];
  const beoordelingen: Diplomabeoordeling[] = [];
  for (const { d, kwal } of lijst) {
    if (!kwal) {
      beoordelingen.push({ diploma: d, kwal, niveau: 0, bekostigd: false, diplomawaarde: 0, redenen: ['DIP_CREBO_ONBEKEND'] });
      continue;
    }
    const uit = (bekostigd: boolean, waarde: number, redenen: RedenCode[]): void => {
      beoordelingen.push({ diploma: d, kwal, niveau: kwal.niveau, bekostigd, diplomawaarde: waarde, redenen });
    };
    if (kwal.soort === 'entreeopleiding' || kwal.niveau === 1) {
      uit(false, 0, ['DIP_ENTREE']);
      continue;
    }
    const grens = onderbrekingsgrens(d.datum, eersteJaar, aanwezig, n);
    const eerder = grens === '' ? geteld : geteld.filter((g) => g.datum >= grens);
    const redenen: RedenCode[] = eerder.length < geteld.length ? ['DIP_ONDERBREKING'] : [];
    const jaar = jaarVan(d.datum);
    // WEB 2.2.2 lid 4: within a calendar year only the first counts, unless a later one is higher.
    if (eerder.some((g) => g.jaar === jaar && g.niveau >= kwal.niveau)) {
      uit(false, 0, [...redenen, 'DIP_NIET_EERSTE_IN_JAAR']);
      continue;
    }
    const specialist = kwal.soort === 'specialistenopleiding';
    if (specialist) {
      if (eerder.some((g) => g.specialist)) {
        uit(false, 0, [...redenen, 'DIP_SPECIALIST_EERDER']);
        continue;
      }
      const ds = regels.diploma.specialist.waarde;
      geteld.push({ datum: d.datum, jaar, niveau: kwal.niveau, specialist: true, diw: 0 });
      uit(true, ds, [...redenen, 'DIP_BEKOSTIGD', 'DIP_SPECIALIST']);
      continue;
    }
    const diw = waarden[kwal.niveau as 2 | 3 | 4];
    const waarde = diplomawaardeNa(eerder, kwal);
    if (waarde === null) {
      uit(false, 0, [...redenen, 'DIP_EERDER_HOGER']);
      continue;
    }
    if (waarde.die > 0 && waarde.waarde === 0) {
      uit(false, 0, [...redenen, 'DIP_GELIJK_NIVEAU']);
      continue;
    }
    geteld.push({ datum: d.datum, jaar, niveau: kwal.niveau, specialist: false, diw });
    uit(true, waarde.waarde, [...redenen, 'DIP_BEKOSTIGD', ...(waarde.die > 0 ? (['DIP_AFTREK_EERDER'] as const) : [])]);
  }
  return { beoordelingen, geteld };

  function diplomawaardeNa(eerder: readonly Geteld[], kwal: Kwalificatie): { waarde: number; die: number } | null {
    let die = 0;
    let hoogste = 0;
    for (const g of eerder) {
      if (g.specialist) continue;
      if (g.diw > die) die = g.diw;
      if (g.niveau > hoogste) hoogste = g.niveau;
    }
    if (hoogste > kwal.niveau) return null;
    return { waarde: waarden[kwal.niveau as 2 | 3 | 4] - die, die };
  }
}

/**
 * D3: the value a diploma of `kwal` would earn after the bekostigde diploma's obtained up to the
 * teldatum (the same-calendar-year rule is not applied: the date of such a diploma is unknown).
 */
export function toekomstigeDiplomawaarde(
  kwal: Kwalificatie | undefined,
  geteld: readonly Geteld[],
  teldatum: IsoDatum,
  eersteJaar: number,
  aanwezig: ReadonlySet<number>,
  regels: Regelset,
): number {
  if (!kwal || kwal.soort === 'entreeopleiding' || kwal.niveau === 1) return 0;
  const grens = onderbrekingsgrens(teldatum, eersteJaar, aanwezig, regels.diploma.onderbrekingJaren.waarde);
  let die = 0;
  let hoogste = 0;
  let specialist = false;
  for (const g of geteld) {
    if (g.datum > teldatum || g.datum < grens) continue;
    if (g.specialist) specialist = true;
    else {
      if (g.diw > die) die = g.diw;
      if (g.niveau > hoogste) hoogste = g.niveau;
    }
  }
  if (kwal.soort === 'specialistenopleiding') return specialist ? 0 : regels.diploma.specialist.waarde;
  if (hoogste > kwal.niveau) return 0;
  return regels.diploma.waarden.waarde[kwal.niveau as 2 | 3 | 4] - die;
}
