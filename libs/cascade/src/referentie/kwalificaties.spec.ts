import { CSV_2015, TABEL_2015 } from '../testing/specificatie';
import { metPrijsfactorWijziging, parseCsv, parseKwalificaties } from './kwalificaties';
import { kwalificaties2015 } from './kwalificaties-2015';

describe('kwalificaties 2015 (Regeling vaststelling kwalificatiedossiers 2015, Bijlage 1; D10, fact 22)', () => {
  it('given the shipped CSV, then it holds 470 kwalificaties', () => {
    expect(TABEL_2015.aantal).toBe(470);
  });

  it('given the shipped CSV, then the prijsfactor counts are those of fact 22', () => {
    const telling: Record<string, number> = {};
    for (const k of TABEL_2015.alle()) telling[k.prijsfactor.toFixed(2)] = (telling[k.prijsfactor.toFixed(2)] ?? 0) + 1;
    expect(telling).toEqual({ '1.00': 40, '1.10': 43, '1.30': 176, '1.40': 121, '1.50': 17, '1.60': 20, '1.80': 53 });
  });

  it('given crebo 25078, then Betonboorder, niveau 3, vakopleiding, PF 1.3, BOL and BBL, not zorg', () => {
    expect(TABEL_2015.kwalificatie('25078')).toMatchObject({
      naam: 'Betonboorder',
      niveau: 3,
      soort: 'vakopleiding',
      prijsfactor: 1.3,
      leerwegen: ['BOL', 'BBL'],
      opleidingsdomein: 'Bouw en infra',
      zorg: false,
    });
  });

  it('given a quoted field with commas, then it is read as one field', () => {
    expect(TABEL_2015.kwalificatie('25091')?.kwalificatiedossier).toBe('Grond-, water- en wegenbouw');
    expect(TABEL_2015.kwalificatie('25250')).toMatchObject({ naam: 'Assistent bouwen, wonen en onderhoud', niveau: 1, soort: 'entreeopleiding', prijsfactor: 1 });
  });

  it('given Verzorgende IG (VWS) and Helpende Zorg en Welzijn, then zorg; given Audicien, then not (README B2)', () => {
    expect(TABEL_2015.kwalificatie('25491')?.zorg).toBe(true);
    expect(TABEL_2015.kwalificatie('25498')?.zorg).toBe(true);
    expect(TABEL_2015.kwalificatie('25047')?.zorg).toBe(false);
  });

  it('given Praktijkopleider, then only BBL is allowed', () => {
    expect(TABEL_2015.staatLeerwegToe('25487', 'BBL')).toBe(true);
    expect(TABEL_2015.staatLeerwegToe('25487', 'BOL')).toBe(false);
    expect(TABEL_2015.staatLeerwegToe('99999', 'BOL')).toBe(false);
  });

  it('given the default validity from 1 Aug 2014, then geldigOp is false before it and for an unknown crebo', () => {
    expect(TABEL_2015.geldigOp('25078', '2014-07-31')).toBe(false);
    expect(TABEL_2015.geldigOp('25078', '2014-08-01')).toBe(true);
    expect(TABEL_2015.geldigOp('25078', '2030-01-01')).toBe(true);
    expect(TABEL_2015.geldigOp('99999', '2016-01-01')).toBe(false);
  });

  it('given a narrower validity, then geldigOp honours its end date', () => {
    const t = parseKwalificaties(CSV_2015, { geldigheid: { vanaf: '2015-08-01', tot: '2020-07-31' } });
    expect([t.geldigOp('25078', '2015-07-31'), t.geldigOp('25078', '2020-07-31'), t.geldigOp('25078', '2020-08-01')]).toEqual([false, true, false]);
  });
});

describe('prijsfactor changes with a valid-from date', () => {
  it('given a change from 2016-08-01, then the old value holds before and the new one from that day; the old table is unchanged', () => {
    const nieuw = metPrijsfactorWijziging(TABEL_2015, { crebo: '25078', vanaf: '2016-08-01', prijsfactor: 1.4 });
    expect(nieuw.prijsfactorOp('25078', '2016-07-31')).toBe(1.3);
    expect(nieuw.prijsfactorOp('25078', '2016-08-01')).toBe(1.4);
    expect(TABEL_2015.prijsfactorOp('25078', '2016-08-01')).toBe(1.3);
    expect(nieuw.prijsfactorOp('99999', '2016-08-01')).toBeUndefined();
  });

  it('given changes applied in any order or twice, then the result is the same', () => {
    const a = { crebo: '25078', vanaf: '2016-08-01', prijsfactor: 1.4 };
    const b = { crebo: '25078', vanaf: '2017-08-01', prijsfactor: 1.6 };
    const t1 = metPrijsfactorWijziging(metPrijsfactorWijziging(TABEL_2015, a), b);
    const t2 = metPrijsfactorWijziging(metPrijsfactorWijziging(metPrijsfactorWijziging(TABEL_2015, b), a), a);
    for (const d of ['2016-01-01', '2016-08-01', '2017-07-31', '2017-08-01']) expect(t1.prijsfactorOp('25078', d)).toBe(t2.prijsfactorOp('25078', d));
    expect(t1.prijsfactorOp('25078', '2018-01-01')).toBe(1.6);
  });

  it('given a change for an unknown crebo, then it is refused', () => {
    expect(() => metPrijsfactorWijziging(TABEL_2015, { crebo: '99999', vanaf: '2016-08-01', prijsfactor: 1.4 })).toThrow(/onbekend/);
  });
});

describe('CSV parsing', () => {
  it('given doubled quotes, CRLF and a BOM, then fields are read correctly', () => {
    expect(parseCsv('a,"b ""x"", c"\r\n1,2\n')).toEqual([['a', 'b "x", c'], ['1', '2']]);
    const t = parseKwalificaties('\uFEFFcrebo,kwalificatie,niveau,soort,prijsfactor,leerwegen\r\n12345,"A, b",2,basisberoepsopleiding,1.10,BOL\r\n');
    expect(t.kwalificatie('12345')).toMatchObject({ naam: 'A, b', niveau: 2, leerwegen: ['BOL'], zorg: false });
  });

  it('given a bad row, then the error names the line', () => {
    expect(() => parseKwalificaties('crebo,kwalificatie,niveau,soort,prijsfactor,leerwegen\n12345,X,5,vakopleiding,1.3,BOL\n')).toThrow(/regel 2: niveau/);
    expect(() => parseKwalificaties('crebo,kwalificatie\n')).toThrow(/kolom niveau ontbreekt/);
  });

  it('given a table that is not the full 2015 list, then kwalificaties2015 refuses it', () => {
    expect(() => kwalificaties2015(CSV_2015.split('\n').slice(0, 10).join('\n'))).toThrow(/verwacht 470/);
  });
});
