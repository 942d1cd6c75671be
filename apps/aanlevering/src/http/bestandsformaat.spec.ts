import { bestandsformaatVan } from './bestandsformaat';
import { status } from './verzoek-fout.testhulp';

describe('bestandsformaatVan', () => {
  it('takes the format from the Content-Type', () => {
    expect(bestandsformaatVan('text/csv', null)).toBe('csv');
    expect(bestandsformaatVan('Text/CSV; charset=UTF-8', null)).toBe('csv');
    expect(bestandsformaatVan('application/x-ndjson', null)).toBe('jsonl');
    expect(bestandsformaatVan('application/jsonl; charset="utf-8"', null)).toBe('jsonl');
  });

  it('refuses other media types and character sets with 415', () => {
    for (const type of [undefined, '', 'application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'text/csv; charset=iso-8859-1']) {
      expect(status(() => bestandsformaatVan(type, null))).toBe(415);
    }
  });

  it('takes ?formaat= with no, a neutral or the matching Content-Type', () => {
    expect(bestandsformaatVan(undefined, 'csv')).toBe('csv');
    expect(bestandsformaatVan('application/octet-stream', 'jsonl')).toBe('jsonl');
    expect(bestandsformaatVan('text/plain; charset=utf-8', 'csv')).toBe('csv');
    expect(bestandsformaatVan('application/x-ndjson', 'jsonl')).toBe('jsonl');
  });

  it('refuses ?formaat= with a Content-Type that contradicts it or that a body parser would read (415)', () => {
    expect(status(() => bestandsformaatVan('text/csv', 'jsonl'))).toBe(415);
    expect(status(() => bestandsformaatVan('application/json', 'jsonl'))).toBe(415);
    expect(status(() => bestandsformaatVan('application/x-www-form-urlencoded', 'csv'))).toBe(415);
  });

  it('refuses an unknown ?formaat= with 400', () => {
    expect(status(() => bestandsformaatVan('text/csv', 'xlsx'))).toBe(400);
    expect(status(() => bestandsformaatVan(undefined, ''))).toBe(400);
  });
});
