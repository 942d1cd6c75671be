import type { Type } from 'avsc';

/**
 * Seed and polynomial of CRC-64-AVRO, `EMPTY` in the Avro specification ("Schema
 * Fingerprints"): the fingerprint of zero bytes.
 */
const EMPTY = 0xc15d213aa4d7a795n;

const TABLE: readonly bigint[] = Array.from({ length: 256 }, (_, index) => {
  let fp = BigInt(index);
  for (let bit = 0; bit < 8; bit++) fp = (fp >> 1n) ^ (fp & 1n ? EMPTY : 0n);
  return fp;
});

/**
 * CRC-64-AVRO (Rabin) fingerprint of some bytes, or of a string's UTF-8 bytes, as an unsigned
 * 64-bit integer. Java's `SchemaNormalization.fingerprint64` returns the same bits as a signed
 * `long` (`BigInt.asIntN(64, fp)` converts).
 */
export function crc64Avro(data: string | Uint8Array): bigint {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fp = EMPTY;
  for (const byte of bytes) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  return fp;
}

/**
 * The Parsing Canonical Form of a schema (Avro specification, "Parsing Canonical Form for
 * Schemas"): fullnames, no namespace/doc/aliases/default/order/logicalType attributes, keys in the
 * order name, type, fields, symbols, items, values, size, no whitespace.
 */
export function parsingCanonicalForm(type: Type): string {
  // avsc's schema() without `exportAttrs` already is that form; fingerprint.spec.ts checks it
  // against the Avro project's own canonical-form test cases.
  return JSON.stringify(type.schema());
}

/** Fingerprint as it appears in a single-object encoded message: 8 bytes, little-endian. */
export function fingerprintToBuffer(fingerprint: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt.asUintN(64, fingerprint));
  return bytes;
}

/** Reads an 8-byte little-endian fingerprint back into an unsigned 64-bit integer. */
export function fingerprintFromBuffer(bytes: Uint8Array): bigint {
  if (bytes.length !== 8) throw new RangeError(`a fingerprint has 8 bytes, not ${bytes.length}`);
  return Buffer.from(bytes).readBigUInt64LE();
}

/**
 * Hex of a fingerprint's 8 bytes in wire (little-endian) order, as a hex dump of a message
 * shows them and as fastavro prints them: `"int"` is `8f5c393f1ad57572`.
 */
export function fingerprintHex(fingerprint: bigint | Uint8Array): string {
  const bytes = typeof fingerprint === 'bigint' ? fingerprintToBuffer(fingerprint) : fingerprint;
  return Buffer.from(bytes).toString('hex');
}

/** CRC-64-AVRO fingerprint of a schema's Parsing Canonical Form, as 8 little-endian bytes. */
export function schemaFingerprint(type: Type): Buffer {
  return fingerprintToBuffer(crc64Avro(parsingCanonicalForm(type)));
}
