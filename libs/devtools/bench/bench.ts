import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { kafkaBrokers } from '../src';
import type { Ankers } from './ankers';
import { BENCH_MAP } from './bench-systeem';
import { KLEIN } from './meting';
import { figuren, tabel, type Resultaten } from './figuren';

const ROOT = join(__dirname, '..', '..', '..');

/** One bench, run as its own process (a fresh heap and event loop, and the cascade alone on its core). */
interface Stap {
  naam: keyof Resultaten;
  bestand: string;
  /** How long it may take before the runner stops it (ms). */
  timeoutMs: number;
  /** Another project's bench that may not be there (yet): without its file the step is left out, not failed. */
  optioneel?: boolean;
}

const MINUUT = 60_000;
const STAPPEN: Stap[] = [
  { naam: 'ankers', bestand: 'libs/devtools/bench/ankers.ts', timeoutMs: (KLEIN ? 3 : 15) * MINUUT },
  { naam: 'cascade', bestand: 'libs/cascade/bench/cascade.bench.ts', timeoutMs: (KLEIN ? 3 : 10) * MINUUT },
  { naam: 'basissetHttp', bestand: 'apps/bekostiging/bench/basisset-http.bench.ts', timeoutMs: (KLEIN ? 4 : 15) * MINUUT },
  { naam: 'intake', bestand: 'libs/devtools/bench/intake.bench.ts', timeoutMs: (KLEIN ? 6 : 90) * MINUUT },
  { naam: 'status', bestand: 'libs/devtools/bench/status-latentie.bench.ts', timeoutMs: (KLEIN ? 5 : 45) * MINUUT },
  { naam: 'sectorIntake', bestand: 'libs/devtools/bench/sector-intake.bench.ts', timeoutMs: (KLEIN ? 5 : 60) * MINUUT },
  { naam: 'sectorFoto', bestand: 'apps/foto/bench/sector-foto.bench.ts', timeoutMs: (KLEIN ? 5 : 60) * MINUUT, optioneel: true },
];

let lopend: number | undefined;

/** Stops a bench and everything it started (the services are in its process group). */
function stopGroep(pid: number, signaal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signaal);
  } catch {
    // already gone
  }
}

/** Runs one bench with the shared broker; its figures come back through the BENCH_RESULTAAT file. */
async function draai(stap: Stap, brokers: string): Promise<{ resultaat?: unknown; fout?: string; seconden: number }> {
  const bestand = join(BENCH_MAP, `stap-${stap.naam}.json`);
  rmSync(bestand, { force: true });
  const start = performance.now();
  console.log(`\n--- bench ${stap.naam} (${stap.bestand}${KLEIN ? ' --klein' : ''})`);
  const kind = spawn(process.execPath, ['-r', join(ROOT, 'tools', 'register.js'), join(ROOT, stap.bestand), ...(KLEIN ? ['--klein'] : [])], {
    cwd: ROOT, env: { ...process.env, KAFKA_BROKERS: brokers, BENCH_RESULTAAT: bestand }, stdio: ['ignore', 'inherit', 'inherit'], detached: true,
  });
  lopend = kind.pid;
  let teLang = false;
  const timer = setTimeout(() => {
    teLang = true;
    stopGroep(kind.pid!, 'SIGTERM');
    setTimeout(() => stopGroep(kind.pid!, 'SIGKILL'), 20_000).unref();
  }, stap.timeoutMs);
  const [code, signaal] = (await once(kind, 'exit')) as [number | null, string | null];
  clearTimeout(timer);
  // Whatever the bench left behind (a service it did not stop after an error) goes with it.
  stopGroep(kind.pid!, 'SIGKILL');
  lopend = undefined;
  const seconden = Number(((performance.now() - start) / 1000).toFixed(1));
  if (teLang) return { fout: `niet klaar binnen ${stap.timeoutMs / MINUUT} min, gestopt`, seconden };
  if (code !== 0) return { fout: `eindigde met ${code ?? signaal}`, seconden };
  if (!existsSync(bestand)) return { fout: 'gaf geen resultaat', seconden };
  return { resultaat: JSON.parse(readFileSync(bestand, 'utf8')), seconden };
}

function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length, model: cpu[0]?.model ?? 'onbekend', geheugenGb: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version, platform: `${process.platform} ${release()}`,
  };
}

const belasting = () => loadavg().map((x) => Number(x.toFixed(2)));

/**
 * `npm run bench [-- --klein]`: the anchors (the machine's raw Kafka and PostgreSQL rates) and
 * every bench of the system in one run, on one broker (the repo's own, or KAFKA_BROKERS), one after
 * the other; prints one table with each figure as a ratio to its anchor and its target, and writes
 * tmp/bench/resultaat-<time>.json and tmp/bench/resultaat-laatste.json. A missed target is a
 * finding, not a failure: the exit code is 1 only when a bench itself failed. docs/bench.md.
 */
async function main(): Promise<number> {
  const tijd = new Date();
  const opruimen: (() => Promise<void>)[] = [];
  const stop = async (signaal: NodeJS.Signals) => {
    if (lopend) stopGroep(lopend, 'SIGKILL');
    for (const stap of opruimen.reverse()) await stap().catch(() => undefined);
    process.exit(signaal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  mkdirSync(BENCH_MAP, { recursive: true });
  const belastingBegin = belasting();
  try {
    const brokers = await kafkaBrokers(opruimen, Number(process.env.KAFKA_PORT ?? 19492), { handleSignals: false });
    const resultaten: Resultaten = {};
    const stappen: Record<string, { seconden: number; fout?: string }> = {};
    for (const stap of STAPPEN) {
      if (stap.optioneel && !existsSync(join(ROOT, stap.bestand))) {
        console.log(`\n--- bench ${stap.naam}: ${stap.bestand} ontbreekt, overgeslagen`);
        continue;
      }
      const { resultaat, fout, seconden } = await draai(stap, brokers);
      stappen[stap.naam] = { seconden, ...(fout ? { fout } : {}) };
      if (fout) console.log(`--- bench ${stap.naam} MISLUKT: ${fout}`);
      // Each bench's own file gives its own shape (ankers.ts, intake.bench.ts, ...).
      else (resultaten as Record<string, unknown>)[stap.naam] = resultaat;
    }
    const rijen = figuren(resultaten, stappen, KLEIN);
    const m = { ...machine(), postgres: (resultaten.ankers as Ankers | undefined)?.postgres.versie ?? null, belasting: { begin: belastingBegin, eind: belasting() } };
    const uitvoer = { tijd: tijd.toISOString(), klein: KLEIN, machine: m, stappen, figuren: rijen, resultaten };
    const naam = join(BENCH_MAP, `resultaat-${tijd.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(naam, JSON.stringify(uitvoer, null, 2) + '\n');
    writeFileSync(join(BENCH_MAP, 'resultaat-laatste.json'), JSON.stringify(uitvoer, null, 2) + '\n');

    console.log(`\nbench${KLEIN ? ' --klein' : ''} ${tijd.toISOString()}: ${m.cpus} x ${m.model}, ${m.geheugenGb} GB, node ${m.node}, PostgreSQL ${m.postgres ?? '?'}`);
    console.log(`belasting (load average 1/5/15 min): begin ${m.belasting.begin.join(' ')}, eind ${m.belasting.eind.join(' ')}\n`);
    console.log(tabel(rijen));
    console.log(`\nresultaat: ${naam}`);
    const mislukt = Object.entries(stappen).filter(([, s]) => s.fout);
    if (mislukt.length > 0) console.log(`bench MISLUKT: ${mislukt.map(([n, s]) => `${n} (${s.fout})`).join(', ')}`);
    return mislukt.length > 0 ? 1 : 0;
  } finally {
    for (const stap of opruimen.reverse()) await stap().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
