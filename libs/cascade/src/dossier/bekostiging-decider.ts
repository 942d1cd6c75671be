import { wijzigingenTussen, type Decider, type DomeinEvent, type Oorzaak, type Wijziging } from '@bron/domein';
import { berekenBekostiging } from '../berekening/bereken';
import type { IsoDatum } from '../datum';
import type { Basisset } from '../model';
import type { Kwalificatietabel } from '../referentie/kwalificaties';
import { basissetsVanDossier, redenTekst } from './basisset-per-inschrijving';
import { evolve as evolveDossier, leegDossier, type DossierFeit, type Studentdossier } from './studentdossier';

/** One versie of the basisset of one inschrijving: what changed since the previous versie, and why. */
export interface Basissetversie {
  readonly basisset: Basisset;
  /** 1 for the first basisset of the inschrijving, one more for every change. */
  readonly versie: number;
  /** The fields that differ from the previous versie (D8); none for the first. */
  readonly wijzigingen: readonly Wijziging[];
  readonly oorzaak: Oorzaak;
  /** The id of the event that caused this versie. */
  readonly aanleiding: string;
}

/**
 * What the bekostiging service knows of one student: the dossier (the cascade's input) and the
 * last versie of the basisset of each of the student's inschrijvingen, by `<instelling>:<inschrijvingId>`.
 */
export interface Bekostigingsstand {
  readonly dossier: Studentdossier;
  readonly basissets: Readonly<Record<string, Basissetversie>>;
}

/** What a recomputation needs of the world: the system's peildatum (D2) and the kwalificaties as they are now. */
export interface Herberekening {
  readonly peildatum: IsoDatum;
  readonly tabel: Kwalificatietabel;
  /** Who caused it (the origin of the message), named in every changed basisset. */
  readonly oorzaak: Oorzaak;
  /** The id of the event that caused it. */
  readonly aanleiding: string;
}

/** A fact of the student (any instelling, BRP, VO): fold it into the dossier and recompute when it changed anything. */
export interface VerwerkFeit extends Herberekening {
  readonly type: 'VerwerkFeit';
  readonly feit: DossierFeit;
}

/** Recompute without a new fact: something outside the student's history changed (a prijsfactor, a rule set). */
export interface Herbereken extends Herberekening {
  readonly type: 'Herbereken';
}

export type BekostigingCommando = VerwerkFeit | Herbereken;

export type DossierBijgewerkt = DomeinEvent<'DossierBijgewerkt', Studentdossier>;
export type BasissetGewijzigd = DomeinEvent<'BasissetGewijzigd', Basissetversie>;
export type BekostigingEvent = DossierBijgewerkt | BasissetGewijzigd;

export const basissetSleutel = (b: Pick<Basisset, 'instelling' | 'inschrijvingId'>): string => `${b.instelling}:${b.inschrijvingId}`;

/** The funding part of a basisset as an instelling sees it: each reden with its text. */
export interface ZichtbareBasisset {
  bekostigd: boolean;
  redenen: { code: string; tekst: string; regel: string }[];
  hoogsteVooropleiding: { code: string; overgangsbewijs: boolean } | null;
  verblijfsjarenEntree: number;
  verblijfsjarenNiveau2tot4: number;
  bekostigdeDiplomas: { crebo: string; niveau: number; datum: IsoDatum; diplomawaarde: number }[];
  verblijfsjaar: number | null;
  verblijfsjaarfactor: number;
  leerwegfactor: number;
  prijsfactor: number | null;
  diplomawaardeOpleiding: number | null;
  bijdrage: number;
  verblijfsstatusRechtmatig: boolean | null;
}

/** One place for what an instelling is shown of a basisset: the contract's `basisset`, and what a change is named by. */
export function zichtbareBasisset(b: Basisset): ZichtbareBasisset {
  return {
    bekostigd: b.bekostigd,
    redenen: b.redenen.map((r) => ({ code: r.code, tekst: redenTekst(r.code), regel: r.regel })),
    hoogsteVooropleiding: b.hoogsteVooropleiding === null ? null : { code: b.hoogsteVooropleiding.code, overgangsbewijs: b.hoogsteVooropleiding.overgangsbewijs },
    verblijfsjarenEntree: b.verblijfsjarenEntree,
    verblijfsjarenNiveau2tot4: b.verblijfsjarenNiveau2tot4,
    bekostigdeDiplomas: b.bekostigdeDiplomas.map((d) => ({ crebo: d.crebo, niveau: d.niveau, datum: d.datum, diplomawaarde: d.diplomawaarde })),
    verblijfsjaar: b.verblijfsjaar,
    verblijfsjaarfactor: b.verblijfsjaarfactor,
    leerwegfactor: b.leerwegfactor,
    prijsfactor: b.prijsfactor,
    diplomawaardeOpleiding: b.diplomawaardeOpleiding,
    bijdrage: b.bijdrage,
    verblijfsstatusRechtmatig: b.verblijfsstatusRechtmatig,
  };
}

/** The fields of a basisset a change is named by (D8): what the instelling sees, and whether the inschrijving is still `actief`. */
export function basissetVelden(b: Basisset): Record<string, unknown> {
  return { ...zichtbareBasisset(b), actief: b.actief };
}

/** The basisset of every inschrijving recomputed; a new versie for each one that changed, and for each first one. */
function herbereken(stand: Bekostigingsstand, dossier: Studentdossier, command: Herberekening): BasissetGewijzigd[] {
  const events: BasissetGewijzigd[] = [];
  for (const basisset of basissetsVanDossier(dossier, command.peildatum, command.tabel, berekenBekostiging)) {
    const eerder = stand.basissets[basissetSleutel(basisset)];
    const wijzigingen = wijzigingenTussen(eerder ? basissetVelden(eerder.basisset) : null, basissetVelden(basisset));
    // Unchanged: nothing to say. The first basisset is always told (the status right after an inschrijving).
    if (eerder && wijzigingen.length === 0) continue;
    events.push({
      type: 'BasissetGewijzigd',
      data: { basisset, versie: (eerder?.versie ?? 0) + 1, wijzigingen, oorzaak: command.oorzaak, aanleiding: command.aanleiding },
    });
  }
  return events;
}

function decide(command: BekostigingCommando, stand: Bekostigingsstand): BekostigingEvent[] {
  switch (command.type) {
    case 'VerwerkFeit': {
      const dossier = evolveDossier(stand.dossier, command.feit);
      // A fact that changes nothing (an older or the same versie) recomputes nothing either.
      if (JSON.stringify(dossier) === JSON.stringify(stand.dossier)) return [];
      return [{ type: 'DossierBijgewerkt', data: dossier }, ...herbereken(stand, dossier, command)];
    }
    case 'Herbereken':
      return herbereken(stand, stand.dossier, command);
    default: {
      const onbekend: never = command;
      throw new Error(`onbekend commando ${JSON.stringify(onbekend)}`);
    }
  }
}

function evolve(stand: Bekostigingsstand, event: BekostigingEvent): Bekostigingsstand {
  switch (event.type) {
    case 'DossierBijgewerkt':
      return { ...stand, dossier: event.data };
    case 'BasissetGewijzigd':
      return { ...stand, basissets: { ...stand.basissets, [basissetSleutel(event.data.basisset)]: event.data } };
    default: {
      const onbekend: never = event;
      throw new Error(`onbekend event ${JSON.stringify(onbekend)}`);
    }
  }
}

/**
 * The bekostiging of one student as a decider: a fact or a recompute request gives the new dossier
 * (when it changed) and a new versie of every basisset that changed, with the cause (D3, D8).
 * Verblijfsjaren are counted across all instellingen (D4), so a fact of one instelling can change
 * the basisset of the student's inschrijving at another. Where each basisset goes (only the
 * student's own instelling, D7) is the adapter's concern.
 */
export function bekostigingDecider(persoonsnummer: string): Decider<BekostigingCommando, Bekostigingsstand, BekostigingEvent> {
  return { initialState: { dossier: leegDossier(persoonsnummer), basissets: {} }, decide, evolve };
}
