import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { BronFoto, Verschillenlijst } from '@bron/domein';
import { FOTO_DELEN, fotoTabel, type Celwaarde, type Kolomtype } from './kolommen';
import { xmlVeilig } from './uitvoer';

const NUMMERFORMAAT: Partial<Record<Kolomtype, string>> = { code: '@', tekst: '@', geheel: '0', datum: 'dd-mm-yyyy', tijdstip: 'dd-mm-yyyy hh:mm:ss' };

/** A cell as its type: a date (`JJJJ-MM-DD`, UTC midnight) and a timestamp as dates, `janee` as a boolean, codes as text. */
function xlsxWaarde(type: Kolomtype, waarde: Celwaarde): ExcelJS.CellValue {
  if (waarde === null) return null;
  if ((type === 'datum' || type === 'tijdstip') && typeof waarde === 'string') return new Date(type === 'datum' ? `${waarde}T00:00:00.000Z` : waarde);
  // A control character is not allowed in XML, and Excel would offer to repair the file.
  return typeof waarde === 'string' ? xmlVeilig(waarde) : waarde;
}

interface MetZip {
  zip: { append(bron: unknown, gegevens: { name: string; date?: Date }): unknown };
}

/**
 * exceljs stamps every zip entry with the current time, so two writes of one foto would differ in
 * their bytes. This writer gives every entry the foto's own moment. The first entries are added in
 * exceljs's constructor (through `addThemes`), hence the override there.
 */
function werkboekMetVasteTijd(datum: Date, opties: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>): ExcelJS.stream.xlsx.WorkbookWriter {
  class VasteTijdWerkboek extends ExcelJS.stream.xlsx.WorkbookWriter {
    override addThemes(): Promise<void> {
      const zip = (this as unknown as MetZip).zip;
      const append = zip.append.bind(zip);
      zip.append = (bron, gegevens) => append(bron, { ...gegevens, date: datum });
      return super.addThemes();
    }
  }
  return new VasteTijdWerkboek(opties);
}

/**
 * The foto as an XLSX workbook, written with exceljs's streaming writer: the sheets studenten,
 * terugmeldingsoverzicht, sector and verschillen (empty without a verschillenlijst), each with a
 * bold, frozen header row, an autofilter and typed columns. Ends the stream.
 */
export async function schrijfFotoXlsx(foto: BronFoto, uit: Writable, verschillen?: Verschillenlijst): Promise<void> {
  const datum = new Date(foto.bekendOp);
  const werkboek = werkboekMetVasteTijd(datum, {
    stream: uit, useStyles: true, useSharedStrings: false, created: datum, modified: datum, creator: 'bron-terugkoppeling', lastModifiedBy: 'bron-terugkoppeling',
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  for (const deel of FOTO_DELEN) {
    const tabel = fotoTabel(foto, deel, verschillen);
    const blad = werkboek.addWorksheet(tabel.naam, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    blad.columns = tabel.kolommen.map((k) => ({ header: k.kop, width: k.breedte ?? Math.max(10, Math.min(40, k.kop.length + 2)), style: NUMMERFORMAAT[k.type] ? { numFmt: NUMMERFORMAAT[k.type] } : {} }));
    blad.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: tabel.kolommen.length } };
    blad.getRow(1).font = { bold: true };
    for (const rij of tabel.rijen()) blad.addRow(rij.map((w, i) => xlsxWaarde(tabel.kolommen[i].type, w))).commit();
    blad.commit();
  }
  await werkboek.commit();
}
