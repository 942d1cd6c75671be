import { terugmeldingsoverzicht, type FotoRegel } from './terugmeldingsoverzicht';

const regel = (over: Partial<FotoRegel>): FotoRegel => ({
  persoonsnummer: '123456782', inschrijvingId: 'A', crebo: '25078', leerweg: 'BOL', niveau: 3, bekostigd: true, verblijfsjaar: 1, prijsfactor: 1.3, bijdrage: 1.56, ...over,
});

describe('terugmeldingsoverzicht', () => {
  it('counts inschrijvingen and bekostigde per opleiding, leerweg, niveau and verblijfsjaar, sorted', () => {
    expect(terugmeldingsoverzicht([
      regel({ crebo: '25080', niveau: 2 }),
      regel({}),
      regel({ bekostigd: false }),
      regel({ leerweg: 'BBL' }),
      regel({ verblijfsjaar: 2 }),
    ])).toEqual([
      { crebo: '25078', leerweg: 'BBL', niveau: 3, verblijfsjaar: 1, inschrijvingen: 1, bekostigd: 1 },
      { crebo: '25078', leerweg: 'BOL', niveau: 3, verblijfsjaar: 1, inschrijvingen: 2, bekostigd: 1 },
      { crebo: '25078', leerweg: 'BOL', niveau: 3, verblijfsjaar: 2, inschrijvingen: 1, bekostigd: 1 },
      { crebo: '25080', leerweg: 'BOL', niveau: 2, verblijfsjaar: 1, inschrijvingen: 1, bekostigd: 1 },
    ]);
  });
});
