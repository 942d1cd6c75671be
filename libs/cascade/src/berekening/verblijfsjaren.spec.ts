import { cascade2015 } from '../regels/cascade2015';
import type { Regelset } from '../regels/regelset';
import { bbl, bol, bolInJaren, codes, CREBO, given, ins } from '../testing/specificatie';

const jaren = (van: number, tot: number) => Array.from({ length: tot - van + 1 }, (_, i) => van + i);

describe('verblijfsjaarfactor entree (UWEB 2.2.2 lid 3; fact 14)', () => {
  it.each([
    [1, 1.2],
    [2, 0.6],
    [3, 0],
    [4, 0],
  ])('given an entree student in her verblijfsjaar %i on 1 Oct 2017, then Vf = %d', (n, vf) => {
    given({ inschrijvingen: bolInJaren(CREBO.ENTREE, jaren(2018 - n, 2017)) })
      .when(2019)
      .then((b) => {
        expect(ins(b, 'J2017')).toMatchObject({ verblijfsjaar: n, verblijfsjaarfactor: vf, bekostigd: true, bijdrage: vf * 1.0 });
        expect(codes(ins(b, 'J2017'))).toContain('VJ_ENTREE');
        if (vf === 0) expect(codes(ins(b, 'J2017'))).toContain('VF_NUL');
      });
  });
});

describe('verblijfsjaarfactor niveau 2-4 (UWEB 2.2.3 lid 3; fact 15)', () => {
  it.each([
    [1, 1.2, 1.56],
    [2, 1, 1.3],
    [3, 1, 1.3],
    [4, 1, 1.3],
    [5, 0.5, 0.65],
    [6, 0.5, 0.65],
    [7, 0, 0],
    [8, 0, 0],
  ])('given a vakopleiding student (PF 1.3) in verblijfsjaar %i on 1 Oct 2017, then Vf = %d and bijdrage %d', (n, vf, bijdrage) => {
    given({ inschrijvingen: bolInJaren(CREBO.VAK, jaren(2018 - n, 2017)) })
      .when(2019)
      .then((b) => {
        expect(ins(b, 'J2017')).toMatchObject({ verblijfsjaar: n, verblijfsjaarfactor: vf, leerwegfactor: 1, prijsfactor: 1.3, bijdrage });
        expect(codes(ins(b, 'J2017'))).toContain('VJ_NIVEAU_2_4');
        expect(b.basisset.verblijfsjarenNiveau2tot4).toBe(n);
      });
  });
});

describe('restart of the counter (UWEB 2.2.2 lid 3 / 2.2.3 lid 3, last sentence)', () => {
  it('given entree in 2012-2013 and no enrolment on 1 Oct 2014 and 2015, when enrolled again in 2016, then it is verblijfsjaar 1 (Vf 1.2)', () => {
    given({ inschrijvingen: bolInJaren(CREBO.ENTREE, [2012, 2013, 2016]) })
      .when(2018)
      .then((b) => {
        expect(ins(b, 'J2016')).toMatchObject({ verblijfsjaar: 1, verblijfsjaarfactor: 1.2 });
        expect(codes(ins(b, 'J2016'))).toContain('VJ_HERSTART');
      });
  });

  it('given entree in 2012-2013 and only 2014 missed, when enrolled in 2015, then it is verblijfsjaar 3 (Vf 0)', () => {
    given({ inschrijvingen: bolInJaren(CREBO.ENTREE, [2012, 2013, 2015]) })
      .when(2017)
      .then((b) => {
        expect(ins(b, 'J2015')).toMatchObject({ verblijfsjaar: 3, verblijfsjaarfactor: 0, bijdrage: 0, bekostigd: true });
        expect(codes(ins(b, 'J2015'))).not.toContain('VJ_HERSTART');
      });
  });

  it('given niveau 2-4 in 2009-2013 and no enrolment on 1 Oct 2014-2016, when enrolled in 2017, then it is verblijfsjaar 1 (Vf 1.2)', () => {
    given({ inschrijvingen: bolInJaren(CREBO.VAK, [2009, 2010, 2011, 2012, 2013, 2017]) })
      .when(2019)
      .then((b) => {
        expect(ins(b, 'J2017')).toMatchObject({ verblijfsjaar: 1, verblijfsjaarfactor: 1.2, bijdrage: 1.56 });
        expect(codes(ins(b, 'J2017'))).toContain('VJ_HERSTART');
      });
  });

  it('given niveau 2-4 in 2009-2013 and only 2014-2015 missed, when enrolled in 2016, then it is verblijfsjaar 6 (Vf 0.5)', () => {
    given({ inschrijvingen: bolInJaren(CREBO.VAK, [2009, 2010, 2011, 2012, 2013, 2016]) })
      .when(2018)
      .then((b) => expect(ins(b, 'J2016')).toMatchObject({ verblijfsjaar: 6, verblijfsjaarfactor: 0.5 }));
  });

  it('given the basisset after an absence of three years, then the niveau 2-4 count is 0 again', () => {
    given({ inschrijvingen: [...bolInJaren(CREBO.VAK, [2011, 2012, 2013]), ...bolInJaren(CREBO.ENTREE, [2017], 'E')] })
      .when(2019)
      .then((b) => expect(b.basisset).toMatchObject({ verblijfsjarenNiveau2tot4: 0, verblijfsjarenEntree: 1 }));
  });
});

describe('separate counters and national counting (I-2, D4)', () => {
  it('given two entree years then niveau 2, then the niveau 2 enrolment is in its own verblijfsjaar 1 and the entree count stays 2', () => {
    given({ inschrijvingen: [...bolInJaren(CREBO.ENTREE, [2014, 2015], 'E'), ...bolInJaren(CREBO.BASIS, [2016], 'B')] })
      .when(2018)
      .then((b) => {
        expect(ins(b, 'B2016')).toMatchObject({ verblijfsjaar: 1, verblijfsjaarfactor: 1.2, bijdrage: 1.56 });
        expect(b.basisset).toMatchObject({ verblijfsjarenEntree: 2, verblijfsjarenNiveau2tot4: 1 });
      });
  });

  it('given years at three different instellingen, then they add up in one counter (D4: national)', () => {
    given({
      inschrijvingen: [
        bol('A', CREBO.BASIS, '2013-08-01', '2014-07-31', '25LX'),
        bol('B', CREBO.VAK, '2014-08-01', '2015-07-31', '30AB'),
        bol('C', CREBO.MIDDENKADER, '2015-08-01', null, '01XY'),
      ],
    })
      .when(2017)
      .then((b) => expect(ins(b, 'C')).toMatchObject({ verblijfsjaar: 3, verblijfsjaarfactor: 1 }));
  });

  it('given two enrolments on 1 Oct 2014, then that year counts once (WEB 2.2.2 lid 3)', () => {
    given({
      inschrijvingen: [
        bol('A', CREBO.VAK, '2014-08-01', '2015-07-31', '25LX'),
        bol('B', CREBO.BASIS, '2014-09-01', '2015-07-31', '30AB'),
        bol('C', CREBO.VAK, '2015-08-01', null, '25LX'),
      ],
    })
      .when(2017)
      .then((b) => expect(ins(b, 'C')).toMatchObject({ verblijfsjaar: 2, verblijfsjaarfactor: 1 }));
  });

  it('given an examendeelnemer year before, then that year is not a verblijfsjaar (README B4)', () => {
    const ex = { ...bol('X', CREBO.VAK, '2014-08-01', '2015-07-31'), intensiteit: 'EX' as const };
    given({ inschrijvingen: [ex, bol('A', CREBO.VAK, '2015-08-01')] })
      .when(2017)
      .then((b) => expect(ins(b, 'A')).toMatchObject({ verblijfsjaar: 1, verblijfsjaarfactor: 1.2 }));
  });

  it('given an unfunded BBL year before, then by default it counts (D4), and with the I-1 switch it does not', () => {
    const historie = { inschrijvingen: [bbl('A', CREBO.VAK, '2014-08-01', '2015-07-31', []), bol('B', CREBO.VAK, '2015-08-01')] };
    given(historie)
      .when(2017)
      .then((b) => expect(ins(b, 'B').verblijfsjaar).toBe(2));
    const alleenBekostigd: Regelset = {
      ...cascade2015,
      verblijfsjaren: { ...cascade2015.verblijfsjaren, telling: { waarde: 'bekostigde_inschrijvingen', bron: 'I-1' } },
    };
    given(historie)
      .when(2017, { regels: alleenBekostigd })
      .then((b) => expect(ins(b, 'B')).toMatchObject({ verblijfsjaar: 1, verblijfsjaarfactor: 1.2 }));
  });

  it('given entree, two niveau 2 years, entree again: per counter the entree restarts; with absence measured in the mbo it does not', () => {
    const historie = {
      inschrijvingen: [...bolInJaren(CREBO.ENTREE, [2012, 2013, 2016], 'E'), ...bolInJaren(CREBO.BASIS, [2014, 2015], 'B')],
    };
    given(historie)
      .when(2018)
      .then((b) => expect(ins(b, 'E2016')).toMatchObject({ verblijfsjaar: 1, verblijfsjaarfactor: 1.2 }));
    const inMbo: Regelset = {
      ...cascade2015,
      verblijfsjaren: { ...cascade2015.verblijfsjaren, afwezigheid: { waarde: 'in_mbo', bron: 'test' } },
    };
    given(historie)
      .when(2018, { regels: inMbo })
      .then((b) => expect(ins(b, 'E2016')).toMatchObject({ verblijfsjaar: 3, verblijfsjaarfactor: 0 }));
  });
});
