import { createHash } from 'node:crypto';

/** Random bytes in a key: 256 bits, so that its sha256 alone is a safe thing to store and look up. */
export const GEHEIM_BYTES = 32;

/** The form of a BRIN (2 digits, 2 capitals or digits; as @bron/domein's isGeldigeBrin, which infra may not import). */
export const BRIN = /^[0-9]{2}[A-Z0-9]{2}$/;

const SLEUTEL = /^bron_([0-9]{2}[A-Z0-9]{2})_([A-Za-z0-9_-]{43})$/;

/**
 * An API key of an instelling: `bron_<BRIN>_<32 random bytes, base64url>`. The BRIN in it only
 * helps people tell keys apart; the service takes the instelling from the stored key, never from
 * the text. The secret is passed in, so that this stays free of randomness.
 */
export function maakApiSleutel(brin: string, geheim: Buffer): string {
  if (!BRIN.test(brin)) throw new Error(`'${brin}' is geen BRIN`);
  if (geheim.length !== GEHEIM_BYTES) throw new Error(`een API-sleutel heeft ${GEHEIM_BYTES} willekeurige bytes nodig, niet ${geheim.length}`);
  return `bron_${brin}_${geheim.toString('base64url')}`;
}

/** Whether a text can be a key at all (checked before any database lookup). */
export function heeftSleutelVorm(tekst: string): boolean {
  return SLEUTEL.test(tekst);
}

/** What is stored of a key: its sha256, hex. */
export function sleutelHash(sleutel: string): string {
  return createHash('sha256').update(sleutel, 'utf8').digest('hex');
}
