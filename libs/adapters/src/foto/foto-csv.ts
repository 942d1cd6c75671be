import type { Writable } from 'node:stream';
import type { BronFoto, Verschillenlijst } from '@bron/domein';
import { CSV_BOM, CSV_VOOR_MENSEN, csvCode, csvRegel, type CsvWaarde } from '../csv';
import { fotoTabel, type Celwaarde, type FotoDeel, type Kolomtype, type Tabel } from './kolommen';
import { Uitvoer } from './uitvoer';

const cel = (type: Kolomtype, waarde: Celwaarde): CsvWaarde => (type === 'code' && typeof waarde === 'string' ? csvCode(waarde) : waarde);

/** Writes one table as Dutch Excel opens it (`CSV_VOOR_MENSEN`, with a byte order mark) and ends the stream. */
async function schrijfCsvTabel(tabel: Tabel, uit: Writable): Promise<void> {
  const uitvoer = new Uitvoer(uit);
  await uitvoer.schrijf(CSV_BOM + csvRegel(tabel.kolommen.map((k) => k.kop), CSV_VOOR_MENSEN));
  for (const rij of tabel.rijen()) await uitvoer.schrijf(csvRegel(rij.map((w, i) => cel(tabel.kolommen[i].type, w)), CSV_VOOR_MENSEN));
  await uitvoer.sluit();
}

/** One part of a foto as CSV (default the studenten): a CSV file holds one table, the XLSX holds them all. */
export function schrijfFotoCsv(foto: BronFoto, uit: Writable, deel: FotoDeel = 'studenten', verschillen?: Verschillenlijst): Promise<void> {
  return schrijfCsvTabel(fotoTabel(foto, deel, verschillen), uit);
}
