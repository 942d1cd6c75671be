import type { EntityManager } from 'typeorm';
import type { UitgaandBericht } from './bericht';
import type { BerichtCodec } from './codec';
import { toHeaders } from './headers';

/** Rows of one INSERT: 6 parameters a row, and PostgreSQL takes at most 65,535 a statement. */
const RIJEN_PER_INSERT = 5_000;

/**
 * Writes outgoing messages in the caller's database transaction; the relay publishes them after
 * commit. Values are encoded here, so an invalid value fails the transaction, not the relay.
 */
export class Outbox {
  constructor(
    private readonly schema: string,
    private readonly codec: BerichtCodec,
  ) {}

  get notifyChannel(): string {
    return `outbox_${this.schema}`;
  }

  async add(manager: EntityManager, berichten: UitgaandBericht[]): Promise<void> {
    if (berichten.length === 0) return;
    for (let start = 0; start < berichten.length; start += RIJEN_PER_INSERT) {
      const values: unknown[] = [];
      const rows = berichten.slice(start, start + RIJEN_PER_INSERT).map((bericht, i) => {
        values.push(
          bericht.metadata.eventId,
          bericht.topic,
          bericht.key,
          bericht.metadata.eventType,
          this.codec.encode(bericht.metadata.eventType, bericht.value),
          JSON.stringify(toHeaders(bericht.metadata)),
        );
        const p = i * 6;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
      });
      await manager.query(
        `INSERT INTO "${this.schema}".outbox (event_id, topic, message_key, event_type, payload, headers) VALUES ${rows.join(', ')}`,
        values,
      );
    }
    await manager.query('SELECT pg_notify($1, NULL)', [this.notifyChannel]);
  }

  /** Raw bytes as they are (dead letters keep the original payload). */
  async addRaw(manager: EntityManager, row: { eventId: string; topic: string; key: string | null; eventType: string; payload: Buffer; headers: Record<string, string> }): Promise<void> {
    await manager.query(
      `INSERT INTO "${this.schema}".outbox (event_id, topic, message_key, event_type, payload, headers) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.eventId, row.topic, row.key, row.eventType, row.payload, JSON.stringify(row.headers)],
    );
    await manager.query('SELECT pg_notify($1, NULL)', [this.notifyChannel]);
  }
}
