import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { maakFoto, verschillenlijst } from '@bron/domein';
import { wachtTot } from '@bron/infra';
import { schrijfFotoCsv } from './foto-csv';
import { schrijfFotoJson } from './foto-json';
import { schrijfFotoTbgi } from './foto-tbgi';
import { schrijfFotoXlsx } from './foto-xlsx';
import { MOMENT, TWEE, geschreven, tweeStudenten, versie } from './foto.testdata';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the foto files', () => {
  it('JSON reads back as the foto, one student per line', async () => {
    const foto = tweeStudenten();
    const tekst = (await geschreven((uit) => schrijfFotoJson(foto, uit))).toString('utf8');
    expect(JSON.parse(tekst)).toEqual(foto);
    expect(tekst.split('\n').filter((r) => r.startsWith('{"actief"'))).toHaveLength(2);
    const leeg = { ...foto, studenten: [] };
    expect(JSON.parse((await geschreven((uit) => schrijfFotoJson(leeg, uit))).toString('utf8'))).toEqual(leeg);
  });

  it.each([
    ['csv', (uit: Parameters<typeof schrijfFotoCsv>[1]) => schrijfFotoCsv(maakFoto(TWEE, MOMENT), uit)],
    ['json', (uit: Parameters<typeof schrijfFotoCsv>[1]) => schrijfFotoJson(maakFoto(TWEE, MOMENT), uit)],
    ['tbgi', (uit: Parameters<typeof schrijfFotoCsv>[1]) => schrijfFotoTbgi(maakFoto(TWEE, MOMENT), uit)],
    ['xlsx', (uit: Parameters<typeof schrijfFotoCsv>[1]) => schrijfFotoXlsx(maakFoto(TWEE, MOMENT), uit)],
  ])('%s: the same foto, made again and written again, gives the same bytes', async (_formaat, schrijf) => {
    const eerst = await geschreven(schrijf);
    // Not in the same clock second: exceljs would otherwise stamp its zip entries with the time of writing.
    const moment = Date.now();
    await wachtTot('twee seconden verder (de resolutie van een zip-tijd)', () => Date.now() - moment >= 2100, 10_000);
    const dan = await geschreven(schrijf);
    expect(dan.length).toBeGreaterThan(100);
    expect(sha256(dan)).toBe(sha256(eerst));
  });

  it('XLSX: four sheets with bold, frozen headers, an autofilter and typed cells', async () => {
    const foto = tweeStudenten();
    const later = maakFoto([...TWEE, versie({ versie: 2, bekendSinds: '2017-08-01T00:00:00.000Z', basisset: { ...TWEE[0].basisset, bijdrage: 0.65 } })], { ...MOMENT, soort: 'OP_VERZOEK', bekendOp: '2017-09-01T00:00:00.000Z' });
    const bytes = await geschreven((uit) => schrijfFotoXlsx(later, uit, verschillenlijst(foto, later)));
    const werkboek = new ExcelJS.Workbook();
    await werkboek.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(werkboek.worksheets.map((w) => w.name)).toEqual(['studenten', 'terugmeldingsoverzicht', 'sector', 'verschillen']);
    const studenten = werkboek.getWorksheet('studenten')!;
    expect(studenten.rowCount).toBe(3);
    expect(studenten.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(studenten.autoFilter).toBeTruthy();
    expect(studenten.getRow(1).font).toMatchObject({ bold: true });
    const kop = (studenten.getRow(1).values as unknown[]).slice(1);
    const cel = (naam: string) => studenten.getRow(2).getCell(kop.indexOf(naam) + 1).value;
    expect(cel('Persoonsnummer')).toBe('012345672');
    expect(cel('Bijdrage')).toBe(0.65);
    expect(cel('Bekostigd')).toBe(true);
    expect(cel('Datum inschrijving')).toEqual(new Date('2016-08-15T00:00:00.000Z'));
    expect(werkboek.getWorksheet('verschillen')!.getRow(2).values).toEqual([undefined, 'WIJZIGING', 'STUDENT', '012345672 0001', 'basisset.bijdrage', '1.3', '0.65']);
    expect(werkboek.getWorksheet('sector')!.getRow(2).getCell(4).value).toBe(2);
  });

  it('a control character in a name does not break the XLSX or the TBG-i XML', async () => {
    const foto = maakFoto([versie({ officieleVoornamen: 'Jan\u0001Piet', inschrijvingId: 'A\u0002' })], MOMENT);
    const werkboek = new ExcelJS.Workbook();
    await werkboek.xlsx.load((await geschreven((uit) => schrijfFotoXlsx(foto, uit))) as unknown as ArrayBuffer);
    const rij = werkboek.getWorksheet('studenten')!.getRow(2).values as unknown[];
    expect(rij).toContain('Jan\uFFFDPiet');
    const xml = (await geschreven((uit) => schrijfFotoTbgi(foto, uit))).toString('utf8');
    expect(xml).toContain('<Inschrijvingvolgnummer>A\uFFFD</Inschrijvingvolgnummer>');
  });
});
