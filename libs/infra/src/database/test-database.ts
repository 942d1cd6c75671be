import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_DATABASE_URL } from '../config';
import { ensureDatabaseExists } from './data-source';

/**
 * A database of its own for one test file, created and dropped by the test. Refuses any name that
 * does not mark it as a test database, so a test can never touch real data.
 */
export class TestDatabase {
  private constructor(readonly url: string, readonly naam: string) {}

  static async maak(basisUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Promise<TestDatabase> {
    const naam = `bron_test_${randomBytes(4).toString('hex')}`;
    const url = new URL(basisUrl);
    url.pathname = `/${naam}`;
    await ensureDatabaseExists(url.toString());
    return new TestDatabase(url.toString(), naam);
  }

  /** A test database that something else created (it must still be named as one). */
  static bestaand(url: string): TestDatabase {
    const naam = decodeURIComponent(new URL(url).pathname.slice(1));
    if (!naam.startsWith('bron_test_')) throw new Error(`${naam} is geen testdatabase`);
    return new TestDatabase(url, naam);
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    // A test that ends connections (pg_terminate_backend) may end this one too: the query says so.
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async verwijder(): Promise<void> {
    if (!this.naam.startsWith('bron_test_')) throw new Error(`weiger ${this.naam} te verwijderen: geen testdatabase`);
    const admin = new URL(this.url);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${this.naam}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
