import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { once } from 'node:events';
import { Client } from 'pg';
import { InstellingTopics } from '@bron/contracts';
import { SERVICES } from '../src';
import { BENCH_MAP, benchSysteem } from './bench-systeem';
import { schrijfIntakeBestand } from './intake-bestand';
import { benchKafka, berichtenTotaal, eersteEnLaatste } from './kafka-meting';
import { KLEIN, meldResultaat, piekGeheugenMb } from './meting';

const ROOT = join(__dirname, '..', '..', '..');
const INSTELLING = '25LX';

/** Rows inserted, updated and deleted in the services' tables so far, per schema, and their dead tuples. */
async function rijschrijvingen(databaseUrl: string): Promise<{ perSchema: Record<string, number>; totaal: number; dood: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string; n: string; dood: string }>(
      `SELECT schemaname AS schema, sum(n_tup_ins + n_tup_upd + n_tup_del) AS n, sum(n_dead_tup) AS dood FROM pg_stat_user_tables GROUP BY schemaname ORDER BY schemaname`);
    const perSchema = Object.fromEntries(rows.map((r) => [r.schema, Number(r.n)]));
    return { perSchema, totaal: rows.reduce((t, r) => t + Number(r.n), 0), dood: rows.reduce((t, r) => t + Number(r.dood), 0) };
  } finally {
    await client.end();
  }
}

/**
 * Waits until the system is done with the aanlevering (bekostiging, foto and notificatie go on
 * after the last terugkoppeling): no new message on any topic and no new row write for `rustMs`.
 * PostgreSQL reports a backend's row counts when it is idle, within about 10 s, so `rustMs` is longer.
 */
async function wachtOpRust(tellers: () => Promise<string>, rustMs = 12_000, maxMs = 15 * 60_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let vorige = await tellers();
  let sinds = Date.now();
  while (Date.now() - sinds < rustMs) {
    if (Date.now() > deadline) throw new Error(`het systeem kwam niet tot rust binnen ${maxMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 1_000));
    const nu = await tellers();
    if (nu !== vorige) [vorige, sinds] = [nu, Date.now()];
  }
}

/**
 * Intake throughput: `bron aanleveren` of a file of BENCH_RECORDS inschrijvingen (default 100,000;
 * `--klein` 5,000) through the whole system (the four services as processes, the repo's Kafka,
 * PostgreSQL). The figure runs from the first record on the intake topic to the last message on
 * the terugkoppeling topic (the broker's timestamps, so the command's own start is not in it); the
 * command's whole time is given too. After the system has come to rest: the Kafka messages and the
 * row writes the aanlevering caused (per record), and the peak memory of every service and of the command.
 */
async function main(): Promise<void> {
  const aantal = Number(process.env.BENCH_RECORDS ?? (KLEIN ? 5_000 : 100_000));
  const opruimen: (() => Promise<void>)[] = [];
  try {
    const { env, services } = await benchSysteem(opruimen, { poort: 19492, prefix: 'bench', instelling: INSTELLING });
    await services.start();
    const bestand = join(BENCH_MAP, `aanlevering-${aantal}.csv`);
    await schrijfIntakeBestand(bestand, aantal);
    const kafka = benchKafka(env);
    opruimen.push(() => kafka.disconnect());
    const tellers = async () => `${await berichtenTotaal(kafka)}/${(await rijschrijvingen(env.DATABASE_URL)).totaal}`;
    await wachtOpRust(tellers, 2_000); // the services' start-up writes, so that they are not counted
    const berichtenVoor = await berichtenTotaal(kafka);
    const rijenVoor = await rijschrijvingen(env.DATABASE_URL);

    const start = performance.now();
    const cli = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'bron.js'), 'aanleveren', bestand, '--instelling', INSTELLING, '--batch-id', 'bench', '--timeout', '3600'], {
      env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'],
    });
    let uitvoer = '';
    cli.stdout.on('data', (d: Buffer) => (uitvoer += d.toString()));
    let piekCli = 0;
    const meter = setInterval(() => (piekCli = Math.max(piekCli, piekGeheugenMb(cli.pid))), 250);
    const [code] = (await once(cli, 'exit')) as [number];
    clearInterval(meter);
    const commandoSeconden = (performance.now() - start) / 1000;
    if (code !== 0) throw new Error(`bron aanleveren eindigde met ${code}: ${uitvoer}`);
    const tijden = await eersteEnLaatste(kafka, InstellingTopics.aanlevering(INSTELLING), InstellingTopics.terugkoppeling(INSTELLING));
    const seconden = (tijden.laatste - tijden.eerste) / 1000;

    const rustStart = performance.now();
    await wachtOpRust(tellers);
    const naloopSeconden = (performance.now() - rustStart) / 1000;
    const piekMb = Object.fromEntries(SERVICES.map((naam) => [naam, piekGeheugenMb(services.service(naam).proces.pid)]));
    const berichten = (await berichtenTotaal(kafka)) - berichtenVoor;
    const rijenNa = await rijschrijvingen(env.DATABASE_URL);
    const rijen = rijenNa.totaal - rijenVoor.totaal;
    const rijenPerSchema = Object.fromEntries(Object.entries(rijenNa.perSchema).map(([s, n]) => [s, n - (rijenVoor.perSchema[s] ?? 0)]).filter(([, n]) => Number(n) > 0));

    const perSeconde = Math.round(aantal / seconden);
    console.log(`intake bench: bron aanleveren van ${aantal} records (CSV), 4 services + Kafka + PostgreSQL op deze machine (node ${process.version})`);
    console.log(uitvoer.trim().split('\n')[0]);
    console.log(`intake: ${perSeconde} records/s (${seconden.toFixed(1)} s van het eerste record op het intake-topic tot de laatste terugkoppeling; het commando als geheel ${commandoSeconden.toFixed(1)} s)`);
    console.log(`per record: ${(berichten / aantal).toFixed(2)} Kafka-berichten en ${(rijen / aantal).toFixed(2)} rijschrijvingen (${Object.entries(rijenPerSchema).map(([s, n]) => `${s} ${(Number(n) / aantal).toFixed(2)}`).join(', ')}); daarna nog ${naloopSeconden.toFixed(1)} s tot rust, ${rijenNa.dood} dode tuples`);
    console.log(`piekgeheugen: ${Object.entries(piekMb).map(([s, mb]) => `${s} ${mb} MB`).join(', ')}; bron aanleveren ${piekCli} MB`);
    meldResultaat({
      records: aantal, seconden: Number(seconden.toFixed(2)), perSeconde, commandoSeconden: Number(commandoSeconden.toFixed(2)),
      berichten, berichtenPerRecord: Number((berichten / aantal).toFixed(2)), rijschrijvingen: rijen, rijschrijvingenPerRecord: Number((rijen / aantal).toFixed(2)), rijschrijvingenPerSchema: rijenPerSchema,
      dodeTuples: rijenNa.dood, naloopSeconden: Number(naloopSeconden.toFixed(1)), piekMb, piekMbCommando: piekCli,
    });
  } finally {
    for (const stap of opruimen.reverse()) await stap().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
