import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@bron/infra';

export class FotoSchema1764300000003 implements MigrationInterface {
  name = 'FotoSchema1764300000003';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'foto');
    // The projection a foto is taken from: the latest basisset of every inschrijving.
    await q.query(`
      CREATE TABLE foto.inschrijving (
        persoonsnummer text NOT NULL,
        instelling text NOT NULL,
        inschrijving_id text NOT NULL,
        versie bigint NOT NULL,
        teldatum date NOT NULL,
        actief boolean NOT NULL,
        crebo text NOT NULL,
        leerweg text NOT NULL,
        niveau integer,
        bekostigd boolean NOT NULL,
        verblijfsjaar integer,
        prijsfactor double precision,
        bijdrage double precision NOT NULL,
        PRIMARY KEY (persoonsnummer, instelling, inschrijving_id)
      )`);
    await q.query(`CREATE INDEX inschrijving_instelling_teldatum ON foto.inschrijving (instelling, teldatum) WHERE actief`);
    await q.query(`
      CREATE TABLE foto.foto (
        foto_id text PRIMARY KEY,
        aanvraag_id text NOT NULL UNIQUE,
        instelling text NOT NULL,
        soort text NOT NULL,
        status text NOT NULL,
        peildatum date NOT NULL,
        gemaakt_op timestamptz NOT NULL,
        inhoud jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE foto.foto`);
    await q.query(`DROP TABLE foto.inschrijving`);
    await dropMessagingTables(q, 'foto');
  }
}
