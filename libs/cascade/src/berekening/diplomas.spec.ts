import { bol, codes, CREBO, dip, diploma, given } from '../testing/specificatie';

/** Diploma's of 2015 are judged for bekostigingsjaar 2017 (fact 7). */
const T = 2017;

describe('diplomawaarde DiW 1 / 3 / 5 (UWEB 2.2.3 lid 6; fact 17)', () => {
  it.each([
    [CREBO.BASIS, 'basisberoepsopleiding', 1],
    [CREBO.VAK, 'vakopleiding', 3],
    [CREBO.MIDDENKADER, 'middenkaderopleiding', 5],
  ])('given a first diploma %s (%s) in 2015, then diplomawaarde %i', (crebo, _soort, waarde) => {
    given({ diplomas: [diploma(crebo, '2015-06-30')] })
      .when(T)
      .then((b) => {
        expect(dip(b, crebo)).toMatchObject({ bekostigd: true, diplomawaarde: waarde });
        expect(codes(dip(b, crebo))).toEqual(['DIP_BEKOSTIGD']);
      });
  });
});

describe('minus the highest earlier bekostigde diploma, DiE (UWEB 2.2.3 lid 6)', () => {
  it.each([
    [CREBO.BASIS, CREBO.VAK, 2],
    [CREBO.VAK, CREBO.MIDDENKADER, 2],
    [CREBO.BASIS, CREBO.MIDDENKADER, 4],
  ])('given %s in 2014 and then %s in 2015, then diplomawaarde %i', (eerder, nu, waarde) => {
    given({ inschrijvingen: [bol('A', eerder, '2013-08-01', '2014-06-30'), bol('B', nu, '2014-08-01')], diplomas: [diploma(eerder, '2014-06-30'), diploma(nu, '2015-06-30')] })
      .when(T)
      .then((b) => {
        expect(dip(b, nu)).toMatchObject({ bekostigd: true, diplomawaarde: waarde });
        expect(codes(dip(b, nu))).toEqual(['DIP_BEKOSTIGD', 'DIP_AFTREK_EERDER']);
      });
  });

  it('given a middenkader diploma in 2013 and a basis diploma in 2015, then the later one is ignored (earlier higher)', () => {
    given({ diplomas: [diploma(CREBO.MIDDENKADER, '2013-06-30'), diploma(CREBO.BASIS, '2015-06-30')], inschrijvingen: [bol('A', CREBO.BASIS, '2013-08-01')] })
      .when(T)
      .then((b) => {
        expect(dip(b, CREBO.BASIS)).toMatchObject({ bekostigd: false, diplomawaarde: 0 });
        expect(codes(dip(b, CREBO.BASIS))).toEqual(['DIP_EERDER_HOGER']);
      });
  });

  it('given two vakopleiding diploma\'s in 2014 and 2015, then the second is worth 3 - 3 = 0', () => {
    given({ diplomas: [diploma(CREBO.VAK, '2014-06-30'), diploma(CREBO.VAK_PF_1_8, '2015-06-30')], inschrijvingen: [bol('A', CREBO.VAK_PF_1_8, '2014-08-01')] })
      .when(T)
      .then((b) => {
        expect(dip(b, CREBO.VAK_PF_1_8)).toMatchObject({ bekostigd: false, diplomawaarde: 0 });
        expect(codes(dip(b, CREBO.VAK_PF_1_8))).toEqual(['DIP_GELIJK_NIVEAU']);
      });
  });
});

describe('entree diploma\'s are outside the measure (WEB 2.2.2 lid 5; UWEB 2.2.3 lid 6 D)', () => {
  it('given an entree diploma in 2015, then not bekostigd, value 0', () => {
    given({ diplomas: [diploma(CREBO.ENTREE, '2015-06-30')] })
      .when(T)
      .then((b) => {
        expect(dip(b, CREBO.ENTREE)).toMatchObject({ bekostigd: false, diplomawaarde: 0, niveau: 1 });
        expect(codes(dip(b, CREBO.ENTREE))).toEqual(['DIP_ENTREE']);
      });
  });

  it('given an entree diploma in 2014 and a basis diploma in 2015, then the basis diploma is worth the full 1', () => {
    given({ diplomas: [diploma(CREBO.ENTREE, '2014-06-30'), diploma(CREBO.BASIS, '2015-06-30')] })
      .when(T)
      .then((b) => expect(dip(b, CREBO.BASIS).diplomawaarde).toBe(1));
  });
});

describe('specialist diploma DS = 2 (UWEB 2.2.3 lid 6 DS; D4)', () => {
  it('given a first specialist diploma after a middenkader diploma, then DS = 2 and nothing is subtracted', () => {
    given({ diplomas: [diploma(CREBO.MIDDENKADER, '2014-06-30'), diploma(CREBO.SPECIALIST, '2015-06-30')], inschrijvingen: [bol('A', CREBO.SPECIALIST, '2014-08-01')] })
      .when(T)
      .then((b) => {
        expect(dip(b, CREBO.SPECIALIST)).toMatchObject({ bekostigd: true, diplomawaarde: 2 });
        expect(codes(dip(b, CREBO.SPECIALIST))).toEqual(['DIP_BEKOSTIGD', 'DIP_SPECIALIST']);
      });
  });

  it('given a second specialist diploma, then DS = 0, not bekostigd', () => {
    given({ diplomas: [diploma(CREBO.SPECIALIST, '2014-06-30'), diploma(CREBO.SPECIALIST_2, '2015-06-30')], inschrijvingen: [bol('A', CREBO.SPECIALIST_2, '2014-08-01')] })
      .when(T)
      .then((b) => {
        expect(dip(b, CREBO.SPECIALIST_2)).toMatchObject({ bekostigd: false, diplomawaarde: 0 });
        expect(codes(dip(b, CREBO.SPECIALIST_2))).toEqual(['DIP_SPECIALIST_EERDER']);
      });
  });

  it('given a specialist diploma in 2014, then a later middenkader diploma is still worth 5 (DiE only counts basis/vak/middenkader)', () => {
    given({ diplomas: [diploma(CREBO.SPECIALIST, '2014-06-30'), diploma(CREBO.MIDDENKADER, '2015-06-30')], inschrijvingen: [bol('A', CREBO.MIDDENKADER, '2014-08-01')] })
      .when(T)
      .then((b) => expect(dip(b, CREBO.MIDDENKADER).diplomawaarde).toBe(5));
  });
});

describe('one diploma per calendar year unless a later one is higher (WEB 2.2.2 lid 4; fact 18)', () => {
  it('given two basis diploma\'s in March and June 2015, then only the first counts', () => {
    given({ diplomas: [diploma('25083', '2015-06-30'), diploma(CREBO.BASIS, '2015-03-01')] })
      .when(T)
      .then((b) => {
        expect(dip(b, CREBO.BASIS)).toMatchObject({ bekostigd: true, diplomawaarde: 1 });
        expect(dip(b, '25083')).toMatchObject({ bekostigd: false, diplomawaarde: 0 });
        expect(codes(dip(b, '25083'))).toEqual(['DIP_NIET_EERSTE_IN_JAAR']);
      });
  });

  it('given a basis diploma in March and a vak diploma in June 2015, then both count: 1 and 3 - 1 = 2', () => {
    given({ diplomas: [diploma(CREBO.VAK, '2015-06-30'), diploma(CREBO.BASIS, '2015-03-01')] })
      .when(T)
      .then((b) => {
        expect(dip(b, CREBO.BASIS).diplomawaarde).toBe(1);
        expect(dip(b, CREBO.VAK).diplomawaarde).toBe(2);
      });
  });

  it('given a vak and a basis diploma on the same date, then the lowest counts as the earlier one (1, then 2)', () => {
    given({ diplomas: [diploma(CREBO.VAK, '2015-06-30'), diploma(CREBO.BASIS, '2015-06-30')] })
      .when(T)
      .then((b) => {
        expect(dip(b, CREBO.BASIS)).toMatchObject({ bekostigd: true, diplomawaarde: 1 });
        expect(dip(b, CREBO.VAK)).toMatchObject({ bekostigd: true, diplomawaarde: 2 });
      });
  });
});

describe('diploma\'s before an interruption of three calendar years are disregarded (UWEB 2.2.3 lid 6, last sentence)', () => {
  const basis2010 = { ins: bol('A', CREBO.BASIS, '2009-08-01', '2010-06-30'), dip: diploma(CREBO.BASIS, '2010-06-30') };

  it('given a basis diploma in 2010, no enrolment on 1 Oct 2010-2012, then a vak diploma in 2015 is worth the full 3', () => {
    given({ inschrijvingen: [basis2010.ins, bol('B', CREBO.VAK, '2013-08-01')], diplomas: [basis2010.dip, diploma(CREBO.VAK, '2015-06-30')] })
      .when(T)
      .then((b) => {
        expect(dip(b, CREBO.VAK)).toMatchObject({ bekostigd: true, diplomawaarde: 3 });
        expect(codes(dip(b, CREBO.VAK))).toEqual(['DIP_ONDERBREKING', 'DIP_BEKOSTIGD']);
      });
  });

  it('given only 2010 and 2011 missed, then the 2010 diploma still counts: 3 - 1 = 2', () => {
    given({ inschrijvingen: [basis2010.ins, bol('B', CREBO.VAK, '2012-08-01')], diplomas: [basis2010.dip, diploma(CREBO.VAK, '2015-06-30')] })
      .when(T)
      .then((b) => expect(dip(b, CREBO.VAK).diplomawaarde).toBe(2));
  });

  it('given an earlier higher diploma before the interruption, then the new lower diploma is no longer ignored', () => {
    given({
      inschrijvingen: [bol('A', CREBO.MIDDENKADER, '2009-08-01', '2010-06-30'), bol('B', CREBO.BASIS, '2013-08-01')],
      diplomas: [diploma(CREBO.MIDDENKADER, '2010-06-30'), diploma(CREBO.BASIS, '2015-06-30')],
    })
      .when(T)
      .then((b) => expect(dip(b, CREBO.BASIS)).toMatchObject({ bekostigd: true, diplomawaarde: 1 }));
  });
});

describe('which diploma\'s are reported', () => {
  it('given diploma\'s in 2014, 2015 and 2016, then only the 2015 one is listed for bekostigingsjaar 2017 (fact 7)', () => {
    given({ diplomas: [diploma(CREBO.BASIS, '2014-06-30'), diploma(CREBO.VAK, '2015-12-31'), diploma(CREBO.MIDDENKADER, '2016-01-01')] })
      .when(T)
      .then((b) => expect(b.diplomas.map((d) => [d.crebo, d.datum])).toEqual([[CREBO.VAK, '2015-12-31']]));
  });

  it('given a diploma with an unknown crebo, then not bekostigd with DIP_CREBO_ONBEKEND', () => {
    given({ diplomas: [diploma('10000', '2015-06-30')] })
      .when(T)
      .then((b) => expect(b.diplomas[0]).toMatchObject({ crebo: '10000', niveau: 0, bekostigd: false, diplomawaarde: 0, redenen: [{ code: 'DIP_CREBO_ONBEKEND' }] }));
  });
});
