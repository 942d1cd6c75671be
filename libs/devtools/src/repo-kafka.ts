// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureJars, startBroker } = require('../../../infra/kafka/kafka.js') as {
  ensureJars: () => Promise<string>;
  startBroker: (o: { port: number; handleSignals?: boolean; dataDir?: string; keepData?: boolean }) => Promise<{ brokers: string[]; stop: () => Promise<void> }>;
};

/** A broker of the repo's own (infra/kafka) for one test: on `port`, its data in `dataDir`; `keepData` restarts it on that data. */
export async function eigenBroker(opties: { port: number; dataDir: string; keepData?: boolean }): Promise<{ brokers: string[]; stop: () => Promise<void> }> {
  await ensureJars();
  return startBroker({ ...opties, handleSignals: false });
}

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
