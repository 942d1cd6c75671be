import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventTypes, InstellingTopics, Topics, type BasissetBerekend } from '@bron/contracts';
import { ServiceSupervisor, Verzamelaar, leverAan } from '@bron/devtools';
import { TestDatabase, nieuwBericht, vanType, wachtTot, type Ontvangen } from '@bron/infra';

/**
 * Test support for the foto integration specs (issue 10): the system with its broker and
 * database, the API keys of the instellingen, a small hand-made fixture, and the HTTP calls an
 * instelling makes to the foto service.
 */

export const ROOT = join(__dirname, '..', '..', '..');
export const PEILDATUM = '2016-10-01';
export const INSTELLINGEN = ['25LX', '26AB'] as const;
export type Brin = (typeof INSTELLINGEN)[number];

/** The students of 25LX (leading zeros on purpose: they must survive every file format). */
export const P = {
  /** BOL voltijd; vooropleiding overgangsbewijs havo 3-4, BRP: Syrian with lawful residence, official first names. */
  bolVoltijd: '012345672',
  /** BOL deeltijd. */
  bolDeeltijd: '023456711',
  /** BBL with a BPV at leerbedrijf 000123456. */
  bblMetBpv: '034567811',
  /** BBL without a BPV: not bekostigd, signaal INS_BBL_GEEN_BPV. */
  bblZonderBpv: '012345611',
  /** BOL voltijd that ends on 15 January, before 1 February. */
  eindigtVoorFebruari: '012345623',
  /** BOL voltijd since 2015 with a diploma behaald on 1 July 2016: second verblijfsjaar. */
  metDiploma: '023456723',
} as const;

/** The students of 26AB: nothing of theirs may show in a foto of 25LX but the sector counts. */
export const Q = { een: '123456782', twee: '111222333' } as const;
export const BATCH_26AB = 'foto-26ab';
export const KENMERKEN_26AB = [BATCH_26AB, 'AB-1', 'AB-2', Q.een, Q.twee];

const inschrijving = (brin: string, persoonsnummer: string, id: string, crebo: string, leerweg: string, intensiteit: string, begindatum: string, einddatum = ''): Record<string, string> => ({
  soort: 'INSCHRIJVING', instelling: brin, persoonsnummer, inschrijving_id: id, crebo, leerweg, intensiteit, begindatum, einddatum,
});

/** 25LX's aanlevering: six inschrijvingen on teldatum 2016-10-01, a BPV and a diploma. */
export const AANLEVERING_25LX: Record<string, string>[] = [
  inschrijving('25LX', P.bolVoltijd, 'I-1', '25078', 'BOL', 'VT', '2016-08-01'),
  inschrijving('25LX', P.bolDeeltijd, 'I-2', '25078', 'BOL', 'DT', '2016-08-01'),
  inschrijving('25LX', P.bblMetBpv, 'I-3', '25080', 'BBL', 'VT', '2016-08-01'),
  {
    soort: 'BPV', instelling: '25LX', persoonsnummer: P.bblMetBpv, inschrijving_id: 'I-3', bpv_id: 'BPV-1', bpv_afgesloten: '2016-07-15', bpv_begin: '2016-08-01',
    bpv_einde: '2017-07-31', bpv_omvang: '800', leerbedrijf: '000123456',
  },
  inschrijving('25LX', P.bblZonderBpv, 'I-4', '25080', 'BBL', 'VT', '2016-08-01'),
  inschrijving('25LX', P.eindigtVoorFebruari, 'I-5', '25078', 'BOL', 'VT', '2016-08-01', '2017-01-15'),
  inschrijving('25LX', P.metDiploma, 'I-6', '25080', 'BOL', 'VT', '2015-08-01'),
  { soort: 'DIPLOMA', instelling: '25LX', persoonsnummer: P.metDiploma, inschrijving_id: 'I-6', diploma_datum: '2016-07-01' },
];

export const AANLEVERING_26AB: Record<string, string>[] = [
  inschrijving('26AB', Q.een, 'AB-1', '25078', 'BOL', 'VT', '2016-08-01'),
  inschrijving('26AB', Q.twee, 'AB-2', '25104', 'BOL', 'VT', '2016-08-01'),
];

/** The latest BasissetBerekend per inschrijving on the DUO-internal basisset topic. */
export function laatsteBasissets(verzamelaar: Verzamelaar): Map<string, BasissetBerekend> {
  const laatste = new Map<string, BasissetBerekend>();
  for (const b of verzamelaar.berichten.filter(vanType(EventTypes.BasissetBerekend)).filter((m) => m.topic === Topics.basisset)) {
    const sleutel = `${b.value.instelling}|${b.value.inschrijvingId}`;
    const eerder = laatste.get(sleutel);
    if (!eerder || Number(eerder.versie) < Number(b.value.versie)) laatste.set(sleutel, b.value);
  }
  return laatste;
}

export interface FotoSysteem {
  readonly db: TestDatabase;
  readonly services: ServiceSupervisor;
  readonly verzamelaar: Verzamelaar;
  readonly env: NodeJS.ProcessEnv;
  /** One API key per instelling (made by the operator before any service ran). */
  readonly sleutel: Record<Brin, string>;
  /** The foto service's base URL. */
  readonly fotoUrl: string;
  sluit(): Promise<void>;
}

/** Makes an API key as the operator does (`node tools/api-sleutel.js maak <BRIN>`). */
export function maakSleutel(brin: string, env: NodeJS.ProcessEnv): string {
  const gemaakt = spawnSync(process.execPath, [join(ROOT, 'tools', 'api-sleutel.js'), 'maak', brin], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (gemaakt.status !== 0) throw new Error(`api-sleutel maak ${brin} faalde: ${gemaakt.stderr}`);
  return gemaakt.stdout.trim();
}

/** The four services as processes on a fresh database and topic prefix, peildatum 2016-11-15, following both instellingen's topics and the basisset topic. */
export async function startFotoSysteem(): Promise<FotoSysteem> {
  const db = await TestDatabase.maak();
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: INSTELLINGEN.join(','), LOG_LEVEL: 'warn',
    KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '500',
  };
  const sleutel = { '25LX': maakSleutel('25LX', env), '26AB': maakSleutel('26AB', env) };
  const logs: string[] = [];
  const services = new ServiceSupervisor({ env, log: (s, r) => logs.push(`${s}: ${r}`) });
  await services.start();
  const verzamelaar = new Verzamelaar(env);
  await verzamelaar.volg([...INSTELLINGEN.flatMap(InstellingTopics.alle), Topics.basisset]);
  return {
    db, services, verzamelaar, env, sleutel, fotoUrl: services.service('foto').url,
    async sluit() {
      await verzamelaar.sluit();
      await services.stop();
      await db.verwijder();
      if (process.env.E2E_LOGS) console.log(logs.join('\n'));
    },
  };
}

/** Waits until the foto service has recorded every BasissetBerekend that is on the basisset topic. */
export async function wachtOpVersiesInFoto(s: Pick<FotoSysteem, 'db' | 'verzamelaar'>, timeoutMs = 120_000): Promise<void> {
  await wachtTot('alle basissetversies in de fotoservice', async () => {
    const verzonden = s.verzamelaar.berichten.filter(vanType(EventTypes.BasissetBerekend)).filter((m) => m.topic === Topics.basisset);
    const rijen = await s.db.query<{ sleutel: string }>(`SELECT instelling || '|' || persoonsnummer || '|' || inschrijving_id || '|' || versie AS sleutel FROM foto.basissetversie`);
    const bekend = new Set(rijen.map((r) => r.sleutel));
    return verzonden.length > 0 && verzonden.every((m) => bekend.has(`${m.value.instelling}|${m.value.persoonsnummer}|${m.value.inschrijvingId}|${m.value.versie}`));
  }, timeoutMs, 250);
}

/**
 * Delivers the fixture (both instellingen, then the VO's vooropleiding and the BRP's person data
 * of one student) and waits until every basisset is computed with all of it, and known in the foto service.
 */
export async function leverFixtureAan(s: FotoSysteem): Promise<void> {
  await leverAan(s.verzamelaar.platform, '25LX', 'foto-25lx', AANLEVERING_25LX);
  await leverAan(s.verzamelaar.platform, '26AB', BATCH_26AB, AANLEVERING_26AB);
  await s.verzamelaar.platform.send([
    nieuwBericht({
      topic: Topics.vooropleiding, key: P.bolVoltijd, type: EventTypes.VooropleidingGeregistreerd, origin: 'extern:VO',
      value: { persoonsnummer: P.bolVoltijd, bron: 'VO', soort: 'OVERGANG_HAVO_3_4', diploma: false, datum: '2016-07-01' },
    }),
    nieuwBericht({
      topic: Topics.persoon, key: P.bolVoltijd, type: EventTypes.PersoonGewijzigd, origin: 'extern:BRP',
      value: { persoonsnummer: P.bolVoltijd, bron: 'BRP', geboortedatum: '2000-05-01', nationaliteit: 'SY', officieleVoornamen: 'Zoë Amal', verblijfsstatus: [{ vanaf: '2015-01-01', tot: null, rechtmatig: true }] },
    }),
  ]);
  await wachtTot('de basissets met alle feiten', () => {
    const laatste = laatsteBasissets(s.verzamelaar);
    const van = (brin: string, id: string) => laatste.get(`${brin}|${id}`);
    return laatste.size === 8
      && van('25LX', 'I-1')?.basisset.hoogsteVooropleiding?.overgangsbewijs === true && van('25LX', 'I-1')?.officieleVoornamen === 'Zoë Amal'
      && van('25LX', 'I-3')?.bpv.length === 1 && van('25LX', 'I-6')?.diplomas.length === 1;
  }, 120_000);
  await wachtOpVersiesInFoto(s);
}

export const auth = (sleutel: string | undefined): Record<string, string> => (sleutel === undefined ? {} : { Authorization: `Bearer ${sleutel}` });

/** A FotoGemaakt as the HTTP answer gives it. */
export interface Aankondiging {
  fotoId: string;
  aanvraagId: string | null;
  instelling: string;
  soort: string;
  status: string;
  peildatum: string;
  bekendOp: string;
  gemaaktOp: string;
  checksum: string;
  aantalInschrijvingen: number;
  aantalStudenten: number;
  aantalBekostigd: number;
  sectorTotaalInschrijvingen: number;
  ophalen: { pad: string; formaten: string[] };
}

/** POST /instellingen/{brin}/fotos?peildatum=&moment=: a foto on request. */
export async function vraagFotoAan(fotoUrl: string, brin: string, sleutel: string | undefined, query: { peildatum?: string; moment?: string } = { peildatum: PEILDATUM }): Promise<{ status: number; body: Aankondiging & { fout?: string } }> {
  const url = new URL(`/instellingen/${brin}/fotos`, fotoUrl);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  const antwoord = await fetch(url, { method: 'POST', headers: auth(sleutel) });
  return { status: antwoord.status, body: (await antwoord.json()) as Aankondiging & { fout?: string } };
}

export interface Bestand {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** GET a path of the foto service with a key and query parameters: the file as bytes. */
export async function haal(fotoUrl: string, pad: string, sleutel: string | undefined, query: Record<string, string> = {}): Promise<Bestand> {
  const url = new URL(pad, fotoUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const antwoord = await fetch(url, { headers: auth(sleutel) });
  return { status: antwoord.status, headers: antwoord.headers, bytes: Buffer.from(await antwoord.arrayBuffer()) };
}

/** The file of a foto in a format, as the announcement says where to fetch it. */
export const haalFoto = (fotoUrl: string, foto: Pick<Aankondiging, 'ophalen'>, sleutel: string, formaat: string, extra: Record<string, string> = {}): Promise<Bestand> =>
  haal(fotoUrl, foto.ophalen.pad, sleutel, { formaat, ...extra });

/** The FotoGemaakt announcements that arrived on instellingen's foto topics. */
export const aankondigingen = (verzamelaar: Verzamelaar): Extract<Ontvangen, { type: typeof EventTypes.FotoGemaakt }>[] =>
  verzamelaar.berichten.filter(vanType(EventTypes.FotoGemaakt));

/**
 * A CSV as a program that reads the file does (RFC 4180): cells between `;` (or `scheiding`), a
 * quoted cell with `""` for a quote; with `bom`, the byte order mark must be there and is taken off.
 */
export function leesCsv(bytes: Buffer, { scheiding = ';', bom = true } = {}): string[][] {
  const heeftBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom && !heeftBom) throw new Error('het CSV-bestand begint niet met een UTF-8 byte order mark');
  const tekst = bytes.subarray(heeftBom ? 3 : 0).toString('utf8');
  const rijen: string[][] = [];
  let rij: string[] = [];
  let cel = '';
  let gequote = false;
  for (let i = 0; i < tekst.length; i++) {
    const c = tekst[i];
    if (gequote) {
      if (c === '"' && tekst[i + 1] === '"') { cel += '"'; i++; } else if (c === '"') gequote = false; else cel += c;
    } else if (c === '"') gequote = true;
    else if (c === scheiding) { rij.push(cel); cel = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && tekst[i + 1] === '\n') i++;
      rij.push(cel); rijen.push(rij); rij = []; cel = '';
    } else cel += c;
  }
  if (cel !== '' || rij.length > 0) { rij.push(cel); rijen.push(rij); }
  return rijen;
}

/** CSV rows as objects by their header; a code cell's leading tab (docs/foto.md, CSV) is trimmed, as the reading program does. */
export function csvObjecten(rijen: string[][]): Record<string, string>[] {
  const [kop, ...rest] = rijen;
  return rest.map((r) => Object.fromEntries(kop.map((k, i) => [k, (r[i] ?? '').replace(/^\t/, '')])));
}

/** LibreOffice's command, or a clear failure: a test that opens an XLSX must not pass without it (Debian package libreoffice-calc). */
function soffice(): string {
  for (const naam of ['soffice', 'libreoffice']) {
    if (spawnSync('sh', ['-c', `command -v ${naam}`]).status === 0) return naam;
  }
  throw new Error('LibreOffice ontbreekt (soffice/libreoffice niet gevonden): installeer het Debian-pakket libreoffice-calc (node tools/systeempakketten.js)');
}

/**
 * Opens an XLSX as a user would, with LibreOffice headless, and converts every sheet to CSV
 * (comma, UTF-8): per sheet name its rows. A file LibreOffice would have to repair does not convert.
 */
export function xlsxBladen(bytes: Buffer, timeoutMs = 170_000): Record<string, string[][]> {
  const map = mkdtempSync(join(tmpdir(), 'foto-xlsx-'));
  try {
    writeFileSync(join(map, 'foto.xlsx'), bytes);
    // Its own profile, so that it neither waits for nor disturbs another LibreOffice on the machine.
    const profiel = pathToFileURL(join(map, 'profiel')).href;
    // CSV filter options: comma, double quote, UTF-8, from line 1, ..., and -1 = every sheet to its own file (LibreOffice 7.2+).
    execFileSync(soffice(), [`-env:UserInstallation=${profiel}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', map, join(map, 'foto.xlsx')], { stdio: 'pipe', timeout: timeoutMs });
    const bladen: Record<string, string[][]> = {};
    for (const naam of readdirSync(map).filter((n) => n.startsWith('foto-') && n.endsWith('.csv'))) {
      bladen[naam.slice('foto-'.length, -'.csv'.length)] = leesCsv(readFileSync(join(map, naam)), { scheiding: ',', bom: false });
    }
    return bladen;
  } finally {
    rmSync(map, { recursive: true, force: true });
  }
}
