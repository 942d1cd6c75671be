import { Injectable } from '@nestjs/common';
import type { Notificatie } from '@bron/domein';
import type { EntityManager } from 'typeorm';

/** A stored notificatie: what was sent to whom and why (the audit trail of individual data leaving the platform, D7). */
interface NotificatieRij {
  notificatie_id: string;
  instelling: string;
  persoonsnummer: string;
  inschrijving_id: string;
  oorzaak_soort: string;
  wijzigingen: string;
}

const toPersistence = (n: Notificatie): NotificatieRij => ({
  notificatie_id: n.notificatieId,
  instelling: n.instelling,
  persoonsnummer: n.persoonsnummer,
  inschrijving_id: n.inschrijvingId,
  oorzaak_soort: n.oorzaak.soort,
  // every onderdeel that changed (inschrijvingen and the basisset at aanmelding), each with its wijzigingen
  wijzigingen: JSON.stringify(n.onderdelen),
});

@Injectable()
export class NotificatieRepository {
  /** Stores a notificatie once; false when one with its id was stored before (the same change again: not to be sent twice). */
  async bewaar(manager: EntityManager, notificatie: Notificatie): Promise<boolean> {
    const r = toPersistence(notificatie);
    const nieuw: unknown[] = await manager.query(
      `INSERT INTO notificatie.notificatie (notificatie_id, instelling, persoonsnummer, inschrijving_id, oorzaak_soort, wijzigingen) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (notificatie_id) DO NOTHING RETURNING notificatie_id`,
      [r.notificatie_id, r.instelling, r.persoonsnummer, r.inschrijving_id, r.oorzaak_soort, r.wijzigingen],
    );
    return nieuw.length > 0;
  }
}
