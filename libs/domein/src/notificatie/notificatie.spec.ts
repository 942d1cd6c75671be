import { oorzaakVanOrigin, originVan, type Oorzaak } from '../oorzaak';
import { given } from '../testing/decider-specificatie';
import { beschrijfOorzaak, moetNotificeren, notificatieDecider, notificatieTekst, type BeoordeelBasissetwijziging } from './notificatie';
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
    expect(oorzaakVanOrigin('aanlevering:26AB:batch-7')).toEqual({ soort: 'AANLEVERING', instelling: '26AB', batchId: 'batch-7' });
    expect(oorzaakVanOrigin('aanlevering:26AB')).toEqual({ soort: 'AANLEVERING', instelling: '26AB' });
    expect(oorzaakVanOrigin('extern:BRP')).toEqual({ soort: 'EXTERN', bron: 'BRP' });
    expect(oorzaakVanOrigin('referentie:OCW')).toEqual({ soort: 'REFERENTIE', bron: 'OCW' });
    expect(oorzaakVanOrigin('kafka:iets')).toEqual({ soort: 'EXTERN', bron: 'kafka:iets' });
  });

  it.each<Oorzaak>([
    { soort: 'AANLEVERING', instelling: '26AB', batchId: 'batch:7' },
    { soort: 'AANLEVERING', instelling: '26AB' },
    { soort: 'EXTERN', bron: 'BRP' },
    { soort: 'REFERENTIE', bron: 'OCW' },
    { soort: 'REGELSET', bron: 'cascade2015-v2' },
  ])('writes the origin header of %o and reads the same cause back', (oorzaak) => {
    expect(oorzaakVanOrigin(originVan(oorzaak))).toEqual(oorzaak);
  });
});

describe('notificatieDecider (D8)', () => {
  const wijzigingen = [{ veld: 'bekostigd', oud: 'true', nieuw: 'false' }];
  const commando = (oorzaak: Oorzaak, w = wijzigingen): BeoordeelBasissetwijziging => ({
    type: 'BeoordeelBasissetwijziging', instelling: '25LX', persoonsnummer: '123456782', inschrijvingId: 'I-1', wijzigingen: w, oorzaak, aanleiding: 'basisset:7',
  });

  it('given a change by another instelling, when judged, then one notificatie to the student\'s own instelling, naming no other', () => {
    given(notificatieDecider).when(commando({ soort: 'AANLEVERING', instelling: '26AB', batchId: 'b1' })).then([{
      type: 'NotificatieBepaald',
      data: {
        notificatieId: 'notificatie:basisset:7', instelling: '25LX', persoonsnummer: '123456782', inschrijvingId: 'I-1', wijzigingen,
        oorzaak: { soort: 'AANLEVERING', omschrijving: 'Een aanlevering van een andere instelling voor deze student.', bron: null },
        tekst: 'De basisset van uw student is gewijzigd (bekostigd: true -> false). Oorzaak: Een aanlevering van een andere instelling voor deze student.',
      },
    }]);
  });

  it('given a change by the BRP, when judged, then a notificatie that names the source', () => {
    given(notificatieDecider).when(commando({ soort: 'EXTERN', bron: 'BRP' })).then((events) => {
      expect(events.map((e) => e.data.oorzaak)).toEqual([{ soort: 'EXTERN', omschrijving: 'Een wijziging in een externe registratie (BRP).', bron: 'BRP' }]);
    });
  });

  it('given the instelling\'s own aanlevering, or no changed field, when judged, then nothing', () => {
    given(notificatieDecider).when(commando({ soort: 'AANLEVERING', instelling: '25LX', batchId: 'b1' })).then([]);
    given(notificatieDecider).when(commando({ soort: 'EXTERN', bron: 'BRP' }, [])).then([]);
  });
});
