import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { berekenBekostiging } from '../berekening/bereken';
import { kwalificaties2015 } from '../referentie/kwalificaties-2015';
import { basissetsVanDossier, teldatumVoorInschrijving, teldatumVanStudiejaar } from './basisset-per-inschrijving';
import { evolve, leegDossier, type DossierFeit, type DossierInschrijving } from './studentdossier';

const tabel = kwalificaties2015(readFileSync(join(__dirname, '..', '..', '..', '..', 'data', 'kwalificaties-2015.csv'), 'utf8'));
const STUDENT = '123456782';

const inschrijving = (over: Partial<DossierInschrijving>): DossierInschrijving => ({
  instelling: '25LX', inschrijvingId: 'A', versie: 1, verwijderd: false, crebo: '25078', leerweg: 'BOL', intensiteit: 'VT',
  begin: '2016-08-01', einde: null, bpv: [], ...over,
});
const feit = (i: DossierInschrijving): DossierFeit => ({ type: 'InschrijvingBijgewerkt', inschrijving: i });
const dossierVan = (feiten: DossierFeit[]) => feiten.reduce(evolve, leegDossier(STUDENT));

describe('teldatum of an inschrijving (D2)', () => {
  it.each([
    ['2016-11-15', '2016-10-01'],
    ['2016-08-01', '2016-10-01'],
    ['2016-07-31', '2015-10-01'],
  ])('the studiejaar of %s counts on %s', (peildatum, teldatum) => {
    expect(teldatumVanStudiejaar(peildatum)).toBe(teldatum);
  });

  it.each([
    ['runs on the running teldatum', { begin: '2014-08-01', einde: null }, '2016-10-01'],
    ['ended before it: its last 1 October', { begin: '2013-08-01', einde: '2016-07-15' }, '2015-10-01'],
    ['starts after it: its first 1 October (prognose)', { begin: '2016-11-01', einde: null }, '2017-10-01'],
    ['starts on 1 October', { begin: '2016-10-01', einde: null }, '2016-10-01'],
    ['covers no 1 October at all', { begin: '2016-11-01', einde: '2017-06-30' }, null],
  ])('%s', (_, periode, verwacht) => {
    expect(teldatumVoorInschrijving(inschrijving(periode), '2016-11-15')).toBe(verwacht);
  });
});

describe('studentdossier', () => {
  it('never lets an older versie replace a newer one', () => {
    const nieuw = inschrijving({ versie: 2, leerweg: 'BBL' });
    expect(dossierVan([feit(nieuw), feit(inschrijving({ versie: 1 }))]).inschrijvingen['25LX:A']).toEqual(nieuw);
  });

  it('gives the same dossier whatever the order in which facts arrive, and folding a fact twice changes nothing', () => {
    const feiten: DossierFeit[] = [
      feit(inschrijving({})),
      feit(inschrijving({ versie: 2, einde: '2017-01-31' })),
      feit(inschrijving({ instelling: '26AB', inschrijvingId: 'X', begin: '2013-08-01', einde: '2016-07-15', crebo: '25407' })),
      { type: 'DiplomaBijgewerkt', diploma: { instelling: '26AB', diplomaId: 'X', versie: 1, verwijderd: false, crebo: '25407', datum: '2016-07-01' } },
      { type: 'PersoonGewijzigd', geboortedatum: '1998-01-01', nationaliteit: 'NL', officieleVoornamen: 'Jan', verblijfsstatus: [], tijdstip: '2016-11-01T10:00:00Z' },
      { type: 'PersoonGewijzigd', geboortedatum: '1998-01-02', nationaliteit: 'NL', officieleVoornamen: 'Jan', verblijfsstatus: [], tijdstip: '2016-11-02T10:00:00Z' },
      { type: 'VooropleidingGeregistreerd', vooropleiding: { soort: 'VMBO_TL', diploma: true, datum: '2013-07-01' } },
      { type: 'VooropleidingGeregistreerd', vooropleiding: { soort: 'HAVO', diploma: false, datum: '2012-07-01' } },
    ];
    const verwacht = dossierVan(feiten);
    fc.assert(fc.property(fc.shuffledSubarray(feiten, { minLength: feiten.length }), fc.nat(feiten.length - 1), (volgorde, dubbel) => {
      expect(dossierVan([...volgorde, volgorde[dubbel]])).toEqual(verwacht);
    }));
  });
});

describe('basisset per inschrijving', () => {
  it("counts another instelling's earlier years in this inschrijving's verblijfsjaar (D4)", () => {
    const alleen = basissetsVanDossier(dossierVan([feit(inschrijving({}))]), '2016-11-15', tabel, berekenBekostiging);
    expect(alleen).toEqual([expect.objectContaining({ instelling: '25LX', teldatum: '2016-10-01', bekostigingsjaar: 2018, regime: 'cascade2015', verblijfsjaar: 1, verblijfsjaarfactor: 1.2, bekostigd: true, prijsfactor: 1.3, bijdrage: 1.56 })]);

    const metAnder = basissetsVanDossier(dossierVan([
      feit(inschrijving({})),
      feit(inschrijving({ instelling: '26AB', inschrijvingId: 'X', crebo: '25407', begin: '2013-08-01', einde: '2016-07-15' })),
    ]), '2016-11-15', tabel, berekenBekostiging);
    expect(metAnder.find((b) => b.instelling === '25LX')).toMatchObject({ verblijfsjaar: 4, verblijfsjarenNiveau2tot4: 4, verblijfsjaarfactor: 1 });
    expect(metAnder.find((b) => b.instelling === '26AB')).toMatchObject({ teldatum: '2015-10-01', verblijfsjaar: 3 });
  });

  it('marks a basisset whose teldatum is still to come as a prognose (D2)', () => {
    const dossier = dossierVan([feit(inschrijving({}))]);
    expect(basissetsVanDossier(dossier, '2016-09-15', tabel, berekenBekostiging)[0]).toMatchObject({ teldatum: '2016-10-01', prognose: true });
    expect(basissetsVanDossier(dossier, '2016-10-01', tabel, berekenBekostiging)[0]).toMatchObject({ teldatum: '2016-10-01', prognose: false });
  });

  it('shows an inschrijving that covers no teldatum as not bekostigd, with its reason', () => {
    const [b] = basissetsVanDossier(dossierVan([feit(inschrijving({ begin: '2016-11-01', einde: '2017-06-30' }))]), '2016-11-15', tabel, berekenBekostiging);
    expect(b).toMatchObject({ bekostigd: false, verblijfsjaar: null, bijdrage: 0, redenen: [{ code: 'INS_NIET_OP_TELDATUM' }] });
  });

  it('keeps a removed inschrijving as inactive, no longer bekostigd', () => {
    const [b] = basissetsVanDossier(dossierVan([feit(inschrijving({})), feit(inschrijving({ versie: 2, verwijderd: true }))]), '2016-11-15', tabel, berekenBekostiging);
    expect(b).toMatchObject({ actief: false, bekostigd: false });
  });

  it('knows lawful residence at the start only from the BRP', () => {
    const zonder = basissetsVanDossier(dossierVan([feit(inschrijving({}))]), '2016-11-15', tabel, berekenBekostiging);
    expect(zonder[0].verblijfsstatusRechtmatig).toBeNull();
    const met = basissetsVanDossier(dossierVan([
      feit(inschrijving({})),
      { type: 'PersoonGewijzigd', geboortedatum: '1990-03-01', nationaliteit: 'SY', officieleVoornamen: null, verblijfsstatus: [{ vanaf: '2017-01-01', tot: null, rechtmatig: true }], tijdstip: '2016-11-01T00:00:00Z' },
    ]), '2016-11-15', tabel, berekenBekostiging);
    expect(met[0]).toMatchObject({ verblijfsstatusRechtmatig: false, bekostigd: false, redenen: expect.arrayContaining([expect.objectContaining({ code: 'INS_KOPPELINGSWET' })]) });
  });
});
