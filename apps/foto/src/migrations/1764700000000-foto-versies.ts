import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The versioned foto model (docs/foto.md): every basisset versie is kept with the moment the foto
 * service knew it, a foto keeps its content as it was made, and the sector totals of a moment are
 * kept once for all instellingen. Replaces the first model, which kept only the newest versie of
 * each inschrijving (a foto of a past moment could not be made again) and foto's with a reduced
 * content. Those rows cannot be turned into the new form; the versions are rebuilt from the
 * basisset topic (docs/foto.md, "Rebuilding the versions").
 */
export class FotoVersies1764700000000 implements MigrationInterface {
  name = 'FotoVersies1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE foto.inschrijving`);
    await q.query(`DROP TABLE foto.foto`);
    // Append-only. bekend_sinds is the clock at the insert, in milliseconds, taken after the
    // statement holds its lock on the table: see FotoVersies.stabielTot.
    await q.query(`
      CREATE TABLE foto.basissetversie (
        instelling text NOT NULL,
        teldatum date NOT NULL,
        persoonsnummer text NOT NULL,
        inschrijving_id text NOT NULL,
        versie bigint NOT NULL,
        bekend_sinds timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        actief boolean NOT NULL,
        niveau integer,
        leerweg text NOT NULL,
        intensiteit text,
        bekostigd boolean NOT NULL,
        voor_correctiefactor boolean NOT NULL,
        inhoud jsonb NOT NULL,
        PRIMARY KEY (instelling, teldatum, persoonsnummer, inschrijving_id, versie)
      )`);
    await q.query(`CREATE INDEX basissetversie_teldatum_bekend ON foto.basissetversie (teldatum, bekend_sinds)`);
    await q.query(`
      CREATE FUNCTION foto.weiger_wijziging() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'foto.% is append-only: % geweigerd', TG_TABLE_NAME, TG_OP; END $$`);
    await q.query(`CREATE TRIGGER basissetversie_append_only BEFORE UPDATE OR DELETE ON foto.basissetversie FOR EACH ROW EXECUTE FUNCTION foto.weiger_wijziging()`);
    await q.query(`CREATE TRIGGER basissetversie_geen_truncate BEFORE TRUNCATE ON foto.basissetversie FOR EACH STATEMENT EXECUTE FUNCTION foto.weiger_wijziging()`);
    await q.query(`
      CREATE TABLE foto.sectortotalen (
        peildatum date NOT NULL,
        bekend_op timestamptz NOT NULL,
        inhoud jsonb NOT NULL,
        PRIMARY KEY (peildatum, bekend_op)
      )`);
    // inhoud: the canonical JSON text of the foto, gzipped; checksum is the sha256 of that text.
    await q.query(`
      CREATE TABLE foto.foto (
        foto_id text PRIMARY KEY,
        instelling text NOT NULL,
        soort text NOT NULL,
        status text NOT NULL,
        peildatum date NOT NULL,
        bekend_op timestamptz NOT NULL,
        gemaakt_op timestamptz NOT NULL DEFAULT now(),
        checksum text NOT NULL,
        aantal_inschrijvingen integer NOT NULL,
        aantal_studenten integer NOT NULL,
        aantal_bekostigd integer NOT NULL,
        sector_totaal integer NOT NULL,
        inhoud bytea NOT NULL
      )`);
    await q.query(`CREATE INDEX foto_instelling_peildatum ON foto.foto (instelling, peildatum, bekend_op)`);
    await q.query(`CREATE TRIGGER foto_onveranderlijk BEFORE UPDATE OR DELETE ON foto.foto FOR EACH ROW EXECUTE FUNCTION foto.weiger_wijziging()`);
    await q.query(`
      CREATE TABLE foto.aanvraag (
        aanvraag_id text PRIMARY KEY,
        foto_id text NOT NULL REFERENCES foto.foto (foto_id),
        ontvangen_op timestamptz NOT NULL DEFAULT now()
      )`);
    // Scheduled moments before the service first ran are not made: nothing was known then.
    await q.query(`CREATE TABLE foto.planning (id integer PRIMARY KEY CHECK (id = 1), in_bedrijf_sinds timestamptz NOT NULL)`);
    await q.query(`INSERT INTO foto.planning (id, in_bedrijf_sinds) VALUES (1, date_trunc('milliseconds', clock_timestamp()))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const tabel of ['planning', 'aanvraag', 'foto', 'sectortotalen', 'basissetversie']) await q.query(`DROP TABLE foto.${tabel}`);
    await q.query(`DROP FUNCTION foto.weiger_wijziging()`);
    await q.query(`
      CREATE TABLE foto.inschrijving (
        persoonsnummer text NOT NULL, instelling text NOT NULL, inschrijving_id text NOT NULL, versie bigint NOT NULL, teldatum date NOT NULL,
        actief boolean NOT NULL, crebo text NOT NULL, leerweg text NOT NULL, niveau integer, bekostigd boolean NOT NULL, verblijfsjaar integer,
        prijsfactor double precision, bijdrage double precision NOT NULL, PRIMARY KEY (persoonsnummer, instelling, inschrijving_id))`);
    await q.query(`
      CREATE TABLE foto.foto (
        foto_id text PRIMARY KEY, aanvraag_id text NOT NULL UNIQUE, instelling text NOT NULL, soort text NOT NULL, status text NOT NULL,
        peildatum date NOT NULL, gemaakt_op timestamptz NOT NULL, inhoud jsonb NOT NULL)`);
  }
}
