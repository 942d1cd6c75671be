/**
 * Base of every error about a message or value that this library throws. `code` is stable (for
 * dead-letter headers and metrics); `message` says what was wrong and is the dead-letter reason.
 * None of these is retriable: the same bytes or value fail the same way every time.
 */
export abstract class CodecError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The bytes are not an Avro single-object encoded message (no value, too short, wrong marker). */
export class NotSingleObjectEncodedError extends CodecError {
  readonly code = 'NOT_SINGLE_OBJECT_ENCODED';
}

/** The message's schema fingerprint belongs to no schema this registry knows as a writer. */
export class UnknownSchemaFingerprintError extends CodecError {
  readonly code = 'UNKNOWN_SCHEMA_FINGERPRINT';

  constructor(
    /** Fingerprint from the message, hex in wire order. */
    readonly fingerprint: string,
    readonly readerSchemaName?: string,
  ) {
    super(
      `no known writer schema has CRC-64-AVRO fingerprint ${fingerprint} (wire byte order)` +
        (readerSchemaName ? `; cannot read the message as ${readerSchemaName}` : '') +
        '. Was it written with a schema version this service has not been given?',
    );
  }
}

/** The caller named a schema the registry does not hold (a programming error). */
export class UnknownSchemaNameError extends CodecError {
  readonly code = 'UNKNOWN_SCHEMA_NAME';

  constructor(
    readonly schemaName: string,
    known: readonly string[],
  ) {
    super(`no schema named ${schemaName}; known: ${known.join(', ') || 'none'}`);
  }
}

/** The writer's schema cannot be resolved into the reader's (Avro schema resolution rules). */
export class SchemaMismatchError extends CodecError {
  readonly code = 'SCHEMA_MISMATCH';

  constructor(
    readonly writerSchemaName: string,
    readonly fingerprint: string,
    readonly readerSchemaName: string,
    cause: unknown,
  ) {
    super(
      `message written with ${writerSchemaName} (fingerprint ${fingerprint}) cannot be read as ` +
        `${readerSchemaName}: ${describe(cause)}`,
      { cause },
    );
  }
}

/** The header was fine but the body does not decode with the writer schema it names. */
export class MalformedBodyError extends CodecError {
  readonly code = 'MALFORMED_BODY';

  constructor(
    readonly writerSchemaName: string,
    readonly fingerprint: string,
    cause: unknown,
  ) {
    super(
      `message body is not a valid ${writerSchemaName} (fingerprint ${fingerprint}): ${describe(cause)}`,
      { cause },
    );
  }
}

/** One reason a value does not fit a schema; `path` is dotted (`regels.0.code`), never the value. */
export interface ValueIssue {
  readonly path: string;
  readonly problem: string;
}

/** A value to encode does not fit its schema. Values are left out of the message: they may be personal data. */
export class InvalidValueError extends CodecError {
  readonly code = 'INVALID_VALUE';

  constructor(
    readonly schemaName: string,
    readonly issues: readonly ValueIssue[],
  ) {
    const list = issues.map((issue) => `${issue.path}: ${issue.problem}`).join('; ');
    super(`value is not a valid ${schemaName}: ${list}`);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
