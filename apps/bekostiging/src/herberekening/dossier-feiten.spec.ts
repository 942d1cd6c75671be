import { EventTypes } from '@bron/contracts';
import { leesStudentbericht, type Studentbericht } from './dossier-feiten';

const metadata = { eventId: 'e1', eventType: EventTypes.InschrijvingBijgewerkt, eventTime: '2016-11-15T10:00:00.000Z', correlationId: 'e1', causationId: null, origin: 'aanlevering:25LX:b1' };

describe('an InschrijvingBijgewerkt as the dossier holds it', () => {
  it('given a BBL inschrijving with a BPV, then the BPV with its id, dates and leerbedrijf (the omvang is not kept)', () => {
    const bericht: Studentbericht = {
      type: EventTypes.InschrijvingBijgewerkt, topic: 'aanlevering.public.studentfeit.v1', partition: 0, offset: '0', key: '123456782', metadata,
      value: {
        persoonsnummer: '123456782', instelling: '25LX', inschrijvingId: 'A', versie: 3, verwijderd: false, crebo: '25099', leerweg: 'BBL', intensiteit: 'DT',
        begin: '2016-08-01', einde: null, redenUitschrijving: null,
        bpv: [
          { bpvId: 'P1', afgesloten: '2016-07-01', begin: '2016-08-01', einde: null, omvangUren: 800, leerbedrijf: '100012345' },
          { bpvId: 'P2', afgesloten: '2016-07-01', begin: '2017-01-01', einde: '2017-06-30', omvangUren: null, leerbedrijf: null },
        ],
      },
    };
    expect(leesStudentbericht(bericht)).toEqual({
      persoonsnummer: '123456782',
      feit: {
        type: 'InschrijvingBijgewerkt',
        inschrijving: {
          instelling: '25LX', inschrijvingId: 'A', versie: 3, verwijderd: false, crebo: '25099', leerweg: 'BBL', intensiteit: 'DT', begin: '2016-08-01', einde: null,
          bpv: [
            { bpvId: 'P1', afgesloten: '2016-07-01', begin: '2016-08-01', einde: null, leerbedrijf: '100012345' },
            { bpvId: 'P2', afgesloten: '2016-07-01', begin: '2017-01-01', einde: '2017-06-30', leerbedrijf: undefined },
          ],
        },
      },
    });
  });
});
