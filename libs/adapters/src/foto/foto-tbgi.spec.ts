import { create } from 'xmlbuilder2';
import { schrijfFotoTbgi } from './foto-tbgi';
import { geschreven, tweeStudenten } from './foto.testdata';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** An element as the test reads it: its name, its text or nil, and its child elements. */
interface Element { naam: string; nil: boolean; tekst: string; kinderen: Element[] }

/** The part of xmlbuilder2's DOM node the test reads. */
interface DomElement {
  readonly nodeType: number;
  readonly localName: string;
  readonly childNodes: ArrayLike<DomElement>;
  readonly textContent: string | null;
  getAttributeNS(namespace: string, naam: string): string | null;
}

function lees(node: DomElement): Element {
  const kinderen = Array.from(node.childNodes).filter((n) => n.nodeType === 1).map(lees);
  return { naam: node.localName, nil: node.getAttributeNS(XSI, 'nil') === 'true', tekst: kinderen.length ? '' : node.textContent ?? '', kinderen };
}

/** The elements of a block as `naam: tekst` (nil as null), in document order; nested blocks by their name only. */
const velden = (e: Element): [string, string | null][] => e.kinderen.map((k) => [k.naam, k.kinderen.length ? `<${k.naam}>` : k.nil ? null : k.tekst]);

async function document(): Promise<Element> {
  const xml = (await geschreven((uit) => schrijfFotoTbgi(tweeStudenten(), uit))).toString('utf8');
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Bekostigingsgrondslagen')).toBe(true);
  return lees(create(xml).root().node as unknown as DomElement);
}

describe('the foto as TBG-i XML (DUO layout, facts 31-32)', () => {
  it('has the root Bekostigingsgrondslagen with an Inschrijving per inschrijving, then a Diploma per diploma', async () => {
    const root = await document();
    expect(root.naam).toBe('Bekostigingsgrondslagen');
    expect(root.kinderen.map((k) => k.naam)).toEqual(['Inschrijving', 'Inschrijving', 'Diploma']);
  });

  it('Inschrijving: its elements in order, a Teldatum block for 1 October and, still enrolled, 1 February, with signalen and parameters', async () => {
    const [bol] = (await document()).kinderen;
    expect(velden(bol)).toEqual([
      ['BRIN', '25LX'], ['Burgerservicenummer', '012345672'], ['Onderwijsnummer', null], ['Inschrijvingvolgnummer', '0001'],
      ['DatumInschrijving', '2016-08-15'], ['DatumUitschrijvingGepland', '2019-07-31'], ['DatumUitschrijvingWerkelijk', null], ['NiveauHoogstBekostigdeDiploma', 'MBO-2'],
      ['Teldatum', '<Teldatum>'], ['Teldatum', '<Teldatum>'],
    ]);
    const [oktober, februari] = bol.kinderen.filter((k) => k.kinderen.length);
    expect(velden(oktober)).toEqual([
      ['Teldatum', '2016-10-01'], ['DatumTijdBepalingBekostigingsgrondslagen', '2016-10-02T10:00:00.000Z'], ['StatusBepalingBekostigingsstatus', 'D'],
      ['LeeftijdOpEenAugustusStudiejaar', '17'], ['Opleidingcode', '25078'], ['Niveau', 'MBO-3'], ['Leertraject', 'BOL'], ['Leerroutefase', null],
      ['IndicatieBekostigbaar', 'true'], ['Bekostigingsstatus', 'BEKOSTIGD'], ['InschrijvingVoorCorrectiefactor', 'true'], ['BBLBOLFactor', '1'],
      ['PrijsfactorMBO', '1.3'], ['AantalBekostigdeVerblijfsjarenMBO', '1'], ['Verblijfsjaarfactor', '1'], ['BijdrageInschrijvingAanDeelnemerswaarde', '1.3'],
      ['Signaal', '<Signaal>'],
    ]);
    const signaal = oktober.kinderen.find((k) => k.naam === 'Signaal')!;
    expect(velden(signaal)).toEqual([['Signaalvolgnummer', '1'], ['Signaalcode', 'S01'], ['Signaalomschrijving', 'Vooropleiding onbekend'], ['Parameter', '<Parameter>'], ['Parameter', '<Parameter>']]);
    expect(velden(signaal.kinderen[4])).toEqual([['Parametervolgnummer', '2'], ['Parameternaam', 'niveau'], ['Parameterwaarde', '3']]);
    expect(februari.kinderen[0].tekst).toBe('2017-02-01');
    expect(februari.kinderen.filter((k) => k.naam === 'Signaal').map((s) => s.kinderen[1].tekst)).toEqual(['S02']);
  });

  it('BBL: an onderwijsnummer, the bekostigingsrelevante BPV, nil for what is unknown, escaped text', async () => {
    const [, bbl] = (await document()).kinderen;
    expect(velden(bbl).slice(1, 3)).toEqual([['Burgerservicenummer', null], ['Onderwijsnummer', '100000009']]);
    const teldata = bbl.kinderen.filter((k) => k.naam === 'Teldatum');
    expect(teldata).toHaveLength(1);
    const teldatum = Object.fromEntries(velden(teldata[0]));
    expect(teldatum).toMatchObject({ Leertraject: 'BBL', Niveau: 'MBO-2', Leerroutefase: 'MBO', Bekostigingsstatus: 'NIET_BEKOSTIGD', PrijsfactorMBO: null, AantalBekostigdeVerblijfsjarenMBO: null, BBLBOLFactor: '0.6', InschrijvingVoorCorrectiefactor: 'false' });
    expect(velden(teldata[0].kinderen.find((k) => k.naam === 'BekostigingsrelevanteBPV')!)).toEqual([
      ['Inschrijvingvolgnummer', 'B-2'], ['Volgnummer', '1'], ['Afsluitdatum', '2016-08-01'], ['DatumBegin', '2016-08-15'], ['DatumEindGepland', '2017-07-31'], ['DatumEindWerkelijk', null], ['Opleidingcode', '25080'],
    ]);
  });

  it('Diploma: its elements in order, with its signaal', async () => {
    const diploma = (await document()).kinderen[2];
    expect(velden(diploma)).toEqual([
      ['BRIN', '25LX'], ['Burgerservicenummer', '012345672'], ['Onderwijsnummer', null], ['Resultaatvolgnummer', '1'], ['Opleidingcode', '25078'], ['Inschrijvingvolgnummer', '0001'],
      ['DatumBehaald', '2017-06-30'], ['Niveau', 'MBO-3'], ['IndicatieSpecialistendiploma', 'false'], ['NiveauHoogstBekostigdeDiploma', 'MBO-2'], ['IndicatieHoogstBekostigdeDiplomaIsSpecialist', 'false'],
      ['DatumTijdBepalingBekostigingsgrondslagen', '2016-10-02T10:00:00.000Z'], ['StatusBepalingBekostigingsstatus', 'D'], ['Bekostigingsstatus', 'BEKOSTIGD'], ['BijdrageDiplomawaarde', '0.5'],
      ['Signaal', '<Signaal>'],
    ]);
  });

  it('escapes text so that it reads back as written', async () => {
    const xml = (await geschreven((uit) => schrijfFotoTbgi({ ...tweeStudenten(), studenten: [{ ...tweeStudenten().studenten[0], inschrijvingId: 'a&b<c>"d"' }] }, uit))).toString('utf8');
    expect(xml).toContain('<Inschrijvingvolgnummer>a&amp;b&lt;c&gt;"d"</Inschrijvingvolgnummer>');
    const root = lees(create(xml).root().node as unknown as DomElement);
    expect(Object.fromEntries(velden(root.kinderen[0])).Inschrijvingvolgnummer).toBe('a&b<c>"d"');
  });
});
