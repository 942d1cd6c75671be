import { STANDAARD_FOTOKALENDER } from '@bron/domein';
import { fotoMomentVan, OngeldigeFotoAanvraag } from './foto-aanvraag';

const STABIEL = '2017-02-01T12:00:00.000Z';
const vraag = (over: Partial<Parameters<typeof fotoMomentVan>[0]> = {}) => ({ instelling: '25LX', soort: 'OP_VERZOEK', peildatum: '2016-10-01', bekendOp: null, ...over });

describe('fotoMomentVan: the moment a foto request asks for', () => {
  it('on request without a moment: the last stable moment', () => {
    expect(fotoMomentVan(vraag(), STABIEL, STANDAARD_FOTOKALENDER)).toEqual({ instelling: '25LX', peildatum: '2016-10-01', soort: 'OP_VERZOEK', bekendOp: STABIEL });
  });

  it('writes a given moment in one form, so one moment has one foto id', () => {
    expect(fotoMomentVan(vraag({ bekendOp: '2017-01-15T01:00:00+01:00' }), STABIEL, STANDAARD_FOTOKALENDER).bekendOp).toBe('2017-01-15T00:00:00.000Z');
  });

  it('refuses a moment in the future, without a time zone, or that is no time', () => {
    expect(() => fotoMomentVan(vraag({ bekendOp: '2017-02-01T12:00:00.001Z' }), STABIEL, STANDAARD_FOTOKALENDER)).toThrow(/in de toekomst/);
    expect(() => fotoMomentVan(vraag({ bekendOp: '2017-01-15T00:00:00' }), STABIEL, STANDAARD_FOTOKALENDER)).toThrow(OngeldigeFotoAanvraag);
    expect(() => fotoMomentVan(vraag({ bekendOp: 'gisteren' }), STABIEL, STANDAARD_FOTOKALENDER)).toThrow(OngeldigeFotoAanvraag);
  });

  it('a scheduled soort is its calendar moment, once passed', () => {
    expect(fotoMomentVan(vraag({ soort: 'INTEGRAAL' }), STABIEL, STANDAARD_FOTOKALENDER)).toEqual({ instelling: '25LX', peildatum: '2016-10-01', soort: 'INTEGRAAL', bekendOp: '2017-01-15T00:00:00.000Z' });
    expect(() => fotoMomentVan(vraag({ soort: 'VOORLOPIG_2' }), STABIEL, STANDAARD_FOTOKALENDER)).toThrow(/nog niet verstreken/);
  });

  it('refuses a BRIN, soort or peildatum that cannot be', () => {
    expect(() => fotoMomentVan(vraag({ instelling: '25lx' }), STABIEL, STANDAARD_FOTOKALENDER)).toThrow(/geen BRIN/);
    expect(() => fotoMomentVan(vraag({ soort: 'MORGEN' }), STABIEL, STANDAARD_FOTOKALENDER)).toThrow(/onbekende soort/);
    expect(() => fotoMomentVan(vraag({ peildatum: '2016-09-01' }), STABIEL, STANDAARD_FOTOKALENDER)).toThrow(/1 oktober/);
  });
});
