import { EventTypes, InstellingTopics, Topics, type BasissetBerekend, type FotoAangevraagd, type FotoGemaakt } from '@bron/contracts';
import { FOTO_STATUS, terugmeldingsoverzicht, type FotoRegel } from '@bron/domein';
import { OnverwerkbaarBerichtFout, nieuwBericht, type BerichtHandler, type OntvangenBericht, type Outbox } from '@bron/infra';
import type { EntityManager } from 'typeorm';

/** Keeps the projection of every inschrijving's basisset and takes immutable foto's from it. */
export class FotoHandler implements BerichtHandler {
  readonly topics = [Topics.basisset, Topics.fotoAanvraag];

  constructor(private readonly outbox: Outbox) {}

  async handle(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    switch (bericht.metadata.eventType) {
      case EventTypes.BasissetBerekend:
        return this.projecteer(bericht.value as BasissetBerekend, manager);
      case EventTypes.FotoAangevraagd:
        return this.maakFoto(bericht as OntvangenBericht<FotoAangevraagd>, manager);
      default:
        throw new OnverwerkbaarBerichtFout(`onverwacht berichttype ${bericht.metadata.eventType} op ${bericht.topic}`);
    }
  }

  private async projecteer(b: BasissetBerekend, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO foto.inschrijving AS i (persoonsnummer, instelling, inschrijving_id, versie, teldatum, actief, crebo, leerweg, niveau, bekostigd, verblijfsjaar, prijsfactor, bijdrage)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (persoonsnummer, instelling, inschrijving_id) DO UPDATE SET
         versie = EXCLUDED.versie, teldatum = EXCLUDED.teldatum, actief = EXCLUDED.actief, crebo = EXCLUDED.crebo, leerweg = EXCLUDED.leerweg,
         niveau = EXCLUDED.niveau, bekostigd = EXCLUDED.bekostigd, verblijfsjaar = EXCLUDED.verblijfsjaar, prijsfactor = EXCLUDED.prijsfactor, bijdrage = EXCLUDED.bijdrage
       WHERE i.versie < EXCLUDED.versie`,
      [b.persoonsnummer, b.instelling, b.inschrijvingId, b.versie, b.teldatum, b.actief, b.crebo, b.leerweg, b.niveau,
        b.basisset.bekostigd, b.basisset.verblijfsjaar, b.basisset.prijsfactor, b.basisset.bijdrage],
    );
  }

  private async maakFoto(bericht: OntvangenBericht<FotoAangevraagd>, manager: EntityManager): Promise<void> {
    const { aanvraagId, instelling, soort, peildatum } = bericht.value;
    const [bestaand] = await manager.query(`SELECT 1 FROM foto.foto WHERE aanvraag_id = $1`, [aanvraagId]);
    if (bestaand) return;
    const rijen: Record<string, unknown>[] = await manager.query(
      `SELECT persoonsnummer, inschrijving_id, crebo, leerweg, niveau, bekostigd, verblijfsjaar, prijsfactor, bijdrage
       FROM foto.inschrijving WHERE instelling = $1 AND actief AND teldatum = $2 ORDER BY persoonsnummer, inschrijving_id`,
      [instelling, peildatum],
    );
    const studenten: FotoRegel[] = rijen.map((r) => ({
      persoonsnummer: String(r.persoonsnummer), inschrijvingId: String(r.inschrijving_id), crebo: String(r.crebo), leerweg: String(r.leerweg),
      niveau: r.niveau === null ? null : Number(r.niveau), bekostigd: Boolean(r.bekostigd), verblijfsjaar: r.verblijfsjaar === null ? null : Number(r.verblijfsjaar),
      prijsfactor: r.prijsfactor === null ? null : Number(r.prijsfactor), bijdrage: Number(r.bijdrage),
    }));
    // Sector totals go to every instelling; they hold no individual data (D7).
    const [{ totaal }] = await manager.query(`SELECT count(*) AS totaal FROM foto.inschrijving WHERE actief AND teldatum = $1`, [peildatum]);
    const foto: FotoGemaakt = {
      fotoId: `foto:${aanvraagId}`, aanvraagId, instelling, soort, status: FOTO_STATUS[soort], peildatum,
      gemaaktOp: bericht.metadata.eventTime, studenten, terugmeldingsoverzicht: terugmeldingsoverzicht(studenten), sectorTotaalInschrijvingen: Number(totaal),
    };
    await manager.query(
      `INSERT INTO foto.foto (foto_id, aanvraag_id, instelling, soort, status, peildatum, gemaakt_op, inhoud) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [foto.fotoId, aanvraagId, instelling, soort, foto.status, peildatum, foto.gemaaktOp, JSON.stringify(foto)],
    );
    await this.outbox.add(manager, [nieuwBericht({ topic: InstellingTopics.foto(instelling), key: instelling, type: EventTypes.FotoGemaakt, value: foto, eventId: foto.fotoId }, bericht)]);
  }
}
