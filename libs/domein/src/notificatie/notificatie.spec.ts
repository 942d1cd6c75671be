import { beschrijfOorzaak, moetNotificeren, notificatieTekst, oorzaakVanOrigin } from './notificatie';
import { wijzigingenTussen } from './wijzigingen';

describe('wijzigingenTussen', () => {
  it('names every changed field with its old and new value as JSON, and nothing for the first basisset', () => {
    expect(wijzigingenTussen(null, { bekostigd: true })).toEqual([]);
    expect(wijzigingenTussen(
      { bekostigd: true, verblijfsjaar: 1, redenen: [{ code: 'A' }], prijsfactor: 1.3 },
      { bekostigd: false, verblijfsjaar: 1, redenen: [{ code: 'B' }], prijsfactor: null },
    )).toEqual([
      { veld: 'bekostigd', oud: 'true', nieuw: 'false' },
      { veld: 'prijsfactor', oud: '1.3', nieuw: null },
      { veld: 'redenen', oud: '[{"code":"A"}]', nieuw: '[{"code":"B"}]' },
    ]);
  });

  it('sees no change in a value whose keys were stored in another order (jsonb sorts them)', () => {
    expect(wijzigingenTussen({ redenen: [{ code: 'A', tekst: 't', regel: 'r' }] }, { redenen: [{ regel: 'r', code: 'A', tekst: 't' }] })).toEqual([]);
  });
});

describe('notificatie (D8)', () => {
  const wijziging = [{ veld: 'verblijfsjarenNiveau2tot4', oud: '1', nieuw: '2' }];

  it('notifies for another instelling, an external source, reference data or a rule set, never for its own aanlevering', () => {
    expect(moetNotificeren('25LX', { soort: 'AANLEVERING', instelling: '26AB' }, wijziging)).toBe(true);
    expect(moetNotificeren('25LX', { soort: 'EXTERN', bron: 'BRP' }, wijziging)).toBe(true);
    expect(moetNotificeren('25LX', { soort: 'REFERENTIE', bron: 'OCW' }, wijziging)).toBe(true);
    expect(moetNotificeren('25LX', { soort: 'AANLEVERING', instelling: '25LX' }, wijziging)).toBe(false);
    expect(moetNotificeren('25LX', { soort: 'EXTERN', bron: 'BRP' }, [])).toBe(false);
  });

  it('never names the other instelling (D7)', () => {
    const tekst = notificatieTekst(wijziging, { soort: 'AANLEVERING', instelling: '26AB' });
    expect(tekst).not.toContain('26AB');
    expect(tekst).toBe('De basisset van uw student is gewijzigd (verblijfsjarenNiveau2tot4: 1 -> 2). Oorzaak: Een aanlevering van een andere instelling voor deze student.');
    expect(beschrijfOorzaak({ soort: 'EXTERN', bron: 'BRP' })).toBe('Een wijziging in een externe registratie (BRP).');
  });

  it('reads the cause from the origin header', () => {
    expect(oorzaakVanOrigin('aanlevering:26AB:batch-7')).toEqual({ soort: 'AANLEVERING', instelling: '26AB' });
    expect(oorzaakVanOrigin('extern:BRP')).toEqual({ soort: 'EXTERN', bron: 'BRP' });
    expect(oorzaakVanOrigin('referentie:OCW')).toEqual({ soort: 'REFERENTIE', bron: 'OCW' });
    expect(oorzaakVanOrigin('kafka:iets')).toEqual({ soort: 'EXTERN', bron: 'kafka:iets' });
  });
});
