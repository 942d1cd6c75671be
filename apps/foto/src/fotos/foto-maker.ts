import { Injectable } from '@nestjs/common';
import { EventTypes, InstellingTopics, type FotoGemaakt } from '@bron/contracts';
import { fotoIdVan, maakFotoMetTekst, sectortotalenUit, tijdstip, type FotoMoment, type Sectortotalen } from '@bron/domein';
import { voorInstelling } from '@bron/adapters';
import { nieuwBericht, Outbox, ServiceRuntime, type Oorzaakbericht } from '@bron/infra';
import type { EntityManager } from 'typeorm';
import { FOTO_FORMATEN } from '../http/foto-formaten';
import { FotoVersies } from './foto-versies.repository';
import { Fotos, type FotoKop } from './foto.repository';

/** A moment that cannot be made (yet): the foto of a moment after the last stable one would change later. */
export class MomentNietStabiel extends Error {}

/** Where an instelling fetches a foto (relative to the foto service): the content never travels over Kafka. */
export const fotoPad = (instelling: string, fotoId: string): string => `/instellingen/${instelling}/fotos/${encodeURIComponent(fotoId)}`;

/** The announcement of a foto on the instelling's topic, and the HTTP answer to a request. */
export function aankondiging(kop: FotoKop, aanvraagId: string | null): FotoGemaakt {
  return {
    fotoId: kop.fotoId, aanvraagId, instelling: kop.instelling, soort: kop.soort, status: kop.status, peildatum: kop.peildatum, bekendOp: kop.bekendOp,
    gemaaktOp: kop.gemaaktOp, checksum: kop.checksum, aantalInschrijvingen: kop.aantalInschrijvingen, aantalStudenten: kop.aantalStudenten,
    aantalBekostigd: kop.aantalBekostigd, sectorTotaalInschrijvingen: kop.sectorTotaalInschrijvingen,
    ophalen: { pad: fotoPad(kop.instelling, kop.fotoId), formaten: [...FOTO_FORMATEN] },
  };
}

export interface GemaakteFoto {
  readonly kop: FotoKop;
  /** False when the moment had been made already (by an earlier request, a restart, or another instance). */
  readonly nieuw: boolean;
}

/**
 * Makes the foto of a moment once (D5, docs/foto.md): the versions known at the moment, the pure
 * `maakFoto`, stored with its content, announced on the instelling's topic through the outbox in
 * the same transaction. The moment must be stable (`FotoVersies.stabielTot`): then making it
 * again, now or in a year, gives the same content.
 */
@Injectable()
export class FotoMaker {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly versies: FotoVersies,
    private readonly fotos: Fotos,
    private readonly outbox: Outbox,
  ) {}

  /** The last stable moment: what a foto on request without a moment is of. */
  stabielTot(): Promise<string> {
    return this.versies.stabielTot(this.runtime.dataSource);
  }

  /**
   * The foto of `moment`, made in `manager`'s transaction unless it exists. `aanvraag`: the request
   * it answers (its id goes into the announcement, and every request gets one); without it a
   * scheduled moment, announced once when it is made.
   */
  async maak(manager: EntityManager, moment: FotoMoment, stabiel: string, aanvraag?: { aanvraagId: string; oorzaak: Oorzaakbericht }): Promise<GemaakteFoto> {
    if (tijdstip(moment.bekendOp) > tijdstip(stabiel)) throw new MomentNietStabiel(`het moment ${moment.bekendOp} ligt na ${stabiel}: er kan nog iets van bekend worden`);
    const bestaand = await this.fotos.kop(manager, fotoIdVan(moment));
    let kop = bestaand;
    let nieuw = false;
    if (!kop) {
      const { foto, tekst } = maakFotoMetTekst(await this.versies.laatsteOp(manager, moment.instelling, moment.peildatum, moment.bekendOp), moment, { sector: await this.sector(manager, moment) });
      nieuw = await this.fotos.bewaar(manager, foto, tekst);
      kop = (await this.fotos.kop(manager, foto.fotoId))!;
    }
    const berichten = [];
    if (aanvraag) {
      if (await this.fotos.koppelAanvraag(manager, aanvraag.aanvraagId, kop.fotoId)) berichten.push(this.bericht(kop, aanvraag.aanvraagId, aanvraag.oorzaak));
    } else if (nieuw) {
      berichten.push(this.bericht(kop, null, undefined));
    }
    await this.outbox.add(manager, berichten);
    return { kop, nieuw };
  }

  private bericht(kop: FotoKop, aanvraagId: string | null, oorzaak: Oorzaakbericht | undefined) {
    const eventId = aanvraagId === null ? `foto-gemaakt:${kop.fotoId}` : `foto-gemaakt:${kop.fotoId}:${aanvraagId}`;
    return voorInstelling(nieuwBericht(
      { topic: InstellingTopics.foto(kop.instelling), key: kop.instelling, type: EventTypes.FotoGemaakt, value: aankondiging(kop, aanvraagId), eventId, origin: oorzaak ? undefined : `planning:${kop.soort}` },
      oorzaak,
    ));
  }

  /** The sector totals of a moment, computed once for all instellingen and kept. */
  private async sector(manager: EntityManager, moment: FotoMoment): Promise<Sectortotalen> {
    const bewaard = await this.fotos.sectortotalen(manager, moment.peildatum, moment.bekendOp);
    if (bewaard) return bewaard;
    const sector = sectortotalenUit(await this.versies.sectorInvoer(manager, moment.peildatum, moment.bekendOp), moment.peildatum, moment.bekendOp);
    await this.fotos.bewaarSectortotalen(manager, sector);
    return sector;
  }
}
