/**
 * Pure calculation rate of the cascade engine, students per second on one core (issue "Done when":
 * target 50,000/s). Histories are generated deterministically (seeded PRNG): 1-4 inschrijvingen in
 * sequence across instellingen, BBL with BPV, 0-3 diploma's, some foreign nationals.
 * Run: `npx nx run cascade:bench` or `npx ts-node libs/cascade/bench/cascade.bench.ts [seconds]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { berekenBekostiging, kwalificaties2015, leesBerekeningInvoer, type BerekeningInvoer, type Inschrijving, type Diploma } from '../src';

const DOEL = 50_000;
// `--klein` (CI): 1 s; otherwise the seconds given, default 3.
const KLEIN = process.argv.some((a) => a === '--klein' || a === '--klein=true');
const SECONDEN = KLEIN ? 1 : Number(process.argv[2] ?? 3);
const AANTAL = 20_000;

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tabel = kwalificaties2015(readFileSync(join(__dirname, '../../../data/kwalificaties-2015.csv'), 'utf8'));
const perNiveau = new Map<number, string[]>();
for (const k of tabel.alle()) perNiveau.set(k.niveau, [...(perNiveau.get(k.niveau) ?? []), k.crebo]);
const INSTELLINGEN = ['25LX', '30AB', '01XY', '02AB', '03CD', '04EF', '05GH', '06IJ', '07KL', '08MN'];

function genereer(rnd: () => number): BerekeningInvoer {
  const kies = <T>(l: readonly T[]): T => l[Math.floor(rnd() * l.length)];
  const geboortejaar = 1994 + Math.floor(rnd() * 6);
  let jaar = 2010 + Math.floor(rnd() * 6);
  let niveau = rnd() < 0.08 ? 1 : 2 + Math.floor(rnd() * 3);
  const inschrijvingen: Inschrijving[] = [];
  const diplomas: Diploma[] = [];
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const crebo = kies(perNiveau.get(niveau)!);
    const duur = 1 + Math.floor(rnd() * 3);
    const bblLeerweg = rnd() < 0.2;
    const instelling = kies(INSTELLINGEN);
    const einde = `${jaar + duur}-07-31`;
    inschrijvingen.push({
      id: `I${i}`,
      instelling,
      crebo,
      leerweg: bblLeerweg ? 'BBL' : 'BOL',
      intensiteit: bblLeerweg ? 'DT' : 'VT',
      begin: `${jaar}-08-01`,
      einde: i === n - 1 && rnd() < 0.5 ? null : einde,
      bpv: bblLeerweg
        ? [{ afgesloten: `${jaar}-08-${10 + Math.floor(rnd() * 20)}`, begin: `${jaar}-09-01`, einde: `${jaar + duur}-06-30`, leerbedrijf: '123456789' }]
        : rnd() < 0.5
          ? [{ afgesloten: `${jaar + 1}-01-15`, begin: `${jaar + 1}-02-01`, einde: `${jaar + 1}-06-30`, leerbedrijf: '987654321' }]
          : [],
    });
    if (diplomas.length < 3 && rnd() < 0.6) diplomas.push({ instelling, crebo, datum: `${jaar + duur}-06-30` });
    jaar += duur + (rnd() < 0.15 ? 1 + Math.floor(rnd() * 3) : 0);
    niveau = Math.min(4, niveau + (rnd() < 0.6 ? 1 : 0));
  }
  const buitenlands = rnd() < 0.1;
  return {
    bekostigingsjaar: 2016 + Math.floor(rnd() * 6),
    persoon: {
      persoonsnummer: '123456782',
      geboortedatum: `${geboortejaar}-0${1 + Math.floor(rnd() * 9)}-15`,
      nationaliteit: buitenlands ? 'MA' : 'NL',
      verblijfsstatus: buitenlands ? [{ vanaf: '2009-01-01', tot: null, rechtmatig: rnd() < 0.7 }] : undefined,
    },
    vooropleidingen: [{ soort: kies(['VMBO_BB', 'VMBO_KB', 'VMBO_GL', 'VMBO_TL', 'HAVO'] as const), diploma: rnd() < 0.85 }],
    inschrijvingen,
    diplomas,
  };
}

const rnd = mulberry32(20150801);
const studenten = Array.from({ length: AANTAL }, () => genereer(rnd));
for (const s of studenten) {
  const r = leesBerekeningInvoer(s, tabel);
  if (!r.ok) throw new Error(`generator maakte ongeldige invoer: ${JSON.stringify(r.fouten)}`);
}

function meet(seconden: number, werk: (s: BerekeningInvoer) => unknown): number {
  let n = 0;
  let controle = 0;
  const start = process.hrtime.bigint();
  const eind = start + BigInt(Math.round(seconden * 1e9));
  let nu = start;
  while (nu < eind) {
    for (let i = 0; i < 1000; i++) {
      if (werk(studenten[n % AANTAL])) controle++;
      n++;
    }
    nu = process.hrtime.bigint();
  }
  if (controle !== n) throw new Error('onverwacht resultaat');
  return n / (Number(nu - start) / 1e9);
}

const bereken = (s: BerekeningInvoer) => berekenBekostiging(s, tabel);
meet(1, bereken); // warm-up (JIT)
const perSeconde = meet(SECONDEN, bereken);
const metValidatie = meet(Math.min(2, SECONDEN), (s) => leesBerekeningInvoer(s, tabel).ok && berekenBekostiging(s, tabel));

const gem = (f: (s: BerekeningInvoer) => number) => (studenten.reduce((t, s) => t + f(s), 0) / AANTAL).toFixed(2);
console.log(`cascade bench: ${AANTAL} gegenereerde studenten (gem. ${gem((s) => s.inschrijvingen.length)} inschrijvingen, ${gem((s) => s.diplomas.length)} diploma's), ${SECONDEN}s na 1s opwarmen, 1 core (node ${process.version})`);
console.log(`berekenBekostiging:               ${Math.round(perSeconde).toLocaleString('en')} studenten/s  (${(perSeconde / DOEL).toFixed(2)}x het doel van ${DOEL.toLocaleString('en')}/s)`);
console.log(`leesBerekeningInvoer + berekenen: ${Math.round(metValidatie).toLocaleString('en')} studenten/s`);
// For libs/devtools/bench/bench.ts, which runs this file as a process and reads the figures from BENCH_RESULTAAT.
if (process.env.BENCH_RESULTAAT) writeFileSync(process.env.BENCH_RESULTAAT, JSON.stringify({ perSeconde: Math.round(perSeconde), metValidatiePerSeconde: Math.round(metValidatie), seconden: SECONDEN, doel: DOEL }, null, 2) + '\n');
