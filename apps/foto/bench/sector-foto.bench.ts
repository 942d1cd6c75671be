import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { EventTypes, InstellingTopics, Topics, bronCodec, type BasissetBerekend, type FotoGemaakt } from '@bron/contracts';
import { canoniekeFotoTekst, maakFoto, sectortotalenUit, type FotoMoment } from '@bron/domein';
import { KafkaClient, PlatformClient, TestDatabase, nieuwBericht, type UitgaandBericht } from '@bron/infra';
// The bench is developer tooling beside its service (as apps/bekostiging/bench): it runs the
// service as a process the way the system benches do, on the repo's broker.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ServiceSupervisor, kafkaBrokers, type GestarteService } from '@bron/devtools';
import { FotoVersies } from '../src/fotos/foto-versies.repository';
import { sectorBasissets } from './sector-basissets';

const ROOT = join(__dirname, '..', '..', '..');
const BENCH_MAP = join(ROOT, 'tmp', 'bench');
const KLEIN = process.argv.some((a) => a === '--klein' || a === '--klein=true');
/** Seconds between the second start of the service and the moment: its start-up must lie before it. */
const MARGE_S = Number(process.env.BENCH_FOTO_MARGE_S ?? 20);

export interface SectorFotoFiguren {
  studenten: number;
  instellingen: number;
  teldatum: string;
  /** The VOORLOPIG_1 moment the foto's are of. */
  moment: string;
  produceren: { seconden: number; perSeconde: number };
  /** From the first version the service recorded to the last (bekend_sinds), and the service's peak RSS then. */
  projectie: { versies: number; seconden: number; perSeconde: number; vanStartSeconden: number; piekMb: number };
  /** From the moment passing to the last announcement (broker time); per foto the time between two foto transactions. */
  fotos: {
    aantal: number; seconden: number; totEersteSeconden: number; perFotoMs: { p50: number; max: number }; grootste: { inschrijvingen: number; ms: number };
    inschrijvingen: number; gzipMb: number; piekMb: number; rustMb: number; opstartSeconden: number;
    /**
     * CPU seconds of the service process and of its PostgreSQL backends from its start-up to the last
     * announcement (not counted: parallel query workers, and connections closed before the end).
     */
    cpu: { service: number; postgres: number };
    /** In the order they were made (the first also computes the sector totals). */
    perFoto: { instelling: string; inschrijvingen: number; ms: number }[];
  };
  /**
   * The steps of one foto, for the largest instelling, run in the bench's own process after the
   * service stopped: the read (FotoVersies.laatsteOp; and without the JSON parse), the sector
   * totals (once per moment), maakFoto (with the canonical text its checksum is of), the canonical
   * text once more and its gzip (what Fotos.bewaar does).
   */
  uitsplitsing: { instelling: string; inschrijvingen: number; lezenMs: number; lezenZonderJsonMs: number; sectorMs: number; maakFotoMs: number; tekstMs: number; gzipMs: number; tekstMb: number; gzipMb: number };
  piekMb: number;
  belasting: { begin: number[]; eind: number[] };
  doel: { seconden: number; mb: number; gehaald: boolean };
}

/** Resident memory of a process in MB: its peak so far (VmHWM) or now (VmRSS). */
function geheugenMb(service: GestarteService, veld: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  const kb = new RegExp(`${veld}:\\s+(\\d+)`).exec(readFileSync(`/proc/${service.proces.pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb ?? 0) / 1024);
}

/** CPU seconds (user + system) a process used so far; 0 when it is gone. Linux clock ticks are 1/100 s. */
function cpuSeconden(pid: number): number {
  try {
    const velden = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(velden[11]) + Number(velden[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds per process now. */
const cpuStand = (pids: number[]): Map<number, number> => new Map(pids.map((pid) => [pid, cpuSeconden(pid)]));

/** What the processes of `na` used since `voor` (a process not in `voor` started since: all of it). */
const cpuSinds = (voor: Map<number, number>, na: Map<number, number>): number => [...na].reduce((n, [pid, s]) => n + s - (voor.get(pid) ?? 0), 0);

/** The PostgreSQL backends of the bench's database (the service's connections): where its queries run. */
async function backends(db: TestDatabase): Promise<number[]> {
  const rijen = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  return rijen.map((r) => r.pid);
}

const tweeCijfers = (n: number) => String(n).padStart(2, '0');
const kalenderdag = (d: Date) => `${tweeCijfers(d.getUTCMonth() + 1)}-${tweeCijfers(d.getUTCDate())}`;

/**
 * BRON_FOTOKALENDER with every scheduled soort on yesterday (it lies before the service first ran,
 * so it is never made), and VOORLOPIG_1 at `moment` when given.
 */
function kalender(moment?: Date): string {
  const gisteren = kalenderdag(new Date(Date.now() - 86_400_000));
  const dagen: Record<string, string> = { VOORLOPIG_1: gisteren, INTEGRAAL: gisteren, VOORLOPIG_2: gisteren, DEFINITIEF: gisteren };
  if (moment) dagen.VOORLOPIG_1 = `${kalenderdag(moment)}T${moment.toISOString().slice(11, 19)}Z`;
  return JSON.stringify(dagen);
}

const ronde = (x: number, d = 1) => Number(x.toFixed(d));
const pauze = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the service's group `foto` has committed every message of the basisset topic (it commits after the database). */
async function wachtOpProjectie(kafka: KafkaClient, groep: string, timeoutMs: number): Promise<void> {
  const admin = kafka.kafka.admin();
  await admin.connect();
  try {
    const topic = kafka.physical(Topics.basisset);
    const eind = (await kafka.endOffsets(Topics.basisset)).reduce((n, p) => n + Number(p.offset), 0);
    const deadline = Date.now() + timeoutMs;
    let gemeld = Date.now();
    for (;;) {
      const [stand] = await admin.fetchOffsets({ groupId: groep, topics: [topic] });
      const verwerkt = (stand?.partitions ?? []).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
      if (verwerkt >= eind) return;
      if (Date.now() > deadline) throw new Error(`de projectie haalde ${verwerkt} van ${eind} versies binnen ${timeoutMs / 1000} s`);
      if (Date.now() - gemeld > 15_000) {
        console.log(`  projectie: ${verwerkt} van ${eind} versies`);
        gemeld = Date.now();
      }
      await pauze(500);
    }
  } finally {
    await admin.disconnect();
  }
}

/** Reads the FotoGemaakt announcements of `moment` on the instellingen's topics: per instelling the broker time of its announcement. */
async function volgAankondigingen(kafka: KafkaClient, brins: string[], moment: string) {
  const topics = brins.map((b) => InstellingTopics.foto(b));
  await kafka.ensureTopics(topics);
  const tijden = new Map<string, number>();
  let klaar: (() => void) | undefined;
  const consumer = kafka.consumer({ groupId: `bench-foto-${randomUUID()}` });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map((t) => kafka.physical(t)), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const { value } = bronCodec.decode(message.value!, EventTypes.FotoGemaakt) as { value: FotoGemaakt };
      if (value.soort !== 'VOORLOPIG_1' || value.bekendOp !== moment) return;
      tijden.set(value.instelling, Number(message.timestamp));
      if (tijden.size === brins.length) klaar?.();
    },
  });
  await joined;
  return {
    stop: () => consumer.disconnect(),
    alle: (timeoutMs: number) => new Promise<Map<string, number>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${tijden.size} van ${brins.length} foto's aangekondigd binnen ${timeoutMs / 1000} s`)), timeoutMs);
      klaar = () => { clearTimeout(timer); resolve(tijden); };
      if (tijden.size === brins.length) klaar();
    }),
  };
}

/** Milliseconds `stap` takes, and its result. */
async function gemeten<T>(stap: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const uitkomst = await stap();
  return [uitkomst, ronde(performance.now() - start)];
}

/** The steps FotoMaker.maak and Fotos.bewaar take for one foto, each timed, with the service's own queries. */
async function uitsplitsing(databaseUrl: string, moment: FotoMoment): Promise<SectorFotoFiguren['uitsplitsing']> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const manager = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as unknown as EntityManager;
    const versies = new FotoVersies();
    // Once untimed, so that both reads find the rows in PostgreSQL's cache.
    await versies.laatsteOp(manager, moment.instelling, moment.peildatum, moment.bekendOp);
    const [, lezenZonderJsonMs] = await gemeten(() => client.query(
      `SELECT DISTINCT ON (persoonsnummer, inschrijving_id) inhoud::text, bekend_sinds FROM foto.basissetversie
       WHERE instelling = $1 AND teldatum = $2 AND bekend_sinds <= $3 ORDER BY persoonsnummer, inschrijving_id, bekend_sinds DESC, versie DESC`,
      [moment.instelling, moment.peildatum, moment.bekendOp]));
    const [rijen, lezenMs] = await gemeten(() => versies.laatsteOp(manager, moment.instelling, moment.peildatum, moment.bekendOp));
    const [sector, sectorMs] = await gemeten(async () => sectortotalenUit(await versies.sectorInvoer(manager, moment.peildatum, moment.bekendOp), moment.peildatum, moment.bekendOp));
    const [foto, maakFotoMs] = await gemeten(() => maakFoto(rijen, moment, { sector }));
    const [tekst, tekstMs] = await gemeten(() => canoniekeFotoTekst(foto));
    const [gzip, gzipMs] = await gemeten(() => gzipSync(Buffer.from(tekst, 'utf8'), { level: 6 }));
    const mb = (bytes: number) => ronde(bytes / 2 ** 20);
    return { instelling: moment.instelling, inschrijvingen: rijen.length, lezenMs, lezenZonderJsonMs, sectorMs, maakFotoMs, tekstMs, gzipMs, tekstMb: mb(Buffer.byteLength(tekst)), gzipMb: mb(gzip.length) };
  } finally {
    await client.end();
  }
}

/**
 * The foto's of a whole sector (issue 10): `studenten` BasissetBerekend messages over
 * `instellingen` onto the basisset topic first; then only the foto service, on a fresh database,
 * projects them (every version a row in foto.basissetversie); then it is started again with a
 * calendar whose VOORLOPIG_1 lies MARGE_S seconds ahead, and makes that moment's foto of every
 * instelling by itself. Two processes, so each phase has its own peak RSS and the foto's are made
 * by a service that did not just hold the projection's batches. The time runs from the moment to
 * the last FotoGemaakt on the instellingen's topics (the broker's timestamps).
 */
export async function benchSectorFotos(opties: { studenten: number; instellingen: number }): Promise<SectorFotoFiguren> {
  const opruimen: (() => Promise<unknown>)[] = [];
  const belastingBegin = loadavg().map((x) => ronde(x, 2));
  try {
    const brokers = await kafkaBrokers(opruimen as (() => Promise<void>)[], 19792);
    const db = await TestDatabase.maak();
    opruimen.push(() => db.verwijder());
    mkdirSync(BENCH_MAP, { recursive: true });
    const vandaag = new Date();
    const studiejaar = vandaag.getUTCMonth() >= 7 ? vandaag.getUTCFullYear() : vandaag.getUTCFullYear() - 1;
    const teldatum = `${studiejaar}-10-01`;
    const env: NodeJS.ProcessEnv = {
      KAFKA_BROKERS: brokers, DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `benchfoto${Date.now()}.`, BRON_PEILDATUM: vandaag.toISOString().slice(0, 10),
      BRON_FOTO_PLANNING_MS: '500', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    };
    const kafka = new KafkaClient(`bench-foto-${randomUUID().slice(0, 8)}`, brokers.split(','), env.BRON_TOPIC_PREFIX!, undefined, 8, {});
    kafka.kafka.logger().setLogLevel(0);
    opruimen.push(() => kafka.disconnect());

    // 1. The sector's basissets on the topic, before the service runs: the projection is measured alone.
    const afzender = new PlatformClient(env);
    opruimen.push(() => afzender.sluit());
    const perInstelling = new Map<string, number>();
    let deel: UitgaandBericht<BasissetBerekend>[] = [];
    const produceerStart = performance.now();
    for (const b of sectorBasissets({ ...opties, teldatum })) {
      perInstelling.set(b.instelling, (perInstelling.get(b.instelling) ?? 0) + 1);
      deel.push(nieuwBericht({ topic: Topics.basisset, key: b.persoonsnummer, type: EventTypes.BasissetBerekend, value: b, origin: 'bekostiging:bench' }));
      if (deel.length === 5_000) {
        await afzender.send(deel);
        deel = [];
      }
    }
    await afzender.send(deel);
    const produceerSeconden = (performance.now() - produceerStart) / 1000;
    const brins = [...perInstelling.keys()].sort();

    // 2. The projection: one foto service process, no moment to make. BENCH_FOTO_NODE_OPTIONS: Node
    // options for both processes; by default the heap limit docker-compose.yml gives the foto service.
    const nodeOpties = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${process.env.BENCH_FOTO_NODE_OPTIONS ?? '--max-old-space-size=320'}`.trim() };
    const log = (service: string, regel: string) => appendFileSync(join(BENCH_MAP, `sector-foto-${service}.log`), regel + '\n');
    // The planner at its default interval here: its rounds read the table, and would compete with the inserts.
    const eerste = new ServiceSupervisor({ env: { ...env, BRON_FOTOKALENDER: kalender(), BRON_FOTO_PLANNING_MS: '60000', ...nodeOpties }, log });
    opruimen.push(() => eerste.stop());
    const projectieStart = performance.now();
    const projecteur = await eerste.startEen('foto');
    await wachtOpProjectie(kafka, `${env.BRON_TOPIC_PREFIX}foto`, 30 * 60_000);
    const vanStartSeconden = (performance.now() - projectieStart) / 1000;
    const projectiePiekMb = geheugenMb(projecteur);
    await eerste.stop();
    const [p] = await db.query<{ n: string; van: Date; tot: Date }>(`SELECT count(*) AS n, min(bekend_sinds) AS van, max(bekend_sinds) AS tot FROM foto.basissetversie`);
    if (Number(p.n) !== opties.studenten) throw new Error(`foto.basissetversie houdt ${p.n} versies, niet ${opties.studenten}`);
    const projectieSeconden = Math.max(0.001, (p.tot.getTime() - p.van.getTime()) / 1000);

    // 3. The foto's: started again with the moment ahead, so that start-up is not in the figure.
    let moment!: Date;
    let fotograaf!: GestarteService;
    let opstartSeconden = 0;
    let tweede!: ServiceSupervisor;
    for (let marge = MARGE_S; ; marge *= 2) {
      moment = new Date(Math.ceil((Date.now() + marge * 1000) / 1000) * 1000);
      tweede = new ServiceSupervisor({ env: { ...env, BRON_FOTOKALENDER: kalender(moment), ...nodeOpties }, log });
      opruimen.push(() => tweede.stop());
      const start = performance.now();
      fotograaf = await tweede.startEen('foto');
      opstartSeconden = (performance.now() - start) / 1000;
      if (Date.now() < moment.getTime() - 500) break;
      console.log(`  de service was pas na het moment gestart (${ronde(opstartSeconden)} s); opnieuw met ${marge * 2} s marge`);
      if (marge > 8 * MARGE_S) throw new Error(`de foto service startte niet binnen ${marge} s`);
      await tweede.stop();
    }
    const rustMb = geheugenMb(fotograaf, 'VmRSS');
    const cpuVoor = { service: cpuSeconden(fotograaf.proces.pid!), postgres: cpuStand(await backends(db)) };
    const volger = await volgAankondigingen(kafka, brins, moment.toISOString());
    opruimen.push(() => volger.stop());
    const tijden = await volger.alle(30 * 60_000 + moment.getTime() - Date.now());
    const fotoPiekMb = geheugenMb(fotograaf);
    const cpu = { service: ronde(cpuSeconden(fotograaf.proces.pid!) - cpuVoor.service), postgres: ronde(cpuSinds(cpuVoor.postgres, cpuStand(await backends(db)))) };
    await tweede.stop();
    const laatste = Math.max(...tijden.values());
    const rijen = await db.query<{ instelling: string; gemaakt_op: Date; n: number; bytes: number }>(
      `SELECT instelling, gemaakt_op, aantal_inschrijvingen AS n, octet_length(inhoud) AS bytes FROM foto.foto WHERE soort = 'VOORLOPIG_1' AND bekend_op = $1 ORDER BY gemaakt_op`,
      [moment.toISOString()]);
    const perFoto = rijen.map((r, i) => (i + 1 < rijen.length ? rijen[i + 1].gemaakt_op.getTime() : laatste) - r.gemaakt_op.getTime());
    const grootste = rijen.reduce((g, r, i) => (r.n > rijen[g].n ? i : g), 0);
    const gesorteerd = [...perFoto].sort((a, b) => a - b);

    const delen = await uitsplitsing(db.url, { instelling: rijen[grootste].instelling, peildatum: teldatum, soort: 'VOORLOPIG_1', bekendOp: moment.toISOString() });
    const fotoSeconden = ronde((laatste - moment.getTime()) / 1000, 2);
    const piek = Math.max(projectiePiekMb, fotoPiekMb);
    return {
      studenten: opties.studenten, instellingen: brins.length, teldatum, moment: moment.toISOString(),
      produceren: { seconden: ronde(produceerSeconden), perSeconde: Math.round(opties.studenten / produceerSeconden) },
      projectie: { versies: Number(p.n), seconden: ronde(projectieSeconden), perSeconde: Math.round(Number(p.n) / projectieSeconden), vanStartSeconden: ronde(vanStartSeconden), piekMb: projectiePiekMb },
      fotos: {
        aantal: rijen.length, seconden: fotoSeconden, totEersteSeconden: ronde((rijen[0].gemaakt_op.getTime() - moment.getTime()) / 1000, 2),
        perFotoMs: { p50: gesorteerd[Math.floor((gesorteerd.length - 1) / 2)], max: gesorteerd[gesorteerd.length - 1] },
        grootste: { inschrijvingen: rijen[grootste].n, ms: perFoto[grootste] }, inschrijvingen: rijen.reduce((n, r) => n + r.n, 0),
        gzipMb: ronde(rijen.reduce((n, r) => n + Number(r.bytes), 0) / 2 ** 20), piekMb: fotoPiekMb, rustMb, opstartSeconden: ronde(opstartSeconden), cpu,
        perFoto: rijen.map((r, i) => ({ instelling: r.instelling, inschrijvingen: r.n, ms: perFoto[i] })),
      },
      uitsplitsing: delen,
      piekMb: piek,
      belasting: { begin: belastingBegin, eind: loadavg().map((x) => ronde(x, 2)) },
      doel: { seconden: 60, mb: 512, gehaald: fotoSeconden < 60 && piek < 512 },
    };
  } finally {
    for (const stap of opruimen.reverse()) await stap().catch(() => undefined);
  }
}

function druk(f: SectorFotoFiguren): void {
  const u = f.uitsplitsing;
  console.log(`sector-foto bench: ${f.studenten} studenten over ${f.instellingen} instellingen, teldatum ${f.teldatum}, VOORLOPIG_1 op ${f.moment} (node ${process.version})`);
  console.log(`produceren: ${f.produceren.perSeconde} BasissetBerekend/s (${f.produceren.seconden} s)`);
  console.log(`projectie: ${f.projectie.perSeconde} versies/s (${f.projectie.versies} versies in ${f.projectie.seconden} s; ${f.projectie.vanStartSeconden} s vanaf de start van de service), piek-RSS ${f.projectie.piekMb} MB`);
  console.log(`foto's: ${f.fotos.aantal} in ${f.fotos.seconden} s van het moment tot de laatste aankondiging (doel < ${f.doel.seconden} s; eerste foto begonnen na ${f.fotos.totEersteSeconden} s), piek-RSS ${f.fotos.piekMb} MB (doel < ${f.doel.mb} MB)`);
  console.log(`  CPU: de service ${f.fotos.cpu.service} s, zijn PostgreSQL-backends ${f.fotos.cpu.postgres} s (van na zijn start tot de laatste aankondiging); RSS in rust ${f.fotos.rustMb} MB`);
  console.log(`  per foto p50 ${f.fotos.perFotoMs.p50} ms, max ${f.fotos.perFotoMs.max} ms; de grootste ${f.fotos.grootste.inschrijvingen} inschrijvingen in ${f.fotos.grootste.ms} ms; samen ${f.fotos.inschrijvingen} inschrijvingen, ${f.fotos.gzipMb} MB gzip`);
  const traagste = [...f.fotos.perFoto].sort((a, b) => b.ms - a.ms).slice(0, 3).map((p) => `${p.instelling} ${p.inschrijvingen} inschr. ${p.ms} ms${p === f.fotos.perFoto[0] ? ' (de eerste)' : ''}`);
  console.log(`  traagste: ${traagste.join(', ')}`);
  console.log(`  waar de tijd gaat (${u.instelling}, ${u.inschrijvingen} inschrijvingen, in dit proces): lezen ${u.lezenMs} ms (zonder JSON-parse ${u.lezenZonderJsonMs} ms), sector ${u.sectorMs} ms, maakFoto ${u.maakFotoMs} ms (met de tekst voor de checksum), de tekst nog eens ${u.tekstMs} ms (${u.tekstMb} MB) en gzip ${u.gzipMs} ms (${u.gzipMb} MB) in Fotos.bewaar`);
  console.log(`belasting (load average 1/5/15 min): begin ${f.belasting.begin.join(' ')}, eind ${f.belasting.eind.join(' ')}; doel ${f.doel.gehaald ? 'gehaald' : 'NIET gehaald'}`);
}

if (require.main === module) {
  const opties = KLEIN ? { studenten: 20_000, instellingen: 6 } : { studenten: 500_000, instellingen: 60 };
  benchSectorFotos({ studenten: Number(process.env.BENCH_STUDENTEN ?? opties.studenten), instellingen: Number(process.env.BENCH_INSTELLINGEN ?? opties.instellingen) }).then(
    (figuren) => {
      druk(figuren);
      // The runner (libs/devtools/bench/bench.ts) reads a bench's figures from this file.
      if (process.env.BENCH_RESULTAAT) writeFileSync(process.env.BENCH_RESULTAAT, JSON.stringify(figuren, null, 2) + '\n');
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
