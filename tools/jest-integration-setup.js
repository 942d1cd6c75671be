// Jest globalSetup for `*.int-spec.ts`: the integration tests need PostgreSQL and a Kafka broker.
// PostgreSQL must already run; Kafka is started here unless KAFKA_BROKERS points at one already
// (for example `node infra/kafka/kafka.js run -- ...` or a `start --detach` broker).
// Environment changes made here reach the test workers; the handle is kept in globalThis for
// tools/jest-integration-teardown.js (same process).
const { Client } = require('pg');
const { startBroker } = require('../infra/kafka/kafka.js');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function checkPostgres() {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    throw new Error(
      `Integration tests need PostgreSQL, but it does not answer at ${shown}: ${err.message}. ` +
        'Start PostgreSQL, or set DATABASE_URL to one that runs.',
    );
  } finally {
    await client.end().catch(() => {});
  }
}

module.exports = async function globalSetup() {
  await checkPostgres();
  if (process.env.KAFKA_BROKERS) return;
  const broker = await startBroker({ port: Number(process.env.KAFKA_PORT || 19192) });
  globalThis.__KAFKA_BROKER__ = broker;
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
};
