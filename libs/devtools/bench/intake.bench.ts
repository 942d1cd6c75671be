import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { KOLOMMEN } from '@bron/aanlevering-domein';
import { persoonsnummer, prng } from '../src';
import { BENCH_MAP, benchSysteem } from './bench-systeem';

const ROOT = join(__dirname, '..', '..', '..');

/** Peak resident memory of a process so far, in MB (Linux). */
function piekMb(pid: number): number {
  try {
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** A CSV file of `aantal` valid inschrijvingen, written as a stream. */
async function schrijfBestand(bestand: string, aantal: number): Promise<void> {
  const random = prng(42);
  const uit = createWriteStream(bestand);
  uit.write(KOLOMMEN.join(',') + '\n');
  for (let i = 0; i < aantal; i++) {
    const velden: Record<string, string> = {
      soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: persoonsnummer(random), inschrijving_id: `B-${i}`,
      crebo: ['25078', '25180', '25189', '25191'][i % 4], leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
    };
    if (!uit.write(KOLOMMEN.map((k) => velden[k] ?? '').join(',') + '\n')) await once(uit, 'drain');
  }
  uit.end();
  await once(uit, 'finish');
}

/**
 * Intake throughput: `bron aanleveren` of a file of BENCH_RECORDS (default 100,000) inschrijvingen
 * through the whole system (the four services as processes, the repo's Kafka, PostgreSQL), from
 * the start of the command until it has every terugkoppeling, with the peak memory of the command
 * and of the intake service.
 */
async function main(): Promise<void> {
  const aantal = Number(process.env.BENCH_RECORDS ?? 100_000);
  const opruimen: (() => Promise<void>)[] = [];
  try {
    const { env, services } = await benchSysteem(opruimen, { poort: 19492, prefix: 'bench', instelling: '25LX' });
    const logDir = BENCH_MAP;
    await services.start();
    const bestand = join(logDir, `aanlevering-${aantal}.csv`);
    await schrijfBestand(bestand, aantal);

    const intake = services.service('aanlevering').proces.pid!;
    const start = performance.now();
    const cli = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'bron.js'), 'aanleveren', bestand, '--instelling', '25LX', '--batch-id', 'bench', '--timeout', '3600'], {
      env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'],
    });
    let uitvoer = '';
    cli.stdout.on('data', (d: Buffer) => (uitvoer += d.toString()));
    let piekCli = 0;
    let piekIntake = 0;
    const meter = setInterval(() => {
      piekCli = Math.max(piekCli, piekMb(cli.pid!));
      piekIntake = Math.max(piekIntake, piekMb(intake));
    }, 250);
    const [code] = (await once(cli, 'exit')) as [number];
    clearInterval(meter);
    const seconden = (performance.now() - start) / 1000;
    if (code !== 0) throw new Error(`bron aanleveren eindigde met ${code}: ${uitvoer}`);

    console.log(`intake bench: bron aanleveren van ${aantal} records (CSV), 4 services + Kafka + PostgreSQL op deze machine (node ${process.version})`);
    console.log(uitvoer.trim().split('\n')[0]);
    console.log(`intake: ${Math.round(aantal / seconden)} records/s (${seconden.toFixed(1)} s van de start van het commando tot de laatste terugkoppeling)`);
    console.log(`piekgeheugen: bron aanleveren ${piekCli} MB, aanlevering-service ${piekIntake} MB`);
  } finally {
    for (const stap of opruimen.reverse()) await stap().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
