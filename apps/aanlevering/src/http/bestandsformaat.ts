import type { Bestandsformaat } from '@bron/aanlevering-domein';
import { VerzoekFout } from './verzoek-fout';

/** Media types of an aanleverbestand (docs/aanlevering.md). */
const MEDIATYPES: Record<string, Bestandsformaat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
};

/**
 * Types that say nothing about the content; allowed next to `?formaat=`. Types that a body parser
 * reads before the controller (application/json, forms) are never among them: the body must reach
 * the reader as a stream.
 */
const NEUTRAAL = new Set(['application/octet-stream', 'text/plain']);

const ONDERSTEUND = "gebruik Content-Type text/csv (CSV) of application/x-ndjson (JSON Lines), of ?formaat=csv|jsonl";

/**
 * The format of a posted file, from `?formaat=` (which wins) or else from the Content-Type.
 * 415 for a media type that is no aanleverbestand or a character set other than UTF-8.
 */
export function bestandsformaatVan(contentType: string | undefined, formaatParameter: string | null): Bestandsformaat {
  const [mediatype = '', ...parameters] = (contentType ?? '').split(';').map((deel) => deel.trim());
  const type = mediatype.toLowerCase();
  const charset = parameters.map((p) => /^charset\s*=\s*"?([^"]*)"?$/i.exec(p)?.[1]).find((c) => c !== undefined);
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new VerzoekFout(415, `tekenset ${charset} wordt niet ondersteund: een aanleverbestand is UTF-8`);
  }

  if (formaatParameter !== null) {
    if (formaatParameter !== 'csv' && formaatParameter !== 'jsonl') {
      throw new VerzoekFout(400, `formaat moet csv of jsonl zijn, niet '${formaatParameter}'`);
    }
    if (type !== '' && !NEUTRAAL.has(type) && MEDIATYPES[type] !== formaatParameter) {
      throw new VerzoekFout(415, `Content-Type ${type} past niet bij formaat=${formaatParameter}; ${ONDERSTEUND}`);
    }
    return formaatParameter;
  }

  const formaat = MEDIATYPES[type];
  if (!formaat) throw new VerzoekFout(415, `${type === '' ? 'geen Content-Type' : `Content-Type ${type} wordt niet ondersteund`}; ${ONDERSTEUND}`);
  return formaat;
}
