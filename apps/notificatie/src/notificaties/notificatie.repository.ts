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
  wijzigingen: JSON.stringify(n.wijzigingen),
});

@Injectable()
export class NotificatieRepository {
  async bewaar(manager: EntityManager, notificatie: Notificatie): Promise<void> {
    const r = toPersistence(notificatie);
    await manager.query(
      `INSERT INTO notificatie.notificatie (notificatie_id, instelling, persoonsnummer, inschrijving_id, oorzaak_soort, wijzigingen) VALUES ($1, $2, $3, $4, $5, $6)`,
      [r.notificatie_id, r.instelling, r.persoonsnummer, r.inschrijving_id, r.oorzaak_soort, r.wijzigingen],
    );
  }
}
