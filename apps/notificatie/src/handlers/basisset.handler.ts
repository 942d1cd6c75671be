import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { oorzaakMapper } from '@bron/adapters';
import { EventTypes, InstellingTopics, type BasissetBerekend } from '@bron/contracts';
import { notificatieDecider } from '@bron/domein';
import { BerichtContext, Outbox, nieuwBericht } from '@bron/infra';
import { NotificatieRepository } from '../notificaties/notificatie.repository';

/** D8: tells an instelling when its student's basisset changed through a cause not its own. */
@Controller()
export class BasissetHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly notificaties: NotificatieRepository,
  ) {}

  @EventPattern(EventTypes.BasissetBerekend)
  async opBasissetBerekend(@Payload() basisset: BasissetBerekend, @Ctx() context: BerichtContext): Promise<void> {
    const events = notificatieDecider.decide({
      type: 'BeoordeelBasissetwijziging',
      instelling: basisset.instelling,
      persoonsnummer: basisset.persoonsnummer,
      inschrijvingId: basisset.inschrijvingId,
      wijzigingen: basisset.wijzigingen,
      oorzaak: oorzaakMapper.naarDomein(basisset.oorzaak),
      aanleiding: context.metadata.eventId,
    }, null);
    for (const { data: notificatie } of events) {
      await this.notificaties.bewaar(context.manager, notificatie);
      await this.outbox.add(context.manager, [nieuwBericht({
        topic: InstellingTopics.notificatie(notificatie.instelling), key: notificatie.persoonsnummer,
        type: EventTypes.Notificatie, value: notificatie, eventId: notificatie.notificatieId,
      }, context.bericht)]);
    }
  }
}
