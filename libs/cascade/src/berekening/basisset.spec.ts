import { bbl, bol, bolInJaren, bpv, CREBO, diploma, given } from '../testing/specificatie';

describe('basisset (D3)', () => {
  it('given a student with vmbo-tl, a niveau 2 year (2013), a basis diploma and a BBL middenkader enrolment, then the basisset holds every field', () => {
    given({
      vooropleidingen: [
        { soort: 'VMBO_KB', diploma: true, datum: '2012-07-01' },
        { soort: 'VMBO_TL', diploma: true, datum: '2013-07-01' },
      ],
      inschrijvingen: [
        bol('A', CREBO.BASIS, '2013-08-01', '2014-06-30', '30AB'),
        bbl('B', CREBO.MIDDENKADER, '2014-08-01', null, [bpv('2014-08-15', '2014-09-01')], '25LX'),
      ],
      diplomas: [diploma(CREBO.BASIS, '2014-06-30', '30AB')],
    })
      .when(2017)
      .then((b) =>
        expect(b.basisset).toEqual({
          persoonsnummer: '123456782',
          teldatum: '2015-10-01',
          hoogsteVooropleiding: 'VMBO_TL',
          hoogsteVooropleidingBewijs: 'DIPLOMA',
          verblijfsjarenEntree: 0,
          verblijfsjarenNiveau2tot4: 3,
          bekostigdeDiplomas: [{ crebo: CREBO.BASIS, niveau: 2, datum: '2014-06-30', diplomawaarde: 1 }],
          inschrijvingen: [
            {
              id: 'B',
              instelling: '25LX',
              crebo: CREBO.MIDDENKADER,
              niveau: 4,
              prijsfactor: 1.3,
              diplomawaarde: 4,
              verblijfsjaar: 3,
              verblijfsjaarfactor: 1,
              leerwegfactor: 0.4,
              bekostigd: true,
              redenen: [
                expect.objectContaining({ code: 'INS_BEKOSTIGD' }),
                expect.objectContaining({ code: 'LW_BBL' }),
                expect.objectContaining({ code: 'PF_TABEL' }),
                expect.objectContaining({ code: 'VJ_NIVEAU_2_4' }),
              ],
              bijdrage: 0.52,
            },
          ],
        }),
      );
  });

  it('given havo without a diploma and vmbo-tl with one, then the highest is the overgangsbewijs havo/vwo 3-4 (fact 42)', () => {
    given({
      vooropleidingen: [
        { soort: 'VMBO_TL', diploma: true },
        { soort: 'HAVO', diploma: false },
      ],
    })
      .when(2017)
      .then((b) => expect(b.basisset).toMatchObject({ hoogsteVooropleiding: 'HAVO', hoogsteVooropleidingBewijs: 'OVERGANGSBEWIJS_HAVO_VWO_3_4' }));
  });

  it('given an mbo-3 diploma and an overgangsbewijs, then the mbo-3 diploma is the highest', () => {
    given({ vooropleidingen: [{ soort: 'VWO', diploma: false }, { soort: 'MBO_3', diploma: true }] })
      .when(2017)
      .then((b) => expect(b.basisset).toMatchObject({ hoogsteVooropleiding: 'MBO_3', hoogsteVooropleidingBewijs: 'DIPLOMA' }));
  });

  it('given only vmbo without a diploma, then GEEN_DIPLOMA; given nothing, then ONBEKEND', () => {
    given({ vooropleidingen: [{ soort: 'VMBO_BB', diploma: false }] })
      .when(2017)
      .then((b) => expect(b.basisset).toMatchObject({ hoogsteVooropleiding: 'VMBO_BB', hoogsteVooropleidingBewijs: 'GEEN_DIPLOMA' }));
    given({})
      .when(2017)
      .then((b) => {
        expect(b.basisset).toMatchObject({ hoogsteVooropleiding: 'ONBEKEND', hoogsteVooropleidingBewijs: 'ONBEKEND', inschrijvingen: [] });
        expect(b.inschrijvingen).toEqual([]);
        expect(b.diplomas).toEqual([]);
      });
  });

  it('given a vak diploma, then a specialist enrolment would earn 2, an entree 0, a basis enrolment 0 (earlier higher) (fact 17)', () => {
    given({
      inschrijvingen: [
        bol('S', CREBO.SPECIALIST, '2015-08-01', null, '25LX'),
        bol('E', CREBO.ENTREE, '2015-08-01', null, '30AB'),
        bol('B', CREBO.BASIS, '2015-08-01', null, '01XY'),
      ],
      diplomas: [diploma(CREBO.VAK, '2015-06-30')],
    })
      .when(2017)
      .then((b) => {
        const waarde = Object.fromEntries(b.basisset.inschrijvingen.map((i) => [i.id, i.diplomawaarde]));
        expect(waarde).toEqual({ S: 2, E: 0, B: 0 });
      });
  });

  it('given entree and niveau 2 years, then both counters are reported separately', () => {
    given({ inschrijvingen: [...bolInJaren(CREBO.ENTREE, [2013, 2014], 'E'), ...bolInJaren(CREBO.BASIS, [2015], 'B')] })
      .when(2017)
      .then((b) => expect(b.basisset).toMatchObject({ verblijfsjarenEntree: 2, verblijfsjarenNiveau2tot4: 1 }));
  });
});
