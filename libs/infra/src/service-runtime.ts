import type { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from './config';
import { openDatabase } from './database/data-source';
import { KafkaClient } from './kafka/kafka-client';
import type { JsonLogger } from './logging/json-logger';
import type { UitgaandBericht } from './messaging/bericht';
import { BerichtConsumer, type BerichtHandler } from './messaging/bericht-consumer';
import type { BerichtCodec } from './messaging/codec';
import { Outbox } from './messaging/outbox';
import { OutboxRelay } from './messaging/outbox-relay';
import { InboxRetentie, retentieInstellingen } from './messaging/inbox-retentie';

const STARTUP_RETRY_MS = 60_000;

/**
 * Everything a service needs to talk to the outside world: its database schema (migrated), the
 * outbox and its relay, and its Kafka consumers. Stops in the safe order: consumers, relay, database.
 */
export class ServiceRuntime {
  private readonly consumers: BerichtConsumer[] = [];
  private relayStarted = false;

  private constructor(
    readonly config: ServiceConfig,
    readonly dataSource: DataSource,
    readonly kafka: KafkaClient,
    readonly codec: BerichtCodec,
    readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    private readonly logger: JsonLogger,
    readonly inboxRetentie: InboxRetentie,
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  static async open(config: ServiceConfig, logger: JsonLogger, codec: BerichtCodec, migrations: Function[]): Promise<ServiceRuntime> {
    const schema = config.service;
    const env = { ...process.env, ...config.env };
    // Refuses an inbox retention that is not longer than the topics' before anything starts.
    const retentie = retentieInstellingen(env);
    const dataSource = await openDatabase({ url: config.databaseUrl, schema, migrations, logger });
    const kafka = new KafkaClient(config.service, config.kafkaBrokers, config.topicPrefix, logger, 8, { topicRetentieDagen: retentie.topicDagen, sasl: config.kafkaSasl });
    const outbox = new Outbox(schema, codec);
    const relay = new OutboxRelay(dataSource, schema, outbox.notifyChannel, kafka, logger, config.databaseUrl);
    const inboxRetentie = new InboxRetentie(dataSource, schema, logger, retentie);
    return new ServiceRuntime(config, dataSource, kafka, codec, outbox, relay, logger, inboxRetentie);
  }

  /** State change and outgoing messages in one transaction. */
  async inTransaction<T>(work: (manager: EntityManager, publish: (berichten: UitgaandBericht[]) => Promise<void>) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager, (berichten) => this.outbox.add(manager, berichten)));
  }

  async startRelay(): Promise<void> {
    if (this.relayStarted) return;
    await this.whileStarting('outbox relay', () => this.relay.start(), () => this.relay.stop());
    this.relayStarted = true;
    this.inboxRetentie.start();
  }

  async consume(groupId: string, handler: BerichtHandler): Promise<BerichtConsumer> {
    const consumer = await this.whileStarting(`consumer ${groupId}`, async () => {
      const c = new BerichtConsumer(this.dataSource, this.config.service, this.kafka, this.codec, this.outbox, this.logger, { groupId, handler });
      try {
        await c.start();
      } catch (error) {
        await c.stop().catch(() => undefined);
        throw error;
      }
      return c;
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /**
   * A broker that has just started, or is electing leaders, refuses or drops connections for a
   * while; a service keeps trying for a minute instead of dying at the first refusal.
   */
  private async whileStarting<T>(what: string, start: () => Promise<T>, undo?: () => Promise<void>): Promise<T> {
    const deadline = Date.now() + STARTUP_RETRY_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await start();
      } catch (error) {
        await undo?.().catch(() => undefined);
        if (Date.now() > deadline || (error as { retriable?: boolean }).retriable === false) throw error;
        this.logger.event('warn', `${what} start niet, nieuwe poging`, { attempt, error: (error as Error).message }, 'ServiceRuntime');
        await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 5_000)));
      }
    }
  }

  /** The consumers started, for health. */
  get gestarteConsumers(): readonly BerichtConsumer[] {
    return this.consumers;
  }

  get relayActief(): boolean {
    return this.relayStarted && this.relay.isRunning;
  }

  /** Outbox rows Kafka refused for good (outbox_dead_letter), for health. */
  outboxDeadLetters(): Promise<number> {
    return this.relay.deadLetterCount();
  }

  async stopConsumers(): Promise<void> {
    for (const consumer of this.consumers.splice(0)) await consumer.stop();
  }

  async close(): Promise<void> {
    await this.stopConsumers();
    await this.inboxRetentie.stop();
    if (this.relayStarted) await this.relay.stop();
    this.relayStarted = false;
    await this.kafka.disconnect();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
