import { Client } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { JsonLogger } from '../logging/json-logger';
import { TypeOrmJsonLogger } from '../logging/typeorm-logger';
import { platformMigraties } from './messaging-tables';

export interface DatabaseOptions {
  url: string;
  /** One PostgreSQL schema per service: the service owns it, nobody else reads it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  /** Where TypeORM's lines go (JSON, redacted, never a query or its parameters); a logger of its own when left out. */
  logger?: JsonLogger;
  /** A schema without inbox and outbox (the shared toegang schema) gets none of the platform's messaging migrations. */
  zonderPlatformMigraties?: boolean;
}

/** A TypeORM data source for one service's schema; schema changes only through migrations. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    migrations: withPlatformMigrations(options),
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    entities: options.entities ?? [],
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    logger: new TypeOrmJsonLogger(options.logger ?? new JsonLogger(options.schema)),
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
  });
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function withPlatformMigrations(options: DatabaseOptions): MixedList<Function | string> {
  const eigen = Array.isArray(options.migrations) ? options.migrations : Object.values(options.migrations);
  if (options.zonderPlatformMigraties) return eigen;
  // A service that already lists them (by name) is not given them twice.
  const namen = new Set(eigen.map((m) => (typeof m === 'function' ? m.name : m)));
  return [...eigen, ...platformMigraties(options.schema).filter((m) => !namen.has(m.name))];
}

/** Connects and brings the schema up to date. The schema itself is created first, as migrations live inside it. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  await ensureDatabaseExists(options.url);
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  // Two instances of a service that start together must not migrate the same schema at once: the
  // second waits for the first (a session lock on one connection), then finds nothing left to do.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migraties:${options.schema}`]);
    await runner.startTransaction();
    await maakSchema(runner, options.schema).then(() => runner.commitTransaction(), async (error) => {
      await runner.rollbackTransaction();
      throw error;
    });
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migraties:${options.schema}`]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}

/**
 * `CREATE SCHEMA IF NOT EXISTS` inside the caller's transaction, serialised with every other
 * session that creates the same schema: two sessions that run it at the same moment make
 * PostgreSQL fail the second with a unique violation on pg_namespace instead of doing nothing.
 * The `toegang` schema is created by every HTTP-serving service, and by the aanlevering migration
 * that moves its keys there. The lock is held until the transaction ends, so the next one sees it.
 */
export async function maakSchema(q: { query: (sql: string, parameters?: unknown[]) => Promise<unknown> }, schema: string): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`schema:${schema}`]);
  await q.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
}

/** Creates the database named in the url when the server has no such database yet. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name '${name}' must be letters, digits and underscores`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  // An ended connection also fails the query below; without a listener it would end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        // Another service created it at the same moment.
        if ((error as { code?: string }).code !== '42P04' && (error as { code?: string }).code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
