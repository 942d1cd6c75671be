import { EventTypes, InstellingTopics, Topics, type BasissetBerekend, type Notificatie } from '@bron/contracts';
import { nieuwBericht, opaakId, type Oorzaakbericht } from '@bron/infra';
import { voorInstelling } from './instelling-bericht';

/** The internal message that caused it: 26AB's studentfeit, in the chain of 26AB's record. */
const oorzaak = (origin: string): Oorzaakbericht => ({
  metadata: { eventId: 'studentfeit-van-26AB', eventType: EventTypes.InschrijvingBijgewerkt, eventTime: '2016-11-15T10:00:00.000Z', correlationId: 'instelling.26AB.aanlevering.v1:0:3', causationId: 'batch:b-26AB', origin },
});
const basisset = (instelling: string | null): BasissetBerekend => ({
  persoonsnummer: '123456782', instelling: '25LX', inschrijvingId: 'L1', crebo: '25078', leerweg: 'BOL', niveau: 4, versie: 2, bekostigingsjaar: 2018, teldatum: '2016-10-01', regime: 'cascade2015', prognose: false, actief: true,
  basisset: { bekostigd: true, redenen: [], hoogsteVooropleiding: null, verblijfsjarenEntree: 0, verblijfsjarenNiveau2tot4: 3, bekostigdeDiplomas: [], verblijfsjaar: 3, verblijfsjaarfactor: 1, leerwegfactor: 1, prijsfactor: 1.3, diplomawaardeOpleiding: null, bijdrage: 1.3, verblijfsstatusRechtmatig: null },
  wijzigingen: [{ veld: 'verblijfsjaar', oud: '1', nieuw: '3' }],
  oorzaak: { soort: 'AANLEVERING', instelling, bron: null, eventId: 'studentfeit-van-26AB' },
  intensiteit: 'VT', datumInschrijving: '2016-08-01', datumUitschrijving: null, leeftijdOpEenAugustus: 18, inschrijvingVoorCorrectiefactor: true,
  officieleVoornamen: null, codeLeerbedrijf: null, bpv: [], diplomas: [],
});
const status = (origin: string, instelling: string) =>
  nieuwBericht({ topic: InstellingTopics.bekostigingsstatus('25LX'), key: '123456782', type: EventTypes.BasissetBerekend, value: basisset(instelling), eventId: 'basisset:123456782:25LX:L1:2:status' }, oorzaak(origin));

describe("voorInstelling: a message for an instelling's topic names no other instelling (D7)", () => {
  it("gives another instelling's cause as its soort only, with opaque ids, in the headers and the body", () => {
    const uit = voorInstelling(status('aanlevering:26AB:b-26AB', '26AB'));
    expect(uit.metadata.origin).toBe('aanlevering:andere-instelling');
    expect(uit.value.oorzaak).toEqual({ soort: 'AANLEVERING', instelling: null, bron: null, eventId: opaakId('25LX', 'studentfeit-van-26AB') });
    expect(uit.metadata).toMatchObject({
      eventId: opaakId('25LX', 'basisset:123456782:25LX:L1:2:status'), correlationId: opaakId('25LX', 'instelling.26AB.aanlevering.v1:0:3'), causationId: opaakId('25LX', 'studentfeit-van-26AB'),
    });
    expect(JSON.stringify(uit)).not.toMatch(/26AB/);
    expect(uit.metadata.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('keeps the ids of a chain the instelling started itself, and says the aanlevering was its own', () => {
    const eigen = nieuwBericht({ topic: InstellingTopics.bekostigingsstatus('25LX'), key: '123456782', type: EventTypes.BasissetBerekend, value: basisset('25LX') }, {
      metadata: { ...oorzaak('aanlevering:25LX:b1').metadata, correlationId: 'record-van-25LX' },
    });
    const uit = voorInstelling(eigen);
    expect(uit.metadata).toEqual({ ...eigen.metadata, origin: 'aanlevering:eigen' });
    expect(uit.value.oorzaak.instelling).toBe('25LX');
  });

  it('opaque ids are the same for the same id and differ per instelling and per key', () => {
    expect(opaakId('25LX', 'x')).toBe(opaakId('25LX', 'x'));
    expect(opaakId('25LX', 'x')).not.toBe(opaakId('26AB', 'x'));
    expect(opaakId('25LX', 'x', { BRON_ID_SLEUTEL: 'een-andere-sleutel' })).not.toBe(opaakId('25LX', 'x'));
  });

  it("gives a notificatie its opaque event id as notificatieId, and keeps an external source", () => {
    const notificatie: Notificatie = {
      notificatieId: 'notificatie:basisset:123456782:25LX:L1:3', instelling: '25LX', persoonsnummer: '123456782', inschrijvingId: 'L1', wijzigingen: [],
      oorzaak: { soort: 'EXTERN', omschrijving: 'Een wijziging in een externe registratie (BRP).', bron: 'BRP' }, tekst: 't', onderdelen: [],
    } as Notificatie;
    const uit = voorInstelling(nieuwBericht({ topic: InstellingTopics.notificatie('25LX'), key: '123456782', type: EventTypes.Notificatie, value: notificatie, eventId: notificatie.notificatieId }, oorzaak('extern:BRP')));
    expect(uit.metadata.origin).toBe('extern:BRP');
    expect(uit.value.notificatieId).toBe(uit.metadata.eventId);
    expect(uit.value.notificatieId).toBe(opaakId('25LX', notificatie.notificatieId));
  });

  it('leaves DUO-internal topics whole: the notificatie service needs the real cause', () => {
    const intern = nieuwBericht({ topic: Topics.basisset, key: '123456782', type: EventTypes.BasissetBerekend, value: basisset('26AB') }, oorzaak('aanlevering:26AB:b-26AB'));
    expect(voorInstelling(intern)).toBe(intern);
  });
});
