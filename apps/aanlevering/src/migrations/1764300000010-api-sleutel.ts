import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys of instellingen for the HTTP intake; only the sha256 of a key is kept. */
export class ApiSleutel1764300000010 implements MigrationInterface {
  name = 'ApiSleutel1764300000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aanlevering.api_sleutel (
        id bigserial PRIMARY KEY,
        instelling text NOT NULL,
        sleutel_hash text NOT NULL UNIQUE,
        omschrijving text,
        aangemaakt_op timestamptz NOT NULL DEFAULT now(),
        ingetrokken_op timestamptz
      )`);
    await q.query(`CREATE INDEX api_sleutel_instelling ON aanlevering.api_sleutel (instelling)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE aanlevering.api_sleutel`);
  }
}
