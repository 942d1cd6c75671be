import { vergelijk, type Basissetversie } from './basissetversie';
import { tmoLeerweg, type TmoLeerweg } from './tmo';

/** One cell of the sector counts: inschrijvingen of one niveau and leerweg. */
export interface SectorTelling {
  readonly niveau: number | null;
  readonly leerweg: TmoLeerweg;
  readonly inschrijvingen: number;
  readonly bekostigd: number;
  /** Still enrolled on 1 February (the correctiefactor count). */
  readonly inschrijvingenEenFebruari: number;
}

/**
 * The sector totals that go with every foto (D5, D7): counts over all instellingen on the
 * peildatum, never individual data and never per instelling.
 */
export interface Sectortotalen {
  readonly peildatum: string;
  readonly bekendOp: string;
  /** Totaal aantal inschrijvingen in het mbo on the peildatum. */
  readonly totaalInschrijvingen: number;
  readonly totaalBekostigd: number;
  /** The counts a prognose needs: per niveau and leerweg. */
  readonly perNiveauEnLeerweg: readonly SectorTelling[];
}

/**
 * What the sector counts need of one inschrijving (or of `aantal` alike ones: the service counts
 * them in the database and passes the groups).
 */
export interface SectorInvoer {
  readonly niveau: number | null;
  readonly leerweg: string;
  readonly intensiteit: string | null;
  readonly bekostigd: boolean;
  readonly inschrijvingVoorCorrectiefactor: boolean;
  /** How many inschrijvingen this line stands for; 1 when absent. */
  readonly aantal?: number;
}

/** The sector totals from the state of every instelling at one moment (see `standOp` without an instelling). */
export function maakSectortotalen(stand: readonly Basissetversie[], peildatum: string, bekendOp: string): Sectortotalen {
  return sectortotalenUit(
    stand.map((v) => ({ niveau: v.niveau, leerweg: v.leerweg, intensiteit: v.intensiteit, bekostigd: v.basisset.bekostigd, inschrijvingVoorCorrectiefactor: v.inschrijvingVoorCorrectiefactor })),
    peildatum,
    bekendOp,
  );
}

/** The sector totals from counted inschrijvingen: the one place that folds them into cells. */
export function sectortotalenUit(invoer: Iterable<SectorInvoer>, peildatum: string, bekendOp: string): Sectortotalen {
  const cellen = new Map<string, { -readonly [K in keyof SectorTelling]: SectorTelling[K] }>();
  let totaal = 0;
  let bekostigd = 0;
  for (const v of invoer) {
    const aantal = v.aantal ?? 1;
    const leerweg = tmoLeerweg(v.leerweg, v.intensiteit);
    const sleutel = `${v.niveau ?? ''}|${leerweg}`;
    const cel = cellen.get(sleutel) ?? { niveau: v.niveau, leerweg, inschrijvingen: 0, bekostigd: 0, inschrijvingenEenFebruari: 0 };
    cel.inschrijvingen += aantal;
    totaal += aantal;
    if (v.bekostigd) { cel.bekostigd += aantal; bekostigd += aantal; }
    if (v.inschrijvingVoorCorrectiefactor) cel.inschrijvingenEenFebruari += aantal;
    cellen.set(sleutel, cel);
  }
  return {
    peildatum,
    bekendOp,
    totaalInschrijvingen: totaal,
    totaalBekostigd: bekostigd,
    perNiveauEnLeerweg: [...cellen.values()].sort((a, b) => (a.niveau ?? -1) - (b.niveau ?? -1) || vergelijk(a.leerweg, b.leerweg)),
  };
}
