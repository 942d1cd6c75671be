import { NotSingleObjectEncodedError } from './codec.errors';

/**
 * Avro single-object encoding (Avro specification, "Single object encoding"): the marker
 * `C3 01`, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema, then the Avro
 * binary body. It lets a reader pick the writer schema without a schema registry service.
 */
export const SINGLE_OBJECT_MARKER: Readonly<Buffer> = Buffer.from([0xc3, 0x01]);

/** Marker plus fingerprint. */
export const SINGLE_OBJECT_HEADER_LENGTH = 10;

/** A single-object encoded message taken apart. */
export interface SingleObject {
  /** The writer schema's fingerprint, 8 bytes little-endian. */
  readonly fingerprint: Buffer;
  /** The Avro binary encoding of the value, in the writer schema. */
  readonly body: Buffer;
}

/** Prefixes an Avro binary body with the single-object header. */
export function frameSingleObject(fingerprint: Uint8Array, body: Uint8Array): Buffer {
  if (fingerprint.length !== 8) {
    throw new RangeError(`a fingerprint has 8 bytes, not ${fingerprint.length}`);
  }
  return Buffer.concat([SINGLE_OBJECT_MARKER, fingerprint, body]);
}

/**
 * Splits a message into fingerprint and body. Accepts what Kafka clients hand over, including a
 * missing value (a tombstone), so that every malformed message ends in the same typed error.
 * @throws NotSingleObjectEncodedError
 */
export function parseSingleObject(message: Uint8Array | null | undefined): SingleObject {
  if (message == null) {
    throw new NotSingleObjectEncodedError(
      'message has no value (a tombstone?); expected an Avro single-object encoded message',
    );
  }
  const bytes = Buffer.isBuffer(message) ? message : Buffer.from(message);
  if (bytes.length < SINGLE_OBJECT_HEADER_LENGTH) {
    throw new NotSingleObjectEncodedError(
      `message is ${bytes.length} bytes long; an Avro single-object encoded message has at least ` +
        `${SINGLE_OBJECT_HEADER_LENGTH} (marker c3 01 and an 8-byte schema fingerprint)`,
    );
  }
  if (bytes[0] !== SINGLE_OBJECT_MARKER[0] || bytes[1] !== SINGLE_OBJECT_MARKER[1]) {
    throw new NotSingleObjectEncodedError(
      `message starts with ${hexPair(bytes)}, not with the Avro single-object marker c3 01` +
        (bytes[0] === 0x7b ? ' (it looks like JSON)' : ''),
    );
  }
  return {
    fingerprint: bytes.subarray(2, SINGLE_OBJECT_HEADER_LENGTH),
    body: bytes.subarray(SINGLE_OBJECT_HEADER_LENGTH),
  };
}

function hexPair(bytes: Buffer): string {
  return `${bytes.subarray(0, 1).toString('hex')} ${bytes.subarray(1, 2).toString('hex')}`;
}
