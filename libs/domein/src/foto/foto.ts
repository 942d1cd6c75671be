import { createHash } from 'node:crypto';
import { canoniekeJson } from '../notificatie/wijzigingen';
import { standOp, tijdstip, vergelijk, type Basissetversie } from './basissetversie';
import { FOTO_STATUS, fotoIdVan, type FotoMoment, type FotoSoort } from './fotomoment';
import { maakSectortotalen, type Sectortotalen } from './sector';
import { maakTerugmeldingsoverzicht, type Terugmeldingsoverzicht } from './tmo';

/** One inschrijving in a foto: its basisset version as known at the foto's moment. */
export type FotoStudent = Basissetversie;

/**
 * A BRON-foto (D5, docs/foto.md): what was known about an instelling's inschrijvingen on one
 * peildatum at one moment, with its terugmeldingsoverzicht and the sector totals (no individual
 * data of other instellingen, D7). Immutable; `checksum` is the sha256 of `canoniekeFotoTekst`.
 */
export interface BronFoto {
  readonly fotoId: string;
  readonly instelling: string;
  readonly soort: FotoSoort;
  readonly status: string;
  readonly peildatum: string;
  readonly bekendOp: string;
  readonly aantallen: { readonly inschrijvingen: number; readonly studenten: number; readonly bekostigd: number };
  readonly studenten: readonly FotoStudent[];
  readonly terugmeldingsoverzicht: Terugmeldingsoverzicht;
  readonly sector: Sectortotalen;
  readonly checksum: string;
}

export interface MaakFotoOpties {
  /** Sector totals computed elsewhere (the service keeps them per moment); else computed from `regels`, which must then hold every instelling. */
  readonly sector?: Sectortotalen;
}

/** The canonical text of a foto without its checksum: sorted keys, no spacing. Equal content, equal text. */
export function canoniekeFotoTekst(foto: Omit<BronFoto, 'checksum'> | BronFoto): string {
  const { checksum: _checksum, ...inhoud } = foto as BronFoto;
  return canoniekeJson(inhoud);
}

/** The checksum of a foto's canonical text: sha256, hex. */
export const checksumVanTekst = (tekst: string): string => createHash('sha256').update(tekst, 'utf8').digest('hex');

export const fotoChecksum = (foto: Omit<BronFoto, 'checksum'> | BronFoto): string => checksumVanTekst(canoniekeFotoTekst(foto));

const opVolgnummer = <T extends { volgnummer: number }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => a.volgnummer - b.volgnummer);

/** The same content in one order, whatever order the projection handed its lists in. */
function genormaliseerd(v: Basissetversie): FotoStudent {
  return {
    ...v,
    signalen: [...v.signalen].sort((a, b) => vergelijk(a.teldatum, b.teldatum) || a.volgnummer - b.volgnummer),
    bpv: opVolgnummer(v.bpv),
    diplomas: [...v.diplomas].sort((a, b) => a.resultaatvolgnummer - b.resultaatvolgnummer).map((d) => ({ ...d, signalen: opVolgnummer(d.signalen) })),
  };
}

/** A foto with the canonical text its checksum is of, so that a caller that keeps the text does not write it a second time. */
export interface FotoMetTekst {
  readonly foto: BronFoto;
  readonly tekst: string;
}

/**
 * The foto of moment M (D5): for the instelling, per inschrijving the last version of its basisset
 * on the peildatum known at M, the TMO and the sector totals. The same versions and moment give
 * the same foto, byte for byte (same checksum), whatever the order of `regels` and whatever
 * versions became known after M.
 */
export function maakFoto(regels: Iterable<Basissetversie>, moment: FotoMoment, opties: MaakFotoOpties = {}): BronFoto {
  return maakFotoMetTekst(regels, moment, opties).foto;
}

/** `maakFoto` with its canonical text (`canoniekeFotoTekst` of the foto): the text of a whole sector's foto's is most of their making. */
export function maakFotoMetTekst(regels: Iterable<Basissetversie>, moment: FotoMoment, opties: MaakFotoOpties = {}): FotoMetTekst {
  tijdstip(moment.bekendOp);
  const alle = [...regels];
  const studenten = standOp(alle, moment.peildatum, moment.bekendOp, moment.instelling)
    .map(genormaliseerd)
    .sort((a, b) => vergelijk(a.persoonsnummer, b.persoonsnummer) || vergelijk(a.inschrijvingId, b.inschrijvingId));
  const inhoud: Omit<BronFoto, 'checksum'> = {
    fotoId: fotoIdVan(moment),
    instelling: moment.instelling,
    soort: moment.soort,
    status: FOTO_STATUS[moment.soort],
    peildatum: moment.peildatum,
    bekendOp: moment.bekendOp,
    aantallen: {
      inschrijvingen: studenten.length,
      studenten: new Set(studenten.map((s) => s.persoonsnummer)).size,
      bekostigd: studenten.filter((s) => s.basisset.bekostigd).length,
    },
    studenten,
    terugmeldingsoverzicht: maakTerugmeldingsoverzicht(studenten),
    sector: opties.sector ?? maakSectortotalen(standOp(alle, moment.peildatum, moment.bekendOp), moment.peildatum, moment.bekendOp),
  };
  const tekst = canoniekeFotoTekst(inhoud);
  return { foto: { ...inhoud, checksum: checksumVanTekst(tekst) }, tekst };
}
