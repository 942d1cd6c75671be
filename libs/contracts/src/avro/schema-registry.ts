import { Type } from 'avsc';
import {
  InvalidValueError,
  MalformedBodyError,
  SchemaMismatchError,
  UnknownSchemaFingerprintError,
  UnknownSchemaNameError,
} from './codec.errors';
import { schemaFingerprint } from './fingerprint';
import { frameSingleObject, parseSingleObject } from './single-object';
import { findValueIssues } from './value-issues';

type AvscSchema = Parameters<typeof Type.forSchema>[0];
type Resolver = ReturnType<Type['createResolver']>;

/** The schema names of a registry typed by `M`, a map from full name to TypeScript type. */
export type SchemaName<M> = keyof M & string;

/** Options of {@link SchemaRegistry}. */
export interface SchemaRegistryOptions {
  /**
   * Other versions of the schemas (older ones, or newer ones this service has not adopted), known
   * only as writers: messages written with them can be read, never written.
   */
  readonly otherWriterSchemas?: readonly object[];
}

interface KnownSchema {
  readonly name: string;
  readonly type: Type;
  readonly fingerprint: Buffer;
  readonly hex: string;
}

/**
 * In-process registry for Avro single-object encoded messages: writes with the current version of
 * a schema, and reads any known writer version through Avro schema resolution into the version
 * the caller asks for. Every schema must be self-contained, defining every named type it uses,
 * as the generated schema constants are.
 *
 * @typeParam M - full schema name to TypeScript type, e.g. the generated `SchemaTypes`.
 */
export class SchemaRegistry<M extends object = Record<string, unknown>> {
  private readonly current = new Map<string, KnownSchema>();
  private readonly writers = new Map<string, KnownSchema>();
  private readonly resolvers = new Map<string, Resolver>();

  /**
   * @param schemas - the current version of each schema, by which values are written and read
   * @throws Error when a schema does not parse, is not named, or two share a name
   */
  constructor(schemas: readonly object[], options: SchemaRegistryOptions = {}) {
    for (const schema of schemas) {
      const known = parseSchema(schema);
      if (this.current.has(known.name)) {
        throw new Error(`two schemas are named ${known.name}; a registry holds one current version per name`);
      }
      this.current.set(known.name, known);
      this.writers.set(known.hex, known);
    }
    for (const schema of options.otherWriterSchemas ?? []) {
      const known = parseSchema(schema);
      if (!this.writers.has(known.hex)) this.writers.set(known.hex, known);
    }
  }

  /**
   * Validates `value` against the current version of the schema and encodes it as an Avro
   * single-object message.
   * @throws InvalidValueError naming every invalid field path
   * @throws UnknownSchemaNameError
   */
  encode<N extends SchemaName<M>>(schemaName: N, value: M[N]): Buffer {
    const { type, fingerprint } = this.currentSchema(schemaName);
    const issues = findValueIssues(type, value);
    if (issues.length > 0) throw new InvalidValueError(schemaName, issues);
    return frameSingleObject(fingerprint, type.toBuffer(value));
  }

  /**
   * Decodes a single-object message written with any known writer version, resolved into the
   * current version of `readerSchemaName` (added fields get their defaults, dropped ones are skipped).
   * @throws NotSingleObjectEncodedError, UnknownSchemaFingerprintError, SchemaMismatchError,
   *   MalformedBodyError: the message is unreadable here (dead-letter it with the error's message)
   * @throws UnknownSchemaNameError
   */
  decode<N extends SchemaName<M>>(message: Uint8Array | null | undefined, readerSchemaName: N): M[N] {
    const reader = this.currentSchema(readerSchemaName);
    const { fingerprint, body } = parseSingleObject(message);
    const hex = fingerprint.toString('hex');
    const writer = this.writers.get(hex);
    if (!writer) throw new UnknownSchemaFingerprintError(hex, readerSchemaName);
    const resolver = writer.hex === reader.hex ? undefined : this.resolver(reader, writer);
    try {
      return reader.type.fromBuffer(body, resolver) as M[N];
    } catch (cause) {
      throw new MalformedBodyError(writer.name, hex, cause);
    }
  }

  /**
   * Full name of the schema a message was written with, read from its fingerprint; lets a
   * consumer pick the reader schema when nothing else says what the message is.
   * @throws NotSingleObjectEncodedError, UnknownSchemaFingerprintError
   */
  writerSchemaName(message: Uint8Array | null | undefined): string {
    const hex = parseSingleObject(message).fingerprint.toString('hex');
    const writer = this.writers.get(hex);
    if (!writer) throw new UnknownSchemaFingerprintError(hex);
    return writer.name;
  }

  /** The 8-byte little-endian fingerprint of the current version of a schema. */
  fingerprintOf(schemaName: SchemaName<M>): Buffer {
    return Buffer.from(this.currentSchema(schemaName).fingerprint);
  }

  private currentSchema(name: string): KnownSchema {
    const known = this.current.get(name);
    if (!known) throw new UnknownSchemaNameError(name, [...this.current.keys()].sort());
    return known;
  }

  private resolver(reader: KnownSchema, writer: KnownSchema): Resolver {
    const key = `${reader.hex}<-${writer.hex}`;
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      try {
        resolver = reader.type.createResolver(writer.type);
      } catch (cause) {
        throw new SchemaMismatchError(writer.name, writer.hex, reader.name, cause);
      }
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }
}

function parseSchema(schema: object): KnownSchema {
  const type = Type.forSchema(schema as AvscSchema);
  if (type.name === undefined) {
    throw new Error(`a registry holds named schemas (record, enum, fixed), not one of type ${type.typeName}`);
  }
  const fingerprint = schemaFingerprint(type);
  return { name: type.name, type, fingerprint, hex: fingerprint.toString('hex') };
}
