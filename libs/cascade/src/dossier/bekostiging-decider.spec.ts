import { vouw, type Oorzaak } from '@bron/domein';
import { given } from '@bron/domein/testing';
import { metPrijsfactorWijziging, type Kwalificatietabel } from '../referentie/kwalificaties';
import { TABEL_2015 } from '../testing/specificatie';
import { bekostigingDecider, type BekostigingEvent, type Basissetswijziging, type Basissetversie, type Herbereken, type VerwerkFeit } from './bekostiging-decider';
import type { DossierAanmelding, DossierFeit, DossierInschrijving } from './studentdossier';

const STUDENT = '123456782';
const PEILDATUM = '2016-11-15';
const decider = bekostigingDecider(STUDENT);

const inschrijving = (over: Partial<DossierInschrijving> = {}): DossierInschrijving => ({
  instelling: '25LX', inschrijvingId: 'A', versie: 1, verwijderd: false, crebo: '25078', leerweg: 'BOL', intensiteit: 'VT',
  begin: '2016-08-01', einde: null, bpv: [], ...over,
});
const ingeschreven = (i: DossierInschrijving): DossierFeit => ({ type: 'InschrijvingBijgewerkt', inschrijving: i });
const aanlevering = (instelling: string): Oorzaak => ({ soort: 'AANLEVERING', instelling, batchId: 'b1' });
const BRP: Oorzaak = { soort: 'EXTERN', bron: 'BRP' };

const verwerk = (feit: DossierFeit, oorzaak: Oorzaak, aanleiding: string): VerwerkFeit => ({ type: 'VerwerkFeit', feit, peildatum: PEILDATUM, tabel: TABEL_2015, oorzaak, aanleiding });
const herbereken = (oorzaak: Oorzaak, aanleiding: string, tabel: Kwalificatietabel = TABEL_2015): Herbereken => ({ type: 'Herbereken', peildatum: PEILDATUM, tabel, oorzaak, aanleiding });

/** The basisset versies among the events. */
const versies = (events: readonly BekostigingEvent[]): Basissetversie[] => events.flatMap((e) => (e.type === 'BasissetGewijzigd' ? [e.data] : []));

/** The one change per cause (D8) among the events, if any. */
const wijziging = (events: readonly BekostigingEvent[]): Basissetswijziging[] => events.flatMap((e) => (e.type === 'BasissetsGewijzigd' ? [e.data] : []));
const aangemeld = (a: Partial<DossierAanmelding> = {}): DossierFeit => ({
  type: 'AanmeldingBijgewerkt', aanmelding: { instelling: '27XY', aanmeldingId: 'M1', crebo: '25104', datum: '2017-08-01', verwijderd: false, ...a },
});
const gediplomeerd = (instelling: string, diplomaId: string, crebo: string, datum: string): DossierFeit => ({
  type: 'DiplomaBijgewerkt', diploma: { instelling, diplomaId, versie: 1, verwijderd: false, crebo, datum },
});

/** The history of a student with one BOL inschrijving at 25LX (verblijfsjaar 1, bekostigd). */
const ingeschrevenBij25LX = decider.decide(verwerk(ingeschreven(inschrijving()), aanlevering('25LX'), 'e1'), decider.initialState);

describe('bekostiging decider (D3, D8)', () => {
  it('given a new student, when an inschrijving arrives, then the dossier and a first basisset, versie 1 without wijzigingen', () => {
    given(decider).when(verwerk(ingeschreven(inschrijving()), aanlevering('25LX'), 'e1')).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['DossierBijgewerkt', 'BasissetGewijzigd']);
      expect(versies(events)).toEqual([{
        basisset: expect.objectContaining({
          persoonsnummer: STUDENT, instelling: '25LX', inschrijvingId: 'A', actief: true, teldatum: '2016-10-01', bekostigingsjaar: 2018, regime: 'cascade2015',
          prognose: false, bekostigd: true, verblijfsjaar: 1, verblijfsjaarfactor: 1.2, prijsfactor: 1.3, bijdrage: 1.56,
        }),
        versie: 1, wijzigingen: [], oorzaak: aanlevering('25LX'), aanleiding: 'e1',
      }]);
    });
  });

  it('given a basisset, when it is recomputed without any change, or the same fact comes again, then nothing', () => {
    given(decider, ingeschrevenBij25LX).when(herbereken({ soort: 'REGELSET', bron: 'v2' }, 'e2')).then([]);
    given(decider, ingeschrevenBij25LX).when(verwerk(ingeschreven(inschrijving()), aanlevering('25LX'), 'e2')).then([]);
  });

  it('given a basisset, when only the crebo changes to one with the same funding, then versie 2 names the crebo (a foto shows it)', () => {
    given(decider, ingeschrevenBij25LX).when(verwerk(ingeschreven(inschrijving({ versie: 2, crebo: '25079' })), aanlevering('25LX'), 'e2')).then((events) => {
      const [versie] = versies(events);
      expect(versie.versie).toBe(2);
      expect(versie.wijzigingen).toContainEqual({ veld: 'crebo', oud: '"25078"', nieuw: '"25079"' });
    });
  });

  it('given a basisset, when the peildatum reaches the next studiejaar, then a versie for its teldatum, also with the same funding', () => {
    const volgendJaar: Herbereken = { ...herbereken({ soort: 'REGELSET', bron: 'v2' }, 'e2'), peildatum: '2017-11-15' };
    given(decider, ingeschrevenBij25LX).when(volgendJaar).then((events) => {
      const [versie] = versies(events);
      expect(versie.basisset.teldatum).toBe('2017-10-01');
      expect(versie.wijzigingen).toContainEqual({ veld: 'teldatum', oud: '"2016-10-01"', nieuw: '"2017-10-01"' });
    });
  });

  it('given a basisset, when a change arrives, then versie 2 names the changed fields with old and new value, and the cause', () => {
    const persoon: DossierFeit = {
      type: 'PersoonGewijzigd', geboortedatum: '1990-03-01', nationaliteit: 'SY', officieleVoornamen: 'Amal',
      verblijfsstatus: [{ vanaf: '2017-01-01', tot: null, rechtmatig: true }], tijdstip: '2016-11-16T10:00:00Z',
    };
    given(decider, ingeschrevenBij25LX).when(verwerk(persoon, BRP, 'brp-1')).then((events) => {
      const [versie] = versies(events);
      expect(versie).toMatchObject({ versie: 2, oorzaak: BRP, aanleiding: 'brp-1', basisset: { bekostigd: false, bijdrage: 0 } });
      // the BRP also told the geboortedatum (the age on 1 August) and the official first names
      expect(versie.wijzigingen.map((w) => w.veld)).toEqual(['bekostigd', 'bijdrage', 'leeftijdOpEenAugustus', 'officieleVoornamen', 'redenen', 'verblijfsstatusRechtmatig']);
      expect(versie.wijzigingen).toEqual(expect.arrayContaining([
        { veld: 'bekostigd', oud: 'true', nieuw: 'false' },
        { veld: 'bijdrage', oud: '1.56', nieuw: '0' },
        { veld: 'leeftijdOpEenAugustus', oud: null, nieuw: '26' },
        { veld: 'officieleVoornamen', oud: null, nieuw: '"Amal"' },
        { veld: 'verblijfsstatusRechtmatig', oud: null, nieuw: 'false' },
      ]));
      // a reden is named as the instelling reads it: code, text and rule
      expect(versie.wijzigingen.find((w) => w.veld === 'redenen')?.nieuw).toContain('"code":"INS_KOPPELINGSWET"');
      expect(versie.wijzigingen.find((w) => w.veld === 'redenen')?.nieuw).toContain('"tekst":');
    });
  });

  it('given versie 2 of an inschrijving, when versie 1 arrives late, then nothing changes', () => {
    const tweede = given(decider, ingeschrevenBij25LX).when(verwerk(ingeschreven(inschrijving({ versie: 2, leerweg: 'BBL' })), aanlevering('25LX'), 'e2')).then((events) => {
      expect(versies(events)).toEqual([expect.objectContaining({ versie: 2, basisset: expect.objectContaining({ leerweg: 'BBL' }) })]);
    });
    given(decider, [...ingeschrevenBij25LX, ...tweede]).when(verwerk(ingeschreven(inschrijving({ versie: 1, intensiteit: 'DT' })), aanlevering('25LX'), 'e3')).then([]);
  });

  it("given a basisset at 25LX, when 26AB delivers earlier years of the same student, then both instellingen' basissets, with 26AB's aanlevering as cause (D4)", () => {
    const eerder = inschrijving({ instelling: '26AB', inschrijvingId: 'X', crebo: '25407', begin: '2013-08-01', einde: '2016-07-15' });
    given(decider, ingeschrevenBij25LX).when(verwerk(ingeschreven(eerder), aanlevering('26AB'), 'e2')).then((events) => {
      const [bij25LX, bij26AB] = versies(events);
      expect(bij25LX).toMatchObject({ versie: 2, oorzaak: aanlevering('26AB'), aanleiding: 'e2', basisset: { instelling: '25LX', verblijfsjaar: 4, verblijfsjarenNiveau2tot4: 4, verblijfsjaarfactor: 1 } });
      expect(bij25LX.wijzigingen).toEqual(expect.arrayContaining([{ veld: 'verblijfsjaar', oud: '1', nieuw: '4' }, { veld: 'verblijfsjaarfactor', oud: '1.2', nieuw: '1' }]));
      expect(bij26AB).toMatchObject({ versie: 1, wijzigingen: [], oorzaak: aanlevering('26AB'), basisset: { instelling: '26AB', inschrijvingId: 'X', teldatum: '2015-10-01', verblijfsjaar: 3 } });
    });
  });

  it('given a basisset, when a recompute is asked after a prijsfactor change (no fact), then a new versie with the reference data as cause', () => {
    const tabel = metPrijsfactorWijziging(TABEL_2015, { crebo: '25078', vanaf: '2016-08-01', prijsfactor: 1.8 });
    given(decider, ingeschrevenBij25LX).when(herbereken({ soort: 'REFERENTIE', bron: 'OCW' }, 'h1', tabel)).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['BasissetGewijzigd', 'BasissetsGewijzigd']);
      expect(versies(events)).toEqual([expect.objectContaining({
        versie: 2, oorzaak: { soort: 'REFERENTIE', bron: 'OCW' }, aanleiding: 'h1',
        wijzigingen: [{ veld: 'bijdrage', oud: '1.56', nieuw: '2.16' }, { veld: 'prijsfactor', oud: '1.3', nieuw: '1.8' }],
      })]);
    });
  });

  it('given a student without any history, when a recompute is asked, then nothing', () => {
    given(decider).when(herbereken({ soort: 'REGELSET', bron: 'v2' }, 'h1')).then([]);
  });

  it('given a basisset, when the inschrijving is removed, then a new versie that is no longer actief nor bekostigd', () => {
    given(decider, ingeschrevenBij25LX).when(verwerk(ingeschreven(inschrijving({ versie: 2, verwijderd: true })), aanlevering('25LX'), 'e2')).then((events) => {
      const [versie] = versies(events);
      expect(versie).toMatchObject({ versie: 2, basisset: { actief: false, bekostigd: false } });
      expect(versie.wijzigingen).toEqual(expect.arrayContaining([{ veld: 'actief', oud: 'true', nieuw: 'false' }]));
    });
  });

  it('folds its events into the state: the new dossier and the last versie of each basisset', () => {
    const stand = vouw(decider, ingeschrevenBij25LX);
    expect(Object.keys(stand.dossier.inschrijvingen)).toEqual(['25LX:A']);
    expect(Object.keys(stand.basissets)).toEqual(['25LX:A']);
    expect(stand.basissets['25LX:A']).toMatchObject({ versie: 1, aanleiding: 'e1' });
    expect(decider.initialState).toEqual({ dossier: expect.objectContaining({ persoonsnummer: STUDENT, inschrijvingen: {} }), basissets: {} });
  });

  describe("the inschrijving's facts a foto shows: a change in any of them is a new versie", () => {
    const bbl = (over: Partial<DossierInschrijving> = {}) => inschrijving({
      crebo: '25099', leerweg: 'BBL', intensiteit: 'DT', begin: '2016-08-01',
      bpv: [{ bpvId: 'P1', afgesloten: '2016-07-01', begin: '2016-08-01', einde: null, leerbedrijf: '100012345' }], ...over,
    });
    const bblBij25LX = decider.decide(verwerk(ingeschreven(bbl()), aanlevering('25LX'), 'e1'), decider.initialState);

    it('given a BBL inschrijving, when its BPV moves to another leerbedrijf, then a new versie naming codeLeerbedrijf and bpv', () => {
      expect(versies(bblBij25LX)).toEqual([expect.objectContaining({ basisset: expect.objectContaining({ codeLeerbedrijf: '100012345', bekostigd: true }) })]);
      const ander = bbl({ versie: 2, bpv: [{ bpvId: 'P1', afgesloten: '2016-07-01', begin: '2016-08-01', einde: null, leerbedrijf: '100067890' }] });
      given(decider, bblBij25LX).when(verwerk(ingeschreven(ander), aanlevering('25LX'), 'e2')).then((events) => {
        const [versie] = versies(events);
        expect(versie).toMatchObject({ versie: 2, basisset: { codeLeerbedrijf: '100067890', bpv: [{ bpvId: 'P1', leerbedrijf: '100067890' }] } });
        expect(versie.wijzigingen.map((w) => w.veld)).toEqual(['bpv', 'codeLeerbedrijf']);
        expect(versie.wijzigingen).toContainEqual({ veld: 'codeLeerbedrijf', oud: '"100012345"', nieuw: '"100067890"' });
      });
    });

    it('given a known person, when the BRP reports other official first names only, then a new versie naming officieleVoornamen alone, told to the running inschrijving', () => {
      const brp = (officieleVoornamen: string, tijdstip: string): DossierFeit => ({ type: 'PersoonGewijzigd', geboortedatum: '1998-05-01', nationaliteit: 'NL', officieleVoornamen, verblijfsstatus: [], tijdstip });
      const bekend = [...ingeschrevenBij25LX, ...decider.decide(verwerk(brp('Jan', '2016-11-16T10:00:00Z'), BRP, 'brp-1'), vouw(decider, ingeschrevenBij25LX))];
      given(decider, bekend).when(verwerk(brp('Jan Willem', '2016-11-17T10:00:00Z'), BRP, 'brp-2')).then((events) => {
        const [versie] = versies(events);
        expect(versie).toMatchObject({ versie: 3, oorzaak: BRP, basisset: { officieleVoornamen: 'Jan Willem', bekostigd: true } });
        expect(versie.wijzigingen).toEqual([{ veld: 'officieleVoornamen', oud: '"Jan"', nieuw: '"Jan Willem"' }]);
        expect(wijziging(events)[0].instellingen).toEqual([{ instelling: '25LX', onderdelen: [{ soort: 'INSCHRIJVING', id: 'A', crebo: '25078', wijzigingen: versie.wijzigingen }] }]);
      });
    });

    it('given an inschrijving, when its end is delivered before 1 February, then a new versie naming datumUitschrijving and inschrijvingVoorCorrectiefactor', () => {
      expect(versies(ingeschrevenBij25LX)[0].basisset).toMatchObject({ datumInschrijving: '2016-08-01', datumUitschrijving: null, inschrijvingVoorCorrectiefactor: true, intensiteit: 'VT' });
      given(decider, ingeschrevenBij25LX).when(verwerk(ingeschreven(inschrijving({ versie: 2, einde: '2017-01-31' })), aanlevering('25LX'), 'e2')).then((events) => {
        expect(versies(events)[0].wijzigingen).toEqual([
          { veld: 'datumUitschrijving', oud: null, nieuw: '"2017-01-31"' },
          { veld: 'inschrijvingVoorCorrectiefactor', oud: 'true', nieuw: 'false' },
        ]);
      });
    });

    it("given an ended inschrijving at 26AB, when 26AB delivers its diploma, then a new versie naming diplomas, the diploma with its own bekostiging (bekostigingsjaar 2018)", () => {
      const geeindigd = decider.decide(verwerk(ingeschreven(inschrijving({ instelling: '26AB', inschrijvingId: 'X', crebo: '25180', begin: '2014-08-01', einde: '2016-06-30' })), aanlevering('26AB'), 'e1'), decider.initialState);
      given(decider, geeindigd).when(verwerk(gediplomeerd('26AB', 'D1', '25180', '2016-06-30'), aanlevering('26AB'), 'd1')).then((events) => {
        const [versie] = versies(events);
        // the inschrijving counts on 1 October 2015 (bekostigingsjaar 2017); its diploma of 2016 counts in 2018
        expect(versie.basisset).toMatchObject({ teldatum: '2015-10-01', bekostigdeDiplomas: [] });
        expect(versie.basisset.diplomas).toEqual([{
          diplomaId: 'D1', crebo: '25180', datum: '2016-06-30', niveau: 2, bekostigd: true, diplomawaarde: 1,
          redenen: [expect.objectContaining({ code: 'DIP_BEKOSTIGD' })],
        }]);
        expect(versie.wijzigingen.map((w) => w.veld)).toEqual(['diplomas']);
        expect(versie.wijzigingen[0].nieuw).toContain('"tekst":"Diploma telt mee in de diplomawaarde."');
      });
    });
  });

  describe('one change per cause, for every instelling that may be told (D8)', () => {
    it('given a running inschrijving at 25LX, when 26AB delivers earlier years, then one change naming 25LX with its inschrijving, and 26AB without changes left out', () => {
      const eerder = inschrijving({ instelling: '26AB', inschrijvingId: 'X', crebo: '25407', begin: '2013-08-01', einde: '2016-07-15' });
      given(decider, ingeschrevenBij25LX).when(verwerk(ingeschreven(eerder), aanlevering('26AB'), 'e2')).then((events) => {
        expect(wijziging(events)).toEqual([{
          persoonsnummer: STUDENT, oorzaak: aanlevering('26AB'), aanleiding: 'e2',
          instellingen: [{ instelling: '25LX', onderdelen: [{ soort: 'INSCHRIJVING', id: 'A', crebo: '25078', wijzigingen: versies(events)[0].wijzigingen }] }],
        }]);
      });
    });

    it('given two running inschrijvingen at 25LX, when the BRP reports unlawful residence, then one change naming both', () => {
      const tweede = decider.decide(verwerk(ingeschreven(inschrijving({ inschrijvingId: 'B', crebo: '25099', begin: '2016-09-01' })), aanlevering('25LX'), 'e2'), vouw(decider, ingeschrevenBij25LX));
      const persoon: DossierFeit = { type: 'PersoonGewijzigd', geboortedatum: '1990-03-01', nationaliteit: 'SY', officieleVoornamen: null, verblijfsstatus: [{ vanaf: '2017-01-01', tot: null, rechtmatig: true }], tijdstip: '2016-11-16T10:00:00Z' };
      given(decider, [...ingeschrevenBij25LX, ...tweede]).when(verwerk(persoon, BRP, 'brp-1')).then((events) => {
        const [w] = wijziging(events);
        expect(w.instellingen.map((i) => [i.instelling, i.onderdelen.map((o) => o.id)])).toEqual([['25LX', ['A', 'B']]]);
        expect(w.oorzaak).toEqual(BRP);
      });
    });

    it('given an inschrijving that ended before the peildatum, when its basisset changes, then its instelling is not among those told', () => {
      const geeindigd = decider.decide(verwerk(ingeschreven(inschrijving({ instelling: '26AB', inschrijvingId: 'X', begin: '2014-08-01', einde: '2016-06-30' })), aanlevering('26AB'), 'e1'), decider.initialState);
      const tabel = metPrijsfactorWijziging(TABEL_2015, { crebo: '25078', vanaf: '2015-08-01', prijsfactor: 1.8 });
      given(decider, geeindigd).when(herbereken({ soort: 'REFERENTIE', bron: 'OCW' }, 'h1', tabel)).then((events) => {
        expect(versies(events)).toEqual([expect.objectContaining({ versie: 2, basisset: expect.objectContaining({ instelling: '26AB', prijsfactor: 1.8 }) })]);
        expect(wijziging(events)).toEqual([]);
      });
    });

    it('given an unexpired aanmelding at 27XY only, when 26AB delivers a diploma, then one change naming 27XY with its basisset at aanmelding', () => {
      const metAanmelding = decider.decide(verwerk(aangemeld(), aanlevering('27XY'), 'a1'), decider.initialState);
      // the aanmelding itself is its first basisset at aanmelding: no change to tell
      expect(wijziging(metAanmelding)).toEqual([]);
      given(decider, metAanmelding).when(verwerk(gediplomeerd('26AB', 'D1', '25180', '2016-06-30'), aanlevering('26AB'), 'd1')).then((events) => {
        const [w] = wijziging(events);
        expect(w).toMatchObject({ oorzaak: aanlevering('26AB'), aanleiding: 'd1' });
        expect(w.instellingen).toEqual([{ instelling: '27XY', onderdelen: [{ soort: 'AANMELDING', id: 'M1', crebo: '25104', wijzigingen: expect.arrayContaining([expect.objectContaining({ veld: 'bekostigdeDiplomas', oud: '[]' })]) }] }]);
      });
    });

    it('given an expired or removed aanmelding, when a diploma arrives, then its instelling is not told', () => {
      const verlopen = decider.decide(verwerk(aangemeld({ datum: '2016-01-01' }), aanlevering('27XY'), 'a1'), decider.initialState);
      given(decider, verlopen).when(verwerk(gediplomeerd('26AB', 'D1', '25180', '2016-06-30'), aanlevering('26AB'), 'd1')).then((events) => expect(wijziging(events)).toEqual([]));
      const verwijderd = decider.decide(verwerk(aangemeld({ verwijderd: true }), aanlevering('27XY'), 'a1'), decider.initialState);
      given(decider, verwijderd).when(verwerk(gediplomeerd('26AB', 'D1', '25180', '2016-06-30'), aanlevering('26AB'), 'd1')).then((events) => expect(wijziging(events)).toEqual([]));
    });

    it('given an inschrijving and an aanmelding at 25LX, when a VO school registers a vooropleiding, then one change for 25LX naming both', () => {
      const beide = [...ingeschrevenBij25LX, ...decider.decide(verwerk(aangemeld({ instelling: '25LX' }), aanlevering('25LX'), 'a1'), vouw(decider, ingeschrevenBij25LX))];
      const vo: DossierFeit = { type: 'VooropleidingGeregistreerd', vooropleiding: { soort: 'VMBO_TL', diploma: true, datum: '2014-07-01' } };
      given(decider, beide).when(verwerk(vo, { soort: 'EXTERN', bron: 'VO' }, 'vo-1')).then((events) => {
        const [w] = wijziging(events);
        expect(w.instellingen.map((i) => [i.instelling, i.onderdelen.map((o) => `${o.soort}:${o.id}`)])).toEqual([['25LX', ['INSCHRIJVING:A', 'AANMELDING:M1']]]);
      });
    });
  });
});
