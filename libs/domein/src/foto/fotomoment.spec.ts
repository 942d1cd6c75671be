import { STANDAARD_FOTOKALENDER, fotoIdVan, geplandeMomenten } from './fotomoment';

describe('geplandeMomenten (D5)', () => {
  it('gives the four moments of a studiejaar from the default calendar, in time order, with their status', () => {
    expect(geplandeMomenten(STANDAARD_FOTOKALENDER, 2016)).toEqual([
      { soort: 'VOORLOPIG_1', status: '1', peildatum: '2016-10-01', bekendOp: '2016-11-01T00:00:00.000Z' },
      { soort: 'INTEGRAAL', status: '2', peildatum: '2016-10-01', bekendOp: '2017-01-15T00:00:00.000Z' },
      { soort: 'VOORLOPIG_2', status: 'V', peildatum: '2016-10-01', bekendOp: '2017-03-15T00:00:00.000Z' },
      { soort: 'DEFINITIEF', status: 'D', peildatum: '2016-10-01', bekendOp: '2017-07-02T00:00:00.000Z' },
    ]);
  });

  it('takes another calendar as configuration', () => {
    const kalender = { ...STANDAARD_FOTOKALENDER, VOORLOPIG_1: { maand: 12, dag: 5 }, DEFINITIEF: { maand: 8, dag: 1 } };
    expect(geplandeMomenten(kalender, 2020).map((m) => [m.soort, m.bekendOp])).toEqual([
      ['DEFINITIEF', '2020-08-01T00:00:00.000Z'],
      ['VOORLOPIG_1', '2020-12-05T00:00:00.000Z'],
      ['INTEGRAAL', '2021-01-15T00:00:00.000Z'],
      ['VOORLOPIG_2', '2021-03-15T00:00:00.000Z'],
    ]);
    expect(() => geplandeMomenten({ ...STANDAARD_FOTOKALENDER, INTEGRAAL: { maand: 13, dag: 1 } }, 2020)).toThrow(/INTEGRAAL/);
  });

  it('names the foto of a moment by the moment, so making it twice finds the same foto', () => {
    const [eerste] = geplandeMomenten(STANDAARD_FOTOKALENDER, 2016);
    const m = { instelling: '25LX', peildatum: eerste.peildatum, soort: eerste.soort, bekendOp: eerste.bekendOp };
    expect(fotoIdVan(m)).toBe(fotoIdVan({ ...m }));
    expect(fotoIdVan(m)).toBe('foto:25LX:2016-10-01:VOORLOPIG_1:2016-11-01T00:00:00.000Z');
  });

  it('puts a scheduled moment at its time of day when the calendar gives one, and refuses a time that is none', () => {
    const kalender = { ...STANDAARD_FOTOKALENDER, VOORLOPIG_1: { maand: 12, dag: 1, tijd: '15:30:05' } };
    expect(geplandeMomenten(kalender, 2026).find((m) => m.soort === 'VOORLOPIG_1')?.bekendOp).toBe('2026-12-01T15:30:05.000Z');
    expect(() => geplandeMomenten({ ...STANDAARD_FOTOKALENDER, DEFINITIEF: { maand: 7, dag: 2, tijd: '25:00:00' } }, 2026)).toThrow(/ongeldige tijd voor DEFINITIEF/);
  });
});
