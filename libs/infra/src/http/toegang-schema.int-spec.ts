import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TestDatabase } from '../database/test-database';
import { GEHEIM_BYTES, maakApiSleutel, sleutelHash } from './api-sleutel';
import { ApiSleutelRepository } from './api-sleutel.repository';
import { Raadplegingen } from './raadpleging.repository';
import { openToegangDatabase } from './toegang-schema';

/** The shared toegang schema against PostgreSQL: the aanlevering service's old keys keep working, the audit stays append-only. */
describe('toegang schema', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await TestDatabase.maak();
  });

  afterAll(async () => {
    await db?.verwijder();
  });

  it("moves the keys of aanlevering.api_sleutel with their ids: an old key keeps working, a new one gets the next id", async () => {
    const oud = maakApiSleutel('25LX', randomBytes(GEHEIM_BYTES));
    const ingetrokken = maakApiSleutel('26AB', randomBytes(GEHEIM_BYTES));
    // The aanlevering schema as it was (migrations 10 and 11): keys, and a batch naming its key.
    await db.query(`CREATE SCHEMA aanlevering`);
    await db.query(`CREATE TABLE aanlevering.api_sleutel (id bigserial PRIMARY KEY, instelling text NOT NULL, sleutel_hash text NOT NULL UNIQUE, omschrijving text,
      aangemaakt_op timestamptz NOT NULL DEFAULT now(), ingetrokken_op timestamptz)`);
    await db.query(`CREATE TABLE aanlevering.ontvangen_batch (batch_id text PRIMARY KEY, api_sleutel_id bigint NOT NULL REFERENCES aanlevering.api_sleutel (id))`);
    await db.query(`INSERT INTO aanlevering.api_sleutel (id, instelling, sleutel_hash, omschrijving) VALUES (7, '25LX', $1, 'SIS')`, [sleutelHash(oud)]);
    await db.query(`INSERT INTO aanlevering.api_sleutel (id, instelling, sleutel_hash, ingetrokken_op) VALUES (9, '26AB', $1, now())`, [sleutelHash(ingetrokken)]);
    await db.query(`INSERT INTO aanlevering.ontvangen_batch VALUES ('b1', 7)`);

    const dataSource = await openToegangDatabase(db.url);
    try {
      const sleutels = new ApiSleutelRepository(dataSource);
      expect(await sleutels.houderVan(oud)).toEqual({ sleutelId: '7', instelling: '25LX' });
      expect(await sleutels.houderVan(ingetrokken)).toBeUndefined();
      expect((await sleutels.maak('25LX', null)).id).toBe('10');
      expect(await db.query(`SELECT to_regclass('aanlevering.api_sleutel') AS tabel`)).toEqual([{ tabel: null }]);
      expect(await db.query(`SELECT api_sleutel_id FROM aanlevering.ontvangen_batch`)).toEqual([{ api_sleutel_id: '7' }]);
    } finally {
      await dataSource.destroy();
    }
    // Opening it again (another service, the tool) changes nothing.
    await (await openToegangDatabase(db.url)).destroy();
    expect(await db.query(`SELECT id FROM toegang.api_sleutel ORDER BY id`)).toEqual([{ id: '7' }, { id: '9' }, { id: '10' }]);
  });

  it('leaves aanlevering.api_sleutel alone while the aanlevering service migrates its own schema (a later migration of it still refers to the table)', async () => {
    const eigen = await TestDatabase.maak();
    const aanlevering = new Client({ connectionString: eigen.url });
    await aanlevering.connect();
    try {
      await eigen.query(`CREATE SCHEMA aanlevering`);
      await eigen.query(`CREATE TABLE aanlevering.api_sleutel (id bigserial PRIMARY KEY, instelling text NOT NULL, sleutel_hash text NOT NULL UNIQUE, omschrijving text,
        aangemaakt_op timestamptz NOT NULL DEFAULT now(), ingetrokken_op timestamptz)`);
      // The aanlevering service between its migrations 10 and 11: it holds its migration lock (openDatabase).
      await aanlevering.query(`SELECT pg_advisory_lock(hashtext('migraties:aanlevering'))`);
      await (await openToegangDatabase(eigen.url)).destroy();
      expect(await eigen.query(`SELECT to_regclass('aanlevering.api_sleutel') IS NOT NULL AS bestaat`)).toEqual([{ bestaat: true }]);
      expect(await eigen.query(`SELECT to_regclass('toegang.api_sleutel') IS NOT NULL AS bestaat`)).toEqual([{ bestaat: true }]);
    } finally {
      await aanlevering.end();
      await eigen.verwijder();
    }
  });

  it('keeps every query in the audit and refuses to change or remove one', async () => {
    const dataSource = await openToegangDatabase(db.url);
    try {
      const raadplegingen = new Raadplegingen(dataSource);
      const rij = { service: 'bekostiging', sleutelId: null, gevraagdeInstelling: '25LX', persoonsnummer: '123456782', crebo: null, uitkomst: 'NIET_GEAUTHENTICEERD', httpStatus: 401, reden: 'geen sleutel' } as const;
      await raadplegingen.registreer({ ...rij, instelling: null });
      await raadplegingen.registreer({ ...rij, instelling: '25LX', persoonsnummer: '111222333', uitkomst: 'GEWEIGERD', httpStatus: 403 });
      expect((await raadplegingen.lees({ instelling: 'onbekend' })).map((r) => r.persoonsnummer)).toEqual(['123456782']);
      expect((await raadplegingen.lees({ persoonsnummer: '111222333' })).map((r) => r.uitkomst)).toEqual(['GEWEIGERD']);
      expect(await raadplegingen.lees({ sinds: new Date(Date.now() + 3_600_000) })).toEqual([]);
      for (const sql of [`UPDATE toegang.raadpleging SET reden = 'x'`, `DELETE FROM toegang.raadpleging`, `TRUNCATE toegang.raadpleging`]) {
        await expect(db.query(sql)).rejects.toThrow(/append-only/);
      }
      expect(await raadplegingen.lees()).toHaveLength(2);
    } finally {
      await dataSource.destroy();
    }
  });
});
