import type { Basissetversie, FotoBasisset } from './basissetversie';

/** Test data: a version of a basisset, BOL voltijd, crebo 25078 niveau 3, first verblijfsjaar, bekostigd; override what a test is about. */
export function versie(over: Partial<Omit<Basissetversie, 'basisset'>> & { basisset?: Partial<FotoBasisset> } = {}): Basissetversie {
  const { basisset, ...rest } = over;
  return {
    persoonsnummer: '012345672', persoonsnummerSoort: 'BSN', instelling: '25LX', inschrijvingId: 'I1', versie: 1,
    teldatum: '2016-10-01', bekendSinds: '2016-10-02T10:00:00.000Z', actief: true,
    crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', niveau: 3,
    datumInschrijving: '2016-08-15', datumUitschrijvingGepland: '2019-07-31', datumUitschrijvingWerkelijk: null,
    leeftijdOpEenAugustus: 17, indicatieBekostigbaar: true, inschrijvingVoorCorrectiefactor: true, leerroutefase: null,
    signalen: [], verblijfsstatusRechtmatig: true, officieleVoornamen: 'Amal', codeLeerbedrijf: null, bpv: [], diplomas: [],
    ...rest,
    basisset: {
      bekostigingsjaar: 2018, prognose: false, hoogsteVooropleiding: { code: 'VMBO_KB', overgangsbewijs: false },
      verblijfsjarenEntree: 0, verblijfsjarenNiveau2tot4: 1, bekostigdeDiplomas: [], verblijfsjaar: 1, prijsfactor: 1.3, diplomawaardeOpleiding: 1.3,
      bekostigd: true, redenen: [], leerwegfactor: 1, verblijfsjaarfactor: 1, bijdrage: 1.3,
      ...basisset,
    },
  };
}
