import { Headers, deadLetterTopic } from '@bron/contracts';
import type { Consumer, KafkaMessage } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { KafkaClient } from '../kafka/kafka-client';
import type { JsonLogger } from '../logging/json-logger';
import type { Ontvangen } from './bericht';
import type { BerichtCodec } from './codec';
import { OnverwerkbaarBerichtFout, isRetriable } from './fouten';
import { fromHeaders } from './headers';
import type { Outbox } from './outbox';

export interface BerichtHandler {
  /** Logical topic names this handler consumes. */
  readonly topics: string[];
  /** Runs inside the transaction that also records the message in the inbox. */
  handle(bericht: Ontvangen, manager: EntityManager): Promise<void>;
  /**
   * Optional: consecutive messages of one partition, in order, in one transaction; must have the
   * same effect as `handle` on each of them in turn (a handler uses it to read and write in bulk).
   */
  handleReeks?(berichten: Ontvangen[], manager: EntityManager): Promise<void>;
}

export interface BerichtConsumerOptions {
  groupId: string;
  handler: BerichtHandler;
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Messages handled in one transaction (default 200). */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = Number(process.env.BRON_BATCH_SIZE ?? 200);

/**
 * Consumes with at-least-once delivery and makes handling effectively once: the handler's state
 * change and the inbox row commit together, and the offset is committed after the database.
 * Consecutive messages of a partition are handled in chunks, one transaction each.
 * A message that still fails after the bounded attempts goes to `<topic>.dlq` with the reason,
 * through the outbox, so the partition moves on and nothing is lost.
 */
/** Where a consumer is, for health: `gecrasht` means kafkajs stopped it and it will not go on by itself. */
export type ConsumerStatus = 'starten' | 'actief' | 'gecrasht' | 'gestopt';

export class BerichtConsumer {
  private consumer?: Consumer;
  private stopping = false;
  private joined?: Promise<void>;
  private huidigeStatus: ConsumerStatus = 'starten';

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly kafka: KafkaClient,
    private readonly codec: BerichtCodec,
    private readonly outbox: Outbox,
    private readonly logger: JsonLogger,
    private readonly options: BerichtConsumerOptions,
  ) {}

  get groupId(): string {
    return this.options.groupId;
  }

  get status(): ConsumerStatus {
    return this.huidigeStatus;
  }

  async start(): Promise<void> {
    const { handler, groupId } = this.options;
    await this.kafka.ensureTopics([...handler.topics, ...handler.topics.map(deadLetterTopic)]);
    this.consumer = this.kafka.consumer({ groupId });
    this.joined = new Promise((resolve) => this.consumer!.on(this.consumer!.events.GROUP_JOIN, () => resolve()));
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (this.huidigeStatus = 'actief'));
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.huidigeStatus = 'gecrasht';
      this.logger.event('error', 'consumer gecrasht', { groupId, error: payload.error.message, restart: payload.restart }, 'BerichtConsumer');
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: handler.topics.map((t) => this.kafka.physical(t)), fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const topic = this.kafka.logical(batch.topic);
        const size = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
        for (let start = 0; start < batch.messages.length; start += size) {
          if (!isRunning() || isStale() || this.stopping) return;
          const chunk = batch.messages.slice(start, start + size);
          if (!(await this.processChunk(topic, batch.partition, chunk))) return;
          const next = (BigInt(chunk[chunk.length - 1].offset) + 1n).toString();
          resolveOffset(chunk[chunk.length - 1].offset);
          await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
          await heartbeat();
        }
      },
    });
  }

  /** Resolves once the consumer joined its group (tests wait on this instead of sleeping). */
  async waitUntilJoined(): Promise<void> {
    await this.joined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect();
    this.huidigeStatus = 'gestopt';
  }

  /**
   * Handles a chunk of consecutive messages in one transaction (one commit, one offset commit).
   * When anything in it fails, the chunk is handled again message by message, so that a poison
   * message ends in the dead-letter topic alone and the others are handled.
   */
  private async processChunk(topic: string, partition: number, messages: KafkaMessage[]): Promise<boolean> {
    if (messages.length > 1) {
      try {
        const start = performance.now();
        await this.dataSource.transaction(async (manager) => {
          const nieuw = await this.recordAllInInbox(manager, messages.map((m) => this.decode(topic, partition, m)));
          const { handler } = this.options;
          if (handler.handleReeks) await handler.handleReeks(nieuw, manager);
          else for (const bericht of nieuw) await handler.handle(bericht, manager);
        });
        this.logger.event('debug', 'berichten verwerkt', { topic, partition, aantal: messages.length, ms: Math.round(performance.now() - start) }, 'BerichtConsumer');
        return true;
      } catch (error) {
        this.logger.event('warn', 'reeks berichten één voor één opnieuw', { topic, partition, aantal: messages.length, error: (error as Error).message }, 'BerichtConsumer');
      }
    }
    for (const message of messages) {
      if (!(await this.process(topic, partition, message))) return false;
    }
    return true;
  }

  private decode(topic: string, partition: number, message: KafkaMessage): Ontvangen {
    const position = { topic, partition, offset: message.offset };
    const metadata = fromHeaders(message.headers, position);
    if (!message.value) throw new OnverwerkbaarBerichtFout('bericht zonder inhoud');
    const { type, value } = this.codec.decode(message.value, metadata.eventType);
    // The codec decoded `value` with the schema of `type`: this is where the bytes become that type.
    // A type without a handler is refused by the transport (dead-letter topic at once).
    return { ...position, type, key: message.key?.toString() ?? null, value, metadata: { ...metadata, eventType: type } } as Ontvangen;
  }

  /** Returns false when the service is stopping before the message was handled (no commit). */
  private async process(topic: string, partition: number, message: KafkaMessage): Promise<boolean> {
    const position = { topic, partition, offset: message.offset };
    const metadata = fromHeaders(message.headers, position);
    let bericht: Ontvangen;
    try {
      bericht = this.decode(topic, partition, message);
    } catch (error) {
      await this.deadLetter(position, metadata.eventId, message, `onleesbaar bericht: ${(error as Error).message}`);
      return true;
    }

    const attempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        const start = performance.now();
        await this.dataSource.transaction(async (manager) => {
          if (!(await this.recordInInbox(manager, bericht, false))) return;
          await this.options.handler.handle(bericht, manager);
        });
        this.logger.event('debug', 'bericht verwerkt', { topic, partition, offset: message.offset, type: bericht.metadata.eventType, ms: Math.round(performance.now() - start) }, 'BerichtConsumer');
        return true;
      } catch (error) {
        const reason = (error as Error).message;
        if (!isRetriable(error) || attempt >= attempts) {
          await this.deadLetter(position, metadata.eventId, message, `${attempt} poging(en): ${reason}`);
          return true;
        }
        if (this.stopping) return false;
        this.logger.event('warn', 'bericht verwerken mislukt, nieuwe poging', { topic, partition, offset: message.offset, attempt, error: reason }, 'BerichtConsumer');
        await new Promise((r) => setTimeout(r, (this.options.retryDelayMs ?? 200) * 2 ** (attempt - 1)));
      }
    }
  }

  /** Records a chunk in the inbox; returns the messages not handled before, in order, each once. */
  private async recordAllInInbox(manager: EntityManager, berichten: Ontvangen[]): Promise<Ontvangen[]> {
    const rows: { event_id: string }[] = await manager.query(
      `INSERT INTO "${this.schema}".inbox (consumer, event_id, topic, partition, "offset", dead_lettered)
       SELECT $1, e, $2, $3, o, false FROM unnest($4::text[], $5::bigint[]) AS t(e, o)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.groupId, berichten[0].topic, berichten[0].partition, berichten.map((b) => b.metadata.eventId), berichten.map((b) => b.offset)],
    );
    const nieuw = new Set(rows.map((r) => r.event_id));
    return berichten.filter((b) => nieuw.delete(b.metadata.eventId));
  }

  private async recordInInbox(manager: EntityManager, b: { topic: string; partition: number; offset: string; metadata: { eventId: string } }, deadLettered: boolean): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO "${this.schema}".inbox (consumer, event_id, topic, partition, "offset", dead_lettered)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.groupId, b.metadata.eventId, b.topic, b.partition, b.offset, deadLettered],
    );
    return rows.length > 0;
  }

  private async deadLetter(position: { topic: string; partition: number; offset: string }, eventId: string, message: KafkaMessage, reason: string): Promise<void> {
    this.logger.event('error', 'bericht naar dead-letter topic', { ...position, reason }, 'BerichtConsumer');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) headers[name] = first.toString();
    }
    Object.assign(headers, {
      [Headers.deadLetterReason]: reason.slice(0, 2000),
      [Headers.deadLetterTopic]: position.topic,
      [Headers.deadLetterPartition]: String(position.partition),
      [Headers.deadLetterOffset]: position.offset,
      [Headers.deadLetterConsumer]: this.options.groupId,
    });
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.recordInInbox(manager, { ...position, metadata: { eventId } }, true))) return;
      await this.outbox.addRaw(manager, {
        eventId: `${eventId}:dlq:${this.options.groupId}`,
        topic: deadLetterTopic(position.topic),
        key: message.key?.toString() ?? null,
        eventType: headers[Headers.eventType] ?? 'onbekend',
        payload: message.value ?? Buffer.alloc(0),
        headers,
      });
    });
  }
}
