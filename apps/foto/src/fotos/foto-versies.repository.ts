import { Injectable } from '@nestjs/common';
import type { Basissetversie, SectorInvoer } from '@bron/domein';
import type { DataSource, EntityManager } from 'typeorm';

/** A version as it is stored: its content without `bekendSinds`, which is the column (the foto service's clock). */
export type TeBewarenVersie = Omit<Basissetversie, 'bekendSinds'>;

interface VersieRij {
  inhoud: TeBewarenVersie;
  bekend_sinds: Date;
}

const KOLOMMEN = 11;

/**
 * The versioned projection (docs/foto.md): every basisset versie the foto service received, with
 * the moment it recorded it. Append-only (the database refuses UPDATE, DELETE and TRUNCATE), so
 * the state known at a past moment never changes.
 */
@Injectable()
export class FotoVersies {
  /** Keeps versions not kept yet (a versie is unique per inschrijving and teldatum): a repeat changes nothing. */
  async bewaar(manager: EntityManager, versies: readonly TeBewarenVersie[]): Promise<void> {
    for (let i = 0; i < versies.length; i += 500) {
      const deel = versies.slice(i, i + 500);
      const waarden: unknown[] = [];
      const rijen = deel.map((v, j) => {
        waarden.push(
          v.instelling, v.teldatum, v.persoonsnummer, v.inschrijvingId, v.versie, v.actief, v.niveau, v.leerweg, v.intensiteit, v.basisset.bekostigd,
          v.inschrijvingVoorCorrectiefactor,
        );
        waarden.push(JSON.stringify(v));
        const p = j * (KOLOMMEN + 1);
        return `(${Array.from({ length: KOLOMMEN + 1 }, (_, k) => `$${p + k + 1}`).join(', ')})`;
      });
      await manager.query(
        `INSERT INTO foto.basissetversie (instelling, teldatum, persoonsnummer, inschrijving_id, versie, actief, niveau, leerweg, intensiteit, bekostigd, voor_correctiefactor, inhoud)
         VALUES ${rijen.join(', ')} ON CONFLICT DO NOTHING`,
        waarden,
      );
    }
  }

  /**
   * The latest moment whose versions are all committed. A version's `bekend_sinds` is the clock at
   * its insert, read after the insert holds its ROW EXCLUSIVE lock; this takes a SHARE lock, which
   * waits for every transaction that holds one, and reads the clock then. So every version known
   * at or before the answer is committed, and no version that commits later can be known at it
   * (one millisecond is taken off, as both sides are cut to milliseconds). The lock is held for
   * this one statement's transaction only.
   */
  async stabielTot(dataSource: DataSource): Promise<string> {
    return dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE foto.basissetversie IN SHARE MODE`);
      const [{ tot }]: { tot: Date }[] = await manager.query(`SELECT date_trunc('milliseconds', clock_timestamp()) - interval '1 millisecond' AS tot`);
      return tot.toISOString();
    });
  }

  /** Per inschrijving of the instelling on the teldatum, its last version known at `bekendOp` (removed ones included: the foto leaves them out). */
  async laatsteOp(manager: EntityManager, instelling: string, teldatum: string, bekendOp: string): Promise<Basissetversie[]> {
    const rijen: VersieRij[] = await manager.query(
      `SELECT DISTINCT ON (persoonsnummer, inschrijving_id) inhoud, bekend_sinds FROM foto.basissetversie
       WHERE instelling = $1 AND teldatum = $2 AND bekend_sinds <= $3
       ORDER BY persoonsnummer, inschrijving_id, bekend_sinds DESC, versie DESC`,
      [instelling, teldatum, bekendOp],
    );
    return rijen.map((r) => ({ ...r.inhoud, bekendSinds: r.bekend_sinds.toISOString() }));
  }

  /** The instellingen with any version on the teldatum known at `bekendOp`: those a scheduled moment makes a foto for. */
  async instellingenOp(manager: EntityManager, teldatum: string, bekendOp: string): Promise<string[]> {
    const rijen: { instelling: string }[] = await manager.query(
      `SELECT DISTINCT instelling FROM foto.basissetversie WHERE teldatum = $1 AND bekend_sinds <= $2 ORDER BY instelling`,
      [teldatum, bekendOp],
    );
    return rijen.map((r) => r.instelling);
  }

  /** The teldata with any version: the studiejaren the planner looks at. */
  async teldata(manager: EntityManager): Promise<string[]> {
    const rijen: { teldatum: string }[] = await manager.query(`SELECT DISTINCT to_char(teldatum, 'YYYY-MM-DD') AS teldatum FROM foto.basissetversie ORDER BY 1`);
    return rijen.map((r) => r.teldatum);
  }

  /**
   * The active inschrijvingen of every instelling on the teldatum known at `bekendOp`, counted per
   * group in the database: the sector counts never bring individual rows into the service.
   */
  async sectorInvoer(manager: EntityManager, teldatum: string, bekendOp: string): Promise<SectorInvoer[]> {
    const rijen: { niveau: number | null; leerweg: string; intensiteit: string | null; bekostigd: boolean; voor_correctiefactor: boolean; aantal: string }[] = await manager.query(
      `WITH laatste AS (
         SELECT DISTINCT ON (instelling, persoonsnummer, inschrijving_id) actief, niveau, leerweg, intensiteit, bekostigd, voor_correctiefactor
         FROM foto.basissetversie WHERE teldatum = $1 AND bekend_sinds <= $2
         ORDER BY instelling, persoonsnummer, inschrijving_id, bekend_sinds DESC, versie DESC)
       SELECT niveau, leerweg, intensiteit, bekostigd, voor_correctiefactor, count(*) AS aantal FROM laatste WHERE actief
       GROUP BY niveau, leerweg, intensiteit, bekostigd, voor_correctiefactor
       ORDER BY niveau NULLS FIRST, leerweg, intensiteit NULLS FIRST, bekostigd, voor_correctiefactor`,
      [teldatum, bekendOp],
    );
    return rijen.map((r) => ({
      niveau: r.niveau === null ? null : Number(r.niveau), leerweg: r.leerweg, intensiteit: r.intensiteit, bekostigd: r.bekostigd,
      inschrijvingVoorCorrectiefactor: r.voor_correctiefactor, aantal: Number(r.aantal),
    }));
  }
}
