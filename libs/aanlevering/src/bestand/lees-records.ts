import { KOLOMMEN } from '../record';
import { MAX_RECORDLENGTE, losseSurrogaat, zichtbaar } from '../tekst';

/** One data record of an aanleverbestand, or why it could not be read (it still gets an answer). */
export type GelezenRecord =
  | { regel: number; velden: Record<string, string> }
  | { regel: number; leesfout: string };

/** The file as a whole cannot be read (no header, unknown columns): nothing is delivered. */
export class BestandFout extends Error {
  override readonly name = 'BestandFout';
}

export type Bestandsformaat = 'csv' | 'jsonl';

const BEKENDE_KOLOMMEN = new Set<string>(KOLOMMEN);

export function formaatVan(bestandsnaam: string): Bestandsformaat | undefined {
  if (/\.csv$/i.test(bestandsnaam)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(bestandsnaam)) return 'jsonl';
  return undefined;
}

/**
 * Reads an aanleverbestand (bytes in chunks: a file stream or an HTTP body) record by record, with
 * bounded memory and time: no line is held beyond MAX_RECORDLENGTE bytes, a longer one is skipped
 * to its end and answered as a leesfout. Each line is decoded strictly as UTF-8, so that no byte
 * is silently replaced (two ids that differ in one Windows-1252 byte would otherwise become the
 * same id). CSV: header row, `,` or `;`, quoted fields with separators, quotes and line breaks,
 * BOM and CRLF. JSON Lines: one object per line with the same names.
 */
export async function* leesRecords(chunks: AsyncIterable<Uint8Array | string>, formaat: Bestandsformaat): AsyncGenerator<GelezenRecord> {
  const regels = fysiekeRegels(utf8Begin(chunks));
  yield* formaat === 'csv' ? csvRegels(regels) : jsonRegels(regels);
}

/** One line of the file (without its line end), decoded; `fout` when it is too long or no UTF-8. */
interface FysiekeRegel {
  nummer: number;
  tekst: string;
  bytes: number;
  teLang: boolean;
  fout?: string;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The file's bytes without a UTF-8 BOM. A file whose first bytes show another encoding (a UTF-16
 * or UTF-32 BOM, or the NUL bytes between ASCII characters of BOM-less UTF-16) is refused as a
 * whole: none of its lines could be read, and the sender learns at once what to change.
 */
async function* utf8Begin(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let begin: Uint8Array | undefined = new Uint8Array(0);
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    if (begin === undefined) {
      yield bytes;
      continue;
    }
    begin = samen([begin, bytes]);
    if (begin.length < 4) continue;
    yield zonderBom(begin);
    begin = undefined;
  }
  if (begin !== undefined && begin.length > 0) yield zonderBom(begin);
}

function zonderBom(begin: Uint8Array): Uint8Array {
  const [a, b, c, d] = begin;
  const geen = (codering: string) => new BestandFout(`het bestand is in ${codering} gecodeerd; lever het aan in UTF-8`);
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) throw geen('UTF-32 (little-endian)');
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) throw geen('UTF-32 (big-endian)');
  if (a === 0xff && b === 0xfe) throw geen('UTF-16 (little-endian)');
  if (a === 0xfe && b === 0xff) throw geen('UTF-16 (big-endian)');
  if (begin.length >= 4 && a !== 0 && b === 0 && c !== 0 && d === 0) throw geen('UTF-16 (little-endian, zonder BOM)');
  if (begin.length >= 4 && a === 0 && b !== 0 && c === 0 && d !== 0) throw geen('UTF-16 (big-endian, zonder BOM)');
  return a === 0xef && b === 0xbb && c === 0xbf ? begin.subarray(3) : begin;
}

function samen(delen: readonly Uint8Array[]): Uint8Array {
  if (delen.length === 1) return delen[0];
  const uit = new Uint8Array(delen.reduce((n, d) => n + d.length, 0));
  let i = 0;
  for (const d of delen) {
    uit.set(d, i);
    i += d.length;
  }
  return uit;
}

/**
 * The file's lines, split on LF in the bytes (no string is built of more than one line). A line
 * over MAX_RECORDLENGTE bytes is counted to its end but not kept.
 */
async function* fysiekeRegels(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<FysiekeRegel> {
  let delen: Uint8Array[] = [];
  let lengte = 0;
  let nummer = 1;
  for await (const chunk of chunks) {
    let i = 0;
    while (i < chunk.length) {
      const lf = chunk.indexOf(LF, i);
      const eind = lf === -1 ? chunk.length : lf;
      if (lengte + (eind - i) <= MAX_RECORDLENGTE + 1) {
        // Copied when the line goes on in the next chunk: a stream may reuse its buffers.
        delen.push(lf === -1 ? chunk.slice(i, eind) : chunk.subarray(i, eind));
      } else {
        delen = [];
      }
      lengte += eind - i;
      if (lf === -1) break;
      yield regelVan(nummer++, delen, lengte);
      delen = [];
      lengte = 0;
      i = lf + 1;
    }
  }
  if (lengte > 0) yield regelVan(nummer, delen, lengte);
}

const strikt = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const vervangend = new TextDecoder('utf-8', { ignoreBOM: true });

function regelVan(nummer: number, delen: Uint8Array[], lengte: number): FysiekeRegel {
  // One byte of room above the limit for the CR of a CRLF line end.
  if (lengte > MAX_RECORDLENGTE + 1 || (lengte === MAX_RECORDLENGTE + 1 && delen.at(-1)?.at(-1) !== CR)) {
    return { nummer, tekst: '', bytes: lengte, teLang: true, fout: `de regel is langer dan ${MAX_RECORDLENGTE} bytes (${lengte} bytes)` };
  }
  let bytes = samen(delen);
  if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
  try {
    return { nummer, tekst: strikt.decode(bytes), bytes: bytes.length, teLang: false };
  } catch {
    // Decoded with U+FFFD only so that a CSV record spanning lines can be found; its text is never delivered.
    const fout = ongeldigeUtf8(bytes);
    return { nummer, tekst: vervangend.decode(bytes), bytes: bytes.length, teLang: false, fout };
  }
}

/** Where the line stops being UTF-8, in words the sender can act on. */
function ongeldigeUtf8(bytes: Uint8Array): string {
  const i = eersteOngeldigeByte(bytes);
  const positie = [...vervangend.decode(bytes.subarray(0, i))].length + 1;
  return `geen geldige UTF-8 bij teken ${positie} (byte 0x${bytes[i].toString(16).toUpperCase().padStart(2, '0')}); ` +
    'het bestand moet in UTF-8 zijn gecodeerd (niet in Windows-1252 of Latin-1)';
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (Unicode 3.9, table 3-7). */
function eersteOngeldigeByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let laag = 0x80;
    let hoog = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) laag = 0xa0;
      if (b === 0xed) hoog = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) laag = 0x90;
      if (b === 0xf4) hoog = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const v = bytes[i + k];
      if (v === undefined || v < (k === 1 ? laag : 0x80) || v > (k === 1 ? hoog : 0xbf)) return i;
    }
    i += n + 1;
  }
  return i;
}

function controleerKoppen(koppen: string[]): void {
  if (koppen.length === 0 || koppen.every((k) => k === '')) throw new BestandFout('het bestand heeft geen kopregel met kolomnamen');
  const onbekend = koppen.filter((k) => !BEKENDE_KOLOMMEN.has(k));
  if (onbekend.length > 0) throw new BestandFout(`onbekende kolom(men) ${onbekend.map((k) => zichtbaar(k, 50)).join(', ')}; bekend zijn: ${KOLOMMEN.join(', ')}`);
  const dubbel = koppen.filter((k, i) => koppen.indexOf(k) !== i);
  if (dubbel.length > 0) throw new BestandFout(`kolom ${dubbel[0]} staat twee keer in de kopregel`);
}

/** A CSV record with the line it starts on; `fout` when it cannot be read. */
interface CsvRij {
  regel: number;
  velden: string[];
  fout?: string;
}

async function* csvRijen(regels: AsyncIterable<FysiekeRegel>): AsyncGenerator<CsvRij> {
  let scheiding: string | undefined;
  let veld = '';
  let velden: string[] = [];
  let inQuotes = false;
  let naQuote = false;
  let fout: string | undefined;
  let bezig = false;
  let startRegel = 1;
  let bytes = 0;
  const sluitRij = (): CsvRij => {
    velden.push(veld);
    const rij = { regel: startRegel, velden, fout };
    veld = '';
    velden = [];
    fout = undefined;
    inQuotes = false;
    naQuote = false;
    bezig = false;
    return rij;
  };
  for await (const r of regels) {
    if (bezig) {
      // a quoted field goes on across the line break
      veld += '\n';
    } else {
      bezig = true;
      startRegel = r.nummer;
      bytes = 0;
    }
    bytes += r.bytes + 1;
    if (r.teLang || bytes > MAX_RECORDLENGTE + 1) {
      // The rest of an unclosed quote is read as new records: the sender sees where it went wrong.
      const open = inQuotes ? ` (aanhalingsteken in kolom ${velden.length + 1} niet gesloten?)` : '';
      const melding = r.teLang && startRegel === r.nummer ? r.fout : `het record is langer dan ${MAX_RECORDLENGTE} bytes${open}`;
      sluitRij();
      yield { regel: startRegel, velden: [], fout: melding };
      continue;
    }
    if (r.fout) fout ??= r.nummer === startRegel ? r.fout : `regel ${r.nummer}: ${r.fout}`;
    const tekst = r.tekst;
    for (let i = 0; i < tekst.length; i++) {
      const c = tekst[i];
      if (inQuotes) {
        if (c === '"') {
          inQuotes = false;
          naQuote = true;
        } else {
          veld += c;
        }
      } else if (c === '"') {
        if (naQuote) {
          veld += '"';
          inQuotes = true;
          naQuote = false;
        } else if (veld === '') {
          inQuotes = true;
        } else {
          fout ??= `aanhalingsteken midden in kolom ${velden.length + 1}`;
          veld += c;
        }
      } else if (c === ',' || c === ';') {
        scheiding ??= c;
        if (c === scheiding) {
          velden.push(veld);
          veld = '';
          naQuote = false;
        } else {
          veld += c;
        }
      } else {
        if (naQuote) fout ??= `tekens na het sluitende aanhalingsteken in kolom ${velden.length + 1}`;
        veld += c;
      }
    }
    if (inQuotes) continue;
    const rij = sluitRij();
    if (!(rij.velden.length === 1 && rij.velden[0] === '' && !rij.fout)) yield rij;
  }
  if (bezig) {
    if (inQuotes) fout ??= `aanhalingsteken in kolom ${velden.length + 1} wordt niet gesloten`;
    yield sluitRij();
  }
}

async function* csvRegels(regels: AsyncIterable<FysiekeRegel>): AsyncGenerator<GelezenRecord> {
  let koppen: string[] | undefined;
  for await (const rij of csvRijen(regels)) {
    if (!koppen) {
      if (rij.fout) throw new BestandFout(`kopregel: ${rij.fout}`);
      koppen = rij.velden.map((k) => k.trim());
      controleerKoppen(koppen);
      continue;
    }
    if (rij.fout) {
      yield { regel: rij.regel, leesfout: rij.fout };
    } else if (rij.velden.length !== koppen.length) {
      yield { regel: rij.regel, leesfout: `${rij.velden.length} kolommen, de kopregel heeft er ${koppen.length}` };
    } else {
      yield { regel: rij.regel, velden: Object.fromEntries(koppen.map((k, i) => [k, rij.velden[i]])) };
    }
  }
  if (!koppen) throw new BestandFout('het bestand is leeg');
}

/** A JSON value's type in the sender's words. */
const jsonType = (v: unknown) => (typeof v === 'number' ? 'een getal' : typeof v === 'boolean' ? `${v}` : Array.isArray(v) ? 'een lijst' : 'een object');

/**
 * One JSON Lines line as a record. Every field is a JSON string (or null for empty), so that an id
 * or persoonsnummer is delivered exactly as written: the number 1.23456782e8 is no persoonsnummer
 * and 012 would lose its zero. Only bpv_omvang, a number of hours, may also be a JSON number.
 */
function jsonRecord(r: FysiekeRegel): GelezenRecord | undefined {
  const regel = r.nummer;
  if (r.fout) return { regel, leesfout: r.fout };
  if (r.tekst.trim() === '') return undefined;
  let waarde: unknown;
  try {
    waarde = JSON.parse(r.tekst);
  } catch (error) {
    return { regel, leesfout: `geen geldige JSON: ${zichtbaar((error as Error).message)}` };
  }
  if (typeof waarde !== 'object' || waarde === null || Array.isArray(waarde)) return { regel, leesfout: 'de regel is geen JSON-object' };
  const velden: Record<string, string> = {};
  for (const [naam, v] of Object.entries(waarde)) {
    if (!BEKENDE_KOLOMMEN.has(naam)) return { regel, leesfout: `onbekende kolom ${zichtbaar(naam, 50)}` };
    if (v === null) continue;
    if (typeof v === 'number' && naam === 'bpv_omvang') {
      velden[naam] = String(v);
      continue;
    }
    if (typeof v !== 'string') {
      const verwacht = naam === 'bpv_omvang' ? 'een tekst of een geheel getal' : 'een tekst tussen aanhalingstekens';
      return { regel, leesfout: `kolom ${naam} moet ${verwacht} zijn, niet ${jsonType(v)}` };
    }
    // A lone surrogate (\ud800) is no Unicode text and cannot be sent as UTF-8; a NUL is sent and afgekeurd by the intake (A16).
    const teken = losseSurrogaat(v);
    if (teken) return { regel, leesfout: `kolom ${naam}: teken ${teken.positie} is ${teken.teken}, geen geldig Unicode-teken` };
    velden[naam] = v;
  }
  return { regel, velden };
}

async function* jsonRegels(regels: AsyncIterable<FysiekeRegel>): AsyncGenerator<GelezenRecord> {
  for await (const r of regels) {
    const record = jsonRecord(r);
    if (record) yield record;
  }
}
