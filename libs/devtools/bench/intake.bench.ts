import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventTypes, InstellingTopics, type AanleverBatchVerwerkt, type Terugkoppeling } from '@bron/contracts';
import { PlatformClient, TestDatabase } from '@bron/infra';
import { leverAan, persoonsnummer, prng, ServiceSupervisor } from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureJars, startBroker } = require('../../../infra/kafka/kafka.js') as {
  ensureJars: () => Promise<string>;
  startBroker: (o: { port: number }) => Promise<{ brokers: string[]; stop: () => Promise<void> }>;
};

/**
 * Intake throughput: one batch of BENCH_RECORDS (default 100,000) inschrijvingen through the whole
 * system (the four services as processes, the repo's Kafka, PostgreSQL), measured from the first
 * record sent to the last terugkoppeling received, plus the peak memory of the intake service.
 */
async function main(): Promise<void> {
  const aantal = Number(process.env.BENCH_RECORDS ?? 100_000);
  const opruimen: (() => Promise<void>)[] = [];
  try {
    let brokers = process.env.KAFKA_BROKERS;
    if (!brokers) {
      await ensureJars();
      const broker = await startBroker({ port: Number(process.env.KAFKA_PORT ?? 19492) });
      opruimen.push(() => broker.stop());
      brokers = broker.brokers.join(',');
    }
    const db = await TestDatabase.maak();
    opruimen.push(() => db.verwijder());
    const env = { KAFKA_BROKERS: brokers, DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `bench${Date.now()}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: '25LX', LOG_LEVEL: 'warn' };
    const logDir = join(__dirname, '..', '..', '..', 'tmp', 'bench');
    mkdirSync(logDir, { recursive: true });
    const services = new ServiceSupervisor({ env: { ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, log: (service, regel) => appendFileSync(join(logDir, `${service}.log`), regel + '\n') });
    opruimen.push(() => services.stop());
    await services.start();
    // Counts as answers arrive (the bench must not spend the machine's CPU on its own bookkeeping).
    let beantwoord = 0;
    let samenvatting: AanleverBatchVerwerkt | undefined;
    let klaar = 0;
    const platform = new PlatformClient({ ...process.env, ...env });
    opruimen.push(() => platform.sluit());
    await platform.volg([InstellingTopics.terugkoppeling('25LX')], (b) => {
      if (b.metadata.eventType === EventTypes.Terugkoppeling && (b.value as Terugkoppeling).batchId === 'bench') beantwoord += 1;
      if (b.metadata.eventType === EventTypes.AanleverBatchVerwerkt) samenvatting = b.value as AanleverBatchVerwerkt;
      if (beantwoord >= aantal && samenvatting && !klaar) klaar = performance.now();
    });

    const random = prng(42);
    const records = Array.from({ length: aantal }, (_, i) => ({
      soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: persoonsnummer(random), inschrijving_id: `B-${i}`,
      crebo: ['25078', '25180', '25189', '25191'][i % 4], leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
    }));
    const intake = services.service('aanlevering').proces.pid!;
    let piekGeheugen = 0;
    const meter = setInterval(() => {
      const status = readFileSync(`/proc/${intake}/status`, 'utf8');
      piekGeheugen = Math.max(piekGeheugen, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    }, 500);
    const start = performance.now();
    await leverAan(platform, '25LX', 'bench', records);
    const verzonden = performance.now();
    while (!klaar) {
      if (performance.now() - start > 3_600_000) throw new Error(`na een uur ${beantwoord} van ${aantal} antwoorden`);
      await new Promise((r) => setTimeout(r, 200));
    }
    clearInterval(meter);

    const seconden = (klaar - start) / 1000;
    const perSeconde = aantal / seconden;
    console.log(`intake bench: ${aantal} records, 4 services + Kafka + PostgreSQL on this machine (${process.platform}, node ${process.version})`);
    console.log(`verzonden in ${((verzonden - start) / 1000).toFixed(1)} s; laatste terugkoppeling na ${seconden.toFixed(1)} s`);
    console.log(`intake: ${Math.round(perSeconde)} records/s (eerste record verzonden -> laatste terugkoppeling ontvangen)`);
    console.log(`samenvatting: ${JSON.stringify(samenvatting)}`);
    console.log(`piekgeheugen aanlevering-service: ${Math.round(piekGeheugen / 1024)} MB`);
  } finally {
    for (const stap of opruimen.reverse()) await stap().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
