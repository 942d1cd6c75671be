import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, type FotoAangevraagd } from '@bron/contracts';
import { basissetversieVan } from '@bron/adapters';
import { BerichtContext, OnverwerkbaarBerichtFout, vanType, type Ontvangen } from '@bron/infra';
import { FotoMaker, MomentNietStabiel } from '../fotos/foto-maker';
import { FotoVersies } from '../fotos/foto-versies.repository';
import { fotoMomentVan, OngeldigeFotoAanvraag } from '../fotos/foto-aanvraag';
import { FOTO_PLANNING } from '../planning/fotoplanner';
import type { FotoPlanning } from '../planning/fotokalender';

/** Keeps every basisset versie (group `foto`) and makes the foto's asked for on the request topic (group `foto-aanvraag`). */
@Controller()
export class FotoHandler {
  constructor(
    private readonly versies: FotoVersies,
    private readonly maker: FotoMaker,
    @Inject(FOTO_PLANNING) private readonly planning: FotoPlanning,
  ) {}

  @EventPattern(EventTypes.BasissetBerekend, { consumer: 'foto', reeks: true })
  async opBasissetsBerekend(@Payload() berichten: Ontvangen[], @Ctx() context: BerichtContext): Promise<void> {
    await this.versies.bewaar(context.manager, berichten.filter(vanType(EventTypes.BasissetBerekend)).map((b) => basissetversieVan(b.value)));
  }

  /**
   * A request answers with an announcement carrying its aanvraagId, also when the moment had been
   * made before. A request that can never be made (bad BRIN or peildatum, a moment in the future,
   * a scheduled moment not yet passed) ends in the dead-letter topic with its reason.
   */
  @EventPattern(EventTypes.FotoAangevraagd, { consumer: 'foto-aanvraag' })
  async opFotoAangevraagd(@Payload() aanvraag: FotoAangevraagd, @Ctx() context: BerichtContext): Promise<void> {
    const stabiel = await this.maker.stabielTot();
    try {
      const moment = fotoMomentVan({ ...aanvraag, bekendOp: aanvraag.bekendOp ?? null }, stabiel, this.planning.kalender);
      await this.maker.maak(context.manager, moment, stabiel, { aanvraagId: aanvraag.aanvraagId, oorzaak: context.bericht });
    } catch (error) {
      if (error instanceof OngeldigeFotoAanvraag || error instanceof MomentNietStabiel) throw new OnverwerkbaarBerichtFout(`fotoaanvraag ${aanvraag.aanvraagId}: ${error.message}`);
      throw error;
    }
  }
}
