import { oorzaakVanOrigin, originVan, type Oorzaak } from '../oorzaak';
import { given } from '../testing/decider-specificatie';
import { beschrijfOorzaak, moetNotificeren, notificatieDecider, notificatieTekst, type BeoordeelBasissetwijzigingen, type Onderdeel } from './notificatie';
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
  const inschrijving = (id: string, w = wijzigingen): Onderdeel => ({ soort: 'INSCHRIJVING', id, crebo: '25078', wijzigingen: w });
  const aanmelding = (id: string): Onderdeel => ({ soort: 'AANMELDING', id, crebo: '25104', wijzigingen: [{ veld: 'verblijfsjarenNiveau2tot4', oud: '0', nieuw: '2' }] });
  const commando = (oorzaak: Oorzaak, instellingen: BeoordeelBasissetwijzigingen['instellingen'] = [{ instelling: '25LX', onderdelen: [inschrijving('I-1')] }]): BeoordeelBasissetwijzigingen => ({
    type: 'BeoordeelBasissetwijzigingen', persoonsnummer: '123456782', oorzaak, instellingen, aanleiding: 'a1b2',
  });

  it('given a change by another instelling, when judged, then one notificatie to the student\'s own instelling, naming no other', () => {
    given(notificatieDecider).when(commando({ soort: 'AANLEVERING', instelling: '26AB', batchId: 'b1' })).then([{
      type: 'NotificatieBepaald',
      data: {
        notificatieId: 'notificatie:a1b2:25LX', instelling: '25LX', persoonsnummer: '123456782', inschrijvingId: 'I-1', wijzigingen,
        oorzaak: { soort: 'AANLEVERING', omschrijving: 'Een aanlevering van een andere instelling voor deze student.', bron: null },
        tekst: 'De basisset van uw student is gewijzigd (bekostigd: true -> false). Oorzaak: Een aanlevering van een andere instelling voor deze student.',
        onderdelen: [{ soort: 'INSCHRIJVING', id: 'I-1', crebo: '25078', wijzigingen }],
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
    given(notificatieDecider).when(commando({ soort: 'EXTERN', bron: 'BRP' }, [{ instelling: '25LX', onderdelen: [inschrijving('I-1', [])] }])).then([]);
  });

  it('given one cause that changed several instellingen, when judged, then one notificatie each, but none for the one that caused it', () => {
    const instellingen = [
      { instelling: '25LX', onderdelen: [inschrijving('I-1'), inschrijving('I-2'), aanmelding('M-1')] },
      { instelling: '26AB', onderdelen: [inschrijving('X-1')] },
      { instelling: '27XY', onderdelen: [aanmelding('M-9')] },
    ];
    given(notificatieDecider).when(commando({ soort: 'AANLEVERING', instelling: '26AB', batchId: 'b1' }, instellingen)).then((events) => {
      expect(events.map((e) => [e.data.instelling, e.data.notificatieId, e.data.inschrijvingId, e.data.onderdelen.map((o) => o.id)])).toEqual([
        ['25LX', 'notificatie:a1b2:25LX', 'I-1', ['I-1', 'I-2', 'M-1']],
        ['27XY', 'notificatie:a1b2:27XY', '', ['M-9']],
      ]);
      expect(events[0].data.tekst).toBe(
        'De basisset van uw student is gewijzigd (inschrijving I-1: bekostigd: true -> false | inschrijving I-2: bekostigd: true -> false | basisset bij aanmelding M-1: verblijfsjarenNiveau2tot4: 0 -> 2). Oorzaak: Een aanlevering van een andere instelling voor deze student.',
      );
      expect(JSON.stringify(events)).not.toContain('26AB');
    });
  });
});
