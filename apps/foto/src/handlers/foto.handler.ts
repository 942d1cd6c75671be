import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, InstellingTopics, type BasissetBerekend, type FotoAangevraagd } from '@bron/contracts';
import { maakFoto } from '@bron/domein';
import { voorInstelling } from '@bron/adapters';
import { BerichtContext, Outbox, nieuwBericht } from '@bron/infra';
import { FotoRepository } from '../fotos/foto.repository';

/** Keeps the projection of every inschrijving's basisset and takes immutable foto's from it. */
@Controller()
export class FotoHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly fotos: FotoRepository,
  ) {}

  @EventPattern(EventTypes.BasissetBerekend)
  async opBasissetBerekend(@Payload() b: BasissetBerekend, @Ctx() context: BerichtContext): Promise<void> {
    await this.fotos.projecteer(context.manager, {
      persoonsnummer: b.persoonsnummer, instelling: b.instelling, inschrijvingId: b.inschrijvingId, versie: Number(b.versie), teldatum: b.teldatum, actief: b.actief,
      crebo: b.crebo, leerweg: b.leerweg, niveau: b.niveau, bekostigd: b.basisset.bekostigd, verblijfsjaar: b.basisset.verblijfsjaar,
      prijsfactor: b.basisset.prijsfactor, bijdrage: b.basisset.bijdrage,
    });
  }

  @EventPattern(EventTypes.FotoAangevraagd)
  async opFotoAangevraagd(@Payload() aanvraag: FotoAangevraagd, @Ctx() context: BerichtContext): Promise<void> {
    const { manager } = context;
    if (await this.fotos.bestaat(manager, aanvraag.aanvraagId)) return;
    const foto = maakFoto(
      aanvraag,
      await this.fotos.regels(manager, aanvraag.instelling, aanvraag.peildatum),
      await this.fotos.sectorTotaal(manager, aanvraag.peildatum),
      context.metadata.eventTime,
    );
    await this.fotos.bewaar(manager, foto);
    await this.outbox.add(manager, [voorInstelling(nieuwBericht({ topic: InstellingTopics.foto(foto.instelling), key: foto.instelling, type: EventTypes.FotoGemaakt, value: foto, eventId: foto.fotoId }, context.bericht))]);
  }
}
