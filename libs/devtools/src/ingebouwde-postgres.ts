import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { stopProces, vrijePoort } from './service-supervisor';

const ROOT = join(__dirname, '..', '..', '..');

export interface IngebouwdePostgres {
  /** Server url with the `postgres` database; put another database name in its path. */
  url: string;
  stop(): Promise<void>;
}

/** Whether a PostgreSQL server answers at `url` (within a few seconds). */
export async function postgresAntwoordt(url: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface IngebouwdePostgresOpties {
  timeoutMs?: number;
  /** The clone whose tools/ingebouwde-postgres.mjs and node_modules are used (default: this one); its tests start one elsewhere. */
  repo?: string;
}

/**
 * Starts PostgreSQL from the npm registry's binaries (tools/ingebouwde-postgres.mjs) in a process of
 * its own, with a fresh cluster under the system's temporary folder, for a machine without a
 * PostgreSQL server. Where the repo lives does not matter: as root the binaries run as `postgres`
 * from a copy that user can reach.
 */
export async function startIngebouwdePostgres(opties: IngebouwdePostgresOpties = {}): Promise<IngebouwdePostgres> {
  const { timeoutMs = 60_000, repo = ROOT } = opties;
  const port = await vrijePoort();
  const proces = spawn(process.execPath, [join(repo, 'tools', 'ingebouwde-postgres.mjs'), String(port)], {
    cwd: repo, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let fouten = '';
  proces.stderr.on('data', (d: Buffer) => (fouten += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let uitvoer = '';
    const timer = setTimeout(() => reject(new Error(`PostgreSQL startte niet binnen ${timeoutMs / 1000} s: ${fouten}`)), timeoutMs);
    proces.stdout.on('data', (d: Buffer) => {
      uitvoer += d.toString();
      const gevonden = /POSTGRES_URL=(\S+)/.exec(uitvoer);
      if (gevonden) {
        clearTimeout(timer);
        resolve(gevonden[1]);
      }
    });
    proces.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL stopte bij het starten (exit ${code}): ${fouten.trim()}`));
    });
  });
  return { url, stop: () => stopProces(proces, 30_000) };
}
