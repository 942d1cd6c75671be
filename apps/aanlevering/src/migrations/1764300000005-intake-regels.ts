import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeRegels1764300000005 implements MigrationInterface {
  name = 'IntakeRegels1764300000005';

  async up(q: QueryRunner): Promise<void> {
    // External feeds the intake needs for its signalen (Koppelingswet, toelating niveau 4).
    await q.query(`
      CREATE TABLE aanlevering.persoon (
        persoonsnummer text PRIMARY KEY,
        gegevens jsonb NOT NULL,
        bijgewerkt text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE aanlevering.vooropleiding (
        persoonsnummer text NOT NULL,
        soort text NOT NULL,
        diploma boolean NOT NULL,
        datum date NOT NULL,
        PRIMARY KEY (persoonsnummer, soort, diploma, datum)
      )`);
    await q.query(`
      CREATE TABLE aanlevering.aanmelding (
        instelling text NOT NULL,
        aanmelding_id text NOT NULL,
        persoonsnummer text NOT NULL,
        staat jsonb NOT NULL,
        PRIMARY KEY (instelling, aanmelding_id)
      )`);
    // Fingerprints of the records of a batch: an identical record later in the batch is a duplicate.
    await q.query(`
      CREATE TABLE aanlevering.batch_record (
        instelling text NOT NULL,
        batch_id text NOT NULL,
        vingerafdruk text NOT NULL,
        recordnummer bigint NOT NULL,
        PRIMARY KEY (instelling, batch_id, vingerafdruk)
      )`);
    await q.query(`CREATE INDEX diploma_persoon ON aanlevering.diploma (persoonsnummer)`);
    await q.query(`CREATE INDEX inschrijving_instelling_persoon ON aanlevering.inschrijving (instelling, persoonsnummer)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX aanlevering.inschrijving_instelling_persoon`);
    await q.query(`DROP INDEX aanlevering.diploma_persoon`);
    await q.query(`DROP TABLE aanlevering.batch_record`);
    await q.query(`DROP TABLE aanlevering.aanmelding`);
    await q.query(`DROP TABLE aanlevering.vooropleiding`);
    await q.query(`DROP TABLE aanlevering.persoon`);
  }
}
