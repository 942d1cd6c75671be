// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureJars, startBroker } = require('../../../infra/kafka/kafka.js') as {
  ensureJars: () => Promise<string>;
  startBroker: (o: { port: number; handleSignals?: boolean }) => Promise<{ brokers: string[]; stop: () => Promise<void> }>;
};

/**
 * The brokers to use: KAFKA_BROKERS when given, otherwise the repo's own broker (infra/kafka),
 * started here on KAFKA_PORT or `standaardPoort`; its stop is added to `opruimen`. A caller that
 * stops everything in order on Ctrl-C itself passes `handleSignals: false`; otherwise the broker
 * stops on the process's SIGINT/SIGTERM.
 */
export async function kafkaBrokers(opruimen: (() => Promise<void>)[], standaardPoort: number, opties: { handleSignals?: boolean } = {}): Promise<string> {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  await ensureJars();
  const broker = await startBroker({ port: Number(process.env.KAFKA_PORT ?? standaardPoort), handleSignals: opties.handleSignals ?? true });
  opruimen.push(() => broker.stop());
  return broker.brokers.join(',');
}
