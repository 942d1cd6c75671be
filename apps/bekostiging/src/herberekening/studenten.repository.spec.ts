import { leegDossier, type Studentdossier } from '@bron/cascade';
import { dossierVanRij } from './studenten.repository';

describe('a stored dossier', () => {
  const inschrijving = { instelling: '25LX', inschrijvingId: 'A', versie: 1, verwijderd: false, crebo: '25099', leerweg: 'BBL', intensiteit: 'DT', begin: '2016-08-01', einde: null } as const;

  it('given a dossier of a build from before it kept the id of a BPV, then that BPV reads with an empty id', () => {
    // as such a build wrote it: a BPV without bpvId
    const opgeslagen = { ...leegDossier('123456782'), inschrijvingen: { '25LX:A': { ...inschrijving, bpv: [{ afgesloten: '2016-07-01', begin: '2016-08-01', einde: null, leerbedrijf: '100012345' }] } } } as unknown as Studentdossier;
    expect(dossierVanRij(opgeslagen).inschrijvingen['25LX:A'].bpv).toEqual([{ bpvId: '', afgesloten: '2016-07-01', begin: '2016-08-01', einde: null, leerbedrijf: '100012345' }]);
  });

  it('given a dossier whose BPV\'s have their id, then the same dossier', () => {
    const opgeslagen: Studentdossier = { ...leegDossier('123456782'), inschrijvingen: { '25LX:A': { ...inschrijving, bpv: [{ bpvId: 'P1', afgesloten: '2016-07-01', begin: '2016-08-01', einde: null }] } } };
    expect(dossierVanRij(opgeslagen)).toBe(opgeslagen);
  });
});
