import { EventTypes, InstellingTopics, Topics, type BasissetBerekend, type Notificatie } from '@bron/contracts';
import { beschrijfOorzaak, moetNotificeren, notificatieTekst, type Oorzaak } from '@bron/domein';
import { OnverwerkbaarBerichtFout, nieuwBericht, type BerichtHandler, type OntvangenBericht, type Outbox } from '@bron/infra';
import type { EntityManager } from 'typeorm';

/** D8: tells an instelling when its student's basisset changed through a cause not its own. */
export class BasissetHandler implements BerichtHandler {
  readonly topics = [Topics.basisset];

  constructor(private readonly outbox: Outbox) {}

  async handle(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    if (bericht.metadata.eventType !== EventTypes.BasissetBerekend) {
      throw new OnverwerkbaarBerichtFout(`onverwacht berichttype ${bericht.metadata.eventType} op ${bericht.topic}`);
    }
    const b = bericht.value as BasissetBerekend;
    const oorzaak = naarOorzaak(b.oorzaak);
    if (!moetNotificeren(b.instelling, oorzaak, b.wijzigingen)) return;

    const notificatie: Notificatie = {
      notificatieId: `notificatie:${bericht.metadata.eventId}`,
      instelling: b.instelling,
      persoonsnummer: b.persoonsnummer,
      inschrijvingId: b.inschrijvingId,
      wijzigingen: b.wijzigingen,
      oorzaak: { soort: oorzaak.soort, omschrijving: beschrijfOorzaak(oorzaak), bron: oorzaak.soort === 'AANLEVERING' ? null : oorzaak.bron },
      tekst: notificatieTekst(b.wijzigingen, oorzaak),
    };
    await manager.query(
      `INSERT INTO notificatie.notificatie (notificatie_id, instelling, persoonsnummer, inschrijving_id, oorzaak_soort, wijzigingen) VALUES ($1, $2, $3, $4, $5, $6)`,
      [notificatie.notificatieId, b.instelling, b.persoonsnummer, b.inschrijvingId, oorzaak.soort, JSON.stringify(b.wijzigingen)],
    );
    await this.outbox.add(manager, [
      nieuwBericht({ topic: InstellingTopics.notificatie(b.instelling), key: b.persoonsnummer, type: EventTypes.Notificatie, value: notificatie, eventId: notificatie.notificatieId }, bericht),
    ]);
  }
}

function naarOorzaak(o: BasissetBerekend['oorzaak']): Oorzaak {
  if (o.soort === 'AANLEVERING') return { soort: 'AANLEVERING', instelling: o.instelling ?? '' };
  return { soort: o.soort, bron: o.bron ?? 'onbekend' };
}
