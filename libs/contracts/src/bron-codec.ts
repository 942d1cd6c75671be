import { defaultRegistry } from './default-registry';

/**
 * The codec of every service and the CLI: Avro single-object encoding with the schemas of
 * `schemas/`. Decoding uses the `event-type` header as reader schema when the sender gave one,
 * and otherwise the writer schema found by the fingerprint.
 */
export const bronCodec = {
  encode(type: string, value: unknown): Buffer {
    return defaultRegistry.encode(type as never, value as never);
  },
  decode(bytes: Buffer, readerType?: string): { type: string; value: unknown } {
    const type = readerType ?? defaultRegistry.writerSchemaName(bytes);
    return { type, value: defaultRegistry.decode(bytes, type as never) };
  },
};
