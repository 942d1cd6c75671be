import fc from 'fast-check';
import type { BerekeningInvoer, Bpv, Diploma, Inschrijving, Verblijfsperiode, Vooropleiding } from '../model';
import { VOOROPLEIDING_SOORTEN } from '../model';
import { CREBO, TABEL_2015 } from '../testing/specificatie';
import { berekenBekostiging } from './bereken';

// Property tests: replaying the same history in any order of delivery gives the
// same result; recomputing changes nothing.

const BASIS = Date.UTC(2008, 0, 1);
const datum = (min = 0, max = 365 * 13) =>
  fc.integer({ min, max }).map((d) => new Date(BASIS + d * 86_400_000).toISOString().slice(0, 10));
const plusDagen = (iso: string, dagen: number) => new Date(Date.parse(iso) + dagen * 86_400_000).toISOString().slice(0, 10);

const crebo = fc.constantFrom(...Object.values(CREBO), '25083', '25498', '10000');
const instelling = fc.constantFrom('25LX', '30AB', '01XY');

const bpvArb: fc.Arbitrary<Bpv> = fc
  .tuple(datum(), fc.integer({ min: 0, max: 90 }), fc.option(fc.integer({ min: 0, max: 700 }), { nil: null }))
  .map(([afgesloten, na, duur]) => {
    const begin = plusDagen(afgesloten, na);
    return { afgesloten, begin, einde: duur === null ? null : plusDagen(begin, duur), leerbedrijf: '123456789' };
  });

const inschrijvingArb = fc
  .record({
    instelling,
    crebo,
    leerweg: fc.constantFrom('BOL' as const, 'BBL' as const),
    intensiteit: fc.constantFrom('VT' as const, 'DT' as const, 'EX' as const),
    // Often the same begin dates, so the same-teldatum choice and its tie-breaks are exercised.
    begin: fc.oneof(datum(), fc.constantFrom('2013-08-01', '2014-08-01', '2015-08-01', '2016-08-01')),
    duur: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
    bpv: fc.array(bpvArb, { maxLength: 2 }),
  })
  .map(({ duur, ...r }) => ({ ...r, einde: duur === null ? null : plusDagen(r.begin, duur) }));

const historieArb: fc.Arbitrary<BerekeningInvoer> = fc
  .record({
    bekostigingsjaar: fc.integer({ min: 2015, max: 2022 }),
    geboortedatum: datum(-365 * 23, -365 * 6),
    nationaliteit: fc.constantFrom(undefined, 'NL', 'MA'),
    verblijfsstatus: fc.array(
      fc.record({ vanaf: datum(-3000, 3000), tot: fc.constantFrom(null), rechtmatig: fc.boolean() }) as fc.Arbitrary<Verblijfsperiode>,
      { maxLength: 2 },
    ),
    vooropleidingen: fc.array(
      fc.record({ soort: fc.constantFrom(...VOOROPLEIDING_SOORTEN), diploma: fc.boolean() }) as fc.Arbitrary<Vooropleiding>,
      { maxLength: 3 },
    ),
    inschrijvingen: fc.array(inschrijvingArb, { maxLength: 6 }),
    diplomas: fc.array(fc.record({ instelling, crebo, datum: datum() }) as fc.Arbitrary<Diploma>, { maxLength: 4 }),
  })
  .map((h) => ({
    bekostigingsjaar: h.bekostigingsjaar,
    persoon: { persoonsnummer: '123456782', geboortedatum: h.geboortedatum, nationaliteit: h.nationaliteit, verblijfsstatus: h.verblijfsstatus },
    vooropleidingen: h.vooropleidingen,
    inschrijvingen: h.inschrijvingen.map((i, n): Inschrijving => ({ id: `I${n}`, ...i })),
    diplomas: h.diplomas,
  }));

/** Deterministic Fisher-Yates with a seed (mulberry32). */
function schud<T>(lijst: readonly T[] | undefined, seed: number): T[] | undefined {
  if (!lijst) return lijst;
  const uit = [...lijst];
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = uit.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [uit[i], uit[j]] = [uit[j], uit[i]];
  }
  return uit;
}

function geschud(h: BerekeningInvoer, seed: number): BerekeningInvoer {
  return {
    ...h,
    persoon: { ...h.persoon, verblijfsstatus: schud(h.persoon.verblijfsstatus, seed + 1) },
    vooropleidingen: schud(h.vooropleidingen, seed + 2),
    inschrijvingen: schud(h.inschrijvingen, seed + 3)!.map((i, n) => ({ ...i, bpv: schud(i.bpv, seed + 10 + n) })),
    diplomas: schud(h.diplomas, seed + 4)!,
  };
}

function bevries<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) bevries(v);
    Object.freeze(x);
  }
  return x;
}

const bereken = (h: BerekeningInvoer) => berekenBekostiging(h, TABEL_2015);

describe('properties of berekenBekostiging', () => {
  it('given the same facts in any order of arrival, then the result is the same', () => {
    fc.assert(
      fc.property(historieArb, fc.integer(), (h, seed) => {
        expect(bereken(geschud(h, seed))).toEqual(bereken(h));
      }),
      { numRuns: 400 },
    );
  });

  it('given a calculation, when recomputed, then nothing changes and the input is not mutated', () => {
    fc.assert(
      fc.property(historieArb, (h) => {
        const json = JSON.stringify(h);
        const eerste = bereken(bevries(h));
        expect(bereken(h)).toEqual(eerste);
        expect(JSON.stringify(h)).toBe(json);
      }),
      { numRuns: 200 },
    );
  });

  it('given facts dated after 31 December T-2, then the result for T does not change', () => {
    fc.assert(
      fc.property(historieArb, inschrijvingArb, datum(), (h, later, diplomadatum) => {
        const grens = `${h.bekostigingsjaar - 2}-12-31`;
        fc.pre(later.begin > grens && diplomadatum > grens);
        const meer = {
          ...h,
          inschrijvingen: [...h.inschrijvingen, { ...later, id: 'LATER' }],
          diplomas: [...h.diplomas, { instelling: '25LX', crebo: CREBO.VAK, datum: diplomadatum }],
        };
        expect(bereken(meer)).toEqual(bereken(h));
      }),
      { numRuns: 200 },
    );
  });

  it('given any history, then at most one inschrijving is bekostigd, bijdragen are consistent and the output is plain JSON', () => {
    fc.assert(
      fc.property(historieArb, (h) => {
        const b = bereken(h);
        expect(b.inschrijvingen.filter((i) => i.bekostigd).length).toBeLessThanOrEqual(1);
        for (const i of b.inschrijvingen) {
          const verwacht = i.bekostigd ? Math.round(i.leerwegfactor * i.prijsfactor * i.verblijfsjaarfactor * 1e4) / 1e4 : 0;
          expect(i.bijdrage).toBeCloseTo(verwacht, 10);
        }
        for (const d of b.diplomas) {
          expect(d.datum.slice(0, 4)).toBe(String(h.bekostigingsjaar - 2));
          expect(d.bekostigd).toBe(d.diplomawaarde > 0);
        }
        expect(JSON.parse(JSON.stringify(b))).toEqual(b);
      }),
      { numRuns: 300 },
    );
  });
});
