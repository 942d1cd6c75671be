// Jest globalTeardown for `*.int-spec.ts`: stops the Kafka broker that
// tools/jest-integration-setup.js started (a broker given through KAFKA_BROKERS is left alone).
module.exports = async function globalTeardown() {
  const broker = globalThis.__KAFKA_BROKER__;
  if (!broker) return;
  delete globalThis.__KAFKA_BROKER__;
  delete process.env.KAFKA_BROKERS;
  await broker.stop();
};
