import { FOTO_STATUS, terugmeldingsoverzicht, type FotoRegel, type TerugmeldingsRegel } from './terugmeldingsoverzicht';

export type FotoSoort = keyof typeof FOTO_STATUS;

export interface FotoAanvraag {
  readonly aanvraagId: string;
  readonly instelling: string;
  readonly soort: FotoSoort;
  /** 1 October of the studiejaar. */
  readonly peildatum: string;
}

/** An immutable BRON-foto of one instelling (D5): its own inschrijvingen, and sector totals without individual data (D7). */
export interface Foto {
  readonly fotoId: string;
  readonly aanvraagId: string;
  readonly instelling: string;
  readonly soort: FotoSoort;
  readonly status: string;
  readonly peildatum: string;
  readonly gemaaktOp: string;
  readonly studenten: FotoRegel[];
  readonly terugmeldingsoverzicht: TerugmeldingsRegel[];
  readonly sectorTotaalInschrijvingen: number;
}

/**
 * The foto of an aanvraag from the inschrijvingen of the instelling on its peildatum. `gemaaktOp`
 * is the moment of the aanvraag, so the same aanvraag gives the same foto.
 */
export function maakFoto(aanvraag: FotoAanvraag, regels: readonly FotoRegel[], sectorTotaalInschrijvingen: number, gemaaktOp: string): Foto {
  const studenten = [...regels].sort((a, b) => a.persoonsnummer.localeCompare(b.persoonsnummer) || a.inschrijvingId.localeCompare(b.inschrijvingId));
  return {
    fotoId: `foto:${aanvraag.aanvraagId}`,
    aanvraagId: aanvraag.aanvraagId,
    instelling: aanvraag.instelling,
    soort: aanvraag.soort,
    status: FOTO_STATUS[aanvraag.soort],
    peildatum: aanvraag.peildatum,
    gemaaktOp,
    studenten,
    terugmeldingsoverzicht: terugmeldingsoverzicht(studenten),
    sectorTotaalInschrijvingen,
  };
}
