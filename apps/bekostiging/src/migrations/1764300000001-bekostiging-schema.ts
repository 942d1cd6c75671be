import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@bron/infra';

export class BekostigingSchema1764300000001 implements MigrationInterface {
  name = 'BekostigingSchema1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'bekostiging');
    await q.query(`
      CREATE TABLE bekostiging.studentdossier (
        persoonsnummer text PRIMARY KEY,
        dossier jsonb NOT NULL,
        bijgewerkt_op timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE bekostiging.basisset (
        persoonsnummer text NOT NULL,
        instelling text NOT NULL,
        inschrijving_id text NOT NULL,
        versie bigint NOT NULL,
        basisset jsonb NOT NULL,
        berekend_op timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (persoonsnummer, instelling, inschrijving_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bekostiging.basisset`);
    await q.query(`DROP TABLE bekostiging.studentdossier`);
    await dropMessagingTables(q, 'bekostiging');
  }
}
