import { Client } from 'pg';
import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { KafkaClient } from '../kafka/kafka-client';
import type { JsonLogger } from '../logging/json-logger';
import { pakketten } from '../kafka/pakketten';
import { groepeer } from '../groepeer';
import { verhul } from '../logging/verhul';
import { isKafkaHerhaalbaar } from './fouten';

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string | null;
  payload: Buffer;
  headers: Record<string, string>;
}

const BATCH = 500;
const IDLE_POLL_MS = 1_000;

export interface OutboxRelayOptions {
  /** Attempts of a row Kafka refuses with a non-retriable error, before it goes to outbox_dead_letter (default `BRON_OUTBOX_MAX_POGINGEN`, else 5). */
  maxPogingen?: number;
  /** How long the relay waits for a NOTIFY before it looks at the outbox anyway (default 1 s). */
  pollMs?: number;
}

/**
 * Publishes the outbox in id order and deletes what Kafka acknowledged. One relay per schema
 * publishes at a time (advisory lock), which keeps the order per key. Woken by NOTIFY from the
 * writing transaction; polls as a fallback.
 *
 * A row Kafka refuses for good (non-retriable, e.g. a message larger than the broker takes) would
 * hold every row behind it forever: after bounded attempts it moves to `outbox_dead_letter` with
 * its reason, and the relay goes on. Retriable errors (a leader election, a broker away) are retried
 * without limit: the rows are fine, Kafka is not.
 */
export class OutboxRelay {
  private producer?: Producer;
  private listener?: Client;
  private running = false;
  private wake?: () => void;
  /**
   * A NOTIFY came since the relay last looked at the outbox. A notification that arrives while a
   * batch is being published (after its SELECT) must not be lost: the relay would sleep a whole
   * poll interval with rows waiting (it delayed the bekostigingsstatus of whole chunks by up to 1 s).
   */
  private gewekt = false;
  private loop?: Promise<void>;
  private published = 0;
  /** Non-retriable refusals per outbox row id; in memory, so a restart gives a row its attempts again (still bounded). */
  private readonly geweigerd = new Map<string, number>();
  private readonly maxPogingen: number;
  private readonly pollMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly notifyChannel: string,
    private readonly kafka: KafkaClient,
    private readonly logger: JsonLogger,
    private readonly databaseUrl: string,
    options: OutboxRelayOptions = {},
  ) {
    this.maxPogingen = options.maxPogingen ?? Number(process.env.BRON_OUTBOX_MAX_POGINGEN ?? 5);
    this.pollMs = options.pollMs ?? IDLE_POLL_MS;
  }

  /** Rows in outbox_dead_letter, for health. */
  async deadLetterCount(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "${this.schema}".outbox_dead_letter`);
    return n;
  }

  get isRunning(): boolean {
    return this.running;
  }

  get publishedCount(): number {
    return this.published;
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer();
    await this.producer.connect();
    await this.listen();
    this.running = true;
    this.loop = this.run();
  }

  /** LISTEN on a connection of its own; a lost one is made again (until then the relay polls). */
  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.databaseUrl });
    this.listener = listener;
    let opnieuw = false;
    const verloren = (error?: Error) => {
      if (opnieuw || this.listener !== listener) return;
      opnieuw = true;
      if (error) this.logger.event('warn', 'outbox listener fout', { error: verhul(error.message) }, 'OutboxRelay');
      listener.end().catch(() => undefined);
      const poging = () => {
        if (!this.running || this.listener !== listener) return;
        this.listen().catch(() => setTimeout(poging, IDLE_POLL_MS).unref());
      };
      setTimeout(poging, IDLE_POLL_MS).unref();
    };
    listener.on('notification', () => {
      this.gewekt = true;
      this.wake?.();
    });
    listener.on('error', verloren);
    listener.on('end', () => verloren());
    await listener.connect();
    await listener.query(`LISTEN "${this.notifyChannel}"`);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.gewekt = true;
    this.wake?.();
    await this.loop;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.producer?.disconnect();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      // Cleared before the SELECT: a commit after it notifies again, and the relay looks again.
      this.gewekt = false;
      try {
        sent = await this.publishBatch();
      } catch (error) {
        this.logger.event('error', 'outbox publiceren mislukt, opnieuw', { error: (error as Error).message }, 'OutboxRelay');
        await this.sleep(this.pollMs, false);
      }
      if (sent === 0 && this.running) await this.sleep(this.pollMs);
    }
  }

  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [this.notifyChannel]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, event_id, topic, message_key, payload, headers FROM "${this.schema}".outbox ORDER BY id LIMIT ${BATCH}`,
      );
      if (rows.length === 0) return 0;
      await this.kafka.ensureTopics(rows.map((r) => r.topic));
      const verzonden: string[] = [];
      const deadLettered: string[] = [];
      let fout: unknown;
      // In id order, split where a produce request would grow too large for the broker.
      for (const pakket of pakketten(rows, (r) => r.payload.length)) {
        try {
          await this.send(pakket);
          verzonden.push(...pakket.map((r) => r.id));
          continue;
        } catch (error) {
          if (isKafkaHerhaalbaar(error)) {
            fout = error;
            break;
          }
        }
        // Refused for good: row by row, to find the row Kafka refuses; the rows before it go out.
        const geblokkeerd = await this.rowByRow(manager, pakket, verzonden, deadLettered);
        if (geblokkeerd) {
          fout = geblokkeerd;
          break;
        }
      }
      // Exactly the rows sent: a transaction that took a lower id may commit after this one read.
      if (verzonden.length > 0) await manager.query(`DELETE FROM "${this.schema}".outbox WHERE id = ANY($1::bigint[])`, [verzonden]);
      this.published += verzonden.length;
      // Nothing moved: roll back and wait. Something moved: commit that, and go on from there.
      if (fout && verzonden.length === 0 && deadLettered.length === 0) throw fout;
      if (fout) this.logger.event('warn', 'outbox deels gepubliceerd, de rest opnieuw', { error: (fout as Error).message }, 'OutboxRelay');
      return verzonden.length + deadLettered.length;
    });
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const byTopic = groepeer(rows, (row) => row.topic);
    await this.producer!.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({
        topic: this.kafka.physical(topic),
        messages: messages.map((m) => ({ key: m.message_key, value: m.payload, headers: m.headers })),
      })),
    });
  }

  /**
   * Sends the rows one at a time, in order. A row refused for good counts an attempt; at the last
   * one it moves to outbox_dead_letter and the next rows go on. Returns the error that stopped it
   * (the row keeps its place, so order per key holds until its attempts are used up), or undefined.
   */
  private async rowByRow(manager: EntityManager, rows: OutboxRow[], verzonden: string[], deadLettered: string[]): Promise<unknown> {
    for (const row of rows) {
      try {
        await this.send([row]);
        verzonden.push(row.id);
        this.geweigerd.delete(row.id);
      } catch (error) {
        if (isKafkaHerhaalbaar(error)) return error;
        const pogingen = (this.geweigerd.get(row.id) ?? 0) + 1;
        const reden = verhul(`${(error as Error).name}: ${(error as Error).message}`).slice(0, 2000);
        if (pogingen < this.maxPogingen) {
          this.geweigerd.set(row.id, pogingen);
          this.logger.event('warn', 'outbox rij geweigerd door Kafka, nieuwe poging', { id: row.id, topic: row.topic, pogingen, reason: reden }, 'OutboxRelay');
          return error;
        }
        this.geweigerd.delete(row.id);
        await manager.query(
          `WITH weg AS (DELETE FROM "${this.schema}".outbox WHERE id = $1 RETURNING *)
           INSERT INTO "${this.schema}".outbox_dead_letter (id, event_id, topic, message_key, event_type, payload, headers, created_at, reason, attempts)
           SELECT id, event_id, topic, message_key, event_type, payload, headers, created_at, $2, $3 FROM weg`,
          [row.id, reden, pogingen],
        );
        deadLettered.push(row.id);
        // One stable event an operator can alert on; the row waits in outbox_dead_letter.
        this.logger.event('error', 'outbox rij naar dead-letter tabel', { event: 'outbox_dead_letter', id: row.id, eventId: row.event_id, topic: row.topic, pogingen, reason: reden }, 'OutboxRelay');
      }
    }
    return undefined;
  }

  /**
   * Waits `ms`, or less when a NOTIFY comes; with `ookEerder`, not at all when one came while the
   * relay was busy. (The back-off after an error does not skip on an earlier NOTIFY.)
   */
  private sleep(ms: number, ookEerder = true): Promise<void> {
    if (ookEerder && this.gewekt) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
