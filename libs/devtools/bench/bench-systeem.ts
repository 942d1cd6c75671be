import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestDatabase } from '@bron/infra';
import { kafkaBrokers, ServiceSupervisor } from '../src';

const ROOT = join(__dirname, '..', '..', '..');

/** Where the benches write their input files, service logs and results. */
export const BENCH_MAP = join(ROOT, 'tmp', 'bench');

/**
 * What every system bench runs on: the repo's broker (or KAFKA_BROKERS), a fresh database, and the
 * four services as processes, their logs in tmp/bench/<logVoorvoegsel><service>.log. Started, not
 * yet ready: the caller starts the services when it wants. `opruimen` gets what stops it all.
 */
export async function benchSysteem(opruimen: (() => Promise<void>)[], opties: { poort: number; prefix: string; instelling: string; logVoorvoegsel?: string }) {
  const brokers = await kafkaBrokers(opruimen, opties.poort);
  const db = await TestDatabase.maak();
  opruimen.push(() => db.verwijder());
  mkdirSync(BENCH_MAP, { recursive: true });
  const env = {
    KAFKA_BROKERS: brokers, DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `${opties.prefix}${Date.now()}.`, BRON_PEILDATUM: '2016-11-15',
    INSTELLINGEN: opties.instelling, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const services = new ServiceSupervisor({ env, log: (service, regel) => appendFileSync(join(BENCH_MAP, `${opties.logVoorvoegsel ?? ''}${service}.log`), regel + '\n') });
  opruimen.push(() => services.stop());
  return { env, services };
}
