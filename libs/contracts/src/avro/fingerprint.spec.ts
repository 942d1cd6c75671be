import { Type } from 'avsc';
import { AVRO_SCHEMA_TESTS } from './__fixtures__/avro-schema-tests';
import {
  crc64Avro,
  fingerprintFromBuffer,
  fingerprintHex,
  fingerprintToBuffer,
  parsingCanonicalForm,
  schemaFingerprint,
} from './fingerprint';

type AvscSchema = Parameters<typeof Type.forSchema>[0];

// Cases avsc refuses to parse, so their canonical form cannot come from avsc: an empty union,
// and a boolean field whose default is the string "true" (Java ignores the bad default).
const AVSC_REJECTS = new Map([
  ['016', /empty union/],
  ['026', /incompatible field default/],
]);

describe('CRC-64-AVRO fingerprint', () => {
  const withFingerprint = AVRO_SCHEMA_TESTS.filter((test) => test.fingerprint !== undefined);

  it.each(withFingerprint.map((test) => [test.id, test.canonical, test.fingerprint] as const))(
    'case %s: %s has the fingerprint of apache/avro schema-tests.txt',
    (_id, canonical, expected) => {
      expect(BigInt.asIntN(64, crc64Avro(canonical)).toString()).toBe(expected);
    },
  );

  it('of no bytes is EMPTY, the seed of the Avro specification', () => {
    expect(crc64Avro('')).toBe(0xc15d213aa4d7a795n);
  });

  it('hashes bytes and their UTF-8 string alike', () => {
    expect(crc64Avro(Buffer.from('"int"'))).toBe(crc64Avro('"int"'));
  });
});

describe('Parsing Canonical Form from avsc', () => {
  const parsable = AVRO_SCHEMA_TESTS.filter((test) => !AVSC_REJECTS.has(test.id));

  it.each(parsable.map((test) => [test.id, test.input, test.canonical] as const))(
    'case %s: %s becomes the canonical form of apache/avro schema-tests.txt',
    (_id, input, canonical) => {
      expect(parsingCanonicalForm(Type.forSchema(JSON.parse(input) as AvscSchema))).toBe(canonical);
    },
  );

  it.each([...AVSC_REJECTS].map(([id, error]) => [id, error] as const))('case %s is rejected by avsc', (id, error) => {
    const test = AVRO_SCHEMA_TESTS.find((candidate) => candidate.id === id);
    expect(() => Type.forSchema(JSON.parse(test?.input ?? '') as AvscSchema)).toThrow(error);
  });

  it('ignores logical types, as the specification says', () => {
    const date = Type.forSchema({ type: 'int', logicalType: 'date' } as AvscSchema);
    expect(parsingCanonicalForm(date)).toBe('"int"');
  });

  it('ignores an enum default', () => {
    const status = Type.forSchema({ type: 'enum', name: 'S', symbols: ['A', 'B'], default: 'A' } as AvscSchema);
    expect(parsingCanonicalForm(status)).toBe('{"name":"S","type":"enum","symbols":["A","B"]}');
  });
});

describe('schema fingerprint bytes', () => {
  // apache/avro lang/ruby/test/test_fingerprints.rb, test_single_object_encoding_header, as fixed
  // by AVRO-2907 (apache/avro#937): "int" gives the header c3 01 8f 5c 39 3f 1a d5 75 72.
  const INT_FINGERPRINT = [0x8f, 0x5c, 0x39, 0x3f, 0x1a, 0xd5, 0x75, 0x72];

  it('are little-endian, as in the single-object header', () => {
    expect([...schemaFingerprint(Type.forSchema('int'))]).toEqual(INT_FINGERPRINT);
  });

  it('read back to the same number', () => {
    const fingerprint = crc64Avro('"string"');
    expect(fingerprintFromBuffer(fingerprintToBuffer(fingerprint))).toBe(fingerprint);
  });

  it('print as hex in wire order', () => {
    expect(fingerprintHex(crc64Avro('"int"'))).toBe('8f5c393f1ad57572');
    expect(fingerprintHex(Buffer.from(INT_FINGERPRINT))).toBe('8f5c393f1ad57572');
  });

  it('accept the signed value Java prints', () => {
    expect(fingerprintHex(-8142146995180207161n)).toBe(fingerprintHex(crc64Avro('"string"')));
  });

  it('are 8 bytes long', () => {
    expect(() => fingerprintFromBuffer(Buffer.alloc(7))).toThrow('a fingerprint has 8 bytes, not 7');
  });
});
