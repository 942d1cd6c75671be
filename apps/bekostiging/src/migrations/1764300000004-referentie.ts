import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Referentie1764300000004 implements MigrationInterface {
  name = 'Referentie1764300000004';

  async up(q: QueryRunner): Promise<void> {
    // Prijsfactor changes of crebo's (referentie.public.kwalificatie.v1), on top of data/kwalificaties-2015.csv.
    await q.query(`
      CREATE TABLE bekostiging.prijsfactor_wijziging (
        crebo text NOT NULL,
        vanaf date NOT NULL,
        prijsfactor double precision NOT NULL,
        bron text NOT NULL,
        ontvangen_op timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (crebo, vanaf)
      )`);
    // The rule sets every stored basisset was computed with; a new one triggers a recompute of all.
    await q.query(`
      CREATE TABLE bekostiging.regelset_versie (
        id integer PRIMARY KEY CHECK (id = 1),
        vingerafdruk text NOT NULL,
        sinds timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bekostiging.regelset_versie`);
    await q.query(`DROP TABLE bekostiging.prijsfactor_wijziging`);
  }
}
