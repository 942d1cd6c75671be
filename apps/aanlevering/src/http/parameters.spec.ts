import { geldigBatchId, geldigeBestandsnaam, paginaVan } from './parameters';
import { status } from './verzoek-fout.testhulp';

describe('request parameters', () => {
  it('accepts batch ids that are safe in URLs and origins', () => {
    for (const id of ['b', '2016-10-01.run~2', '0f8c2a9e-6f5b-4d1c-9a57-1f8b2d3c4e5f', 'A'.repeat(128)]) expect(geldigBatchId(id)).toBe(id);
  });

  it('refuses other batch ids with 400', () => {
    for (const id of ['', '-b', '.', 'a/b', 'a b', 'a:b', 'é', 'A'.repeat(129)]) expect(status(() => geldigBatchId(id))).toBe(400);
  });

  it('keeps a bestandsnaam, empty as none', () => {
    expect(geldigeBestandsnaam(null)).toBeNull();
    expect(geldigeBestandsnaam('')).toBeNull();
    expect(geldigeBestandsnaam('inschrijvingen 2016, versie "2".csv')).toBe('inschrijvingen 2016, versie "2".csv');
    expect(status(() => geldigeBestandsnaam('a\nb.csv'))).toBe(400);
    expect(status(() => geldigeBestandsnaam('x'.repeat(256)))).toBe(400);
  });

  it('pages from record 1, 1000 at a time, at most 10000', () => {
    expect(paginaVan(null, null)).toEqual({ vanaf: 1, aantal: 1000 });
    expect(paginaVan('1001', '10000')).toEqual({ vanaf: 1001, aantal: 10000 });
    expect(paginaVan('0', '1')).toEqual({ vanaf: 0, aantal: 1 });
    for (const [vanaf, aantal] of [['-1', null], ['1.5', null], ['x', null], ['', null], [null, '0'], [null, '10001'], [null, '1e3'], ['99999999999999999', null]]) {
      expect(status(() => paginaVan(vanaf, aantal))).toBe(400);
    }
  });
});
