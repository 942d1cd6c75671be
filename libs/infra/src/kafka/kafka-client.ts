import { partitionsFor } from '@bron/contracts';
import { Kafka, Partitioners, type Admin, type Consumer, type ConsumerConfig, type Producer, type SASLOptions } from 'kafkajs';
import type { JsonLogger } from '../logging/json-logger';
import { saslUitEnv, type KafkaSasl } from '../config';

/** The broker's refusals of a principal: wrong credentials, or an ACL that does not allow the request. */
const GEWEIGERD = new Set(['TOPIC_AUTHORIZATION_FAILED', 'GROUP_AUTHORIZATION_FAILED', 'CLUSTER_AUTHORIZATION_FAILED', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 'SASL_AUTHENTICATION_FAILED', 'ILLEGAL_SASL_STATE', 'UNSUPPORTED_SASL_MECHANISM']);

/**
 * Did the broker refuse this principal (authentication or authorization)? A retry does not help;
 * the remedy is an ACL or the credentials. kafkajs reports a group the principal may not use as
 * "Failed to find group coordinator" (it drops the GROUP_AUTHORIZATION_FAILED of FindCoordinator),
 * so with SASL that error counts as a refusal too.
 */
export function isToegangGeweigerd(error: unknown, metSasl = true): boolean {
  const fout = error as { errors?: unknown[] } | undefined;
  // KafkaJSAggregateError (e.g. "Topic creation errors") carries the broker's answers per topic.
  if (Array.isArray(fout?.errors) && fout.errors.some((e) => isToegangGeweigerd(e, metSasl))) return true;
  for (let e = error as { type?: string; name?: string; cause?: unknown; originalError?: unknown } | undefined; e; e = (e.cause ?? e.originalError) as typeof e) {
    if ((e.type && GEWEIGERD.has(e.type)) || e.name === 'KafkaJSSASLAuthenticationError') return true;
    if (metSasl && e.name === 'KafkaJSGroupCoordinatorNotFound') return true;
    if (/authoriz|SASL|authenticat/i.test((e as Error).message ?? '')) return true;
  }
  return false;
}

/**
 * The one place that knows kafkajs's client set-up, so that a move to another client
 * (e.g. @confluentinc/kafka-javascript, see docs/kafka.md) stays cheap. Topic names given to and
 * returned from it are logical; the deployment's prefix is added and stripped here.
 */
export class KafkaClient {
  readonly kafka: Kafka;
  private admin?: Admin;
  private readonly knownTopics = new Set<string>();
  /** How often a consumer heartbeats; the platform's consumer also heartbeats at half this while a chunk takes long. */
  readonly heartbeatIntervalMs = Number(process.env.KAFKA_HEARTBEAT_INTERVAL_MS ?? 1_000);

  constructor(
    readonly clientId: string,
    brokers: string[],
    private readonly topicPrefix: string,
    logger?: JsonLogger,
    /** Services keep trying longer than a command line, which should say soon that Kafka is away. */
    retries = 8,
    private readonly topics: { topicRetentieDagen?: number; sasl?: KafkaSasl } = {},
  ) {
    // SASL (the broker's security mode) when credentials are given or in the environment; PLAINTEXT otherwise.
    this.sasl = 'sasl' in topics ? topics.sasl : saslUitEnv(process.env);
    this.kafka = new Kafka({
      clientId,
      brokers,
      logCreator: logger?.kafkaLogCreator,
      retry: { initialRetryTime: 100, retries },
      ...(this.sasl ? { sasl: this.sasl as SASLOptions } : {}),
    });
  }

  private readonly sasl?: KafkaSasl;

  /** The principal this client authenticates as (`User:<name>`), or null without SASL. Names no person. */
  get principal(): string | null {
    return this.sasl ? `User:${this.sasl.username}` : null;
  }

  /** Did the broker refuse this client (see `isToegangGeweigerd`)? */
  isGeweigerd(error: unknown): boolean {
    return isToegangGeweigerd(error, this.sasl !== undefined);
  }

  physical(topic: string): string {
    return this.topicPrefix + topic;
  }

  logical(physicalTopic: string): string {
    return physicalTopic.startsWith(this.topicPrefix) ? physicalTopic.slice(this.topicPrefix.length) : physicalTopic;
  }

  producer(): Producer {
    // Idempotent: a retried send is written once, in order (one in-flight request).
    return this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  consumer(config: ConsumerConfig): Consumer {
    return this.kafka.consumer({
      sessionTimeout: Number(process.env.KAFKA_SESSION_TIMEOUT_MS ?? 10_000),
      heartbeatInterval: this.heartbeatIntervalMs,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
      ...config,
      groupId: this.topicPrefix + config.groupId,
    });
  }

  /** Creates the topics that do not exist yet (the broker does not auto-create). */
  async ensureTopics(topics: string[]): Promise<void> {
    const missing = [...new Set(topics)].filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(this.physical(t)));
    if (toCreate.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((t) => ({ topic: this.physical(t), numPartitions: partitionsFor(t), replicationFactor: 1, configEntries: this.topicConfig() })),
      });
    }
    missing.forEach((t) => this.knownTopics.add(t));
  }

  /**
   * The retention of the topics the platform creates (`KAFKA_TOPIC_RETENTIE_DAGEN`, default 7):
   * the inbox retention is checked against it, so it is set, not left to the broker's default.
   */
  private topicConfig(): { name: string; value: string }[] {
    const dagen = this.topics.topicRetentieDagen ?? Number(process.env.KAFKA_TOPIC_RETENTIE_DAGEN ?? 7);
    return [{ name: 'retention.ms', value: String(Math.round(dagen * 24 * 60 * 60 * 1000)) }];
  }

  /** The (logical) topics this client may see that match `patroon`, e.g. every intake topic. */
  async topicsVolgens(patroon: RegExp): Promise<string[]> {
    const admin = await this.connectedAdmin();
    return (await admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix)).map((t) => this.logical(t)).filter((t) => patroon.test(t)).sort();
  }

  /** The next offset per partition of a (logical) topic: where a reader starts that wants only what comes next. */
  async endOffsets(topic: string): Promise<{ partition: number; offset: string }[]> {
    const admin = await this.connectedAdmin();
    return (await admin.fetchTopicOffsets(this.physical(topic))).map(({ partition, offset }) => ({ partition, offset }));
  }

  /** Readiness: the cluster answers a metadata request. */
  async isReachable(): Promise<boolean> {
    try {
      const admin = await this.connectedAdmin();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    }
  }

  async disconnect(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = undefined;
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}
