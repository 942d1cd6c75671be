import { Headers, deadLetterTopic } from '@bron/contracts';
import type { Consumer, KafkaMessage } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { KafkaClient } from '../kafka/kafka-client';
import type { JsonLogger } from '../logging/json-logger';
import type { Ontvangen } from './bericht';
import type { BerichtCodec } from './codec';
import { verhul } from '../logging/verhul';
import { OnverwerkbaarBerichtFout, isRetriable, isVerbindingWeg } from './fouten';
import { fromHeaders, headersAlsTekst } from './headers';
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
  /**
   * Optional: logical topic names that the consumer also reads when they exist, looked for at start
   * and every `BRON_TOPIC_HERLEES_MS` (10 s): a topic that appears (an instelling onboarded while
   * the intake runs) is subscribed to without a restart. kafkajs resolves a subscription only when
   * it subscribes, so the consumer subscribes again with the longer list.
   */
  readonly topicPatroon?: RegExp;
}

export interface BerichtConsumerOptions {
  groupId: string;
  handler: BerichtHandler;
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Messages handled in one transaction at most (default 1000; fewer when fewer are waiting). */
  batchSize?: number;
  /** Not ready when messages wait this long while no offset moves (default `BRON_CONSUMER_STILSTAND_MS`, else 60 s). */
  stilstandMs?: number;
  /** Not live when the consumer has been down this long and restarts keep failing (default `BRON_CONSUMER_OPGEVEN_MS`, else 5 min). */
  opgevenMs?: number;
}

const DEFAULT_BATCH_SIZE = Number(process.env.BRON_BATCH_SIZE ?? 1000);
const HERSTART_EERSTE_MS = 1_000;
const HERSTART_MAX_MS = 30_000;
const VERBINDING_WACHT_MAX_MS = 5_000;
const TOPIC_HERLEES_MS = Number(process.env.BRON_TOPIC_HERLEES_MS ?? 10_000);

/**
 * A message is handled once per consumer: a row in the inbox says it was. A dead-lettered message
 * has a row too, but it was not handled: put back on its topic after a fix (`bron dlq herhaal`, same
 * event id), it is handled then, once, in the handler's own transaction.
 */
const ALS_NIET_AFGEHANDELD = `ON CONFLICT (consumer, event_id) DO UPDATE
  SET topic = EXCLUDED.topic, partition = EXCLUDED.partition, "offset" = EXCLUDED."offset", dead_lettered = false, handled_at = now()
  WHERE inbox.dead_lettered RETURNING event_id`;

/** A replayed message that fails again is dead-lettered again; the same position delivered again is not. */
const OPNIEUW_DOOD_ALS_ELDERS = `ON CONFLICT (consumer, event_id) DO UPDATE
  SET topic = EXCLUDED.topic, partition = EXCLUDED.partition, "offset" = EXCLUDED."offset", handled_at = now()
  WHERE inbox.dead_lettered AND (inbox.topic, inbox.partition, inbox."offset") IS DISTINCT FROM (EXCLUDED.topic, EXCLUDED.partition, EXCLUDED."offset")
  RETURNING event_id`;

/** What health reads of a consumer. */
export interface ConsumerGezondheid {
  status: ConsumerStatus;
  /** Running, and no partition's messages wait longer than the stand-still limit. */
  ready: boolean;
  /** False once the consumer has been down longer than the give-up limit: a restart of the process may cure it. */
  live: boolean;
  /** Milliseconds the longest-waiting partition has made no progress, when any waits. */
  stilstandMs?: number;
  /** Milliseconds since the consumer went down without recovering, when it did. */
  storingMs?: number;
  herstarts: number;
  reden?: string;
}

/**
 * An error outside the handler (the inbox or dead-letter write itself failed): the consumer
 * crashes at once and restarts itself with back-off, instead of kafkajs retrying the batch
 * without heartbeats until the group has forgotten the member.
 */
class ConsumerOnderbroken extends Error {
  override readonly name = 'ConsumerOnderbroken';
  readonly retriable = false;
}

/**
 * Where a consumer is, for health: `gecrasht` means kafkajs stopped it; it restarts (kafkajs or,
 * when kafkajs does not, the consumer itself with back-off) and is `herstarten` until it has joined.
 */
export type ConsumerStatus = 'starten' | 'actief' | 'gecrasht' | 'herstarten' | 'gestopt';

/**
 * Consumes with at-least-once delivery and makes handling effectively once: the handler's state
 * change and the inbox row commit together, and the offset is committed after the database.
 * Consecutive messages of a partition are handled in chunks, one transaction each.
 * A message that still fails after the bounded attempts goes to `<topic>.dlq` with the reason,
 * through the outbox, so the partition moves on and nothing is lost.
 */
export class BerichtConsumer {
  private consumer?: Consumer;
  private stopping = false;
  private joined?: Promise<void>;
  private huidigeStatus: ConsumerStatus = 'starten';
  /** Per partition: since when messages in hand wait without an offset moving. */
  private readonly wachtSinds = new Map<string, number>();
  private storingSinds?: number;
  private laatsteReden?: string;
  private laatsteJoin = 0;
  private herstarts = 0;
  private herstartTimer?: NodeJS.Timeout;
  private topics: string[] = [];
  private herleesTimer?: NodeJS.Timeout;
  /** A re-subscription or restart in progress: the other waits for it. */
  private verbinden: Promise<void> = Promise.resolve();

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

  async start(): Promise<void> {
    const { handler } = this.options;
    try {
      this.topics = [...new Set([...handler.topics, ...(handler.topicPatroon ? await this.kafka.topicsVolgens(handler.topicPatroon) : [])])];
      await this.kafka.ensureTopics([...this.topics, ...this.topics.map(deadLetterTopic)]);
      await this.verbind();
    } catch (error) {
      this.meldGeweigerd(error);
      throw error;
    }
    if (handler.topicPatroon) this.planHerlees();
  }

  /** A refusal by the broker gets its own line: no retry cures it, an ACL or the credentials do. */
  private meldGeweigerd(error: unknown): void {
    if (!this.kafka.isGeweigerd(error)) return;
    this.laatsteReden = `geen toegang: ${verhul((error as Error).message)}`;
    this.logger.event('error', 'Kafka weigert deze principal (ACL of inloggegevens)', {
      event: 'kafka_toegang_geweigerd', groupId: this.options.groupId, principal: this.kafka.principal, reason: verhul((error as Error).message), topics: this.topics,
    }, 'BerichtConsumer');
  }

  /** Looks for new topics of the handler's pattern now and then; subscribes again when one appeared. */
  private planHerlees(): void {
    if (this.stopping) return;
    this.herleesTimer = setTimeout(() => {
      void this.herlees().catch((error: Error) => {
        this.logger.event('warn', 'topics herlezen mislukt', { groupId: this.options.groupId, error: verhul(error.message) }, 'BerichtConsumer');
      }).finally(() => this.planHerlees());
    }, TOPIC_HERLEES_MS);
    this.herleesTimer.unref?.();
  }

  private async herlees(): Promise<void> {
    const patroon = this.options.handler.topicPatroon;
    if (!patroon || this.stopping) return;
    const nieuw = (await this.kafka.topicsVolgens(patroon)).filter((t) => !this.topics.includes(t));
    if (nieuw.length === 0) return;
    await this.kafka.ensureTopics(nieuw.map(deadLetterTopic));
    this.topics = [...this.topics, ...nieuw];
    this.logger.event('info', 'nieuwe topics, opnieuw inschrijven', { event: 'consumer_topics_bijgewerkt', groupId: this.options.groupId, nieuw }, 'BerichtConsumer');
    try {
      await this.opnieuwVerbinden();
    } catch (error) {
      // The old consumer is gone: the restart with back-off takes over, as after a crash.
      this.huidigeStatus = 'gecrasht';
      this.storingSinds ??= Date.now();
      this.laatsteReden = verhul((error as Error).message);
      this.meldGeweigerd(error);
      this.planHerstart(HERSTART_EERSTE_MS);
      throw error;
    }
  }

  /** Disconnects the kafkajs consumer (its running batch finishes first) and makes a new one. */
  private opnieuwVerbinden(): Promise<void> {
    this.verbinden = this.verbinden.catch(() => undefined).then(async () => {
      if (this.stopping) return;
      await this.consumer?.disconnect().catch(() => undefined);
      await this.verbind();
    });
    return this.verbinden;
  }

  /** One kafkajs consumer: a new one at start and at every restart of our own. */
  private async verbind(): Promise<void> {
    const { handler, groupId } = this.options;
    const consumer = this.kafka.consumer({ groupId });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    this.joined ??= joined;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (this.consumer !== consumer) return;
      if (this.huidigeStatus !== 'starten' && this.huidigeStatus !== 'actief') {
        this.logger.event('info', 'consumer hersteld', { event: 'consumer_hersteld', groupId, herstarts: this.herstarts }, 'BerichtConsumer');
      }
      this.huidigeStatus = 'actief';
      this.laatsteJoin = Date.now();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (this.consumer !== consumer || this.stopping) return;
      this.huidigeStatus = payload.restart ? 'herstarten' : 'gecrasht';
      this.storingSinds ??= Date.now();
      this.laatsteReden = verhul(payload.error.message);
      // The one line to alert on: stable `event`, the reason, and whether it comes back by itself.
      this.logger.event('error', 'consumer gestopt', { event: 'consumer_gestopt', groupId, reason: this.laatsteReden, restart: payload.restart ? 'kafkajs' : 'zelf' }, 'BerichtConsumer');
      this.meldGeweigerd(payload.error);
      if (!payload.restart) this.planHerstart(HERSTART_EERSTE_MS);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: (this.topics.length ? this.topics : handler.topics).map((t) => this.kafka.physical(t)), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const topic = this.kafka.logical(batch.topic);
        const size = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
        const sleutel = `${batch.topic}:${batch.partition}`;
        if (!this.wachtSinds.has(sleutel)) this.wachtSinds.set(sleutel, Date.now());
        try {
          for (let start = 0; start < batch.messages.length; start += size) {
            if (!isRunning() || isStale() || this.stopping) return;
            const chunk = batch.messages.slice(start, start + size);
            if (!(await this.metHartslag(heartbeat, () => this.processChunk(topic, batch.partition, chunk)))) return;
            const next = (BigInt(chunk[chunk.length - 1].offset) + 1n).toString();
            resolveOffset(chunk[chunk.length - 1].offset);
            await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
            this.wachtSinds.set(sleutel, Date.now());
            this.storingSinds = undefined;
            await heartbeat();
          }
        } catch (error) {
          // kafkajs's own errors (a rebalance, a member the coordinator forgot) it handles by rejoining.
          if ((error as Error).name?.startsWith('KafkaJS')) throw error;
          throw new ConsumerOnderbroken(`verwerking onderbroken: ${(error as Error).message}`);
        } finally {
          this.wachtSinds.delete(sleutel);
        }
      },
    });
  }

  /** Restarts a consumer kafkajs gave up on, with back-off, until it runs or the service stops. */
  private planHerstart(wachtMs: number): void {
    if (this.stopping) return;
    clearTimeout(this.herstartTimer);
    this.herstartTimer = setTimeout(async () => {
      if (this.stopping) return;
      this.herstarts++;
      this.huidigeStatus = 'herstarten';
      try {
        await this.opnieuwVerbinden();
      } catch (error) {
        this.laatsteReden = verhul((error as Error).message);
        this.meldGeweigerd(error);
        this.huidigeStatus = 'gecrasht';
        this.logger.event('error', 'consumer herstart mislukt', { event: 'consumer_herstart_mislukt', groupId: this.options.groupId, reason: this.laatsteReden, herstarts: this.herstarts }, 'BerichtConsumer');
        this.planHerstart(Math.min(wachtMs * 2, HERSTART_MAX_MS));
      }
    }, wachtMs);
  }

  /**
   * Keeps the group membership while work takes long (a slow chunk, back-off between attempts,
   * the database away): kafkajs heartbeats only when asked, so without this a member that works
   * longer than the session timeout is forgotten by the coordinator.
   */
  private async metHartslag<T>(heartbeat: () => Promise<void>, werk: () => Promise<T>): Promise<T> {
    const interval = Math.max(100, Math.floor(this.kafka.heartbeatIntervalMs / 2));
    const timer = setInterval(() => {
      // A failed heartbeat (a rebalance) is seen again by the heartbeat after the chunk, which lets kafkajs rejoin.
      heartbeat().catch(() => undefined);
    }, interval);
    try {
      return await werk();
    } finally {
      clearInterval(timer);
    }
  }

  /** For health: running, making progress, and not down for longer than the give-up limit. */
  gezondheid(now = Date.now()): ConsumerGezondheid {
    const stilstandGrens = this.options.stilstandMs ?? Number(process.env.BRON_CONSUMER_STILSTAND_MS ?? 60_000);
    const opgevenGrens = this.options.opgevenMs ?? Number(process.env.BRON_CONSUMER_OPGEVEN_MS ?? 300_000);
    const oudste = Math.min(...this.wachtSinds.values());
    const stilstandMs = Number.isFinite(oudste) ? now - oudste : undefined;
    const stil = stilstandMs !== undefined && stilstandMs > stilstandGrens;
    // Joined again and nothing waiting for a while: the trouble is over even without a commit.
    if (this.storingSinds !== undefined && this.huidigeStatus === 'actief' && !stil && now - this.laatsteJoin > stilstandGrens) this.storingSinds = undefined;
    const storingMs = this.storingSinds === undefined ? undefined : now - this.storingSinds;
    return {
      status: this.huidigeStatus,
      ready: this.huidigeStatus === 'actief' && !stil,
      live: this.huidigeStatus === 'gestopt' || storingMs === undefined || storingMs <= opgevenGrens,
      stilstandMs: stil ? stilstandMs : undefined,
      storingMs,
      herstarts: this.herstarts,
      reden: this.huidigeStatus === 'actief' && !stil ? undefined : this.laatsteReden,
    };
  }

  /** Resolves once the consumer joined its group (tests wait on this instead of sleeping). */
  async waitUntilJoined(): Promise<void> {
    await this.joined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.herstartTimer);
    clearTimeout(this.herleesTimer);
    await this.verbinden.catch(() => undefined);
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
        this.logger.event('warn', 'reeks berichten één voor één opnieuw', { topic, partition, aantal: messages.length, error: verhul((error as Error).message) }, 'BerichtConsumer');
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
      await this.deadLetter(position, metadata.eventId, message, `onleesbaar bericht: ${verhul((error as Error).message)}`);
      return true;
    }

    const attempts = this.options.maxAttempts ?? 5;
    let verbindingWacht = this.options.retryDelayMs ?? 200;
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
        const reason = verhul((error as Error).message);
        if (isVerbindingWeg(error)) {
          // The database is away: not this message's fault, so no attempt is used up.
          if (this.stopping) return false;
          attempt--;
          this.laatsteReden = `database onbereikbaar: ${reason}`;
          this.logger.event('warn', 'database onbereikbaar, bericht wacht', { topic, partition, offset: message.offset, error: reason }, 'BerichtConsumer');
          await new Promise((r) => setTimeout(r, verbindingWacht));
          verbindingWacht = Math.min(verbindingWacht * 2, VERBINDING_WACHT_MAX_MS);
          continue;
        }
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
       ${ALS_NIET_AFGEHANDELD}`,
      [this.options.groupId, berichten[0].topic, berichten[0].partition, berichten.map((b) => b.metadata.eventId), berichten.map((b) => b.offset)],
    );
    const nieuw = new Set(rows.map((r) => r.event_id));
    return berichten.filter((b) => nieuw.delete(b.metadata.eventId));
  }

  /**
   * Records a message in the inbox; false when it needs nothing more: handled before, or (for a
   * dead letter) dead-lettered before from this same position (a redelivery of the poison).
   */
  private async recordInInbox(manager: EntityManager, b: { topic: string; partition: number; offset: string; metadata: { eventId: string } }, deadLettered: boolean): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO "${this.schema}".inbox (consumer, event_id, topic, partition, "offset", dead_lettered)
       VALUES ($1, $2, $3, $4, $5, $6) ${deadLettered ? OPNIEUW_DOOD_ALS_ELDERS : ALS_NIET_AFGEHANDELD}`,
      [this.options.groupId, b.metadata.eventId, b.topic, b.partition, b.offset, deadLettered],
    );
    return rows.length > 0;
  }

  private async deadLetter(position: { topic: string; partition: number; offset: string }, eventId: string, message: KafkaMessage, reason: string): Promise<void> {
    this.logger.event('error', 'bericht naar dead-letter topic', { ...position, reason }, 'BerichtConsumer');
    const headers = headersAlsTekst(message.headers);
    Object.assign(headers, {
      [Headers.deadLetterReason]: reason.slice(0, 2000),
      [Headers.deadLetterTopic]: position.topic,
      [Headers.deadLetterPartition]: String(position.partition),
      [Headers.deadLetterOffset]: position.offset,
      [Headers.deadLetterConsumer]: this.options.groupId,
    });
    for (let wacht = this.options.retryDelayMs ?? 200; ; wacht = Math.min(wacht * 2, VERBINDING_WACHT_MAX_MS)) {
      try {
        await this.writeDeadLetter(position, eventId, message, headers);
        return;
      } catch (error) {
        // The database away is waited out here too; anything else interrupts the consumer (it restarts).
        if (!isVerbindingWeg(error) || this.stopping) throw error;
        await new Promise((r) => setTimeout(r, wacht));
      }
    }
  }

  private async writeDeadLetter(position: { topic: string; partition: number; offset: string }, eventId: string, message: KafkaMessage, headers: Record<string, string>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.recordInInbox(manager, { ...position, metadata: { eventId } }, true))) return;
      await this.outbox.addRaw(manager, {
        eventId: `${eventId}:dlq:${this.options.groupId}:${position.partition}:${position.offset}`,
        topic: deadLetterTopic(position.topic),
        key: message.key?.toString() ?? null,
        eventType: headers[Headers.eventType] ?? 'onbekend',
        payload: message.value ?? Buffer.alloc(0),
        headers,
      });
    });
  }
}
