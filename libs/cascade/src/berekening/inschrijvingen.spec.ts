import { metPrijsfactorWijziging } from '../referentie/kwalificaties';
import { bbl, bol, bolInJaren, bpv, codes, CREBO, given, ins, PERSOON, TABEL_2015 } from '../testing/specificatie';

describe('leerwegfactor BOL / BBL (UWEB 2.2.2 lid 2, 2.2.3 lid 2; facts 11, 12, 16)', () => {
  it('given BOL, then leerwegfactor 1', () => {
    given({ inschrijvingen: [bol('A', CREBO.VAK, '2015-08-01')] })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'A')).toMatchObject({ bekostigd: true, leerwegfactor: 1, bijdrage: 1.56 });
        expect(codes(ins(b, 'A'))).toEqual(['INS_BEKOSTIGD', 'LW_BOL', 'PF_TABEL', 'VJ_NIVEAU_2_4']);
      });
  });

  it('given BBL niveau 3 with a BPV concluded in September and running on 31 December, then leerwegfactor 0.4', () => {
    given({ inschrijvingen: [bbl('A', CREBO.VAK, '2015-08-01', null, [bpv('2015-09-01', '2015-09-15', '2016-06-30')])] })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'A')).toMatchObject({ bekostigd: true, leerwegfactor: 0.4, prijsfactor: 1.3, verblijfsjaarfactor: 1.2, bijdrage: 0.624 });
        expect(codes(ins(b, 'A'))).toContain('LW_BBL');
      });
  });

  it('given BBL niveau 3 with a BPV concluded on 31 December and starting that day, then it is bekostigd', () => {
    given({ inschrijvingen: [bbl('A', CREBO.VAK, '2015-08-01', null, [bpv('2015-12-31', '2015-12-31')])] })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(true));
  });

  it('given BBL niveau 3 without any BPV, then not bekostigd (INS_BBL_GEEN_BPV), leerwegfactor 0 and bijdrage 0', () => {
    given({ inschrijvingen: [bbl('A', CREBO.VAK, '2015-08-01', null, [])] })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'A')).toMatchObject({ bekostigd: false, leerwegfactor: 0, bijdrage: 0, verblijfsjaar: 1 });
        expect(codes(ins(b, 'A'))[0]).toBe('INS_BBL_GEEN_BPV');
      });
  });

  it('given BBL niveau 3 with the agreement concluded on 1 January, then not bekostigd', () => {
    given({ inschrijvingen: [bbl('A', CREBO.VAK, '2015-08-01', null, [bpv('2016-01-01', '2016-01-04')])] })
      .when(2017)
      .then((b) => expect(codes(ins(b, 'A'))).toContain('INS_BBL_GEEN_BPV'));
  });

  it('given BBL niveau 3 with the agreement concluded in December but the practice starting in January, then not bekostigd', () => {
    given({ inschrijvingen: [bbl('A', CREBO.VAK, '2015-08-01', null, [bpv('2015-12-01', '2016-01-04')])] })
      .when(2017)
      .then((b) => expect(ins(b, 'A')).toMatchObject({ bekostigd: false, bijdrage: 0 }));
  });

  it('given BBL niveau 3 whose BPV ended on 30 November, then not bekostigd (practice must run on 31 December)', () => {
    given({ inschrijvingen: [bbl('A', CREBO.VAK, '2015-08-01', null, [bpv('2015-08-15', '2015-09-01', '2015-11-30')])] })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(false));
  });

  it('given BBL in a VWS qualification with the agreement by 31 December and practice from 1 June, then bekostigd (LW_BBL_ZORG)', () => {
    given({ inschrijvingen: [bbl('A', CREBO.ZORG, '2015-08-01', null, [bpv('2015-12-15', '2016-06-01')])] })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'A')).toMatchObject({ bekostigd: true, leerwegfactor: 0.4, prijsfactor: 1.5, bijdrage: 0.72 });
        expect(codes(ins(b, 'A'))).toContain('LW_BBL_ZORG');
      });
  });

  it('given BBL in a VWS qualification with practice only from 2 June, then not bekostigd', () => {
    given({ inschrijvingen: [bbl('A', CREBO.ZORG, '2015-08-01', null, [bpv('2015-12-15', '2016-06-02')])] })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(false));
  });

  it('given BBL in a non-VWS qualification with practice from 1 June, then not bekostigd (the 1 June rule is for care only)', () => {
    given({ inschrijvingen: [bbl('A', CREBO.VAK, '2015-08-01', null, [bpv('2015-12-15', '2016-06-01')])] })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(false));
  });

  it('given BBL entree with an agreement concluded by 31 December, practice starting in February, then leerwegfactor 0.5', () => {
    given({ inschrijvingen: [bbl('A', CREBO.ENTREE, '2015-08-01', null, [bpv('2015-12-20', '2016-02-01')])] })
      .when(2017)
      .then((b) => expect(ins(b, 'A')).toMatchObject({ bekostigd: true, leerwegfactor: 0.5, bijdrage: 0.6 }));
  });

  it('given BBL entree without an agreement by 31 December, then not bekostigd', () => {
    given({ inschrijvingen: [bbl('A', CREBO.ENTREE, '2015-08-01', null, [bpv('2016-01-05', '2016-02-01')])] })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(false));
  });
});

describe('only one enrolment per teldatum is bekostigd (WEB 2.2.2 lid 3; I-3)', () => {
  it('given a BOL vakopleiding and a BBL basisopleiding on the same teldatum, then only the highest bijdrage is bekostigd', () => {
    given({
      inschrijvingen: [
        bbl('A', CREBO.BASIS, '2015-08-01', null, [bpv('2015-09-01', '2015-09-01')], '30AB'),
        bol('B', CREBO.VAK, '2015-09-01', null, '25LX'),
      ],
    })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'B')).toMatchObject({ bekostigd: true, bijdrage: 1.56, verblijfsjaar: 1 });
        expect(ins(b, 'A')).toMatchObject({ bekostigd: false, bijdrage: 0, verblijfsjaar: 1, leerwegfactor: 0.4 });
        expect(codes(ins(b, 'A'))[0]).toBe('INS_MEERDERE_INSCHRIJVINGEN');
      });
  });

  it('given two equal enrolments, then the one that began first is bekostigd', () => {
    given({ inschrijvingen: [bol('Z', CREBO.VAK, '2015-09-01', null, '01AA'), bol('Y', CREBO.VAK, '2015-08-01', null, '99ZZ')] })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'Y').bekostigd).toBe(true);
        expect(ins(b, 'Z').bekostigd).toBe(false);
      });
  });

  it('given an unfunded BBL and a BOL on the same teldatum, then the BOL is bekostigd whatever its bijdrage', () => {
    given({ inschrijvingen: [bbl('A', CREBO.VAK_PF_1_8, '2015-08-01', null, []), bol('B', CREBO.ENTREE, '2015-08-01')] })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'B')).toMatchObject({ bekostigd: true, bijdrage: 1.2 });
        expect(codes(ins(b, 'A'))[0]).toBe('INS_BBL_GEEN_BPV');
      });
  });

  it('given enrolments that do not run on 1 October, then they are not listed', () => {
    given({ inschrijvingen: [bol('A', CREBO.VAK, '2014-08-01', '2015-09-30'), bol('B', CREBO.VAK, '2015-10-02'), bol('C', CREBO.VAK, '2015-10-01', '2015-10-01')] })
      .when(2017)
      .then((b) => expect(b.inschrijvingen.map((i) => i.id)).toEqual(['C']));
  });
});

describe('other exclusions', () => {
  it('given an examendeelnemer (EX), then not bekostigd (only the diploma counts)', () => {
    given({ inschrijvingen: [{ ...bol('A', CREBO.VAK, '2015-08-01'), intensiteit: 'EX' }] })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'A')).toMatchObject({ bekostigd: false, leerwegfactor: 0, bijdrage: 0 });
        expect(codes(ins(b, 'A'))).toEqual(['INS_EXAMENDEELNEMER', 'PF_TABEL', 'VJ_NIVEAU_2_4']);
      });
  });

  it('given a crebo that is not in the table, then not bekostigd with INS_CREBO_ONBEKEND and all factors 0', () => {
    given({ inschrijvingen: [bol('A', '10000', '2015-08-01')] })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'A')).toMatchObject({ bekostigd: false, verblijfsjaar: 0, verblijfsjaarfactor: 0, prijsfactor: 0, bijdrage: 0 });
        expect(codes(ins(b, 'A'))).toEqual(['INS_CREBO_ONBEKEND']);
      });
  });

  it('given BOL deeltijd, then it counts as BOL (the 2015 text does not distinguish intensiteit; README B4)', () => {
    given({ inschrijvingen: [{ ...bol('A', CREBO.VAK, '2015-08-01'), intensiteit: 'DT' }] })
      .when(2017)
      .then((b) => expect(ins(b, 'A')).toMatchObject({ bekostigd: true, leerwegfactor: 1 }));
  });
});

describe('Koppelingswet (WEB 8.1.1 lid 1; fact 40)', () => {
  const vreemdeling = (verblijfsstatus: { vanaf: string; tot: string | null; rechtmatig: boolean }[]) => ({
    ...PERSOON,
    geboortedatum: '1990-01-01',
    nationaliteit: 'MA',
    verblijfsstatus,
  });

  it('given an adult foreign national without lawful residence at the start, then not bekostigd', () => {
    given({ persoon: vreemdeling([{ vanaf: '2010-01-01', tot: null, rechtmatig: false }]), inschrijvingen: [bol('A', CREBO.VAK, '2015-08-01')] })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'A')).toMatchObject({ bekostigd: false, bijdrage: 0, verblijfsjaarfactor: 1.2, prijsfactor: 1.3 });
        expect(codes(ins(b, 'A'))[0]).toBe('INS_KOPPELINGSWET');
      });
  });

  it('given an adult foreign national with no verblijfsstatus registered at all, then not bekostigd', () => {
    given({ persoon: vreemdeling([]), inschrijvingen: [bol('A', CREBO.VAK, '2015-08-01')] })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(false));
  });

  it('given lawful residence at the start that ended later, then still bekostigd (the start decides)', () => {
    given({
      persoon: vreemdeling([
        { vanaf: '2014-01-01', tot: '2015-09-01', rechtmatig: true },
        { vanaf: '2015-09-01', tot: null, rechtmatig: false },
      ]),
      inschrijvingen: [bol('A', CREBO.VAK, '2015-08-01')],
    })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(true));
  });

  it('given lawful residence ending the day before the start (tot is exclusive), then not bekostigd', () => {
    given({ persoon: vreemdeling([{ vanaf: '2014-01-01', tot: '2015-08-01', rechtmatig: true }]), inschrijvingen: [bol('A', CREBO.VAK, '2015-08-01')] })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(false));
  });

  it('given a foreign national who was 17 at the start, then bekostigd (minors are exempt)', () => {
    given({
      persoon: { ...vreemdeling([{ vanaf: '2010-01-01', tot: null, rechtmatig: false }]), geboortedatum: '1997-08-02' },
      inschrijvingen: [bol('A', CREBO.VAK, '2015-08-01')],
    })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(true));
  });

  it('given a foreign national who turned 18 on the start date, then not bekostigd without lawful residence', () => {
    given({
      persoon: { ...vreemdeling([{ vanaf: '2010-01-01', tot: null, rechtmatig: false }]), geboortedatum: '1997-08-01' },
      inschrijvingen: [bol('A', CREBO.VAK, '2015-08-01')],
    })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(false));
  });

  it('given a student who started the programme as a minor and re-enrols in it as an adult at another instelling, then bekostigd (continuation)', () => {
    given({
      persoon: { ...vreemdeling([{ vanaf: '2010-01-01', tot: null, rechtmatig: false }]), geboortedatum: '1997-01-01' },
      inschrijvingen: [bol('A', CREBO.VAK, '2014-08-01', '2015-07-31', '25LX'), bol('B', CREBO.VAK, '2015-08-01', null, '30AB')],
    })
      .when(2017)
      .then((b) => expect(ins(b, 'B').bekostigd).toBe(true));
  });

  it('given a Dutch national with an unlawful verblijfsstatus record, then bekostigd (Dutch nationality decides)', () => {
    given({
      persoon: { ...PERSOON, geboortedatum: '1990-01-01', verblijfsstatus: [{ vanaf: '2000-01-01', tot: null, rechtmatig: false }] },
      inschrijvingen: [bol('A', CREBO.VAK, '2015-08-01')],
    })
      .when(2017)
      .then((b) => expect(ins(b, 'A').bekostigd).toBe(true));
  });
});

describe('prijsfactor on the teldatum (UWEB 2.2.3 lid 4; fact 22)', () => {
  it('given a prijsfactor change effective on the teldatum, then the new prijsfactor is used; a later one is not', () => {
    const tabel = metPrijsfactorWijziging(
      metPrijsfactorWijziging(TABEL_2015, { crebo: CREBO.VAK, vanaf: '2015-10-01', prijsfactor: 1.4 }),
      { crebo: CREBO.VAK, vanaf: '2015-10-02', prijsfactor: 1.8 },
    );
    given({ inschrijvingen: [bol('A', CREBO.VAK, '2015-08-01')] })
      .when(2017, { tabel })
      .then((b) => expect(ins(b, 'A')).toMatchObject({ prijsfactor: 1.4, bijdrage: 1.68 }));
  });
});

describe('regime switch cascade2015 -> post2018 (D1; fact 5, I-4)', () => {
  const vijfJaar = { inschrijvingen: bolInJaren(CREBO.VAK, [2013, 2014, 2015, 2016, 2017, 2018]) };

  it('given bekostigingsjaar 2019 (teldatum 1 Oct 2017), then cascade2015 with Vf 0.5 in year 5', () => {
    given(vijfJaar)
      .when(2019)
      .then((b) => {
        expect(b).toMatchObject({ regime: 'cascade2015', teldatum: '2017-10-01' });
        expect(ins(b, 'J2017')).toMatchObject({ verblijfsjaar: 5, verblijfsjaarfactor: 0.5, bijdrage: 0.65 });
      });
  });

  it('given bekostigingsjaar 2020 (teldatum 1 Oct 2018), then post2018 with Vf 1 in year 6 and bijdrage = leerwegfactor x prijsfactor', () => {
    given(vijfJaar)
      .when(2020)
      .then((b) => {
        expect(b).toMatchObject({ regime: 'post2018', teldatum: '2018-10-01' });
        expect(ins(b, 'J2018')).toMatchObject({ verblijfsjaar: 6, verblijfsjaarfactor: 1, bijdrage: 1.3 });
        expect(codes(ins(b, 'J2018'))).toContain('VF_NIET_VAN_TOEPASSING');
      });
  });

  it('given BBL under post2018, then the leerwegfactor is still 0.4 (I-4)', () => {
    given({ inschrijvingen: [bbl('A', CREBO.VAK, '2018-08-01', null, [bpv('2018-09-01', '2018-09-01')])] })
      .when(2020)
      .then((b) => expect(ins(b, 'A')).toMatchObject({ leerwegfactor: 0.4, verblijfsjaarfactor: 1, bijdrage: 0.52 }));
  });
});
