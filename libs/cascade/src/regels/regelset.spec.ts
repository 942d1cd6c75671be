import { cascade2015 } from './cascade2015';
import { post2018 } from './post2018';
import { REDENEN } from './redenen';
import { regelsetVoor, REGELSETS, zoekRegelset } from './regelset';

describe('regelsetVoor (D1)', () => {
  it.each([2015, 2016, 2017, 2018, 2019])('given bekostigingsjaar %i, then cascade2015', (j) => expect(regelsetVoor(j).id).toBe('cascade2015'));
  it.each([2020, 2024, 2030])('given bekostigingsjaar %i, then post2018', (j) => expect(regelsetVoor(j).id).toBe('post2018'));
  it('given bekostigingsjaar 2014 (pre-2015 model), then no rule set', () => {
    expect(zoekRegelset(2014)).toBeUndefined();
    expect(() => regelsetVoor(2014)).toThrow(RangeError);
  });
});

describe('rule sets are data with a legal source for every value', () => {
  function waarden(x: unknown, pad: string, uit: [string, unknown][]): [string, unknown][] {
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      if ('waarde' in x) uit.push([pad, x]);
      else for (const [k, v] of Object.entries(x)) waarden(v, `${pad}.${k}`, uit);
    }
    return uit;
  }

  it.each(REGELSETS.map((r) => [r.id, r] as const))('given %s, then every value has a non-empty bron', (_id, r) => {
    const lijst = waarden(r, r.id, []);
    expect(lijst.length).toBeGreaterThan(15);
    for (const [pad, w] of lijst) expect([pad, typeof (w as { bron: unknown }).bron === 'string' && (w as { bron: string }).bron.length > 2]).toEqual([pad, true]);
  });

  it('given cascade2015, then it holds the values of UWEB 2.2.2 and 2.2.3 (2015)', () => {
    expect(cascade2015.entree.verblijfsjaarfactoren.waarde).toEqual([1.2, 0.6]);
    expect(cascade2015.niveau2tot4.verblijfsjaarfactoren.waarde).toEqual([1.2, 1, 1, 1, 0.5, 0.5]);
    expect([cascade2015.entree.factorDaarna.waarde, cascade2015.niveau2tot4.factorDaarna.waarde]).toEqual([0, 0]);
    expect([cascade2015.entree.herstartNaAfwezigeJaren.waarde, cascade2015.niveau2tot4.herstartNaAfwezigeJaren.waarde]).toEqual([2, 3]);
    expect([cascade2015.entree.bblFactor.waarde, cascade2015.niveau2tot4.bblFactor.waarde]).toEqual([0.5, 0.4]);
    expect(cascade2015.diploma.waarden.waarde).toEqual({ 2: 1, 3: 3, 4: 5 });
    expect(cascade2015.diploma.specialist.waarde).toBe(2);
  });

  it('given post2018, then only the verblijfsjaarfactor is switched off', () => {
    expect(post2018.verblijfsjaren.toepassen.waarde).toBe(false);
    expect({ ...post2018, id: 'x', omschrijving: '', bekostigingsjaren: 0, verblijfsjaren: 0, diploma: 0 }).toEqual({
      ...cascade2015,
      id: 'x',
      omschrijving: '',
      bekostigingsjaren: 0,
      verblijfsjaren: 0,
      diploma: 0,
    });
    expect(post2018.diploma.waarden.waarde).toEqual(cascade2015.diploma.waarden.waarde);
  });
});

describe('reason catalogue', () => {
  it('given every code, then it has a text and a rule citation', () => {
    for (const [code, r] of Object.entries(REDENEN)) {
      expect(code).toMatch(/^[A-Z0-9_]+$/);
      expect(r.omschrijving.length).toBeGreaterThan(10);
      expect(r.regel).toMatch(/UWEB|WEB|PvE|domain\.md/);
    }
  });
});
