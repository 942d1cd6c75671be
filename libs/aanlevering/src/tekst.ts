/**
 * What text an aanleverrecord may hold, for every way in (file, HTTP, Kafka): one record limit, and
 * the characters that cannot be stored. PostgreSQL refuses U+0000 in text and jsonb, and a lone
 * UTF-16 surrogate cannot be written as UTF-8 at all (Avro, pg and Buffer silently turn it into
 * U+FFFD), so a record with either would never get its answer stored.
 */

/**
 * The most a record may take, in UTF-8 bytes: a JSON Lines line, a CSV record (all the lines of a
 * quoted field together), or the fields of an AanleverRecord sent over Kafka. Well under the
 * broker's message limit (1 MB), so that a batch of records is always deliverable.
 */
export const MAX_RECORDLENGTE = 64 * 1024;

/** The number of UTF-8 bytes of a string (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Lengte(tekst: string): number {
  let bytes = 0;
  for (let i = 0; i < tekst.length; i++) {
    const c = tekst.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < tekst.length && (tekst.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The first character of the text that cannot be stored: its 1-based position (in characters) and name. */
export interface OnverwerkbaarTeken {
  readonly positie: number;
  readonly teken: string;
}

export function onverwerkbaarTeken(tekst: string): OnverwerkbaarTeken | undefined {
  return eersteTeken(tekst, true);
}

/** The first lone surrogate: no Unicode text at all, so it cannot even be sent (UTF-8 has no form for it). */
export function losseSurrogaat(tekst: string): OnverwerkbaarTeken | undefined {
  return eersteTeken(tekst, false);
}

function eersteTeken(tekst: string, nul: boolean): OnverwerkbaarTeken | undefined {
  let positie = 0;
  for (let i = 0; i < tekst.length; i++) {
    positie++;
    const c = tekst.charCodeAt(i);
    if (c === 0 && nul) return { positie, teken: 'U+0000 (NUL)' };
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 < tekst.length && (tekst.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        i++;
        continue;
      }
      return { positie, teken: `U+${hex(c)} (losse surrogaathelft)` };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { positie, teken: `U+${hex(c)} (losse surrogaathelft)` };
  }
  return undefined;
}

export const isVerwerkbareTekst = (tekst: string): boolean => onverwerkbaarTeken(tekst) === undefined;

const hex = (c: number) => c.toString(16).toUpperCase().padStart(4, '0');

/**
 * Text from the sender (a column name, a parser's message) made safe to put in an answer: control
 * characters and lone surrogates written as \uXXXX, at most `max` characters.
 */
export function zichtbaar(tekst: string, max = 200): string {
  let uit = '';
  let i = 0;
  for (; i < tekst.length && uit.length < max; i++) {
    const c = tekst.charCodeAt(i);
    const paar = c >= 0xd800 && c <= 0xdbff && i + 1 < tekst.length && (tekst.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (paar) {
      uit += tekst.slice(i, i + 2);
      i++;
    } else if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) {
      uit += `\\u${hex(c).toLowerCase()}`;
    } else {
      uit += tekst[i];
    }
  }
  return i < tekst.length ? `${uit}...` : uit;
}

/** The leesfout of a record over the limit: the same words whichever way it came in. */
export const recordTeGroot = (bytes: number | null): string =>
  `het record is groter dan ${MAX_RECORDLENGTE} bytes${bytes === null ? '' : ` (${bytes} bytes)`}; lever het in kleinere velden aan`;
