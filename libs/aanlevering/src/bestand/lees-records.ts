import { KOLOMMEN } from '../record';

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
 * Reads an aanleverbestand (UTF-8 text in chunks: a file stream or an HTTP body) record by record,
 * with bounded memory. CSV: header row, `,` or `;`, quoted fields with separators, quotes and line
 * breaks, BOM and CRLF. JSON Lines: one object per line with the same names.
 */
export async function* leesRecords(chunks: AsyncIterable<string | Buffer>, formaat: Bestandsformaat): AsyncGenerator<GelezenRecord> {
  const regels = formaat === 'csv' ? csvRegels(tekst(chunks)) : jsonRegels(tekst(chunks));
  yield* regels;
}

async function* tekst(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let eerste = true;
  for await (const chunk of chunks) {
    let deel = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (eerste && deel.length > 0) {
      if (deel.charCodeAt(0) === 0xfeff) deel = deel.slice(1);
      eerste = false;
    }
    yield deel;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function controleerKoppen(koppen: string[]): void {
  if (koppen.length === 0 || koppen.every((k) => k === '')) throw new BestandFout('het bestand heeft geen kopregel met kolomnamen');
  const onbekend = koppen.filter((k) => !BEKENDE_KOLOMMEN.has(k));
  if (onbekend.length > 0) throw new BestandFout(`onbekende kolom(men) ${onbekend.join(', ')}; bekend zijn: ${KOLOMMEN.join(', ')}`);
  const dubbel = koppen.filter((k, i) => koppen.indexOf(k) !== i);
  if (dubbel.length > 0) throw new BestandFout(`kolom ${dubbel[0]} staat twee keer in de kopregel`);
}

/** A CSV record with the line it starts on; `fout` when its quoting is broken. */
interface CsvRij {
  regel: number;
  velden: string[];
  fout?: string;
}

/** A record longer than this is broken (an unclosed quote swallowing the file): memory stays bounded. */
export const MAX_RECORDLENGTE = 64 * 1024;

async function* csvRijen(stukken: AsyncIterable<string>): AsyncGenerator<CsvRij> {
  let scheiding: string | undefined;
  let lengte = 0;
  let overslaan = false;
  let veld = '';
  let velden: string[] = [];
  let inQuotes = false;
  let naQuote = false;
  let fout: string | undefined;
  let regel = 1;
  let startRegel = 1;
  let vorige = '';
  const sluitRij = (): CsvRij => {
    velden.push(veld);
    const rij = { regel: startRegel, velden, fout };
    lengte = 0;
    veld = '';
    velden = [];
    fout = undefined;
    naQuote = false;
    return rij;
  };
  for await (const stuk of stukken) {
    for (let i = 0; i < stuk.length; i++) {
      const c = stuk[i];
      if (overslaan) {
        // after a broken record: go on at the next line end
        if (c === '\n') {
          overslaan = false;
          regel++;
          startRegel = regel;
        }
        continue;
      }
      if (++lengte > MAX_RECORDLENGTE) {
        yield { regel: startRegel, velden: [], fout: `het record is langer dan ${MAX_RECORDLENGTE} tekens${inQuotes ? ` (aanhalingsteken in kolom ${velden.length + 1} niet gesloten?)` : ''}` };
        regel += (veld.match(/\n/g) ?? []).length;
        veld = '';
        velden = [];
        fout = undefined;
        inQuotes = false;
        naQuote = false;
        lengte = 0;
        overslaan = c !== '\n';
        if (!overslaan) {
          regel++;
          startRegel = regel;
        }
        continue;
      }
      if (inQuotes) {
        if (c === '"') {
          inQuotes = false;
          naQuote = true;
        } else {
          if (c === '\n') regel++;
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
      } else if (c === '\n') {
        if (vorige === '\r' && veld.endsWith('\r')) veld = veld.slice(0, -1);
        const rij = sluitRij();
        regel++;
        startRegel = regel;
        if (!(rij.velden.length === 1 && rij.velden[0] === '' && !rij.fout)) yield rij;
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
        if (naQuote && c !== '\r') fout ??= `tekens na het sluitende aanhalingsteken in kolom ${velden.length + 1}`;
        veld += c;
      }
      vorige = c;
    }
  }
  if (inQuotes) fout ??= `aanhalingsteken in kolom ${velden.length + 1} wordt niet gesloten`;
  if (veld.endsWith('\r')) veld = veld.slice(0, -1);
  if (veld !== '' || velden.length > 0 || fout) yield sluitRij();
}

async function* csvRegels(stukken: AsyncIterable<string>): AsyncGenerator<GelezenRecord> {
  let koppen: string[] | undefined;
  for await (const rij of csvRijen(stukken)) {
    if (!koppen) {
      koppen = rij.velden.map((k) => k.trim());
      if (rij.fout) throw new BestandFout(`kopregel: ${rij.fout}`);
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

async function* jsonRegels(stukken: AsyncIterable<string>): AsyncGenerator<GelezenRecord> {
  let rest = '';
  let regel = 0;
  const lees = (tekst: string): GelezenRecord | undefined => {
    regel++;
    const inhoud = tekst.replace(/\r$/, '');
    if (inhoud.trim() === '') return undefined;
    let waarde: unknown;
    try {
      waarde = JSON.parse(inhoud);
    } catch (error) {
      return { regel, leesfout: `geen geldige JSON: ${(error as Error).message}` };
    }
    if (typeof waarde !== 'object' || waarde === null || Array.isArray(waarde)) return { regel, leesfout: 'de regel is geen JSON-object' };
    const velden: Record<string, string> = {};
    for (const [naam, v] of Object.entries(waarde)) {
      if (!BEKENDE_KOLOMMEN.has(naam)) return { regel, leesfout: `onbekende kolom ${naam}` };
      if (v === null || v === undefined) continue;
      if (typeof v === 'object') return { regel, leesfout: `kolom ${naam} moet een tekst, getal of datum zijn` };
      velden[naam] = String(v);
    }
    return { regel, velden };
  };
  for await (const stuk of stukken) {
    const delen = (rest + stuk).split('\n');
    rest = delen.pop() ?? '';
    for (const deel of delen) {
      const record = lees(deel);
      if (record) yield record;
    }
  }
  const laatste = rest ? lees(rest) : undefined;
  if (laatste) yield laatste;
}
