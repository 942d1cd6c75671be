import { createHash } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { oorzaakMapper, voorInstelling } from '@bron/adapters';
import { EventTypes, InstellingTopics, type BasissetsGewijzigd } from '@bron/contracts';
import { notificatieDecider, type Onderdeel } from '@bron/domein';
import { BerichtContext, Outbox, nieuwBericht } from '@bron/infra';
import { NotificatieRepository } from '../notificaties/notificatie.repository';

/** Names a change (the id of the message that announced it) without revealing what it names: the same change, the same text. */
const aanleidingVan = (eventId: string): string => createHash('sha256').update(eventId).digest('hex').slice(0, 32);

const naarOnderdeel = (o: BasissetsGewijzigd['instellingen'][number]['onderdelen'][number]): Onderdeel => ({ soort: o.soort, id: o.id, crebo: o.crebo, wijzigingen: o.wijzigingen });

/**
 * D8: one cause that changed a student's basissets tells each instelling with a running
 * inschrijving or an unexpired aanmelding, once, of everything that changed for it, unless the
 * cause was its own aanlevering. A notificatie already stored (the same change again) is not sent again.
 */
@Controller()
export class BasissetHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly notificaties: NotificatieRepository,
  ) {}

  @EventPattern(EventTypes.BasissetsGewijzigd)
  async opBasissetsGewijzigd(@Payload() wijziging: BasissetsGewijzigd, @Ctx() context: BerichtContext): Promise<void> {
    const events = notificatieDecider.decide({
      type: 'BeoordeelBasissetwijzigingen',
      persoonsnummer: wijziging.persoonsnummer,
      oorzaak: oorzaakMapper.naarDomein(wijziging.oorzaak),
      instellingen: wijziging.instellingen.map((i) => ({ instelling: i.instelling, onderdelen: i.onderdelen.map(naarOnderdeel) })),
      aanleiding: aanleidingVan(context.metadata.eventId),
    }, null);
    for (const { data: notificatie } of events) {
      if (!(await this.notificaties.bewaar(context.manager, notificatie))) continue;
      await this.outbox.add(context.manager, [voorInstelling(nieuwBericht({
        topic: InstellingTopics.notificatie(notificatie.instelling), key: notificatie.persoonsnummer,
        type: EventTypes.Notificatie, value: notificatie, eventId: notificatie.notificatieId,
      }, context.bericht))]);
    }
  }
}
