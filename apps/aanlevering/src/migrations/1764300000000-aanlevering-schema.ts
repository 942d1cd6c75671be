import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@bron/infra';

export class AanleveringSchema1764300000000 implements MigrationInterface {
  name = 'AanleveringSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'aanlevering');
    await q.query(`
      CREATE TABLE aanlevering.batch (
        instelling text NOT NULL,
        batch_id text NOT NULL,
        aantal_gemeld bigint,
        bestandsnaam text,
        afgesloten_op timestamptz,
        PRIMARY KEY (instelling, batch_id)
      )`);
    await q.query(`
      CREATE TABLE aanlevering.record_antwoord (
        instelling text NOT NULL,
        batch_id text NOT NULL,
        recordnummer bigint NOT NULL,
        event_id text NOT NULL,
        soort text NOT NULL,
        terugkoppeling jsonb NOT NULL,
        beantwoord_op timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (instelling, batch_id, recordnummer)
      )`);
    await q.query(`
      CREATE TABLE aanlevering.inschrijving (
        instelling text NOT NULL,
        inschrijving_id text NOT NULL,
        persoonsnummer text NOT NULL,
        versie bigint NOT NULL,
        staat jsonb NOT NULL,
        PRIMARY KEY (instelling, inschrijving_id)
      )`);
    await q.query(`CREATE INDEX inschrijving_persoon ON aanlevering.inschrijving (persoonsnummer)`);
    await q.query(`
      CREATE TABLE aanlevering.diploma (
        instelling text NOT NULL,
        diploma_id text NOT NULL,
        persoonsnummer text NOT NULL,
        versie bigint NOT NULL,
        staat jsonb NOT NULL,
        PRIMARY KEY (instelling, diploma_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE aanlevering.diploma`);
    await q.query(`DROP TABLE aanlevering.inschrijving`);
    await q.query(`DROP TABLE aanlevering.record_antwoord`);
    await q.query(`DROP TABLE aanlevering.batch`);
    await dropMessagingTables(q, 'aanlevering');
  }
}
