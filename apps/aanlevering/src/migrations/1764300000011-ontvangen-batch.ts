import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches the HTTP intake accepted, with the key that delivered them: a batch is known (GET
 * answers) from its 202 on, also while it waits on the intake topic behind an earlier batch.
 */
export class OntvangenBatch1764300000011 implements MigrationInterface {
  name = 'OntvangenBatch1764300000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aanlevering.ontvangen_batch (
        instelling text NOT NULL,
        batch_id text NOT NULL,
        api_sleutel_id bigint NOT NULL REFERENCES aanlevering.api_sleutel (id),
        bestandsnaam text,
        aantal_records bigint NOT NULL,
        ontvangen_op timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (instelling, batch_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE aanlevering.ontvangen_batch`);
  }
}
