import { FOTO_STATUS, geplandeMomenten, isGeldigeBrin, tijdstip, type FotoKalender, type FotoMoment, type FotoSoort } from '@bron/domein';

/** A request that can never be made as it stands; the message says why, for the requester. */
export class OngeldigeFotoAanvraag extends Error {}

export interface FotoVraag {
  readonly instelling: string;
  readonly soort: string;
  readonly peildatum: string;
  /** OP_VERZOEK only: the moment; null = the last stable moment. */
  readonly bekendOp: string | null;
}

const PEILDATUM = /^\d{4}-10-01$/;
const ISO_TIJDSTIP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const isFotoSoort = (soort: string): soort is FotoSoort => Object.prototype.hasOwnProperty.call(FOTO_STATUS, soort);

/**
 * The moment a request asks for (docs/foto.md): on request the given moment (or the last stable
 * one), which may not lie after the last stable moment; a scheduled soort its calendar moment,
 * once passed. The moment is written as `toISOString` gives it, so one moment has one foto id.
 */
export function fotoMomentVan(vraag: FotoVraag, stabiel: string, kalender: FotoKalender): FotoMoment {
  const { instelling, soort, peildatum } = vraag;
  if (!isGeldigeBrin(instelling)) throw new OngeldigeFotoAanvraag(`'${instelling}' is geen BRIN`);
  if (!isFotoSoort(soort)) throw new OngeldigeFotoAanvraag(`onbekende soort '${soort}' (${Object.keys(FOTO_STATUS).join(', ')})`);
  if (!PEILDATUM.test(peildatum) || !Number.isFinite(Date.parse(peildatum))) throw new OngeldigeFotoAanvraag(`de peildatum moet 1 oktober zijn (JJJJ-10-01), niet '${peildatum}'`);
  if (soort === 'OP_VERZOEK') {
    if (vraag.bekendOp !== null && (!ISO_TIJDSTIP.test(vraag.bekendOp) || !Number.isFinite(Date.parse(vraag.bekendOp)))) {
      throw new OngeldigeFotoAanvraag(`het moment moet een ISO-tijdstip met tijdzone zijn (bijvoorbeeld 2017-01-15T00:00:00Z), niet '${vraag.bekendOp}'`);
    }
    const bekendOp = vraag.bekendOp === null ? stabiel : new Date(vraag.bekendOp).toISOString();
    if (tijdstip(bekendOp) > tijdstip(stabiel)) throw new OngeldigeFotoAanvraag(`het moment ${bekendOp} ligt in de toekomst: een foto toont wat bekend was, niet wat nog komt`);
    return { instelling, peildatum, soort, bekendOp };
  }
  const gepland = geplandeMomenten(kalender, Number(peildatum.slice(0, 4))).find((m) => m.soort === soort)!;
  if (tijdstip(gepland.bekendOp) > tijdstip(stabiel)) throw new OngeldigeFotoAanvraag(`de ${soort}-foto van peildatum ${peildatum} is op ${gepland.bekendOp}; dat moment is nog niet verstreken`);
  return { instelling, peildatum, soort, bekendOp: gepland.bekendOp };
}
