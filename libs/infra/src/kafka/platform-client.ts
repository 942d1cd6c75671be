import { randomUUID } from 'node:crypto';
import { bronCodec, isEventType } from '@bron/contracts';
import type { Ontvangen, UitgaandBericht } from '../messaging/bericht';
import { fromHeaders, toHeaders } from '../messaging/headers';
import { KafkaClient } from './kafka-client';
import { herhaalBijKafkaFout } from './herhaal';
import { pakketten } from './pakketten';
import { groepeer } from '../groepeer';
import { saslUitEnv } from '../config';
import type { Consumer, Producer } from 'kafkajs';

/**
 * A client of the platform from outside the services (the bron CLI, the demo, tests): sends
 * events and follows topics, through Kafka only, like the services. With `KAFKA_SASL_USERNAME` and
 * `KAFKA_SASL_PASSWORD` it authenticates as that principal; its readers' group ids start with
 * `BRON_CLIENT_GROEP_PREFIX` (default `bron-client-`; an instelling reads with `instelling.<BRIN>.`,
 * the only group prefix its ACLs allow).
 */
export class PlatformClient {
  private readonly client: KafkaClient;
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];
  readonly brokers: string[];
  private readonly groepPrefix: string;
  private gesloten = false;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
    this.client = new KafkaClient(`bron-client-${randomUUID().slice(0, 8)}`, this.brokers, env.BRON_TOPIC_PREFIX ?? '', undefined, 6, { sasl: saslUitEnv(env) });
    this.groepPrefix = env.BRON_CLIENT_GROEP_PREFIX || 'bron-client-';
    // kafkajs logs connection retries at ERROR; callers report failures themselves.
    this.client.kafka.logger().setLogLevel(0);
  }

  async ensureTopics(topics: string[]): Promise<void> {
    await this.client.ensureTopics(topics);
  }

  /** Retriable broker errors (a broker that has just started, a leader election) are retried (`herhaalBijKafkaFout`). */
  async send(berichten: UitgaandBericht[]): Promise<void> {
    if (!this.producer) {
      const producer = this.client.producer();
      await herhaalBijKafkaFout(() => producer.connect());
      this.producer = producer;
    }
    const producer = this.producer;
    const perTopic = groepeer(berichten, (b) => b.topic);
    await herhaalBijKafkaFout(() => this.client.ensureTopics([...perTopic.keys()]));
    for (const [topic, lijst] of perTopic) {
      const messages = lijst.map((b) => ({ key: b.key, value: bronCodec.encode(b.metadata.eventType, b.value), headers: toHeaders(b.metadata) }));
      for (const pakket of pakketten(messages, (m) => m.value.length)) {
        await herhaalBijKafkaFout(() => producer.send({ acks: -1, topic: this.client.physical(topic), messages: pakket }));
      }
    }
  }

  /**
   * Follows topics from now on (or from the beginning), without a committed position: every run
   * is a fresh reader. Resolves once the reader has joined. A message of a type this version of
   * the schemas does not know is passed over (a newer producer); its value could not be read.
   */
  async volg(topics: string[], opBericht: (bericht: Ontvangen) => void | Promise<void>, vanafBegin = false): Promise<void> {
    // A topic just made (by this client or another) may not have its leader yet: retriable, as for a send.
    await herhaalBijKafkaFout(() => this.client.ensureTopics(topics));
    // Positions taken before anything is sent, so that no answer can slip in before the reader starts.
    const start = vanafBegin
      ? []
      : await herhaalBijKafkaFout(() => Promise.all(topics.map(async (t) => ({ topic: this.client.physical(t), offsets: await this.client.endOffsets(t) }))));
    const groupId = `${this.groepPrefix}${randomUUID()}`;
    await herhaalBijKafkaFout(() => this.lees(groupId, topics, opBericht, vanafBegin, (consumer) => {
      for (const { topic, offsets } of start) for (const { partition, offset } of offsets) consumer.seek({ topic, partition, offset });
    }));
  }

  /**
   * One reader of the group, joined. When kafkajs gives up on it (a crash it does not restart
   * from, as after a broker restart while the group coordinator is still loading), a new reader of
   * the same group takes over from the offsets it committed, as the services' consumers do.
   */
  private async lees(
    groupId: string, topics: string[], opBericht: (bericht: Ontvangen) => void | Promise<void>, vanafBegin: boolean, plaats: (consumer: Consumer) => void = () => undefined,
  ): Promise<void> {
    const consumer = this.client.consumer({ groupId });
    this.consumers.push(consumer);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.gesloten) return;
      const opnieuw = (wachtMs: number) => setTimeout(() => {
        if (this.gesloten) return;
        this.consumers.splice(this.consumers.indexOf(consumer), 1);
        consumer.disconnect().catch(() => undefined)
          .then(() => this.lees(groupId, topics, opBericht, true))
          .catch(() => opnieuw(Math.min(wachtMs * 2, 30_000)));
      }, wachtMs).unref();
      opnieuw(1_000);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: topics.map((t) => this.client.physical(t)), fromBeginning: vanafBegin });
    } catch (error) {
      // Not started: gone again, so that another attempt starts clean.
      this.consumers.splice(this.consumers.indexOf(consumer), 1);
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const positie = { topic: this.client.logical(topic), partition, offset: message.offset };
        const metadata = fromHeaders(message.headers, positie);
        const { type, value } = bronCodec.decode(message.value ?? Buffer.alloc(0), metadata.eventType);
        if (!isEventType(type)) return;
        // The codec decoded `value` with the schema of `type`.
        await opBericht({ ...positie, type, key: message.key?.toString() ?? null, value, metadata: { ...metadata, eventType: type } } as Ontvangen);
      },
    });
    plaats(consumer);
    await joined;
  }

  async sluit(): Promise<void> {
    this.gesloten = true;
    await Promise.all(this.consumers.map((c) => c.disconnect()));
    await this.producer?.disconnect();
    await this.client.disconnect();
  }
}
