import { maakTerugmeldingsoverzicht, tmoLeerweg } from './tmo';
import { versie } from './versie.testdata';

const okt = (code: string, volgnummer = 1) => ({ volgnummer, code, omschrijving: `signaal ${code}`, parameters: [], teldatum: 'EEN_OKTOBER' as const });
const feb = (code: string, volgnummer = 1) => ({ ...okt(code, volgnummer), teldatum: 'EEN_FEBRUARI' as const });
const diploma = (bekostigd: boolean, signalen: { volgnummer: number; code: string; omschrijving: string; parameters: [] }[] = []) => ({
  resultaatvolgnummer: 1, crebo: '25078', datumBehaald: '2017-06-30', niveau: 3, specialist: false, bekostigd, diplomawaarde: bekostigd ? 1.3 : 0, signalen,
});

/**
 * A hand-counted instelling (fact 39). Eight inschrijvingen:
 *  P1 BOL VT vj1 bekostigd, on 1 Feb, signaal S01 on 1 Oct
 *  P2 BOL VT vj1 not bekostigd, on 1 Feb
 *  P3 BOL VT vj1 bekostigd, left before 1 Feb
 *  P4 BOL DT vj2 bekostigd, on 1 Feb, signaal S02 on 1 Feb
 *  P5 BBL vj1 bekostigd, on 1 Feb, a bekostigd diploma with signaal S03
 *  P6 BBL vj1 not bekostigd, left before 1 Feb, signaal S01 on 1 Oct and on 1 Feb
 *  P7 crebo 25080 niveau 2 BOL VT vj1 bekostigd, on 1 Feb, a diploma not bekostigd
 *  P8 BOL examendeelnemer, no verblijfsjaar, not bekostigd, on 1 Feb
 */
const INSTELLING = [
  versie({ persoonsnummer: '000000001', signalen: [okt('S01')] }),
  versie({ persoonsnummer: '000000002', basisset: { bekostigd: false, bijdrage: 0 } }),
  versie({ persoonsnummer: '000000003', inschrijvingVoorCorrectiefactor: false }),
  versie({ persoonsnummer: '000000004', intensiteit: 'DT', basisset: { verblijfsjaar: 2 }, signalen: [feb('S02')] }),
  versie({ persoonsnummer: '000000005', leerweg: 'BBL', intensiteit: null, diplomas: [diploma(true, [{ volgnummer: 1, code: 'S03', omschrijving: 'x', parameters: [] }])] }),
  versie({ persoonsnummer: '000000006', leerweg: 'BBL', intensiteit: null, inschrijvingVoorCorrectiefactor: false, basisset: { bekostigd: false }, signalen: [okt('S01'), feb('S01', 2)] }),
  versie({ persoonsnummer: '000000007', crebo: '25080', niveau: 2, diplomas: [diploma(false)] }),
  versie({ persoonsnummer: '000000008', intensiteit: 'EX', basisset: { verblijfsjaar: null, bekostigd: false } }),
];

describe('terugmeldingsoverzicht (fact 39)', () => {
  const tmo = maakTerugmeldingsoverzicht(INSTELLING);

  it('BEK: per opleiding, leerweg, niveau and verblijfsjaar the inschrijvingen on 1 October and 1 February, bekostigd and not, and the diploma\'s', () => {
    const regel = (crebo: string, leerweg: string, niveau: number, verblijfsjaar: number | null, okt: [number, number, number], feb: [number, number, number], dipl: [number, number]) => ({
      crebo, leerweg, niveau, verblijfsjaar,
      inschrijvingenEenOktober: okt[0], bekostigdEenOktober: okt[1], nietBekostigdEenOktober: okt[2],
      inschrijvingenEenFebruari: feb[0], bekostigdEenFebruari: feb[1], nietBekostigdEenFebruari: feb[2],
      diplomas: dipl[0], bekostigdeDiplomas: dipl[1],
    });
    expect(tmo.bek).toEqual([
      regel('25078', 'BBL', 3, 1, [2, 1, 1], [1, 1, 0], [1, 1]),
      regel('25078', 'BOL_DT', 3, 2, [1, 1, 0], [1, 1, 0], [0, 0]),
      regel('25078', 'BOL_VT', 3, 1, [3, 2, 1], [2, 1, 1], [0, 0]),
      regel('25078', 'EX', 3, null, [1, 0, 1], [1, 0, 1], [0, 0]),
      regel('25080', 'BOL_VT', 2, 1, [1, 1, 0], [1, 1, 0], [1, 0]),
    ]);
  });

  it('SAG: signalen per opleiding, leerweg and code, on 1 October, on 1 February and on diploma\'s', () => {
    expect(tmo.sag).toEqual([
      { crebo: '25078', leerweg: 'BBL', signaalcode: 'S01', inschrijvingssignalenEenOktober: 1, inschrijvingssignalenEenFebruari: 1, diplomasignalen: 0 },
      { crebo: '25078', leerweg: 'BBL', signaalcode: 'S03', inschrijvingssignalenEenOktober: 0, inschrijvingssignalenEenFebruari: 0, diplomasignalen: 1 },
      { crebo: '25078', leerweg: 'BOL_DT', signaalcode: 'S02', inschrijvingssignalenEenOktober: 0, inschrijvingssignalenEenFebruari: 1, diplomasignalen: 0 },
      { crebo: '25078', leerweg: 'BOL_VT', signaalcode: 'S01', inschrijvingssignalenEenOktober: 1, inschrijvingssignalenEenFebruari: 0, diplomasignalen: 0 },
    ]);
  });

  it('SIN: per student and signaal code where it applies', () => {
    expect(tmo.sin).toEqual([
      { persoonsnummer: '000000001', inschrijvingId: 'I1', crebo: '25078', signaalcode: 'S01', eenOktober: true, eenFebruari: false, diploma: false },
      { persoonsnummer: '000000004', inschrijvingId: 'I1', crebo: '25078', signaalcode: 'S02', eenOktober: false, eenFebruari: true, diploma: false },
      { persoonsnummer: '000000005', inschrijvingId: 'I1', crebo: '25078', signaalcode: 'S03', eenOktober: false, eenFebruari: false, diploma: true },
      { persoonsnummer: '000000006', inschrijvingId: 'I1', crebo: '25078', signaalcode: 'S01', eenOktober: true, eenFebruari: true, diploma: false },
    ]);
  });

  it('counts the same whatever the order of the inschrijvingen', () => {
    expect(maakTerugmeldingsoverzicht([...INSTELLING].reverse())).toEqual(tmo);
  });

  it.each([
    ['BOL', 'VT', 'BOL_VT'], ['BOL', null, 'BOL_VT'], ['BOL', 'DT', 'BOL_DT'], ['BOL', 'EX', 'EX'], ['BBL', 'DT', 'BBL'], ['CBL', 'VT', 'CBL'], ['XYZ', null, 'OVERIG'],
  ])('leerweg %s with intensiteit %s counts as %s', (leerweg, intensiteit, tmoWeg) => {
    expect(tmoLeerweg(leerweg, intensiteit)).toBe(tmoWeg);
  });
});
