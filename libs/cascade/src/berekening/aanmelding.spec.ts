import { evolve, leegDossier, type DossierAanmelding, type DossierFeit, type DossierInschrijving } from '../dossier/studentdossier';
import { CREBO, TABEL_2015 as tabel } from '../testing/specificatie';
import {
  aanmeldingGeldig,
  basissetBijAanmelding,
  eersteTeldatumVanaf,
  geldigeAanmeldingen,
  plusMaanden,
  toegangTotBasisset,
} from './aanmelding';

const PERSOON = '123456782';
const PEILDATUM = '2016-11-15';

const aanmelding = (over: Partial<DossierAanmelding> = {}): DossierFeit => ({
  type: 'AanmeldingBijgewerkt',
  aanmelding: { instelling: '25LX', aanmeldingId: 'AM1', crebo: CREBO.MIDDENKADER, datum: '2017-08-01', verwijderd: false, ...over },
});
const inschrijving = (over: Partial<DossierInschrijving>): DossierFeit => ({
  type: 'InschrijvingBijgewerkt',
  inschrijving: { instelling: '26AB', inschrijvingId: 'I1', versie: 1, verwijderd: false, crebo: CREBO.VAK, leerweg: 'BOL', intensiteit: 'VT', begin: '2013-08-01', einde: '2016-07-15', bpv: [], ...over },
});
const diploma: DossierFeit = { type: 'DiplomaBijgewerkt', diploma: { instelling: '26AB', diplomaId: 'I1', versie: 1, verwijderd: false, crebo: CREBO.VAK, datum: '2016-07-01' } };
const overgangsbewijsHavo: DossierFeit = { type: 'VooropleidingGeregistreerd', vooropleiding: { soort: 'HAVO', diploma: false, datum: '2016-07-01' } };
const persoon: DossierFeit = {
  type: 'PersoonGewijzigd', geboortedatum: '1995-03-01', nationaliteit: 'MA', officieleVoornamen: 'Yasmina Noor',
  verblijfsstatus: [{ vanaf: '2014-01-01', tot: '2017-06-01', rechtmatig: true }], tijdstip: '2016-10-01T09:00:00Z',
};
const gegeven = (...feiten: DossierFeit[]) => feiten.reduce(evolve, leegDossier(PERSOON));

describe('basisset at aanmelding (D3, seed 3.1)', () => {
  it('given only an aanmelding and an overgangsbewijs havo 3-4, then the first verblijfsjaar on the next teldatum, full diplomawaarde', () => {
    const basisset = basissetBijAanmelding(gegeven(aanmelding(), overgangsbewijsHavo), { peildatum: PEILDATUM, tabel, crebo: CREBO.MIDDENKADER });
    expect(basisset).toEqual({
      persoonsnummer: PERSOON,
      teldatum: '2017-10-01',
      bekostigingsjaar: 2019,
      regime: 'cascade2015',
      prognose: true,
      hoogsteVooropleiding: { code: 'HAVO', overgangsbewijs: true },
      verblijfsjarenEntree: 0,
      verblijfsjarenNiveau2tot4: 0,
      bekostigdeDiplomas: [],
      verblijfsstatus: { nationaliteit: null, perioden: [], rechtmatigOpTeldatum: null },
      officieleVoornamen: null,
      beoogd: { crebo: CREBO.MIDDENKADER, bekend: true, niveau: 4, teller: 'niveau2tot4', prijsfactor: 1.3, verblijfsjaar: 1, verblijfsjaarfactor: 1.2, diplomawaarde: 5 },
    });
  });

  it("given three years and a vakdiploma at another instelling, then those years and that diploma count for the beoogde niveau 4 (D4, DiE)", () => {
    const basisset = basissetBijAanmelding(gegeven(inschrijving({}), diploma, aanmelding()), { peildatum: PEILDATUM, tabel, crebo: CREBO.MIDDENKADER });
    expect(basisset).toMatchObject({
      verblijfsjarenEntree: 0,
      verblijfsjarenNiveau2tot4: 3,
      bekostigdeDiplomas: [{ crebo: CREBO.VAK, niveau: 3, datum: '2016-07-01', diplomawaarde: 3 }],
      beoogd: { verblijfsjaar: 4, verblijfsjaarfactor: 1, diplomawaarde: 2, prijsfactor: 1.3 },
    });
  });

  it('given the same history, then an entree crebo counts in its own counter with its own prijsfactor (I-2)', () => {
    const { beoogd } = basissetBijAanmelding(gegeven(inschrijving({}), diploma), { peildatum: PEILDATUM, tabel, crebo: CREBO.ENTREE });
    expect(beoogd).toEqual({ crebo: CREBO.ENTREE, bekend: true, niveau: 1, teller: 'entree', prijsfactor: 1, verblijfsjaar: 1, verblijfsjaarfactor: 1.2, diplomawaarde: 0 });
  });

  it('counts a restart: three calendar years without a 1 October inschrijving start the counter again (UWEB 2.2.3 lid 3)', () => {
    const { beoogd, verblijfsjarenNiveau2tot4 } = basissetBijAanmelding(gegeven(inschrijving({ begin: '2010-08-01', einde: '2012-07-15' })), { peildatum: PEILDATUM, tabel, crebo: CREBO.VAK });
    expect(verblijfsjarenNiveau2tot4).toBe(0);
    expect(beoogd).toMatchObject({ verblijfsjaar: 1, verblijfsjaarfactor: 1.2 });
  });

  it('names the verblijfsstatus and the officiële voornamen the BRP reported, and whether the residence is lawful on the teldatum', () => {
    const basisset = basissetBijAanmelding(gegeven(persoon), { peildatum: PEILDATUM, tabel });
    expect(basisset.officieleVoornamen).toBe('Yasmina Noor');
    // The lawful period ends on 1 June 2017 (exclusive), before the teldatum 1 October 2017.
    expect(basisset.verblijfsstatus).toEqual({ nationaliteit: 'MA', perioden: [{ vanaf: '2014-01-01', tot: '2017-06-01', rechtmatig: true }], rechtmatigOpTeldatum: false });
    expect(basissetBijAanmelding(gegeven(persoon), { peildatum: PEILDATUM, tabel, teldatum: '2016-10-01' }).verblijfsstatus.rechtmatigOpTeldatum).toBe(true);
    expect(basisset.beoogd).toBeNull();
  });

  it('says so when the beoogde crebo is not in the kwalificaties table', () => {
    expect(basissetBijAanmelding(gegeven(), { peildatum: PEILDATUM, tabel, crebo: '99999' }).beoogd).toEqual({
      crebo: '99999', bekend: false, niveau: null, teller: null, prijsfactor: null, verblijfsjaar: null, verblijfsjaarfactor: null, diplomawaarde: null,
    });
  });

  it('uses the rule set of the teldatum: post2018 has no verblijfsjaarfactor (D1)', () => {
    const basisset = basissetBijAanmelding(gegeven(), { peildatum: '2019-03-01', tabel, crebo: CREBO.VAK });
    expect(basisset).toMatchObject({ teldatum: '2019-10-01', bekostigingsjaar: 2021, regime: 'post2018', beoogd: { verblijfsjaar: 1, verblijfsjaarfactor: 1 } });
  });

  it('leaves the person-wide part as the dossier has it, whatever crebo is asked for', () => {
    const dossier = gegeven(inschrijving({}), diploma, overgangsbewijsHavo);
    const { beoogd: _zonder, ...zonder } = basissetBijAanmelding(dossier, { peildatum: PEILDATUM, tabel });
    for (const crebo of [CREBO.ENTREE, CREBO.BASIS, CREBO.VAK, CREBO.MIDDENKADER, CREBO.SPECIALIST]) {
      const { beoogd: _beoogd, ...met } = basissetBijAanmelding(dossier, { peildatum: PEILDATUM, tabel, crebo });
      expect(met).toEqual(zonder);
    }
  });
});

describe('teldatum at aanmelding', () => {
  it.each([
    ['2016-11-15', '2017-10-01'],
    ['2016-10-01', '2016-10-01'],
    ['2016-03-15', '2016-10-01'],
  ])('someone who starts on %s is first counted on %s', (datum, teldatum) => {
    expect(eersteTeldatumVanaf(datum)).toBe(teldatum);
  });

  it('refuses a teldatum that is not a 1 October', () => {
    expect(() => basissetBijAanmelding(gegeven(), { peildatum: PEILDATUM, tabel, teldatum: '2017-02-01' })).toThrow(RangeError);
  });
});

describe('an unexpired aanmelding (D11)', () => {
  const am = (over: Partial<DossierAanmelding> = {}): DossierAanmelding => ({ instelling: '25LX', aanmeldingId: 'AM1', crebo: CREBO.VAK, datum: '2017-08-01', verwijderd: false, ...over });

  it('counts from its registration until three months after the desired start', () => {
    expect(aanmeldingGeldig(am(), '2016-11-15')).toBe(true);
    expect(aanmeldingGeldig(am(), '2017-10-31')).toBe(true);
    expect(aanmeldingGeldig(am(), '2017-11-01')).toBe(false);
  });

  it('no longer counts once removed', () => {
    expect(aanmeldingGeldig(am({ verwijderd: true }), '2016-11-15')).toBe(false);
  });

  it('lists only the unexpired ones', () => {
    const dossier = gegeven(aanmelding(), aanmelding({ instelling: '26AB', aanmeldingId: 'X', datum: '2016-02-01' }), aanmelding({ instelling: '27CD', aanmeldingId: 'Y', verwijderd: true }));
    expect(geldigeAanmeldingen(dossier, PEILDATUM).map((a) => a.instelling)).toEqual(['25LX']);
  });

  it('adds calendar months', () => {
    expect(plusMaanden('2017-08-01', 3)).toBe('2017-11-01');
    expect(plusMaanden('2016-11-30', 3)).toBe('2017-02-30');
    expect(plusMaanden('2016-07-15', 12)).toBe('2017-07-15');
    expect('2017-02-28' < plusMaanden('2016-11-30', 3) && plusMaanden('2016-11-30', 3) < '2017-03-01').toBe(true);
  });
});

describe('who may see the basisset (D7, D11)', () => {
  const dossier = gegeven(inschrijving({}), aanmelding());

  it('the instelling of an unexpired aanmelding, before any inschrijving', () => {
    expect(toegangTotBasisset(dossier, '25LX', PEILDATUM)).toEqual({ toegang: true, grond: 'AANMELDING' });
    expect(toegangTotBasisset(dossier, '25LX', '2017-11-01')).toEqual({ toegang: false, grond: 'GEEN_INSCHRIJVING_OF_AANMELDING' });
  });

  it('the instelling of an inschrijving, up to twelve months after it ended', () => {
    expect(toegangTotBasisset(dossier, '26AB', PEILDATUM)).toEqual({ toegang: true, grond: 'INSCHRIJVING' });
    expect(toegangTotBasisset(dossier, '26AB', '2017-07-15')).toEqual({ toegang: false, grond: 'GEEN_INSCHRIJVING_OF_AANMELDING' });
    expect(toegangTotBasisset(gegeven(inschrijving({ einde: null })), '26AB', '2030-01-01')).toEqual({ toegang: true, grond: 'INSCHRIJVING' });
    expect(toegangTotBasisset(gegeven(inschrijving({ verwijderd: true })), '26AB', PEILDATUM).toegang).toBe(false);
  });

  it('no other instelling, and the same answer for a person nobody knows', () => {
    expect(toegangTotBasisset(dossier, '27CD', PEILDATUM)).toEqual({ toegang: false, grond: 'GEEN_INSCHRIJVING_OF_AANMELDING' });
    expect(toegangTotBasisset(leegDossier(PERSOON), '27CD', PEILDATUM)).toEqual(toegangTotBasisset(dossier, '27CD', PEILDATUM));
  });
});
