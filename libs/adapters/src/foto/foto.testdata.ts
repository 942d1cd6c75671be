import { Writable } from 'node:stream';
import { maakFoto, type Basissetversie, type BronFoto, type FotoMoment } from '@bron/domein';

/** Test data: a version of a basisset; override what a test is about. */
export function versie(over: Partial<Basissetversie> = {}): Basissetversie {
  return {
    persoonsnummer: '012345672', persoonsnummerSoort: 'BSN', instelling: '25LX', inschrijvingId: '0001', versie: 1,
    teldatum: '2016-10-01', bekendSinds: '2016-10-02T10:00:00.000Z', actief: true,
    crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', niveau: 3,
    datumInschrijving: '2016-08-15', datumUitschrijvingGepland: '2019-07-31', datumUitschrijvingWerkelijk: null,
    leeftijdOpEenAugustus: 17, indicatieBekostigbaar: true, inschrijvingVoorCorrectiefactor: true, leerroutefase: null,
    basisset: {
      bekostigingsjaar: 2018, prognose: false, hoogsteVooropleiding: { code: 'HAVO', overgangsbewijs: true },
      verblijfsjarenEntree: 0, verblijfsjarenNiveau2tot4: 1, bekostigdeDiplomas: [], verblijfsjaar: 1, prijsfactor: 1.3, diplomawaardeOpleiding: 1.3,
      bekostigd: true, redenen: [], leerwegfactor: 1, verblijfsjaarfactor: 1, bijdrage: 1.3,
    },
    signalen: [], verblijfsstatusRechtmatig: true, officieleVoornamen: 'Amal', codeLeerbedrijf: null, bpv: [], diplomas: [],
    ...over,
  };
}

export const MOMENT: FotoMoment = { instelling: '25LX', peildatum: '2016-10-01', soort: 'DEFINITIEF', bekendOp: '2017-07-02T00:00:00.000Z' };

/**
 * Two students that use every part of a foto: a BOL student with signalen on both teldata and a
 * diploma, and a BBL student with a BPV, an onderwijsnummer, text that needs escaping and a value
 * that starts like a formula.
 */
export const TWEE: readonly Basissetversie[] = [
  versie({
    signalen: [
      { volgnummer: 1, code: 'S01', omschrijving: 'Vooropleiding onbekend', parameters: [{ naam: 'crebo', waarde: '25078' }, { naam: 'niveau', waarde: '3' }], teldatum: 'EEN_OKTOBER' },
      { volgnummer: 2, code: 'S02', omschrijving: 'Uitgeschreven voor 1 februari', parameters: [], teldatum: 'EEN_FEBRUARI' },
    ],
    basisset: { ...versie().basisset, bekostigdeDiplomas: [{ crebo: '25080', niveau: 2, datum: '2016-06-30', diplomawaarde: 1.1, specialist: false }], redenen: [{ code: 'B01', tekst: 'bekostigd', regel: 'UWEB 2.2.2' }] },
    diplomas: [{ resultaatvolgnummer: 1, crebo: '25078', datumBehaald: '2017-06-30', niveau: 3, specialist: false, bekostigd: true, diplomawaarde: 0.5, signalen: [{ volgnummer: 1, code: 'S03', omschrijving: 'Diploma na verblijfsduur', parameters: [] }] }],
  }),
  versie({
    persoonsnummer: '100000009', persoonsnummerSoort: 'ONDERWIJSNUMMER', inschrijvingId: 'B-2', leerweg: 'BBL', intensiteit: null, niveau: 2, crebo: '25080',
    inschrijvingVoorCorrectiefactor: false, officieleVoornamen: '=Zoë "Jo" & <Li>', codeLeerbedrijf: '000012345', leerroutefase: 'MBO',
    basisset: { ...versie().basisset, hoogsteVooropleiding: null, bekostigd: false, bijdrage: 0, leerwegfactor: 0.6, prijsfactor: null, verblijfsjaar: null },
    bpv: [{ volgnummer: 1, afsluitdatum: '2016-08-01', datumBegin: '2016-08-15', datumEindGepland: '2017-07-31', datumEindWerkelijk: null, crebo: '25080', codeLeerbedrijf: '000012345' }],
  }),
];

export const tweeStudenten = (): BronFoto => maakFoto(TWEE, MOMENT);

const LEERWEGEN = [['BOL', 'VT'], ['BOL', 'DT'], ['BBL', null]] as const;

/** A large instelling, the same every time: n inschrijvingen with leading-zero persoonsnummers, some not bekostigd, some with signalen. */
export function groteFoto(n: number): BronFoto {
  const versies: Basissetversie[] = [];
  for (let i = 0; i < n; i++) {
    const [leerweg, intensiteit] = LEERWEGEN[i % 3];
    versies.push(versie({
      persoonsnummer: String(i).padStart(9, '0'), inschrijvingId: `I${i}`, leerweg, intensiteit, niveau: 1 + (i % 4), crebo: String(25000 + (i % 40)),
      inschrijvingVoorCorrectiefactor: i % 7 !== 0, officieleVoornamen: i % 11 === 0 ? 'Zoë' : 'Jan',
      basisset: { ...versie().basisset, bekostigd: i % 5 !== 0, bijdrage: i % 5 !== 0 ? 1.3 : 0, verblijfsjaar: 1 + (i % 3) },
      signalen: i % 13 === 0 ? [{ volgnummer: 1, code: 'S01', omschrijving: 'Vooropleiding onbekend', parameters: [], teldatum: 'EEN_OKTOBER' }] : [],
    }));
  }
  return maakFoto(versies, MOMENT);
}

/** A Writable that keeps what is written, for a test to read. */
export class Opvanger extends Writable {
  private stukken: Buffer[] = [];
  override _write(stuk: Buffer | string, _codering: BufferEncoding, klaar: (fout?: Error | null) => void): void {
    this.stukken.push(Buffer.isBuffer(stuk) ? stuk : Buffer.from(stuk));
    klaar();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.stukken);
  }
}

export async function geschreven(schrijf: (uit: Writable) => Promise<void>): Promise<Buffer> {
  const uit = new Opvanger();
  await schrijf(uit);
  return uit.bytes;
}
