import type { BasissetBerekend } from '@bron/contracts';
import { basissetversieVan } from './basissetversie.mapper';

const BBL: BasissetBerekend = {
  persoonsnummer: '012345672', instelling: '25LX', inschrijvingId: 'INS-7', crebo: '25180', leerweg: 'BBL', niveau: 2, versie: 3, bekostigingsjaar: 2018,
  teldatum: '2016-10-01', regime: 'cascade2015', prognose: false, actief: true,
  basisset: {
    bekostigd: false,
    redenen: [
      { code: 'INS_BBL_GEEN_BPV', tekst: 'Bbl zonder BPV-overeenkomst.', regel: 'UWEB 2.2.2 lid 2' },
      { code: 'PF_TABEL', tekst: 'Prijsfactor van de crebo.', regel: 'UWEB 2.2.2 lid 5' },
    ],
    hoogsteVooropleiding: { code: 'HAVO', overgangsbewijs: true }, verblijfsjarenEntree: 0, verblijfsjarenNiveau2tot4: 2,
    bekostigdeDiplomas: [{ crebo: '25078', niveau: 3, datum: '2015-06-30', diplomawaarde: 0.5 }],
    verblijfsjaar: 2, verblijfsjaarfactor: 1, leerwegfactor: 0, prijsfactor: 1.3, diplomawaardeOpleiding: 0.3, bijdrage: 0, verblijfsstatusRechtmatig: true,
  },
  wijzigingen: [], oorzaak: { soort: 'AANLEVERING', instelling: '25LX', bron: null, eventId: 'e-1' },
  intensiteit: 'VT', datumInschrijving: '2016-08-01', datumUitschrijving: null, leeftijdOpEenAugustus: 19, inschrijvingVoorCorrectiefactor: true,
  officieleVoornamen: 'Zoë', codeLeerbedrijf: '000012345',
  bpv: [{ bpvId: 'BPV-1', afgesloten: '2017-01-10', begin: '2017-01-15', einde: null, leerbedrijf: '000012345' }],
  diplomas: [{ diplomaId: 'D-1', crebo: '25180', datum: '2017-06-30', niveau: 2, bekostigd: false, diplomawaarde: 0.8, redenen: [{ code: 'DIP_CREBO_ONBEKEND', tekst: 'onbekend', regel: 'UWEB 2.2.3 lid 6' }] }],
};

describe('basissetversieVan: a BasissetBerekend as the foto keeps it', () => {
  it('keeps the whole basisset, the inschrijving and the student; the moment it became known is the foto service\'s own, not in the message', () => {
    const v = basissetversieVan(BBL);
    expect(v).toMatchObject({
      persoonsnummer: '012345672', persoonsnummerSoort: 'BSN', instelling: '25LX', inschrijvingId: 'INS-7', versie: 3, teldatum: '2016-10-01',
      crebo: '25180', leerweg: 'BBL', intensiteit: 'VT', niveau: 2, datumInschrijving: '2016-08-01', datumUitschrijvingWerkelijk: null, leeftijdOpEenAugustus: 19,
      inschrijvingVoorCorrectiefactor: true, officieleVoornamen: 'Zoë', codeLeerbedrijf: '000012345', verblijfsstatusRechtmatig: true,
      basisset: { bekostigd: false, hoogsteVooropleiding: { code: 'HAVO', overgangsbewijs: true }, verblijfsjarenNiveau2tot4: 2, prijsfactor: 1.3, diplomawaardeOpleiding: 0.3 },
    });
    expect(v).not.toHaveProperty('bekendSinds');
    expect(v.basisset.bekostigdeDiplomas).toEqual([{ crebo: '25078', niveau: 3, datum: '2015-06-30', diplomawaarde: 0.5, specialist: null }]);
    expect(v.bpv).toEqual([{ volgnummer: 1, afsluitdatum: '2017-01-10', datumBegin: '2017-01-15', datumEindGepland: null, datumEindWerkelijk: null, crebo: '25180', codeLeerbedrijf: '000012345' }]);
  });

  it('states what the platform does not receive instead of guessing it', () => {
    const v = basissetversieVan(BBL);
    expect(v).toMatchObject({ datumUitschrijvingGepland: null, leerroutefase: null, indicatieBekostigbaar: true });
    expect(basissetversieVan({ ...BBL, intensiteit: 'EX' }).indicatieBekostigbaar).toBe(false);
  });

  it('makes signalen of the reasons with a funding consequence only, numbered, with their rule', () => {
    const v = basissetversieVan(BBL);
    expect(v.signalen).toEqual([
      { volgnummer: 1, code: 'INS_BBL_GEEN_BPV', omschrijving: 'Bbl zonder BPV-overeenkomst.', parameters: [{ naam: 'regel', waarde: 'UWEB 2.2.2 lid 2' }], teldatum: 'EEN_OKTOBER' },
    ]);
    expect(v.diplomas).toEqual([{
      resultaatvolgnummer: 1, crebo: '25180', datumBehaald: '2017-06-30', niveau: 2, specialist: false, bekostigd: false, diplomawaarde: 0,
      signalen: [{ volgnummer: 1, code: 'DIP_CREBO_ONBEKEND', omschrijving: 'onbekend', parameters: [{ naam: 'regel', waarde: 'UWEB 2.2.3 lid 6' }] }],
    }]);
  });
});
