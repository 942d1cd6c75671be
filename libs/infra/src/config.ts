/**
 * Runtime configuration from the environment, read once at start-up. Defaults fit a developer
 * machine: the repo's own broker (infra/kafka) and the local PostgreSQL server.
 */
export interface ServiceConfig {
  service: string;
  kafkaBrokers: string[];
  databaseUrl: string;
  /** Prepended to every topic name; lets integration tests share one broker without sharing topics. */
  topicPrefix: string;
  httpPort: number;
  /** The system's "today" for the prognose (YYYY-MM-DD); set in demos and tests, the real date otherwise. */
  peildatum: () => string;
  /** The environment overrides this config was read with (tests run several services in one process). */
  env: NodeJS.ProcessEnv;
  /** SASL credentials of the service's own principal, when the broker requires them (docs/kafka.md, security mode). */
  kafkaSasl?: KafkaSasl;
}

/** SASL/SCRAM credentials for kafkajs. */
export interface KafkaSasl {
  mechanism: 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

/**
 * SASL from `KAFKA_SASL_USERNAME` and `KAFKA_SASL_PASSWORD` (mechanism `KAFKA_SASL_MECHANISM`,
 * default scram-sha-256); none (PLAINTEXT) when no user name is set.
 */
export function saslUitEnv(env: NodeJS.ProcessEnv = process.env): KafkaSasl | undefined {
  const username = env.KAFKA_SASL_USERNAME?.trim();
  if (!username) return undefined;
  const mechanism = (env.KAFKA_SASL_MECHANISM ?? 'scram-sha-256').toLowerCase();
  if (mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512') throw new Error(`KAFKA_SASL_MECHANISM must be scram-sha-256 or scram-sha-512, got '${mechanism}'`);
  if (!env.KAFKA_SASL_PASSWORD) throw new Error(`KAFKA_SASL_USERNAME is set (${username}) but KAFKA_SASL_PASSWORD is not`);
  return { mechanism, username, password: env.KAFKA_SASL_PASSWORD };
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/bron';

export function readConfig(service: string, defaultHttpPort: number, overrides: NodeJS.ProcessEnv = {}): ServiceConfig {
  const env = { ...process.env, ...overrides };
  const peildatum = env.BRON_PEILDATUM;
  if (peildatum !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(peildatum)) {
    throw new Error(`BRON_PEILDATUM must be a date YYYY-MM-DD, got '${peildatum}'`);
  }
  return {
    service,
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((b) => b.trim()).filter(Boolean),
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    topicPrefix: env.BRON_TOPIC_PREFIX ?? '',
    httpPort: Number(env[`${service.toUpperCase()}_PORT`] ?? env.PORT ?? defaultHttpPort),
    peildatum: peildatum ? () => peildatum : () => new Date().toISOString().slice(0, 10),
    env: overrides,
    kafkaSasl: saslUitEnv(env),
  };
}
