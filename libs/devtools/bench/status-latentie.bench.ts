import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventTypes, InstellingTopics, Topics } from '@bron/contracts';
import { PlatformClient, nieuwBericht, vanType, wachtTot } from '@bron/infra';
import { SERVICES, leverAan, persoonsnummer, prng } from '../src';
import { BENCH_MAP, benchSysteem } from './bench-systeem';
import { schrijfIntakeBestand } from './intake-bestand';
import { KLEIN, binnen, kwantiel, meldResultaat, piekGeheugenMb, verdeling as kwantielen } from './meting';

const ROOT = join(__dirname, '..', '..', '..');
const INSTELLING = '25LX';

/** Deterministic persoonsnummers, each once: no student of one batch is in the other. */
function studenten(): () => string {
  const random = prng(7);
  const gehad = new Set<string>();
  return () => {
    for (;;) {
      const p = persoonsnummer(random);
      if (gehad.has(p)) continue;
      gehad.add(p);
      return p;
    }
  };
}

/** `aantal` valid inschrijvingen of different students (ids `<soort>-<n>`), as the intake reads them from a file. */
function records(aantal: number, soort: string, student: () => string): Record<string, string>[] {
  return Array.from({ length: aantal }, (_, i) => ({
    soort: 'INSCHRIJVING', instelling: INSTELLING, persoonsnummer: student(), inschrijving_id: `${soort}-${i}`,
    crebo: ['25078', '25180', '25189', '25191'][i % 4], leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
  }));
}

/**
 * External change to notificatie on an idle system: for students with a running inschrijving at
 * INSTELLING (the measured aanlevering's, all computed), one at a time, a VooropleidingGeregistreerd
 * from VO (a cause not the instelling's own, which changes the basisset's hoogste vooropleiding),
 * from just before it is sent until its Notificatie arrives on the instelling's topic. BENCH_NOTIFICATIES
 * sets the number (default 1,000; `--klein` 100), after 20 unmeasured ones; `zolang` stops it early
 * (during an intake: only while the intake runs).
 */
async function notificatieLatentie(
  env: NodeJS.ProcessEnv, afzender: PlatformClient, persoonsnummers: string[], opruimen: (() => Promise<void>)[], zolang: () => boolean = () => true, opwarmen = 20,
) {
  const aantal = Math.min(Number(process.env.BENCH_NOTIFICATIES ?? (KLEIN ? 100 : 1_000)), persoonsnummers.length - opwarmen);
  const aankomst = new Map<string, (tijd: number) => void>();
  const lezer = new PlatformClient({ ...process.env, ...env });
  opruimen.push(() => lezer.sluit());
  await lezer.volg([InstellingTopics.notificatie(INSTELLING)], (b) => {
    if (vanType(EventTypes.Notificatie)(b)) aankomst.get(b.value.persoonsnummer)?.(performance.now());
  });
  const latenties: number[] = [];
  for (let i = 0; i < opwarmen + aantal && zolang(); i++) {
    const pn = persoonsnummers[i];
    const aangekomen = new Promise<number>((resolve) => aankomst.set(pn, resolve));
    const t0 = performance.now();
    await afzender.send([nieuwBericht({
      topic: Topics.vooropleiding, key: pn, type: EventTypes.VooropleidingGeregistreerd, origin: 'extern:VO',
      value: { persoonsnummer: pn, bron: 'VO', soort: 'VMBO_TL', diploma: true, datum: '2014-07-01' },
    })]);
    const t1 = await binnen(aangekomen, 60_000, () => `de notificatie van wijziging ${i + 1}`);
    aankomst.delete(pn);
    if (i >= opwarmen) latenties.push(t1 - t0);
  }
  return kwantielen(latenties);
}

/**
 * The same external change to notificatie, while an aanlevering of BENCH_TIJDENS_RECORDS records
 * (default 100,000; `--klein` 20,000) of other students of the same instelling runs through the system: the
 * changes start once the intake has begun and stop when its command has every answer.
 */
async function notificatieTijdensIntake(env: NodeJS.ProcessEnv, afzender: PlatformClient, persoonsnummers: string[], opruimen: (() => Promise<void>)[]) {
  const records = Number(process.env.BENCH_TIJDENS_RECORDS ?? (KLEIN ? 20_000 : 100_000));
  const bestand = join(BENCH_MAP, `aanlevering-${records}.csv`);
  await schrijfIntakeBestand(bestand, records);
  const cli = spawn(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'bron.js'), 'aanleveren', bestand, '--instelling', INSTELLING, '--batch-id', 'bench-tijdens', '--timeout', '3600'], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'ignore'],
  });
  let loopt = true;
  const klaar = once(cli, 'exit').finally(() => (loopt = false));
  opruimen.push(async () => {
    if (loopt) cli.kill('SIGKILL');
  });
  // Under way: the first answers of the intake have arrived.
  const lezer = new PlatformClient({ ...process.env, ...env });
  opruimen.push(() => lezer.sluit());
  let antwoorden = 0;
  await lezer.volg([InstellingTopics.terugkoppeling(INSTELLING)], (b) => {
    if (vanType(EventTypes.Terugkoppeling)(b) && b.value.batchId === 'bench-tijdens') antwoorden++;
  });
  await wachtTot('de eerste antwoorden op de aanlevering', () => antwoorden >= Math.min(1_000, records / 10) || !loopt, 300_000);
  // The system is warm already: every change counts, as long as the intake runs.
  const gemeten = await notificatieLatentie(env, afzender, persoonsnummers, opruimen, () => loopt, 0);
  const [code] = (await klaar) as [number];
  if (code !== 0) throw new Error(`bron aanleveren tijdens de notificaties eindigde met ${code}`);
  if (gemeten.aantal === 0) throw new Error(`de aanlevering van ${records} records was klaar voor er een wijziging gemeten was: geef meer records (BENCH_TIJDENS_RECORDS)`);
  return { ...gemeten, records };
}

/**
 * Bekostigingsstatus latency: for every record of one aanlevering, the time its BasissetBerekend
 * arrives on `instelling.<BRIN>.bekostigingsstatus.v1` minus the time its Terugkoppeling arrived on
 * `instelling.<BRIN>.terugkoppeling.v1`, both stamped on arrival by one reader of both topics (as an
 * instelling's own reader sees them). Prints p50, p99 and the maximum over all records.
 * BENCH_STATUS_RECORDS sets the size (default 10,000); `--klein` runs 500 (CI). A first, unmeasured
 * aanlevering of BENCH_STATUS_OPWARMEN records (default 500) warms the services up (connections,
 * compiled code, caches), so the figure is that of a running system, not of its first seconds.
 * Then, on the same system, the notificatie latency (notificatieLatentie), and the services' peak memory.
 */
async function main(): Promise<void> {
  const aantal = Number(process.env.BENCH_STATUS_RECORDS ?? (KLEIN ? 500 : 10_000));
  const opwarmen = Number(process.env.BENCH_STATUS_OPWARMEN ?? (KLEIN ? 100 : 500));
  const opruimen: (() => Promise<void>)[] = [];
  try {
    const { env, services } = await benchSysteem(opruimen, { poort: 19492, prefix: 'benchstatus', instelling: INSTELLING, logVoorvoegsel: 'status-' });
    const logDir = BENCH_MAP;
    await services.start();

    // Arrival times per inschrijving (wall clock, to compare with the event-time headers), taken in
    // the reader's callback (one reader of both topics); and when the bekostiging service made the status.
    const terugkoppeling = new Map<string, number>();
    const status = new Map<string, number>();
    const gemaakt = new Map<string, number>();
    const warm = new Set<string>();
    let afgekeurd = 0;
    const lezer = new PlatformClient({ ...process.env, ...env });
    opruimen.push(() => lezer.sluit());
    await lezer.volg([InstellingTopics.terugkoppeling(INSTELLING), InstellingTopics.bekostigingsstatus(INSTELLING)], (b) => {
      const nu = Date.now();
      if (vanType(EventTypes.Terugkoppeling)(b)) {
        const id = b.value.inschrijvingId;
        if (id?.startsWith('S-') && !terugkoppeling.has(id)) terugkoppeling.set(id, nu);
        if (b.value.soort === 'AFKEURING') afgekeurd++;
      } else if (vanType(EventTypes.BasissetBerekend)(b)) {
        const id = b.value.inschrijvingId;
        if (id.startsWith('W-')) warm.add(id);
        else if (!status.has(id)) {
          status.set(id, nu);
          gemaakt.set(id, Date.parse(b.metadata.eventTime));
        }
      }
    }, true); // from the beginning: the topics are this run's own (its prefix), and fresh

    const afzender = new PlatformClient({ ...process.env, ...env });
    const student = studenten();
    opruimen.push(() => afzender.sluit());
    if (opwarmen > 0) {
      await leverAan(afzender, INSTELLING, 'bench-status-opwarmen', records(opwarmen, 'W', student));
      await wachtTot('de opwarm-aanlevering', () => warm.size >= opwarmen, 300_000);
    }
    const start = performance.now();
    const gemeten = records(aantal, 'S', student);
    await leverAan(afzender, INSTELLING, 'bench-status', gemeten);
    const deadline = Date.now() + Math.max(300_000, aantal * 50);
    // Every record valid, so each has a bekostigingsstatus; one that was afgekeurd would say why the bench waits.
    while (status.size < aantal || terugkoppeling.size < aantal) {
      if (Date.now() > deadline || afgekeurd > 0) throw new Error(`niet op tijd: ${terugkoppeling.size} terugkoppelingen (${afgekeurd} afgekeurd) en ${status.size} bekostigingsstatussen van ${aantal}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const klaar = (performance.now() - start) / 1000;

    const verdeling = (f: (id: string) => number) => [...status.keys()].map(f).sort((a, b) => a - b);
    const latenties = verdeling((id) => status.get(id)! - terugkoppeling.get(id)!);
    // Where the time goes: until the bekostiging handler made the status (the fact's way to the
    // service, waiting in its consumer, the chunk up to the decision), and from there to the reader
    // (the rest of the chunk's transaction, its commit, the outbox relay, Kafka).
    const totBesluit = verdeling((id) => gemaakt.get(id)! - terugkoppeling.get(id)!);
    const naBesluit = verdeling((id) => status.get(id)! - gemaakt.get(id)!);
    const ms = (x: number) => `${Math.round(x)} ms`;
    const p = (xs: number[]) => `p50 ${ms(kwantiel(xs, 0.5))}, p99 ${ms(kwantiel(xs, 0.99))}`;
    console.log(`bekostigingsstatus bench: ${aantal} inschrijvingen in één aanlevering, 4 services + Kafka + PostgreSQL op deze machine (node ${process.version})`);
    console.log(`bekostigingsstatus na terugkoppeling: p50 ${ms(kwantiel(latenties, 0.5))}, p99 ${ms(kwantiel(latenties, 0.99))}, max ${ms(latenties[latenties.length - 1])}, min ${ms(latenties[0])} (doel: p99 < 1000 ms)`);
    // By place in the batch: a latency that grows from the first tenth to the last is a backlog
    // (the bekostiging service slower than the intake), a flat one is a cost per record.
    const plaats = (id: string) => Number(id.slice('S-'.length)) / aantal;
    const opPlaats = (van: number, tot: number) =>
      [...status.keys()].filter((id) => plaats(id) >= van && plaats(id) < tot).map((id) => status.get(id)! - terugkoppeling.get(id)!).sort((a, b) => a - b);
    console.log(`  eerste tiende van de records: ${p(opPlaats(0, 0.1))}; middelste: ${p(opPlaats(0.45, 0.55))}; laatste: ${p(opPlaats(0.9, 1))}`);
    console.log(`  waarvan tot het besluit in de bekostiging-service: ${p(totBesluit)}; daarna tot de lezer (commit, outbox-relay, Kafka): ${p(naBesluit)}`);
    console.log(`laatste bekostigingsstatus ${klaar.toFixed(1)} s na het begin van het verzenden`);
    const resultaat = join(logDir, 'status-latentie.json');
    const kw = (xs: number[]) => ({ p50: Math.round(kwantiel(xs, 0.5)), p99: Math.round(kwantiel(xs, 0.99)), max: Math.round(xs[xs.length - 1]) });
    const statusResultaat = { records: aantal, ms: kw(latenties), totBesluitMs: kw(totBesluit), naBesluitMs: kw(naBesluit), seconden: Number(klaar.toFixed(2)) };
    writeFileSync(resultaat, JSON.stringify({ ...statusResultaat, node: process.version }, null, 2) + '\n');
    console.log(`resultaat: ${resultaat}`);

    const notificatie = await notificatieLatentie(env, afzender, gemeten.map((r) => r.persoonsnummer), opruimen);
    console.log(`notificatie na een externe wijziging (VO), rustig systeem, één tegelijk: p50 ${ms(notificatie.p50)}, p99 ${ms(notificatie.p99)}, max ${ms(notificatie.max)} over ${notificatie.aantal} wijzigingen (doel: p99 < 250 ms)`);
    const tijdensIntake = await notificatieTijdensIntake(env, afzender, gemeten.slice(notificatie.aantal + 40).map((r) => r.persoonsnummer), opruimen);
    console.log(`notificatie na een externe wijziging tijdens een aanlevering van ${tijdensIntake.records} records: p50 ${ms(tijdensIntake.p50)}, p99 ${ms(tijdensIntake.p99)}, max ${ms(tijdensIntake.max)} over ${tijdensIntake.aantal} wijzigingen (doel: p99 < 1000 ms)`);
    const piekMb = Object.fromEntries(SERVICES.map((naam) => [naam, piekGeheugenMb(services.service(naam).proces.pid)]));
    console.log(`piekgeheugen: ${Object.entries(piekMb).map(([s, mb]) => `${s} ${mb} MB`).join(', ')}`);
    meldResultaat({ status: statusResultaat, notificatie, notificatieTijdensIntake: tijdensIntake, piekMb });
  } finally {
    for (const stap of opruimen.reverse()) await stap().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
