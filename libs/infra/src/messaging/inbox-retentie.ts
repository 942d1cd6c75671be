import type { DataSource } from 'typeorm';
import type { JsonLogger } from '../logging/json-logger';
import { verhul } from '../logging/verhul';

const DAG_MS = 24 * 60 * 60 * 1000;

export interface RetentieInstellingen {
  /** Inbox rows older than this are removed (`BRON_INBOX_RETENTIE_DAGEN`, default 14). */
  inboxDagen: number;
  /** How long the broker keeps messages (`KAFKA_TOPIC_RETENTIE_DAGEN`, default 7; set on the topics the platform creates). */
  topicDagen: number;
  /** How often the retention runs (`BRON_INBOX_OPRUIM_INTERVAL_MS`, default one hour). */
  intervalMs: number;
  /** Rows per delete statement (`BRON_INBOX_OPRUIM_BATCH`, default 5000): short statements, short locks. */
  batch: number;
}

export function retentieInstellingen(env: NodeJS.ProcessEnv = process.env): RetentieInstellingen {
  const instellingen = {
    inboxDagen: Number(env.BRON_INBOX_RETENTIE_DAGEN ?? 14),
    topicDagen: Number(env.KAFKA_TOPIC_RETENTIE_DAGEN ?? 7),
    intervalMs: Number(env.BRON_INBOX_OPRUIM_INTERVAL_MS ?? 60 * 60 * 1000),
    batch: Number(env.BRON_INBOX_OPRUIM_BATCH ?? 5_000),
  };
  // An inbox row is what makes a redelivered message harmless; the broker can redeliver a message
  // as long as it keeps it, so the row must outlive the message (docs/kafka.md, Retention).
  if (!(instellingen.inboxDagen > instellingen.topicDagen)) {
    throw new Error(`BRON_INBOX_RETENTIE_DAGEN (${instellingen.inboxDagen}) must be longer than KAFKA_TOPIC_RETENTIE_DAGEN (${instellingen.topicDagen}): a redelivered message must still find its inbox row`);
  }
  if (!(instellingen.intervalMs > 0) || !(instellingen.batch > 0)) throw new Error('BRON_INBOX_OPRUIM_INTERVAL_MS and BRON_INBOX_OPRUIM_BATCH must be positive');
  return instellingen;
}

/**
 * Removes inbox rows older than the retention, in small batches (each its own short statement,
 * rows another transaction holds are skipped), periodically. Every instance of a service may run
 * it: the batches do not block each other.
 */
export class InboxRetentie {
  private timer?: NodeJS.Timeout;
  private bezig?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly logger: JsonLogger,
    private readonly instellingen: RetentieInstellingen,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.ruimOp().catch(() => undefined), this.instellingen.intervalMs);
    this.timer.unref();
    void this.ruimOp().catch(() => undefined);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.bezig?.catch(() => undefined);
  }

  /** One run: deletes every row older than the retention, batch by batch; returns how many. */
  async ruimOp(): Promise<number> {
    if (this.bezig) return this.bezig;
    this.bezig = this.run().finally(() => (this.bezig = undefined));
    return this.bezig;
  }

  private async run(): Promise<number> {
    const grens = new Date(Date.now() - this.instellingen.inboxDagen * DAG_MS);
    let totaal = 0;
    try {
      for (;;) {
        const [{ n }]: { n: number }[] = await this.dataSource.query(
          `WITH weg AS (
             DELETE FROM "${this.schema}".inbox i USING (
               SELECT consumer, event_id FROM "${this.schema}".inbox WHERE handled_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
             ) oud WHERE i.consumer = oud.consumer AND i.event_id = oud.event_id RETURNING 1
           ) SELECT count(*)::int AS n FROM weg`,
          [grens, this.instellingen.batch],
        );
        totaal += n;
        if (n < this.instellingen.batch) break;
      }
      if (totaal > 0) this.logger.event('info', 'oude inbox rijen verwijderd', { aantal: totaal, ouderDan: grens.toISOString() }, 'InboxRetentie');
      return totaal;
    } catch (error) {
      this.logger.event('warn', 'inbox opruimen mislukt, volgende keer opnieuw', { error: verhul((error as Error).message), aantal: totaal }, 'InboxRetentie');
      throw error;
    }
  }
}
