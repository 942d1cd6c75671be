import { Client } from 'pg';
import { postgresAntwoordt, startIngebouwdePostgres } from './ingebouwde-postgres';

/** The fallback of `npm start` on a machine without a PostgreSQL server: a real one from npm. */
describe('ingebouwde PostgreSQL', () => {
  it('starts a real server that takes connections, and stops it again', async () => {
    const server = await startIngebouwdePostgres();
    try {
      expect(await postgresAntwoordt(server.url)).toBe(true);
      const client = new Client({ connectionString: server.url });
      await client.connect();
      const [{ versie }] = (await client.query(`SELECT current_setting('server_version_num')::int AS versie`)).rows;
      await client.end();
      expect(versie).toBeGreaterThanOrEqual(150000);
    } finally {
      await server.stop();
    }
    expect(await postgresAntwoordt(server.url)).toBe(false);
  });

  it('says when no server answers', async () => {
    expect(await postgresAntwoordt('postgres://postgres@127.0.0.1:1/postgres')).toBe(false);
  });
});
