import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { laadKwalificaties } from '@bron/adapters';
import { InstellingTopics } from '@bron/contracts';
import { SERVICES } from '../src';
import { schrijfSectorNaar } from '../src/sector';
import { BENCH_MAP, benchSysteem } from './bench-systeem';
import { benchKafka, eersteEnLaatste } from './kafka-meting';
import { KLEIN, meldResultaat, piekGeheugenMb } from './meting';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The intake of a whole generated sector (docs/sector.md), every instelling delivering at once:
 * `bron genereer` with BENCH_SECTOR_STUDENTEN students (default 100,000; `--klein` 10,000) over
 * BENCH_SECTOR_INSTELLINGEN instellingen (default 20; `--klein` 4), then `bron aanleveren` of each
 * instelling's file at the same moment. The figure runs from the first record on any intake topic
 * to the last terugkoppeling on any instelling's topic (the broker's timestamps). The whole sector
 * of issue 11 (500,000 students, 60 instellingen, about 950,000 records) is the same bench with
 * BENCH_SECTOR_STUDENTEN=500000 BENCH_SECTOR_INSTELLINGEN=60; it takes a quarter of an hour here.
 */
async function main(): Promise<void> {
  const studenten = Number(process.env.BENCH_SECTOR_STUDENTEN ?? (KLEIN ? 10_000 : 100_000));
  const aantalInstellingen = Number(process.env.BENCH_SECTOR_INSTELLINGEN ?? (KLEIN ? 4 : 20));
  const map = join(BENCH_MAP, 'sector');
  rmSync(map, { recursive: true, force: true });
  const sector = schrijfSectorNaar(map, { studenten, instellingen: aantalInstellingen, jaren: 5, seed: 1 }, laadKwalificaties());
  const brins = Object.keys(sector.instellingen).sort();
  const records = Object.values(sector.records).reduce((a, b) => a + b, 0);

  const opruimen: (() => Promise<void>)[] = [];
  try {
    const { env, services } = await benchSysteem(opruimen, { poort: 19492, prefix: 'benchsector', instelling: brins.join(','), logVoorvoegsel: 'sector-' });
    // The generated sector's "today": every record may be delivered on it.
    Object.assign(env, { BRON_PEILDATUM: sector.peildatum });
    await services.start();
    const kafka = benchKafka(env);
    opruimen.push(() => kafka.disconnect());

    const start = performance.now();
    const commandos = brins.map((brin) => {
      const cli = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'bron.js'), 'aanleveren', join(map, `aanlevering-${brin}.csv`), '--instelling', brin, '--batch-id', 'sector', '--timeout', '7200'], {
        env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let fouten = '';
      cli.stderr.on('data', (d: Buffer) => (fouten = (fouten + d.toString()).slice(-500)));
      opruimen.push(async () => {
        if (cli.exitCode === null) cli.kill('SIGKILL');
      });
      return once(cli, 'exit').then(([code]) => ({ brin, code: code as number, fouten }));
    });
    const uitkomsten = await Promise.all(commandos);
    const commandoSeconden = (performance.now() - start) / 1000;
    const mislukt = uitkomsten.filter((u) => u.code !== 0);
    if (mislukt.length > 0) throw new Error(`bron aanleveren eindigde niet met 0 voor ${mislukt.map((u) => `${u.brin} (${u.code}): ${u.fouten.trim()}`).join('; ')}`);

    const tijden = await Promise.all(brins.map((brin) => eersteEnLaatste(kafka, InstellingTopics.aanlevering(brin), InstellingTopics.terugkoppeling(brin))));
    const seconden = (Math.max(...tijden.map((t) => t.laatste)) - Math.min(...tijden.map((t) => t.eerste))) / 1000;
    const perSeconde = Math.round(records / seconden);
    const piekMb = Object.fromEntries(SERVICES.map((naam) => [naam, piekGeheugenMb(services.service(naam).proces.pid)]));
    console.log(`sector-intake bench: ${studenten} studenten bij ${brins.length} instellingen, ${records} records, alle instellingen tegelijk (node ${process.version})`);
    console.log(`intake: ${perSeconde} records/s (${seconden.toFixed(1)} s van het eerste record tot de laatste terugkoppeling; de commando's samen ${commandoSeconden.toFixed(1)} s)`);
    console.log(`piekgeheugen: ${Object.entries(piekMb).map(([s, mb]) => `${s} ${mb} MB`).join(', ')}`);
    meldResultaat({ studenten, instellingen: brins.length, records, seconden: Number(seconden.toFixed(2)), perSeconde, commandoSeconden: Number(commandoSeconden.toFixed(2)), piekMb });
  } finally {
    for (const stap of opruimen.reverse()) await stap().catch(() => undefined);
  }
}

// Exits when done: a client of the many it used may keep a timer for minutes after its disconnect.
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
