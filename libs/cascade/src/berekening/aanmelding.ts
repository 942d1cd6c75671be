import { eenOktober, jaarVan, type IsoDatum } from '../datum';
import { invoerVoor, rechtmatigOp } from '../dossier/basisset-per-inschrijving';
import type { DossierAanmelding, Studentdossier } from '../dossier/studentdossier';
import type { BekostigdDiploma, HoogsteVooropleiding, Inschrijving, Verblijfsperiode } from '../model';
import type { Kwalificatietabel } from '../referentie/kwalificaties';
import { regelsetVoor, type RegimeId, type Regelset, type Waarde } from '../regels/regelset';
import { berekenBekostiging } from './bereken';
import { tellerVan } from './inschrijvingen';

/**
 * D11: an aanmelding lets its instelling see the person's basisset until this many months after
 * the desired start it names (the inschrijving is due by then), unless it was removed.
 */
export const AANMELDING_GELDIG_MAANDEN: Waarde<number> = { waarde: 3, bron: 'docs/domein.md D11' };

/**
 * D11: an inschrijving (not removed) lets its instelling see the basisset while it runs, before it
 * starts, and this many months after it ended.
 */
export const INSCHRIJVING_ZICHTBAAR_MAANDEN: Waarde<number> = { waarde: 12, bron: 'docs/domein.md D11' };

/** `datum` plus `maanden` calendar months (a day past the month's end still sorts right, see `verjaardag`). */
export function plusMaanden(datum: IsoDatum, maanden: number): IsoDatum {
  const totaal = jaarVan(datum) * 12 + Number(datum.slice(5, 7)) - 1 + maanden;
  const jaar = Math.floor(totaal / 12);
  const maand = (totaal % 12) + 1;
  return `${String(jaar).padStart(4, '0')}-${String(maand).padStart(2, '0')}${datum.slice(7)}`;
}

/**
 * D11: whether an aanmelding still counts on the peildatum: not removed, and the peildatum lies
 * before its desired start plus `AANMELDING_GELDIG_MAANDEN`. (How far ahead a desired start may
 * lie is the intake's date check, A17.)
 */
export function aanmeldingGeldig(aanmelding: DossierAanmelding, peildatum: IsoDatum): boolean {
  return !aanmelding.verwijderd && peildatum < plusMaanden(aanmelding.datum, AANMELDING_GELDIG_MAANDEN.waarde);
}

/** The unexpired aanmeldingen of the dossier on the peildatum (D11), in key order. */
export function geldigeAanmeldingen(dossier: Studentdossier, peildatum: IsoDatum): DossierAanmelding[] {
  const aanmeldingen = dossier.aanmeldingen ?? {};
  return Object.keys(aanmeldingen).sort().map((k) => aanmeldingen[k]).filter((a) => aanmeldingGeldig(a, peildatum));
}

/** Why an instelling may, or may not, see a person's basisset (D7, D11); the reason goes into the audit. */
export type Toegang =
  | { readonly toegang: true; readonly grond: 'INSCHRIJVING' | 'AANMELDING' }
  | { readonly toegang: false; readonly grond: 'GEEN_INSCHRIJVING_OF_AANMELDING' };

/**
 * D7, D11: an instelling may see the basisset of a person when it has an inschrijving of that
 * person (not removed, not ended more than `INSCHRIJVING_ZICHTBAAR_MAANDEN` before the peildatum)
 * or an unexpired aanmelding it registered. An empty dossier (a person nobody knows) gives the
 * same refusal as another instelling's student.
 */
export function toegangTotBasisset(dossier: Studentdossier, instelling: string, peildatum: IsoDatum): Toegang {
  const inschrijving = Object.values(dossier.inschrijvingen).some(
    (i) => i.instelling === instelling && !i.verwijderd && (i.einde === null || peildatum < plusMaanden(i.einde, INSCHRIJVING_ZICHTBAAR_MAANDEN.waarde)),
  );
  if (inschrijving) return { toegang: true, grond: 'INSCHRIJVING' };
  if (geldigeAanmeldingen(dossier, peildatum).some((a) => a.instelling === instelling)) return { toegang: true, grond: 'AANMELDING' };
  return { toegang: false, grond: 'GEEN_INSCHRIJVING_OF_AANMELDING' };
}

/** The first 1 October on or after `datum`: the teldatum on which someone who starts now is first counted. */
export function eersteTeldatumVanaf(datum: IsoDatum): IsoDatum {
  return eenOktober(datum.slice(5) <= '10-01' ? jaarVan(datum) : jaarVan(datum) + 1);
}

/** The beoogde opleiding of an aanmelding as it would count on the teldatum (D3). */
export interface BeoogdeOpleiding {
  readonly crebo: string;
  /** False when the crebo is not in the kwalificaties table: every value below is then null. */
  readonly bekend: boolean;
  readonly niveau: number | null;
  /** The verblijfsjaar counter it counts in (I-2). */
  readonly teller: 'entree' | 'niveau2tot4' | null;
  /** Its prijsfactor on the teldatum. */
  readonly prijsfactor: number | null;
  /** The verblijfsjaar an inschrijving in it would be on the teldatum, in its own counter. */
  readonly verblijfsjaar: number | null;
  readonly verblijfsjaarfactor: number | null;
  /** What a diploma of it would earn given the earlier bekostigde diploma's (B12). */
  readonly diplomawaarde: number | null;
}

/** The basisset of a person at aanmelding (D3, seed 3.1): what an instelling needs before any inschrijving exists. */
export interface AanmeldingBasisset {
  readonly persoonsnummer: string;
  /** The teldatum the figures are for (by default the first 1 October on or after the peildatum). */
  readonly teldatum: IsoDatum;
  readonly bekostigingsjaar: number;
  readonly regime: RegimeId;
  /** The teldatum lies after the peildatum (D2). */
  readonly prognose: boolean;
  /** Null when no vooropleiding is registered. */
  readonly hoogsteVooropleiding: HoogsteVooropleiding | null;
  readonly verblijfsjarenEntree: number;
  readonly verblijfsjarenNiveau2tot4: number;
  readonly bekostigdeDiplomas: readonly BekostigdDiploma[];
  /** As the BRP reports it; `rechtmatigOpTeldatum` null when the BRP told us nothing yet. */
  readonly verblijfsstatus: {
    readonly nationaliteit: string | null;
    readonly perioden: readonly Verblijfsperiode[];
    readonly rechtmatigOpTeldatum: boolean | null;
  };
  readonly officieleVoornamen: string | null;
  /** Null when no crebo was asked for. */
  readonly beoogd: BeoogdeOpleiding | null;
}

export interface AanmeldingVraag {
  /** The system's today (D2). */
  readonly peildatum: IsoDatum;
  readonly tabel: Kwalificatietabel;
  /** The beoogde crebo, if any. */
  readonly crebo?: string;
  /** Defaults to `eersteTeldatumVanaf(peildatum)`; must be a 1 October. */
  readonly teldatum?: IsoDatum;
  /** Defaults to the rule set of the teldatum's bekostigingsjaar (D1). */
  readonly regels?: Regelset;
}

/** Id of the inschrijving the beoogde opleiding is computed as; no real id has this form (they are `<BRIN>:<id>`). */
const BEOOGD = '(beoogd)';

/**
 * D3 at aanmelding: the person's basisset on the teldatum from the dossier, with the existing
 * rules. The person-wide part (vooropleiding, verblijfsjaren per counter, bekostigde diploma's) is
 * the cascade of the dossier as it is; the beoogde crebo's part is the cascade of the dossier
 * plus one BOL inschrijving in that crebo starting on the teldatum (its prijsfactor, verblijfsjaar
 * and diplomawaarde do not depend on the leerweg). Throws RangeError for a teldatum without a rule set.
 */
export function basissetBijAanmelding(dossier: Studentdossier, vraag: AanmeldingVraag): AanmeldingBasisset {
  const teldatum = vraag.teldatum ?? eersteTeldatumVanaf(vraag.peildatum);
  if (teldatum.slice(5) !== '10-01') throw new RangeError(`teldatum ${teldatum} is geen 1 oktober`);
  const bekostigingsjaar = jaarVan(teldatum) + 2;
  const regels = vraag.regels ?? regelsetVoor(bekostigingsjaar);
  const invoer = invoerVoor(dossier, bekostigingsjaar);
  const { basisset } = berekenBekostiging(invoer, vraag.tabel, regels);
  const { persoon } = dossier;
  return {
    persoonsnummer: dossier.persoonsnummer,
    teldatum,
    bekostigingsjaar,
    regime: regels.id,
    prognose: teldatum > vraag.peildatum,
    hoogsteVooropleiding:
      basisset.hoogsteVooropleiding === 'ONBEKEND' ? null : { code: basisset.hoogsteVooropleiding, overgangsbewijs: basisset.hoogsteVooropleidingBewijs === 'OVERGANGSBEWIJS_HAVO_VWO_3_4' },
    verblijfsjarenEntree: basisset.verblijfsjarenEntree,
    verblijfsjarenNiveau2tot4: basisset.verblijfsjarenNiveau2tot4,
    bekostigdeDiplomas: basisset.bekostigdeDiplomas,
    verblijfsstatus: { nationaliteit: persoon.nationaliteit, perioden: persoon.verblijfsstatus, rechtmatigOpTeldatum: rechtmatigOp(dossier, teldatum) },
    officieleVoornamen: persoon.officieleVoornamen,
    beoogd: vraag.crebo === undefined ? null : beoogdeOpleiding(vraag.crebo),
  };

  function beoogdeOpleiding(crebo: string): BeoogdeOpleiding {
    const kwal = vraag.tabel.kwalificatie(crebo);
    if (!kwal) return { crebo, bekend: false, niveau: null, teller: null, prijsfactor: null, verblijfsjaar: null, verblijfsjaarfactor: null, diplomawaarde: null };
    const beoogd: Inschrijving = { id: BEOOGD, instelling: BEOOGD, crebo, leerweg: 'BOL', intensiteit: 'VT', begin: teldatum, einde: null, bpv: [] };
    const metBeoogd = berekenBekostiging({ ...invoer, inschrijvingen: [...invoer.inschrijvingen, beoogd] }, vraag.tabel, regels);
    const eigen = metBeoogd.basisset.inschrijvingen.find((i) => i.id === BEOOGD);
    if (!eigen) throw new Error('de beoogde inschrijving ontbreekt in de berekening');
    return {
      crebo,
      bekend: true,
      niveau: kwal.niveau,
      teller: tellerVan(kwal),
      prijsfactor: eigen.prijsfactor,
      verblijfsjaar: eigen.verblijfsjaar,
      verblijfsjaarfactor: eigen.verblijfsjaarfactor,
      diplomawaarde: eigen.diplomawaarde,
    };
  }
}
