import { gunzipSync, gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { canoniekeFotoTekst, checksumVanTekst, type BronFoto, type FotoSoort, type Sectortotalen } from '@bron/domein';
import type { EntityManager } from 'typeorm';

/** What is known of a stored foto without reading its content: what its announcement says. */
export interface FotoKop {
  readonly fotoId: string;
  readonly instelling: string;
  readonly soort: FotoSoort;
  readonly status: string;
  readonly peildatum: string;
  readonly bekendOp: string;
  readonly gemaaktOp: string;
  readonly checksum: string;
  readonly aantalInschrijvingen: number;
  readonly aantalStudenten: number;
  readonly aantalBekostigd: number;
  readonly sectorTotaalInschrijvingen: number;
}

interface KopRij {
  foto_id: string;
  instelling: string;
  soort: FotoSoort;
  status: string;
  peildatum: string;
  bekend_op: Date;
  gemaakt_op: Date;
  checksum: string;
  aantal_inschrijvingen: number;
  aantal_studenten: number;
  aantal_bekostigd: number;
  sector_totaal: number;
}

const KOP = `foto_id, instelling, soort, status, to_char(peildatum, 'YYYY-MM-DD') AS peildatum, bekend_op, gemaakt_op, checksum,
  aantal_inschrijvingen, aantal_studenten, aantal_bekostigd, sector_totaal`;

const toDomain = (r: KopRij): FotoKop => ({
  fotoId: r.foto_id, instelling: r.instelling, soort: r.soort, status: r.status, peildatum: r.peildatum, bekendOp: r.bekend_op.toISOString(),
  gemaaktOp: r.gemaakt_op.toISOString(), checksum: r.checksum, aantalInschrijvingen: Number(r.aantal_inschrijvingen), aantalStudenten: Number(r.aantal_studenten),
  aantalBekostigd: Number(r.aantal_bekostigd), sectorTotaalInschrijvingen: Number(r.sector_totaal),
});

/**
 * The foto's as made: immutable (the database refuses UPDATE and DELETE), the content as its
 * canonical text, gzipped, so a foto is served as it was made whatever the code does later.
 */
@Injectable()
export class Fotos {
  /**
   * Stores a foto unless its moment was made already (by another instance); true when this call
   * stored it. `tekst`: its canonical text when the caller has it (maakFotoMetTekst).
   */
  async bewaar(manager: EntityManager, foto: BronFoto, tekst = canoniekeFotoTekst(foto)): Promise<boolean> {
    const inhoud = gzipSync(Buffer.from(tekst, 'utf8'), { level: 6 });
    const rijen: unknown[] = await manager.query(
      `INSERT INTO foto.foto (foto_id, instelling, soort, status, peildatum, bekend_op, checksum, aantal_inschrijvingen, aantal_studenten, aantal_bekostigd, sector_totaal, inhoud)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (foto_id) DO NOTHING RETURNING foto_id`,
      [
        foto.fotoId, foto.instelling, foto.soort, foto.status, foto.peildatum, foto.bekendOp, foto.checksum, foto.aantallen.inschrijvingen, foto.aantallen.studenten,
        foto.aantallen.bekostigd, foto.sector.totaalInschrijvingen, inhoud,
      ],
    );
    return rijen.length > 0;
  }

  async kop(manager: EntityManager, fotoId: string): Promise<FotoKop | undefined> {
    const [rij]: KopRij[] = await manager.query(`SELECT ${KOP} FROM foto.foto WHERE foto_id = $1`, [fotoId]);
    return rij ? toDomain(rij) : undefined;
  }

  /** The foto's of an instelling, oldest moment first; of one peildatum when given. */
  async vanInstelling(manager: EntityManager, instelling: string, peildatum?: string): Promise<FotoKop[]> {
    const rijen: KopRij[] = await manager.query(
      `SELECT ${KOP} FROM foto.foto WHERE instelling = $1 AND ($2::date IS NULL OR peildatum = $2::date) ORDER BY peildatum, bekend_op, foto_id`,
      [instelling, peildatum ?? null],
    );
    return rijen.map(toDomain);
  }

  /**
   * The instelling's foto of the same peildatum just before this one, among those made before it:
   * what a verschillenlijst compares with by default. A foto of an earlier moment made later does
   * not count, so this foto's default verschillen never change.
   */
  async vorige(manager: EntityManager, kop: FotoKop): Promise<FotoKop | undefined> {
    const [rij]: KopRij[] = await manager.query(
      `SELECT ${KOP} FROM foto.foto WHERE instelling = $1 AND peildatum = $2 AND (bekend_op, foto_id) < ($3, $4) AND gemaakt_op <= $5
       ORDER BY bekend_op DESC, foto_id DESC LIMIT 1`,
      [kop.instelling, kop.peildatum, kop.bekendOp, kop.fotoId, kop.gemaaktOp],
    );
    return rij ? toDomain(rij) : undefined;
  }

  /** The content as it was made; refused when the stored text no longer has its checksum (a foto is never served altered). */
  async inhoud(manager: EntityManager, fotoId: string): Promise<BronFoto | undefined> {
    const [rij]: { inhoud: Buffer; checksum: string }[] = await manager.query(`SELECT inhoud, checksum FROM foto.foto WHERE foto_id = $1`, [fotoId]);
    if (!rij) return undefined;
    const tekst = gunzipSync(rij.inhoud).toString('utf8');
    if (checksumVanTekst(tekst) !== rij.checksum) throw new Error(`de inhoud van foto ${fotoId} past niet meer bij zijn checksum`);
    return { ...(JSON.parse(tekst) as Omit<BronFoto, 'checksum'>), checksum: rij.checksum };
  }

  /** The moments of one instelling's scheduled soorten already made, as `<soort>|<bekendOp>`. */
  async gemaakteMomenten(manager: EntityManager, peildatum: string): Promise<Set<string>> {
    const rijen: { instelling: string; soort: string; bekend_op: Date }[] = await manager.query(
      `SELECT instelling, soort, bekend_op FROM foto.foto WHERE peildatum = $1 AND soort <> 'OP_VERZOEK'`,
      [peildatum],
    );
    return new Set(rijen.map((r) => `${r.instelling}|${r.soort}|${r.bekend_op.toISOString()}`));
  }

  /** Links a request to the foto that answers it; false when the request was seen before. */
  async koppelAanvraag(manager: EntityManager, aanvraagId: string, fotoId: string): Promise<boolean> {
    const rijen: unknown[] = await manager.query(`INSERT INTO foto.aanvraag (aanvraag_id, foto_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING aanvraag_id`, [aanvraagId, fotoId]);
    return rijen.length > 0;
  }

  /** The foto a request was answered with, when it was. */
  async fotoVanAanvraag(manager: EntityManager, aanvraagId: string): Promise<string | undefined> {
    const [rij]: { foto_id: string }[] = await manager.query(`SELECT foto_id FROM foto.aanvraag WHERE aanvraag_id = $1`, [aanvraagId]);
    return rij?.foto_id;
  }

  async sectortotalen(manager: EntityManager, peildatum: string, bekendOp: string): Promise<Sectortotalen | undefined> {
    const [rij]: { inhoud: Sectortotalen }[] = await manager.query(`SELECT inhoud FROM foto.sectortotalen WHERE peildatum = $1 AND bekend_op = $2`, [peildatum, bekendOp]);
    return rij?.inhoud;
  }

  async bewaarSectortotalen(manager: EntityManager, sector: Sectortotalen): Promise<void> {
    await manager.query(`INSERT INTO foto.sectortotalen (peildatum, bekend_op, inhoud) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [sector.peildatum, sector.bekendOp, JSON.stringify(sector)]);
  }
}
