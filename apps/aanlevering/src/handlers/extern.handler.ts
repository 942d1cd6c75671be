import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { persoonGegevensMapper } from '@bron/adapters';
import { EventTypes, type PersoonGewijzigd, type VooropleidingGeregistreerd } from '@bron/contracts';
import { BerichtContext } from '@bron/infra';
import { PersoonRepository } from '../repositories/persoon.repository';
import { VooropleidingRepository } from '../repositories/vooropleiding.repository';

/** Keeps what the BRP and VO schools said about persons, for the signalen of the intake. */
@Controller()
export class ExternHandler {
  constructor(
    private readonly personen: PersoonRepository,
    private readonly vooropleidingen: VooropleidingRepository,
  ) {}

  @EventPattern(EventTypes.PersoonGewijzigd, { consumer: 'aanlevering-extern' })
  async opPersoonGewijzigd(@Payload() persoon: PersoonGewijzigd, @Ctx() context: BerichtContext): Promise<void> {
    await this.personen.bewaar(context.manager, { persoonsnummer: persoon.persoonsnummer, gegevens: persoonGegevensMapper.naarDomein(persoon), bijgewerkt: context.metadata.eventTime });
  }

  @EventPattern(EventTypes.VooropleidingGeregistreerd, { consumer: 'aanlevering-extern' })
  async opVooropleidingGeregistreerd(@Payload() v: VooropleidingGeregistreerd, @Ctx() context: BerichtContext): Promise<void> {
    await this.vooropleidingen.bewaar(context.manager, { persoonsnummer: v.persoonsnummer, soort: v.soort, diploma: v.diploma, datum: v.datum });
  }
}
