import { Injectable } from '@nestjs/common';
import type { Foto, FotoRegel } from '@bron/domein';
import type { EntityManager } from 'typeorm';

/** One inschrijving in the projection a foto is taken from: the latest basisset the foto service saw. */
export interface ProjectieRegel extends FotoRegel {
  readonly instelling: string;
  readonly versie: number;
  readonly teldatum: string;
  readonly actief: boolean;
}

interface InschrijvingRij {
  persoonsnummer: string;
  inschrijving_id: string;
  crebo: string;
  leerweg: string;
  niveau: number | null;
  bekostigd: boolean;
  verblijfsjaar: number | null;
  prijsfactor: number | null;
  bijdrage: number;
}

const toDomain = (r: InschrijvingRij): FotoRegel => ({
  persoonsnummer: String(r.persoonsnummer), inschrijvingId: String(r.inschrijving_id), crebo: String(r.crebo), leerweg: String(r.leerweg),
  niveau: r.niveau === null ? null : Number(r.niveau), bekostigd: Boolean(r.bekostigd), verblijfsjaar: r.verblijfsjaar === null ? null : Number(r.verblijfsjaar),
  prijsfactor: r.prijsfactor === null ? null : Number(r.prijsfactor), bijdrage: Number(r.bijdrage),
});

const toPersistence = (r: ProjectieRegel): unknown[] => [
  r.persoonsnummer, r.instelling, r.inschrijvingId, r.versie, r.teldatum, r.actief, r.crebo, r.leerweg, r.niveau, r.bekostigd, r.verblijfsjaar, r.prijsfactor, r.bijdrage,
];

@Injectable()
export class FotoRepository {
  /** Keeps the newest versie of each inschrijving, whatever the order of arrival. */
  async projecteer(manager: EntityManager, regel: ProjectieRegel): Promise<void> {
    await manager.query(
      `INSERT INTO foto.inschrijving AS i (persoonsnummer, instelling, inschrijving_id, versie, teldatum, actief, crebo, leerweg, niveau, bekostigd, verblijfsjaar, prijsfactor, bijdrage)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (persoonsnummer, instelling, inschrijving_id) DO UPDATE SET
         versie = EXCLUDED.versie, teldatum = EXCLUDED.teldatum, actief = EXCLUDED.actief, crebo = EXCLUDED.crebo, leerweg = EXCLUDED.leerweg,
         niveau = EXCLUDED.niveau, bekostigd = EXCLUDED.bekostigd, verblijfsjaar = EXCLUDED.verblijfsjaar, prijsfactor = EXCLUDED.prijsfactor, bijdrage = EXCLUDED.bijdrage
       WHERE i.versie < EXCLUDED.versie`,
      toPersistence(regel),
    );
  }

  async bestaat(manager: EntityManager, aanvraagId: string): Promise<boolean> {
    const rijen: unknown[] = await manager.query(`SELECT 1 FROM foto.foto WHERE aanvraag_id = $1`, [aanvraagId]);
    return rijen.length > 0;
  }

  /** The active inschrijvingen of an instelling on a peildatum. */
  async regels(manager: EntityManager, instelling: string, peildatum: string): Promise<FotoRegel[]> {
    const rijen: InschrijvingRij[] = await manager.query(
      `SELECT persoonsnummer, inschrijving_id, crebo, leerweg, niveau, bekostigd, verblijfsjaar, prijsfactor, bijdrage
       FROM foto.inschrijving WHERE instelling = $1 AND actief AND teldatum = $2 ORDER BY persoonsnummer, inschrijving_id`,
      [instelling, peildatum],
    );
    return rijen.map(toDomain);
  }

  /** Totaal aantal inschrijvingen in het mbo on a peildatum, all instellingen: a count, no individual data (D7). */
  async sectorTotaal(manager: EntityManager, peildatum: string): Promise<number> {
    const [{ totaal }]: { totaal: string }[] = await manager.query(`SELECT count(*) AS totaal FROM foto.inschrijving WHERE actief AND teldatum = $1`, [peildatum]);
    return Number(totaal);
  }

  async bewaar(manager: EntityManager, foto: Foto): Promise<void> {
    await manager.query(
      `INSERT INTO foto.foto (foto_id, aanvraag_id, instelling, soort, status, peildatum, gemaakt_op, inhoud) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [foto.fotoId, foto.aanvraagId, foto.instelling, foto.soort, foto.status, foto.peildatum, foto.gemaaktOp, JSON.stringify(foto)],
    );
  }
}
