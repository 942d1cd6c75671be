import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'xmlbuilder2';
import { draaiBron } from '@bron/devtools';
import {
  P, PEILDATUM, csvObjecten, haalFoto, leesCsv, leverFixtureAan, startFotoSysteem, vraagFotoAan, xlsxBladen, type Aankondiging, type FotoSysteem,
} from './foto-systeem';

/** An element as xmlbuilder2's object format gives it: its `@attribute`s and child elements by name, a list for a repeated one, text as a string. */
type XmlElement = { readonly [naam: string]: XmlWaarde };
type XmlWaarde = string | XmlElement | XmlElement[];
const lijst = (w: XmlWaarde): XmlElement[] => (Array.isArray(w) ? w : [element(w)]);
function element(w: XmlWaarde): XmlElement {
  if (typeof w === 'string' || Array.isArray(w)) throw new Error(`geen enkel element: ${JSON.stringify(w)}`);
  return w;
}

/**
 * Issue 10: a foto in each file format, read back as the programs an instelling uses read it
 * (CSV as Dutch Excel, XLSX opened by LibreOffice, TBG-i XML parsed element by element, JSON),
 * and `bron foto`, which writes the same bytes as the HTTP fetch.
 */
describe('a foto in every file format, and bron foto', () => {
  let s: FotoSysteem;
  let foto: Aankondiging;
  const bestanden: Record<string, Buffer> = {};
  const map = mkdtempSync(join(tmpdir(), 'foto-bestanden-'));

  beforeAll(async () => {
    s = await startFotoSysteem();
    await leverFixtureAan(s);
    const gevraagd = await vraagFotoAan(s.fotoUrl, '25LX', s.sleutel['25LX']);
    expect(gevraagd.status).toBe(201);
    foto = gevraagd.body;
  }, 240_000);

  afterAll(async () => {
    await s?.sluit();
    rmSync(map, { recursive: true, force: true });
  });

  async function bestand(formaat: string, extra: Record<string, string> = {}): Promise<Buffer> {
    const b = await haalFoto(s.fotoUrl, foto, s.sleutel['25LX'], formaat, extra);
    expect({ formaat, status: b.status }).toEqual({ formaat, status: 200 });
    expect(b.headers.get('etag')).toBe(`"${foto.checksum}"`);
    expect(b.headers.get('cache-control')).toBe('private, no-store');
    const moment = foto.bekendOp.replace(/[-:]/g, '').replace(/\.\d+/, '');
    // A CSV file holds one part of the foto, named in the file name (the studenten unless asked otherwise).
    const deel = extra.deel ?? (formaat === 'csv' ? 'studenten' : undefined);
    const naam = `foto-25LX-${PEILDATUM}-O-${moment}${deel ? `-${deel}` : ''}.${formaat === 'tbgi' ? 'xml' : formaat}`;
    expect(b.headers.get('content-disposition')).toBe(`attachment; filename="${naam}"`);
    bestanden[`${formaat}${extra.deel ? `-${extra.deel}` : ''}`] = b.bytes;
    return b.bytes;
  }

  it('JSON: the foto itself, keys sorted, one student per line', async () => {
    const bytes = await bestand('json');
    const tekst = bytes.toString('utf8');
    const json = JSON.parse(tekst);
    expect(Object.keys(json)).toEqual(['aantallen', 'bekendOp', 'checksum', 'fotoId', 'instelling', 'peildatum', 'sector', 'soort', 'status', 'terugmeldingsoverzicht', 'studenten']);
    expect(json).toMatchObject({ fotoId: foto.fotoId, checksum: foto.checksum, soort: 'OP_VERZOEK', status: 'O', aantallen: { inschrijvingen: 6, studenten: 6, bekostigd: 5 } });
    const regels = tekst.trimEnd().split('\n');
    expect(regels).toHaveLength(1 + 6 + 1);
    expect(regels.slice(1, 7).map((r) => JSON.parse(r.replace(/,$/, '')).persoonsnummer)).toEqual([P.bblZonderBpv, P.eindigtVoorFebruari, P.bolVoltijd, P.bolDeeltijd, P.metDiploma, P.bblMetBpv]);
  });

  it('CSV: byte order mark, ; between cells, codes as text with their leading zeros, decimal commas', async () => {
    const studenten = await bestand('csv');
    expect([...studenten.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rijen = leesCsv(studenten);
    expect(rijen).toHaveLength(7);
    expect(rijen[0].slice(0, 7)).toEqual(['Persoonsnummer', 'Soort persoonsnummer', 'Inschrijvingvolgnummer', 'Versie', 'Bekend sinds', 'Teldatum', 'Opleiding (crebo)']);
    expect(rijen.every((r) => r.length === rijen[0].length)).toBe(true);
    // A code that starts with a digit is written "<tab>012345672": Excel reads it as text and keeps the zero.
    expect(studenten.toString('utf8')).toContain(`\n"\t${P.bolVoltijd}";BSN;I-1;`);
    const van = Object.fromEntries(csvObjecten(rijen).map((r) => [r.Persoonsnummer, r]));
    expect(Object.keys(van)).toEqual([P.bblZonderBpv, P.eindigtVoorFebruari, P.bolVoltijd, P.bolDeeltijd, P.metDiploma, P.bblMetBpv]);
    expect(van[P.bolVoltijd]).toMatchObject({
      'Opleiding (crebo)': '25078', Leerweg: 'BOL', Intensiteit: 'VT', Niveau: '3', 'Datum inschrijving': '2016-08-01', 'Hoogste vooropleiding': 'HAVO', 'Overgangsbewijs havo/vwo 3-4': 'ja',
      Prijsfactor: '1,3', Bijdrage: '1,56', Verblijfsjaarfactor: '1,2', Bekostigd: 'ja', 'Officiële voornamen': 'Zoë Amal', 'Verblijfsstatus rechtmatig': 'ja', 'Leeftijd op 1 augustus': '16',
    });
    expect(van[P.bblMetBpv]).toMatchObject({ Leerweg: 'BBL', 'Code leerbedrijf': '000123456', Bijdrage: '0,624', Leerwegfactor: '0,4', "BPV's": '1' });
    expect(van[P.bblZonderBpv]).toMatchObject({ Bekostigd: 'nee', Signalen: expect.stringMatching(/^INS_BBL_GEEN_BPV /) });
    expect(van[P.eindigtVoorFebruari]).toMatchObject({ 'Datum uitschrijving werkelijk': '2017-01-15', 'Ingeschreven op 1 februari': 'nee' });
    expect(van[P.metDiploma]).toMatchObject({ "Bekostigde diploma's": '25080 niveau 2 2016-07-01 (1)', "Diploma's": '1', 'Aantal bekostigde verblijfsjaren': '2' });

    const tmo = leesCsv(await bestand('csv', { deel: 'terugmeldingsoverzicht' })).map((r) => r.map((c) => c.replace(/^\t/, '')));
    expect(tmo[0]).toEqual([
      'Regelsoort', 'Opleiding (crebo)', 'Leerweg', 'Niveau', 'Aantal bekostigde verblijfsjaren', 'Signaalcode', 'Persoonsnummer', 'Inschrijvingvolgnummer',
      'Inschrijvingen 1 oktober', 'Bekostigd 1 oktober', 'Niet bekostigd 1 oktober', 'Inschrijvingen 1 februari', 'Bekostigd 1 februari', 'Niet bekostigd 1 februari',
      "Diploma's", "Bekostigde diploma's", 'Signalen 1 oktober', 'Signalen 1 februari', 'Signalen diploma',
    ]);
    expect(tmo.slice(1)).toEqual([
      ['BEK', '25078', 'BOL_DT', '3', '1', '', '', '', '1', '1', '0', '1', '1', '0', '0', '0', '', '', ''],
      ['BEK', '25078', 'BOL_VT', '3', '1', '', '', '', '2', '2', '0', '1', '1', '0', '0', '0', '', '', ''],
      ['BEK', '25080', 'BBL', '2', '1', '', '', '', '2', '1', '1', '2', '1', '1', '0', '0', '', '', ''],
      ['BEK', '25080', 'BOL_VT', '2', '2', '', '', '', '1', '1', '0', '1', '1', '0', '1', '1', '', '', ''],
      ['SAG', '25080', 'BBL', '', '', 'INS_BBL_GEEN_BPV', '', '', '', '', '', '', '', '', '', '', '1', '0', '0'],
      ['SIN', '25080', '', '', '', 'INS_BBL_GEEN_BPV', P.bblZonderBpv, 'I-4', '', '', '', '', '', '', '', '', '1', '0', '0'],
    ]);
    expect(leesCsv(await bestand('csv', { deel: 'sector' }))).toEqual([
      ['Peildatum', 'Niveau', 'Leerweg', 'Inschrijvingen', 'Bekostigd', 'Inschrijvingen 1 februari'],
      [PEILDATUM, '', 'TOTAAL MBO', '8', '7', ''],
      [PEILDATUM, '2', 'BBL', '2', '1', '2'],
      [PEILDATUM, '2', 'BOL_VT', '1', '1', '1'],
      [PEILDATUM, '3', 'BOL_DT', '1', '1', '1'],
      [PEILDATUM, '3', 'BOL_VT', '3', '3', '2'],
      [PEILDATUM, '4', 'BOL_VT', '1', '1', '1'],
    ]);
    // The first foto of this peildatum: nothing to compare with, only the header.
    expect(leesCsv(await bestand('csv', { deel: 'verschillen' }))).toEqual([['Mutatie', 'Onderdeel', 'Sleutel', 'Veld', 'Oude waarde', 'Nieuwe waarde']]);
  });

  it('XLSX: LibreOffice headless opens it and converts every sheet with all its rows, typed cells and leading zeros', async () => {
    const bladen = xlsxBladen(await bestand('xlsx'));
    expect(Object.keys(bladen).sort()).toEqual(['sector', 'studenten', 'terugmeldingsoverzicht', 'verschillen']);
    const rijen = Object.fromEntries(Object.entries(bladen).map(([naam, r]) => [naam, r.length]));
    expect(rijen).toEqual({ studenten: 1 + 6, terugmeldingsoverzicht: 1 + 4 + 1 + 1, sector: 1 + 1 + 5, verschillen: 1 });
    const studenten = csvObjecten(bladen.studenten);
    expect(studenten.map((r) => r.Persoonsnummer)).toEqual([P.bblZonderBpv, P.eindigtVoorFebruari, P.bolVoltijd, P.bolDeeltijd, P.metDiploma, P.bblMetBpv]);
    const bbl = studenten.find((r) => r.Persoonsnummer === P.bblMetBpv)!;
    // Codes stay text, numbers are numbers, ja/nee are booleans, dates are dates (shown in LibreOffice's locale).
    expect(bbl).toMatchObject({ 'Code leerbedrijf': '000123456', 'Opleiding (crebo)': '25080', Leerwegfactor: '0.4', Bijdrage: '0.624', Bekostigd: 'TRUE', 'Datum inschrijving': '08/01/2016' });
    expect(studenten.find((r) => r.Persoonsnummer === P.bolVoltijd)).toMatchObject({ 'Officiële voornamen': 'Zoë Amal', Prijsfactor: '1.3' });
    expect(bladen.terugmeldingsoverzicht[1]).toEqual(['BEK', '25078', 'BOL_DT', '3', '1', '', '', '', '1', '1', '0', '1', '1', '0', '0', '0', '', '', '']);
    expect(bladen.terugmeldingsoverzicht[6].slice(0, 8)).toEqual(['SIN', '25080', '', '', '', 'INS_BBL_GEEN_BPV', P.bblZonderBpv, 'I-4']);
    expect(bladen.sector[1]).toEqual(['10/01/2016', '', 'TOTAAL MBO', '8', '7', '']);
  }, 200_000);

  it('TBG-i XML: parsed back element by element, in the layout of DUO\'s file', async () => {
    const xml = (await bestand('tbgi')).toString('utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Bekostigingsgrondslagen xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">')).toBe(true);
    const { Bekostigingsgrondslagen: root } = create(xml).end({ format: 'object' }) as { Bekostigingsgrondslagen: XmlElement };
    expect(Object.keys(root)).toEqual(['@xmlns:xsi', 'Inschrijving', 'Diploma']);
    const inschrijvingen = lijst(root.Inschrijving);
    expect(inschrijvingen.map((i) => i.Burgerservicenummer)).toEqual([P.bblZonderBpv, P.eindigtVoorFebruari, P.bolVoltijd, P.bolDeeltijd, P.metDiploma, P.bblMetBpv]);
    const nil = { '@xsi:nil': 'true' };
    const van = (bsn: string) => inschrijvingen.find((i) => i.Burgerservicenummer === bsn)!;
    // DatumTijdBepalingBekostigingsgrondslagen: when the version was known, as the JSON of the same foto says.
    const { studenten } = JSON.parse((await bestand('json')).toString('utf8')) as { studenten: { persoonsnummer: string; bekendSinds: string }[] };
    const bekendSinds = (bsn: string) => studenten.find((st) => st.persoonsnummer === bsn)!.bekendSinds;

    // BBL with its BPV: every element, in order, with a 1 October and a 1 February block.
    const bbl = van(P.bblMetBpv);
    expect(Object.keys(bbl)).toEqual(['BRIN', 'Burgerservicenummer', 'Onderwijsnummer', 'Inschrijvingvolgnummer', 'DatumInschrijving', 'DatumUitschrijvingGepland', 'DatumUitschrijvingWerkelijk', 'NiveauHoogstBekostigdeDiploma', 'Teldatum']);
    expect({ ...bbl, Teldatum: undefined }).toEqual({
      BRIN: '25LX', Burgerservicenummer: P.bblMetBpv, Onderwijsnummer: nil, Inschrijvingvolgnummer: 'I-3', DatumInschrijving: '2016-08-01',
      DatumUitschrijvingGepland: nil, DatumUitschrijvingWerkelijk: nil, NiveauHoogstBekostigdeDiploma: nil, Teldatum: undefined,
    });
    const blok = (teldatum: string) => ({
      Teldatum: teldatum, DatumTijdBepalingBekostigingsgrondslagen: bekendSinds(P.bblMetBpv), StatusBepalingBekostigingsstatus: 'V', LeeftijdOpEenAugustusStudiejaar: nil,
      Opleidingcode: '25080', Niveau: 'MBO-2', Leertraject: 'BBL', Leerroutefase: nil, IndicatieBekostigbaar: 'true', Bekostigingsstatus: 'BEKOSTIGD',
      InschrijvingVoorCorrectiefactor: 'true', BBLBOLFactor: '0.4', PrijsfactorMBO: '1.3', AantalBekostigdeVerblijfsjarenMBO: '1', Verblijfsjaarfactor: '1.2',
      BijdrageInschrijvingAanDeelnemerswaarde: '0.624',
      BekostigingsrelevanteBPV: {
        Inschrijvingvolgnummer: 'I-3', Volgnummer: '1', Afsluitdatum: '2016-07-15', DatumBegin: '2016-08-01', DatumEindGepland: nil, DatumEindWerkelijk: '2017-07-31', Opleidingcode: '25080',
      },
    });
    expect(bbl.Teldatum).toEqual([blok('2016-10-01'), blok('2017-02-01')]);
    const [oktober] = lijst(bbl.Teldatum);
    expect(Object.keys(oktober)).toEqual(Object.keys(blok('2016-10-01')));
    expect(Object.keys(element(oktober.BekostigingsrelevanteBPV))).toEqual(['Inschrijvingvolgnummer', 'Volgnummer', 'Afsluitdatum', 'DatumBegin', 'DatumEindGepland', 'DatumEindWerkelijk', 'Opleidingcode']);

    // Not bekostigd, with its signaal and parameter in the 1 October block only.
    const zonder = lijst(van(P.bblZonderBpv).Teldatum);
    expect(zonder).toHaveLength(2);
    expect(zonder[0]).toMatchObject({ Bekostigingsstatus: 'NIET_BEKOSTIGD', BBLBOLFactor: '0', BijdrageInschrijvingAanDeelnemerswaarde: '0' });
    expect(zonder[0].Signaal).toEqual({
      Signaalvolgnummer: '1', Signaalcode: 'INS_BBL_GEEN_BPV', Signaalomschrijving: expect.stringContaining('Bbl zonder BPV-overeenkomst'),
      Parameter: { Parametervolgnummer: '1', Parameternaam: 'regel', Parameterwaarde: expect.stringContaining('UWEB 2.2.2') },
    });
    expect(zonder[1].Signaal).toBeUndefined();

    // Ends before 1 February: one block; BOL deeltijd is Leertraject BOL_DT; the age is there when the BRP gave it.
    expect(van(P.eindigtVoorFebruari)).toMatchObject({ DatumUitschrijvingWerkelijk: '2017-01-15', Teldatum: { Teldatum: '2016-10-01', InschrijvingVoorCorrectiefactor: 'false', Leertraject: 'BOL' } });
    expect(lijst(van(P.bolDeeltijd).Teldatum)[0]).toMatchObject({ Leertraject: 'BOL_DT', Niveau: 'MBO-3' });
    expect(lijst(van(P.bolVoltijd).Teldatum)[0]).toMatchObject({ LeeftijdOpEenAugustusStudiejaar: '16', BijdrageInschrijvingAanDeelnemerswaarde: '1.56' });
    expect(van(P.metDiploma)).toMatchObject({ NiveauHoogstBekostigdeDiploma: 'MBO-2', Teldatum: [{ AantalBekostigdeVerblijfsjarenMBO: '2', Verblijfsjaarfactor: '1' }, { Teldatum: '2017-02-01' }] });

    // The diploma, every element in order.
    const diploma = element(root.Diploma);
    expect(Object.entries(diploma)).toEqual(Object.entries({
      BRIN: '25LX', Burgerservicenummer: P.metDiploma, Onderwijsnummer: nil, Resultaatvolgnummer: '1', Opleidingcode: '25080', Inschrijvingvolgnummer: 'I-6',
      DatumBehaald: '2016-07-01', Niveau: 'MBO-2', IndicatieSpecialistendiploma: 'false', NiveauHoogstBekostigdeDiploma: 'MBO-2', IndicatieHoogstBekostigdeDiplomaIsSpecialist: nil,
      DatumTijdBepalingBekostigingsgrondslagen: bekendSinds(P.metDiploma), StatusBepalingBekostigingsstatus: 'V', Bekostigingsstatus: 'BEKOSTIGD', BijdrageDiplomawaarde: '1',
    }));
  });

  it('bron foto writes the same bytes as the HTTP fetch, in every format; exit 3 for a refused key, 2 for bad usage, 1 without the service', async () => {
    const cliEnv = { ...s.env, BRON_API_SLEUTEL: s.sleutel['25LX'], BRON_FOTO_URL: s.fotoUrl };
    const basis = ['foto', '25LX', '--peildatum', PEILDATUM, '--moment', foto.bekendOp];
    for (const formaat of ['tbgi', 'csv', 'xlsx', 'json']) {
      const http = bestanden[formaat] ?? (await bestand(formaat));
      const uit = join(map, `foto.${formaat}`);
      const { code, uitvoer } = await draaiBron([...basis, '--formaat', formaat, '--uit', uit], cliEnv);
      expect({ formaat, code, uitvoer }).toEqual({
        formaat, code: 0,
        uitvoer: `foto ${foto.fotoId}: status O, 6 inschrijvingen (5 bekostigd), sector totaal 8, checksum ${foto.checksum.slice(0, 12)}; ${formaat} geschreven naar ${uit}\n`,
      });
      expect({ formaat, gelijk: readFileSync(uit).equals(http) }).toEqual({ formaat, gelijk: true });
    }
    // A text format without --uit goes to standard output, as it came.
    const naarStdout = await draaiBron([...basis, '--formaat', 'csv', '--deel', 'sector'], cliEnv);
    expect(naarStdout.code).toBe(0);
    expect(naarStdout.uitvoer).toContain(`${PEILDATUM};;TOTAAL MBO;8;7;`);

    const uit = join(map, 'geweigerd.tbgi');
    for (const sleutel of [s.sleutel['26AB'], `bron_25LX_${'A'.repeat(43)}`]) {
      const geweigerd = await draaiBron([...basis, '--formaat', 'tbgi', '--uit', uit], { ...cliEnv, BRON_API_SLEUTEL: sleutel });
      expect(geweigerd).toEqual({ code: 3, uitvoer: expect.stringMatching(/^bron foto: 40[13] /) });
    }
    expect(await draaiBron([...basis, '--formaat', 'pdf', '--uit', uit], cliEnv)).toEqual({ code: 2, uitvoer: expect.stringContaining("--formaat moet een van json, csv, xlsx, tbgi zijn, niet 'pdf'") });
    expect((await draaiBron(['foto', '25LX', '--peildatum', '2016-09-01'], cliEnv)).code).toBe(2);
    expect((await draaiBron([...basis, '--formaat', 'xlsx'], cliEnv)).code).toBe(2);
    // A moment in the future: the service refuses it as a bad request.
    expect(await draaiBron(['foto', '25LX', '--peildatum', PEILDATUM, '--moment', new Date(Date.now() + 86_400_000).toISOString()], cliEnv)).toEqual({ code: 2, uitvoer: expect.stringContaining('ligt in de toekomst') });
    expect((await draaiBron([...basis, '--formaat', 'tbgi', '--uit', uit], { ...cliEnv, BRON_FOTO_URL: 'http://127.0.0.1:9' })).code).toBe(1);
    expect(() => readFileSync(uit)).toThrow();
  });
});
