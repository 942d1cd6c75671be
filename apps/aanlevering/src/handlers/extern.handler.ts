import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { beoordeelExternFeit, leesVooropleiding, type ExternFeit, type ExternOordeel } from '@bron/aanlevering-domein';
import { persoonGegevensMapper } from '@bron/adapters';
import type { Kwalificatietabel } from '@bron/cascade';
import { EventTypes, Topics, type ExternAntwoord, type PersoonGewijzigd, type PrijsfactorGewijzigd, type VooropleidingGeregistreerd } from '@bron/contracts';
import { BerichtContext, Outbox, nieuwBericht } from '@bron/infra';
import { PersoonRepository } from '../repositories/persoon.repository';
import { VooropleidingRepository } from '../repositories/vooropleiding.repository';
import { KWALIFICATIETABEL } from './aanleverrecord.handler';

/**
 * The external feeds, validated like aanleveringen: every fact gets one answer on
 * extern.public.antwoord.v1 (accepted, or refused with its code and reason), and only an accepted
 * one is kept (what the BRP and VO schools said about persons, for the signalen of the intake).
 * A refused fact is an answer, not a dead letter.
 */
@Controller()
export class ExternHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly personen: PersoonRepository,
    private readonly vooropleidingen: VooropleidingRepository,
    @Inject(KWALIFICATIETABEL) private readonly kwalificaties: Kwalificatietabel,
  ) {}

  @EventPattern(EventTypes.PersoonGewijzigd, { consumer: 'aanlevering-extern' })
  async opPersoonGewijzigd(@Payload() persoon: PersoonGewijzigd, @Ctx() context: BerichtContext): Promise<void> {
    const oordeel = await this.beantwoord(context, persoon.persoonsnummer, { type: 'PersoonGewijzigd', ...persoon });
    if (!oordeel.aanvaard) return;
    await this.personen.bewaar(context.manager, { persoonsnummer: persoon.persoonsnummer, gegevens: persoonGegevensMapper.naarDomein(persoon), bijgewerkt: context.metadata.eventTime });
  }

  @EventPattern(EventTypes.VooropleidingGeregistreerd, { consumer: 'aanlevering-extern' })
  async opVooropleidingGeregistreerd(@Payload() v: VooropleidingGeregistreerd, @Ctx() context: BerichtContext): Promise<void> {
    const oordeel = await this.beantwoord(context, v.persoonsnummer, { type: 'VooropleidingGeregistreerd', ...v });
    const vooropleiding = leesVooropleiding(v);
    if (!oordeel.aanvaard || 'code' in vooropleiding) return;
    // Kept as the cascade holds it: OVERGANG_HAVO_3_4 is HAVO without diploma.
    await this.vooropleidingen.bewaar(context.manager, { persoonsnummer: v.persoonsnummer, soort: vooropleiding.soort, diploma: vooropleiding.diploma, datum: v.datum });
  }

  /** The bekostiging service keeps the prijsfactor; the intake only answers whether the fact is valid. */
  @EventPattern(EventTypes.PrijsfactorGewijzigd, { consumer: 'aanlevering-extern' })
  async opPrijsfactorGewijzigd(@Payload() p: PrijsfactorGewijzigd, @Ctx() context: BerichtContext): Promise<void> {
    await this.beantwoord(context, p.crebo, { type: 'PrijsfactorGewijzigd', ...p });
  }

  private async beantwoord(context: BerichtContext, key: string, feit: ExternFeit): Promise<ExternOordeel> {
    const oordeel = beoordeelExternFeit(feit, this.kwalificaties);
    const value: ExternAntwoord = {
      feitId: context.metadata.eventId, type: feit.type, bron: feit.bron,
      ...(oordeel.aanvaard ? { uitkomst: 'AANVAARD', code: null, reden: null } : { uitkomst: 'GEWEIGERD', code: oordeel.code, reden: oordeel.reden }),
    };
    await this.outbox.add(context.manager, [nieuwBericht({
      topic: Topics.externAntwoord, key, type: EventTypes.ExternAntwoord, value, eventId: `extern-antwoord:${context.metadata.eventId}`,
    }, context.bericht)]);
    return oordeel;
  }
}
