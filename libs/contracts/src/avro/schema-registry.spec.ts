import { readFixtureSchema } from './__fixtures__/load-fixture';
import {
  CodecError,
  InvalidValueError,
  MalformedBodyError,
  NotSingleObjectEncodedError,
  SchemaMismatchError,
  UnknownSchemaFingerprintError,
  UnknownSchemaNameError,
} from './codec.errors';
import { SchemaRegistry } from './schema-registry';

const NAAM = 'nl.bron.test.bekostiging.BekostigingsstatusGewijzigd';
const V1 = readFixtureSchema('evolution/bekostigingsstatus-gewijzigd.v1.avsc');
const V2 = readFixtureSchema('evolution/bekostigingsstatus-gewijzigd.v2.avsc');
const ENUM = { type: 'enum', name: 'nl.bron.test.Kleur', symbols: ['ROOD', 'GROEN'] };

const v1Waarde = {
  persoonsnummer: '123456782',
  status: 'BEKOSTIGBAAR',
  regels: [{ code: 'R1', voldaan: true }],
};

/** The error `act` throws, so that its type and message can both be asserted. */
function caught(act: () => unknown): Error {
  try {
    act();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, got none');
}

describe('SchemaRegistry', () => {
  describe('round trip', () => {
    const registry = new SchemaRegistry([V1, ENUM]);

    it('decodes what it encoded', () => {
      expect(registry.decode(registry.encode(NAAM, v1Waarde), NAAM)).toEqual(v1Waarde);
    });

    it('writes marker c3 01, the schema fingerprint, then the Avro body', () => {
      const message = registry.encode('nl.bron.test.Kleur', 'GROEN');
      expect([...message.subarray(0, 2)]).toEqual([0xc3, 0x01]);
      expect(message.subarray(2, 10)).toEqual(registry.fingerprintOf('nl.bron.test.Kleur'));
      expect([...message.subarray(10)]).toEqual([0x02]); // enum index 1, zigzag-encoded
    });

    it('names the writer schema of a message', () => {
      expect(registry.writerSchemaName(registry.encode(NAAM, v1Waarde))).toBe(NAAM);
    });
  });

  describe('schema evolution', () => {
    it('reads a v1 message as v2, filling the added field with its default', () => {
      const producer = new SchemaRegistry([V1]);
      const consumer = new SchemaRegistry([V2], { otherWriterSchemas: [V1] });
      expect(consumer.decode(producer.encode(NAAM, v1Waarde), NAAM)).toEqual({ ...v1Waarde, reden: 'ONBEKEND' });
    });

    it('reads a v2 message as v1, dropping the field v1 does not know', () => {
      const producer = new SchemaRegistry([V2]);
      const consumer = new SchemaRegistry([V1], { otherWriterSchemas: [V2] });
      const message = producer.encode(NAAM, { ...v1Waarde, reden: 'VERBLIJFSJAAR' });
      expect(consumer.decode(message, NAAM)).toEqual(v1Waarde);
    });

    it('cannot read a newer version it was not given', () => {
      const error = caught(() => new SchemaRegistry([V1]).decode(new SchemaRegistry([V2]).encode(NAAM, { ...v1Waarde, reden: 'X' }), NAAM));
      expect(error).toBeInstanceOf(UnknownSchemaFingerprintError);
    });

    it('tells apart versions by fingerprint', () => {
      expect(new SchemaRegistry([V1]).fingerprintOf(NAAM)).not.toEqual(new SchemaRegistry([V2]).fingerprintOf(NAAM));
    });
  });

  describe('unreadable messages', () => {
    const registry = new SchemaRegistry([V1, ENUM]);

    it('rejects an unknown fingerprint, naming it', () => {
      const message = Buffer.from('c301' + '0102030405060708' + '00', 'hex');
      const error = caught(() => registry.decode(message, NAAM));
      expect(error).toBeInstanceOf(UnknownSchemaFingerprintError);
      expect(error.message).toBe(
        `no known writer schema has CRC-64-AVRO fingerprint 0102030405060708 (wire byte order); cannot read the message as ${NAAM}. ` +
          'Was it written with a schema version this service has not been given?',
      );
      expect((error as CodecError).code).toBe('UNKNOWN_SCHEMA_FINGERPRINT');
    });

    it('rejects garbage bytes', () => {
      const error = caught(() => registry.decode(Buffer.from('not avro at all'), NAAM));
      expect(error).toBeInstanceOf(NotSingleObjectEncodedError);
      expect(error.message).toBe('message starts with 6e 6f, not with the Avro single-object marker c3 01');
    });

    it('rejects a body that does not decode with its writer schema', () => {
      const truncated = registry.encode(NAAM, v1Waarde).subarray(0, 14);
      const error = caught(() => registry.decode(truncated, NAAM));
      expect(error).toBeInstanceOf(MalformedBodyError);
      expect(error.message).toMatch(new RegExp(`^message body is not a valid ${NAAM} \\(fingerprint [0-9a-f]{16}\\): truncated buffer$`));
    });

    it('rejects trailing bytes after the body', () => {
      const longer = Buffer.concat([registry.encode('nl.bron.test.Kleur', 'ROOD'), Buffer.from([0])]);
      expect(caught(() => registry.decode(longer, 'nl.bron.test.Kleur')).message).toMatch(/trailing data$/);
    });

    it('rejects a message of another schema, naming both', () => {
      const error = caught(() => registry.decode(registry.encode('nl.bron.test.Kleur', 'ROOD'), NAAM));
      expect(error).toBeInstanceOf(SchemaMismatchError);
      expect(error.message).toMatch(
        new RegExp(`^message written with nl\\.bron\\.test\\.Kleur \\(fingerprint [0-9a-f]{16}\\) cannot be read as ${NAAM}: `),
      );
    });
  });

  describe('invalid values', () => {
    const registry = new SchemaRegistry([V1]);

    it('are refused before encoding, naming each bad field path', () => {
      const waarde = { persoonsnummer: 123456782, status: 'ONBEKEND', regels: [{ code: 'R1', voldaan: true }, { code: 'R2' }] };
      const error = caught(() => registry.encode(NAAM, waarde));
      expect(error).toBeInstanceOf(InvalidValueError);
      expect(error.message).toBe(
        `value is not a valid ${NAAM}: ` +
          'persoonsnummer: expected string, got an integer; ' +
          'status: expected nl.bron.test.bekostiging.Bekostigingsstatus, got a string; ' +
          'regels.1.voldaan: expected boolean, got nothing (missing)',
      );
      expect((error as InvalidValueError).issues.map((issue) => issue.path)).toEqual(['persoonsnummer', 'status', 'regels.1.voldaan']);
    });

    it('include fields the schema does not declare', () => {
      const error = caught(() => registry.encode(NAAM, { ...v1Waarde, regels: [{ code: 'R1', voldaan: true, gewicht: 2 }] }));
      expect(error.message).toBe(`value is not a valid ${NAAM}: regels.0.gewicht: is not a field of nl.bron.test.bekostiging.Regel`);
    });

    it('never show the value itself (it may be personal data)', () => {
      const error = caught(() => registry.encode(NAAM, { ...v1Waarde, persoonsnummer: ['123456782'] }));
      expect(error.message).not.toContain('123456782');
    });
  });

  describe('misuse', () => {
    it('rejects an unknown schema name, listing the known ones', () => {
      const error = caught(() => new SchemaRegistry([ENUM]).encode('nl.bron.test.Vorm', 'ROND'));
      expect(error).toBeInstanceOf(UnknownSchemaNameError);
      expect(error.message).toBe('no schema named nl.bron.test.Vorm; known: nl.bron.test.Kleur');
    });

    it('holds one current version per name', () => {
      expect(() => new SchemaRegistry([V1, V2])).toThrow(`two schemas are named ${NAAM}`);
    });

    it('holds named schemas only', () => {
      expect(() => new SchemaRegistry([{ type: 'array', items: 'string' }])).toThrow('a registry holds named schemas (record, enum, fixed), not one of type array');
    });
  });
});
