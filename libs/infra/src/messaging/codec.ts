/** Encodes values to bytes on Kafka and back, by the full name of their Avro schema. */
export interface BerichtCodec {
  encode(type: string, value: unknown): Buffer;
  /** Reads with the given reader schema, or with the writer's own schema when none is given. */
  decode(bytes: Buffer, readerType?: string): { type: string; value: unknown };
}
