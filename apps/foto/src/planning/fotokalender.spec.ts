import { STANDAARD_FOTOKALENDER } from '@bron/domein';
import { leesFotoPlanning } from './fotokalender';

describe('leesFotoPlanning: the calendar and interval from the environment', () => {
  it('defaults to the standard calendar and one minute', () => {
    expect(leesFotoPlanning({})).toEqual({ kalender: STANDAARD_FOTOKALENDER, intervalMs: 60_000 });
  });

  it('takes a day, or a day and time in UTC, per soort; the rest keeps its default', () => {
    const { kalender } = leesFotoPlanning({ BRON_FOTOKALENDER: '{"VOORLOPIG_1":"11-05","INTEGRAAL":"01-20T06:30:00Z"}', BRON_FOTO_PLANNING_MS: '500' });
    expect(kalender).toEqual({ ...STANDAARD_FOTOKALENDER, VOORLOPIG_1: { maand: 11, dag: 5 }, INTEGRAAL: { maand: 1, dag: 20, tijd: '06:30:00' } });
  });

  it('says what is wrong with a calendar it cannot use', () => {
    expect(() => leesFotoPlanning({ BRON_FOTOKALENDER: '{' })).toThrow(/geen JSON/);
    expect(() => leesFotoPlanning({ BRON_FOTOKALENDER: '{"OP_VERZOEK":"11-01"}' })).toThrow(/onbekende soort OP_VERZOEK/);
    expect(() => leesFotoPlanning({ BRON_FOTOKALENDER: '{"VOORLOPIG_1":"1 november"}' })).toThrow(/MM-DD/);
    expect(() => leesFotoPlanning({ BRON_FOTO_PLANNING_MS: '10' })).toThrow(/BRON_FOTO_PLANNING_MS/);
  });
});
