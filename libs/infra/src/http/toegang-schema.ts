import type { MigrationInterface, QueryRunner } from 'typeorm';
import { maakSchema, openDatabase } from '../database/data-source';
import type { JsonLogger } from '../logging/json-logger';

/** The schema of the shared HTTP access: API keys of instellingen and the audit of every individual query. */
export const TOEGANG_SCHEMA = 'toegang';

/**
 * Serialises the DDL of the toegang schema between services (each HTTP-serving service migrates
 * it, and the aanlevering service moves its old keys into it). A lock of its own, not the
 * migration lock of `openDatabase`, which the same process holds on another connection.
 */
async function vergrendel(q: QueryRunner): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('toegang:ddl'))`);
}

/**
 * The key table: only the sha256 of a key is kept. Idempotent, so that both the toegang migration
 * and the aanlevering migration that moves its keys here can create it, in whichever order they run.
 */
export async function maakSleuteltabel(q: QueryRunner): Promise<void> {
  await vergrendel(q);
  await maakSchema(q, TOEGANG_SCHEMA);
  await q.query(`
    CREATE TABLE IF NOT EXISTS ${TOEGANG_SCHEMA}.api_sleutel (
      id bigserial PRIMARY KEY,
      instelling text NOT NULL,
      sleutel_hash text NOT NULL UNIQUE,
      omschrijving text,
      aangemaakt_op timestamptz NOT NULL DEFAULT now(),
      ingetrokken_op timestamptz
    )`);
  await q.query(`CREATE INDEX IF NOT EXISTS api_sleutel_instelling ON ${TOEGANG_SCHEMA}.api_sleutel (instelling)`);
}

/**
 * Moves the keys of an older key table (the aanlevering service kept them in its own schema) into
 * toegang.api_sleutel with their ids, so that every key keeps working and keeps its id, then drops
 * the old table. References to a key id (ontvangen_batch.api_sleutel_id) keep their values.
 */
export async function verhuisSleutels(q: QueryRunner, oudeTabel: string, opties: { nietTijdensMigratieVan?: string } = {}): Promise<void> {
  await maakSleuteltabel(q);
  // Another schema's table moves only while that schema's own migrations are not running (their
  // lock in openDatabase), and its migrations wait until this transaction is done: dropped between
  // two of them, the table would be gone for the next one that still refers to it, for good.
  if (opties.nietTijdensMigratieVan !== undefined) {
    const [{ vrij }] = await q.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS vrij`, [`migraties:${opties.nietTijdensMigratieVan}`]);
    if (!vrij) return;
  }
  const [{ bestaat }] = await q.query(`SELECT to_regclass($1) IS NOT NULL AS bestaat`, [oudeTabel]);
  if (!bestaat) return;
  await q.query(`
    INSERT INTO ${TOEGANG_SCHEMA}.api_sleutel (id, instelling, sleutel_hash, omschrijving, aangemaakt_op, ingetrokken_op)
    SELECT id, instelling, sleutel_hash, omschrijving, aangemaakt_op, ingetrokken_op FROM ${oudeTabel}
    ON CONFLICT DO NOTHING`);
  await q.query(`
    SELECT setval(pg_get_serial_sequence('${TOEGANG_SCHEMA}.api_sleutel', 'id'), greatest((SELECT coalesce(max(id), 0) FROM ${TOEGANG_SCHEMA}.api_sleutel), 1),
                  (SELECT count(*) > 0 FROM ${TOEGANG_SCHEMA}.api_sleutel))`);
  await q.query(`DROP TABLE ${oudeTabel} CASCADE`);
}

/** Where the keys were kept before the toegang schema existed (the aanlevering service's own schema). */
export const OUDE_SLEUTELTABEL = 'aanlevering.api_sleutel';

/**
 * The keys, and `raadpleging`: one row per individual query of a person's data over HTTP, answered
 * or refused (D7). Append-only in the database itself: a trigger refuses every UPDATE, DELETE and
 * TRUNCATE, whoever asks.
 */
export class ToegangSchema1764500000000 implements MigrationInterface {
  name = 'ToegangSchema1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // Whoever migrates first (a service or tools/api-sleutel.js) moves the old keys, so that a new
    // key can never take the id of an old one that has not moved yet; but not while the aanlevering
    // service is migrating its own schema (its migration 12 moves them itself).
    await verhuisSleutels(q, OUDE_SLEUTELTABEL, { nietTijdensMigratieVan: 'aanlevering' });
    await q.query(`
      CREATE TABLE IF NOT EXISTS ${TOEGANG_SCHEMA}.raadpleging (
        id bigserial PRIMARY KEY,
        tijdstip timestamptz NOT NULL DEFAULT clock_timestamp(),
        service text NOT NULL,
        instelling text NOT NULL,
        sleutel_id bigint,
        gevraagde_instelling text,
        persoonsnummer text,
        crebo text,
        uitkomst text NOT NULL CHECK (uitkomst IN ('BEANTWOORD', 'GEWEIGERD', 'ONGELDIG', 'NIET_GEAUTHENTICEERD', 'MISLUKT')),
        http_status integer NOT NULL,
        reden text NOT NULL
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS raadpleging_persoonsnummer ON ${TOEGANG_SCHEMA}.raadpleging (persoonsnummer, tijdstip)`);
    await q.query(`CREATE INDEX IF NOT EXISTS raadpleging_instelling ON ${TOEGANG_SCHEMA}.raadpleging (instelling, tijdstip)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION ${TOEGANG_SCHEMA}.raadpleging_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'toegang.raadpleging is append-only: % is niet toegestaan', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TRIGGER IF EXISTS raadpleging_alleen_toevoegen ON ${TOEGANG_SCHEMA}.raadpleging`);
    await q.query(`
      CREATE TRIGGER raadpleging_alleen_toevoegen BEFORE UPDATE OR DELETE ON ${TOEGANG_SCHEMA}.raadpleging
      FOR EACH ROW EXECUTE FUNCTION ${TOEGANG_SCHEMA}.raadpleging_alleen_toevoegen()`);
    await q.query(`DROP TRIGGER IF EXISTS raadpleging_niet_legen ON ${TOEGANG_SCHEMA}.raadpleging`);
    await q.query(`
      CREATE TRIGGER raadpleging_niet_legen BEFORE TRUNCATE ON ${TOEGANG_SCHEMA}.raadpleging
      FOR EACH STATEMENT EXECUTE FUNCTION ${TOEGANG_SCHEMA}.raadpleging_alleen_toevoegen()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${TOEGANG_SCHEMA}.raadpleging FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ${TOEGANG_SCHEMA}.raadpleging`);
    await q.query(`DROP FUNCTION IF EXISTS ${TOEGANG_SCHEMA}.raadpleging_alleen_toevoegen()`);
  }
}

export const TOEGANG_MIGRATIES = [ToegangSchema1764500000000];

/** Opens the toegang schema (migrated) on its own connections; the caller destroys it. */
export function openToegangDatabase(url: string, logger?: JsonLogger) {
  return openDatabase({ url, schema: TOEGANG_SCHEMA, migrations: TOEGANG_MIGRATIES, logger, zonderPlatformMigraties: true });
}
