import { Client } from 'pg';
import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { KafkaClient } from '../kafka/kafka-client';
import type { JsonLogger } from '../logging/json-logger';
import { pakketten } from '../kafka/pakketten';
import { groepeer } from '../groepeer';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string | null;
  payload: Buffer;
  headers: Record<string, string>;
}

const BATCH = 500;
const IDLE_POLL_MS = 1_000;

/**
 * Publishes the outbox in id order and deletes what Kafka acknowledged. One relay per schema
 * publishes at a time (advisory lock), which keeps the order per key. Woken by NOTIFY from the
 * writing transaction; polls as a fallback.
 */
export class OutboxRelay {
  private producer?: Producer;
  private listener?: Client;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private published = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly notifyChannel: string,
    private readonly kafka: KafkaClient,
    private readonly logger: JsonLogger,
    private readonly databaseUrl: string,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  get publishedCount(): number {
    return this.published;
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer();
    await this.producer.connect();
    this.listener = new Client({ connectionString: this.databaseUrl });
    await this.listener.connect();
    this.listener.on('notification', () => this.wake?.());
    this.listener.on('error', (error) => this.logger.event('warn', 'outbox listener fout', { error: error.message }, 'OutboxRelay'));
    await this.listener.query(`LISTEN "${this.notifyChannel}"`);
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.producer?.disconnect();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.publishBatch();
      } catch (error) {
        this.logger.event('error', 'outbox publiceren mislukt, opnieuw', { error: (error as Error).message }, 'OutboxRelay');
        await this.sleep(IDLE_POLL_MS);
      }
      if (sent === 0 && this.running) await this.sleep(IDLE_POLL_MS);
    }
  }

  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [this.notifyChannel]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, message_key, payload, headers FROM "${this.schema}".outbox ORDER BY id LIMIT ${BATCH}`,
      );
      if (rows.length === 0) return 0;
      await this.kafka.ensureTopics(rows.map((r) => r.topic));
      // In id order, split where a produce request would grow too large for the broker.
      for (const pakket of pakketten(rows, (r) => r.payload.length)) {
        const byTopic = groepeer(pakket, (row) => row.topic);
        await this.producer!.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({
            topic: this.kafka.physical(topic),
            messages: messages.map((m) => ({ key: m.message_key, value: m.payload, headers: m.headers })),
          })),
        });
      }
      // Exactly the rows sent: a transaction that took a lower id may commit after this one read.
      await manager.query(`DELETE FROM "${this.schema}".outbox WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      this.published += rows.length;
      return rows.length;
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
