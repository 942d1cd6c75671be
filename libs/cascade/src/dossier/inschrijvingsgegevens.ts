import { jaarVan, loopt, type IsoDatum } from '../datum';
import type { BasissetBpv, BasissetDiploma, Berekening, DiplomaUitkomst } from '../model';
import type { Kwalificatietabel } from '../referentie/kwalificaties';
import { zoekRegelset } from '../regels/regelset';
import type { DossierDiploma, DossierInschrijving, Studentdossier } from './studentdossier';

/**
 * What a basisset carries of the inschrijving besides its funding: the facts a BRON-foto shows per
 * inschrijving (docs/foto.md). Each is computed from the dossier alone, so a change in any of them
 * is a new versie of the basisset.
 */

/** Code-unit order, the same in every locale. */
const vergelijk = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Age in whole years on `datum`; null when the geboortedatum is unknown. */
export function leeftijdOp(geboortedatum: IsoDatum | null, datum: IsoDatum): number | null {
  if (geboortedatum === null) return null;
  const jaren = jaarVan(datum) - jaarVan(geboortedatum);
  // A 29 February birthday sorts after 28 February: that person is a year older from 1 March.
  return geboortedatum.slice(5) > datum.slice(5) ? jaren - 1 : jaren;
}

/** 1 August of the teldatum's studiejaar: the day the age of the foto is taken on. */
export const eenAugustusVan = (teldatum: IsoDatum): IsoDatum => `${jaarVan(teldatum)}-08-01`;

/** 1 February after the teldatum: the second teldatum, which only feeds the correctiefactor (UWEB 2.2.2 lid 4). */
export const eenFebruariNa = (teldatum: IsoDatum): IsoDatum => `${jaarVan(teldatum) + 1}-02-01`;

/**
 * Whether the inschrijving counts for the correctiefactor: still enrolled on 1 February after the
 * teldatum it counts on (begun by then, not ended before it). False without a teldatum.
 */
export function inschrijvingVoorCorrectiefactor(i: Pick<DossierInschrijving, 'begin' | 'einde'>, teldatum: IsoDatum | null): boolean {
  return teldatum !== null && loopt(i.begin, i.einde, eenFebruariNa(teldatum));
}

/** The inschrijving's BPV's, by begin and then bpvId. */
export function bpvVan(i: Pick<DossierInschrijving, 'bpv'>): BasissetBpv[] {
  return i.bpv
    .map((b) => ({ bpvId: b.bpvId, afgesloten: b.afgesloten, begin: b.begin, einde: b.einde ?? null, leerbedrijf: b.leerbedrijf ?? null }))
    .sort((a, b) => vergelijk(a.begin, b.begin) || vergelijk(a.bpvId, b.bpvId));
}

/**
 * BBL: the leerbedrijf of the BPV running on the teldatum (of several, the last begun), else of the
 * last BPV begun before it. Null for BOL, or when no BPV had begun by the teldatum.
 */
export function codeLeerbedrijfOp(i: Pick<DossierInschrijving, 'leerweg' | 'bpv'>, teldatum: IsoDatum): string | null {
  if (i.leerweg !== 'BBL') return null;
  const begonnen = bpvVan(i).filter((b) => b.begin <= teldatum);
  const lopend = begonnen.filter((b) => loopt(b.begin, b.einde, teldatum));
  const gekozen = lopend.length > 0 ? lopend[lopend.length - 1] : begonnen[begonnen.length - 1];
  return gekozen?.leerbedrijf ?? null;
}

const diplomaSleutel = (d: Pick<DossierDiploma, 'instelling' | 'crebo' | 'datum'>) => `${d.instelling}|${d.crebo}|${d.datum}`;

/**
 * The diploma's behaald on this inschrijving: of its instelling and crebo, on or after its begin,
 * not removed; by datum and then diplomaId. Each carries the bekostiging the cascade gives it in its
 * own bekostigingsjaar (calendar year + 2, D2), from `berekeningVoor` (one cascade per year).
 *
 * The cascade knows a diploma by instelling, crebo and datum. Two diploma's alike in all three are
 * judged one after the other, in the order they were given; they are told apart here by diplomaId,
 * the lower taking the first outcome, so the result does not depend on the order of the dossier.
 * A diploma of a year without a rule set (D1) is not bekostigd and has no reasons.
 */
export function diplomasVanInschrijving(
  dossier: Studentdossier,
  i: Pick<DossierInschrijving, 'instelling' | 'crebo' | 'begin'>,
  tabel: Kwalificatietabel,
  berekeningVoor: (bekostigingsjaar: number) => Berekening,
): BasissetDiploma[] {
  const behaald = Object.values(dossier.diplomas)
    .filter((d) => !d.verwijderd && d.instelling === i.instelling && d.crebo === i.crebo && d.datum >= i.begin)
    .sort((a, b) => vergelijk(a.datum, b.datum) || vergelijk(a.diplomaId, b.diplomaId));
  const eerderGelijk = new Map<string, number>();
  return behaald.map((d) => {
    const sleutel = diplomaSleutel(d);
    const rang = eerderGelijk.get(sleutel) ?? 0;
    eerderGelijk.set(sleutel, rang + 1);
    const jaar = jaarVan(d.datum) + 2;
    const uitkomst: DiplomaUitkomst | undefined = zoekRegelset(jaar)
      ? berekeningVoor(jaar).diplomas.filter((u) => diplomaSleutel(u) === sleutel)[rang]
      : undefined;
    return {
      diplomaId: d.diplomaId,
      crebo: d.crebo,
      datum: d.datum,
      niveau: tabel.kwalificatie(d.crebo)?.niveau ?? null,
      bekostigd: uitkomst?.bekostigd ?? false,
      diplomawaarde: uitkomst?.diplomawaarde ?? 0,
      redenen: uitkomst?.redenen ?? [],
    };
  });
}
