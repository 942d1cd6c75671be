import { writeFileSync } from 'node:fs';
import { laadKwalificaties } from '@bron/adapters';
import { basissetBijAanmelding, leegDossier, type Studentdossier } from '@bron/cascade';
import { TestDatabase, apiSleutelTool, startService } from '@bron/infra';
import { BekostigingModule } from '../src/app.module';

const AANTAL_PERSONEN = 1000;
const OPWARMEN = 300;
const KLEIN = process.argv.some((a) => a === '--klein' || a === '--klein=true');
const METINGEN = Number(process.env.BENCH_VRAGEN ?? (KLEIN ? 500 : 3000));

/** Persoonsnummers that pass the 11-proef, deterministically. */
function persoonsnummers(aantal: number): string[] {
  const lijst: string[] = [];
  for (let n = 100_000_000; lijst.length < aantal; n++) {
    const p = String(n);
    let som = 0;
    for (let i = 0; i < 8; i++) som += (9 - i) * Number(p[i]);
    if ((som - Number(p[8])) % 11 === 0) lijst.push(p);
  }
  return lijst;
}

/** A person with a history elsewhere and an aanmelding at 25LX: the work of a real query. */
function dossier(persoonsnummer: string, i: number): Studentdossier {
  return {
    ...leegDossier(persoonsnummer),
    persoon: { geboortedatum: '1999-05-01', nationaliteit: 'NL', officieleVoornamen: 'Bench', verblijfsstatus: [], bijgewerkt: '2016-10-01T00:00:00Z' },
    vooropleidingen: [{ soort: 'VMBO_TL', diploma: true, datum: '2014-07-01' }],
    inschrijvingen: {
      [`26AB:I-${i}`]: { instelling: '26AB', inschrijvingId: `I-${i}`, versie: 1, verwijderd: false, crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begin: '2014-08-01', einde: '2016-07-15', bpv: [] },
    },
    diplomas: { [`26AB:I-${i}`]: { instelling: '26AB', diplomaId: `I-${i}`, versie: 1, verwijderd: false, crebo: '25078', datum: '2016-07-01' } },
    aanmeldingen: { [`25LX:A-${i}`]: { instelling: '25LX', aanmeldingId: `A-${i}`, crebo: '25104', datum: '2017-08-01', verwijderd: false } },
  };
}

const percentiel = (gesorteerd: number[], p: number) => gesorteerd[Math.min(gesorteerd.length - 1, Math.ceil((p / 100) * gesorteerd.length) - 1)];

/**
 * Answer time of GET /instellingen/{brin}/studenten/{persoonsnummer}/basisset?crebo= on a warm
 * bekostiging service (in this process, the repo's Kafka, PostgreSQL): one request at a time,
 * each authenticated, computed and audited, after a warm-up. Goal (issue 9): p99 under 50 ms.
 * BENCH_VRAGEN requests (default 3,000; `--klein` 500); with BENCH_RESULTAAT set, the figures go
 * to that file as JSON too (libs/devtools/bench/bench.ts reads them).
 */
async function main(): Promise<void> {
  const db = await TestDatabase.maak();
  let app: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    const env = { DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `bench${Date.now()}.`, BRON_PEILDATUM: '2016-11-15', LOG_LEVEL: 'warn', KAFKA_BROKERS: process.env.KAFKA_BROKERS };
    let sleutel = '';
    if ((await apiSleutelTool(['maak', '25LX'], env, { stdout: (t) => (sleutel += t), stderr: () => undefined })) !== 0) throw new Error('geen API-sleutel');
    app = await startService(BekostigingModule.register(env), { port: 0 });
    const basis = await app.getUrl();
    const personen = persoonsnummers(AANTAL_PERSONEN);
    await db.query(
      `INSERT INTO bekostiging.studentdossier (persoonsnummer, dossier) SELECT p, d FROM unnest($1::text[], $2::jsonb[]) AS x(p, d)`,
      [personen, personen.map((p, i) => JSON.stringify(dossier(p, i)))],
    );
    const headers = { Authorization: `Bearer ${sleutel.trim()}` };
    const vraag = async (i: number): Promise<number> => {
      const start = performance.now();
      const antwoord = await fetch(`${basis}/instellingen/25LX/studenten/${personen[i % personen.length]}/basisset?crebo=25104`, { headers });
      await antwoord.arrayBuffer();
      if (antwoord.status !== 200) throw new Error(`antwoord ${antwoord.status}`);
      return performance.now() - start;
    };
    for (let i = 0; i < OPWARMEN; i++) await vraag(i);
    const tijden: number[] = [];
    for (let i = 0; i < METINGEN; i++) tijden.push(await vraag(OPWARMEN + i));
    tijden.sort((a, b) => a - b);
    console.log(`basisset-http bench: ${METINGEN} GET .../basisset?crebo= na ${OPWARMEN} om op te warmen, één tegelijk, ${AANTAL_PERSONEN} personen (node ${process.version})`);
    // The pure part alone, to tell computing from waiting (the audit insert commits, and the machine may be busy).
    const tabel = laadKwalificaties();
    const dossiers = personen.slice(0, 100).map(dossier);
    const rekentijden: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const start = performance.now();
      basissetBijAanmelding(dossiers[i % dossiers.length], { peildatum: '2016-11-15', tabel, crebo: '25104' });
      rekentijden.push(performance.now() - start);
    }
    rekentijden.sort((a, b) => a - b);
    console.log(`antwoordtijd: p50 ${percentiel(tijden, 50).toFixed(1)} ms, p99 ${percentiel(tijden, 99).toFixed(1)} ms, max ${tijden[tijden.length - 1].toFixed(1)} ms (doel p99 < 50 ms)`);
    console.log(`waarvan de berekening zelf (basissetBijAanmelding): p50 ${percentiel(rekentijden, 50).toFixed(2)} ms, p99 ${percentiel(rekentijden, 99).toFixed(2)} ms`);
    const ms = (x: number) => Number(x.toFixed(2));
    const resultaat = {
      vragen: METINGEN, ms: { p50: ms(percentiel(tijden, 50)), p99: ms(percentiel(tijden, 99)), max: ms(tijden[tijden.length - 1]) },
      berekeningMs: { p50: ms(percentiel(rekentijden, 50)), p99: ms(percentiel(rekentijden, 99)) },
    };
    if (process.env.BENCH_RESULTAAT) writeFileSync(process.env.BENCH_RESULTAAT, JSON.stringify(resultaat, null, 2) + '\n');
  } finally {
    await app?.close().catch(() => undefined);
    await db.verwijder().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
