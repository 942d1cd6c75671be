/**
 * What a command may write to: the process's own streams in the shell, a string collector in the
 * tests. `isTTY` decides how progress is drawn.
 */
export interface WritableLike {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Everything a command reads from or writes to outside its arguments and files. Commands take it
 * instead of reaching for `process`, so that they run in-process with streams and an environment of
 * the caller's choosing.
 */
export interface BronIo {
  stdout: WritableLike;
  stderr: WritableLike;
  /** Read only by `bron bereken -`; absent reads as empty input, like a closed stdin. */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** KAFKA_BROKERS, BRON_TOPIC_PREFIX and BRON_PEILDATUM are taken from here, not from process.env. */
  env: NodeJS.ProcessEnv;
}

export type Command = (args: string[], io: BronIo) => Promise<number>;
