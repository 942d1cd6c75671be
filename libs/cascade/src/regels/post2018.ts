import { cascade2015 } from './cascade2015';
import type { Regelset } from './regelset';

/**
 * After the abolition of the cascade: bekostigingsjaar 2020 on, teldatum 1 Oct 2018 on (D1;
 * docs/domein.md fact 5, I-4). Everything as `cascade2015` except the verblijfsjaarfactor, which no
 * longer applies (PvE 4.8.2 §16.5.2 marks AantalBekostigdeVerblijfsjarenMBO and
 * Verblijfsjaarfactor "niet meer van toepassing vanaf 01-10-2018"). The BBL factors 0,4 / 0,5 and
 * the 1/3/5 diploma values are assumed unchanged (I-4, fact 19).
 */
export const post2018: Regelset = {
  ...cascade2015,
  id: 'post2018',
  omschrijving: 'Na afschaffing cascadebekostiging (Kamerstuk 31 524 nr. 353): geen verblijfsjaarfactor',
  bekostigingsjaren: {
    waarde: { van: 2020, tot: null },
    bron: 'PvE MBO-instelling 4.8.2 §16.5.2 (n.v.t. vanaf 01-10-2018 -> bekostigingsjaar 2020); besluit D1',
  },
  verblijfsjaren: {
    ...cascade2015.verblijfsjaren,
    toepassen: { waarde: false, bron: 'PvE MBO-instelling 4.8.2 §16.5.2; keuze I-4' },
  },
  diploma: {
    ...cascade2015.diploma,
    waarden: { ...cascade2015.diploma.waarden, bron: `${cascade2015.diploma.waarden.bron}; blijft na 2018: fact 19 (I, sterk)` },
  },
};
