import { wijzigingenTussen, type Decider, type DomeinEvent, type Oorzaak, type Wijziging } from '@bron/domein';
import { basissetBijAanmelding, geldigeAanmeldingen } from '../berekening/aanmelding';
import { berekenBekostiging } from '../berekening/bereken';
import type { IsoDatum } from '../datum';
import type { Basisset, Reden } from '../model';
import type { Kwalificatietabel } from '../referentie/kwalificaties';
import { basissetsVanDossier, redenTekst } from './basisset-per-inschrijving';
import { evolve as evolveDossier, leegDossier, type DossierAanmelding, type DossierFeit, type DossierInschrijving, type Studentdossier } from './studentdossier';

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

/** One basisset that changed for an instelling: of an inschrijving, or the basisset at aanmelding. */
export interface GewijzigdOnderdeel {
  readonly soort: 'INSCHRIJVING' | 'AANMELDING';
  /** The instelling's own id of the inschrijving or aanmelding. */
  readonly id: string;
  readonly crebo: string | null;
  readonly wijzigingen: readonly Wijziging[];
}

/**
 * What one cause changed for the instellingen that may be told (D8): each instelling with a running
 * inschrijving or an unexpired aanmelding (D7, D11) whose basisset changed, once, with every
 * basisset that changed for it. The instelling that caused it is among them; whether it is told
 * is the notificatie's concern.
 */
export interface Basissetswijziging {
  readonly persoonsnummer: string;
  readonly oorzaak: Oorzaak;
  /** The id of the event that caused it: one change per cause. */
  readonly aanleiding: string;
  readonly instellingen: readonly { readonly instelling: string; readonly onderdelen: readonly GewijzigdOnderdeel[] }[];
}

export type DossierBijgewerkt = DomeinEvent<'DossierBijgewerkt', Studentdossier>;
export type BasissetGewijzigd = DomeinEvent<'BasissetGewijzigd', Basissetversie>;
export type BasissetsGewijzigd = DomeinEvent<'BasissetsGewijzigd', Basissetswijziging>;
export type BekostigingEvent = DossierBijgewerkt | BasissetGewijzigd | BasissetsGewijzigd;

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

/** A reden as the instelling reads it: its code, its text and the rule it applies. */
const zichtbareReden = (r: Reden) => ({ code: r.code, tekst: redenTekst(r.code), regel: r.regel });

/** One place for what an instelling is shown of a basisset: the contract's `basisset`, and what a change is named by. */
export function zichtbareBasisset(b: Basisset): ZichtbareBasisset {
  return {
    bekostigd: b.bekostigd,
    redenen: b.redenen.map(zichtbareReden),
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

/** What a basisset carries of the inschrijving besides its funding (the facts of a foto), as the contract names them: each reden with its text. */
export interface Inschrijvingsgegevens {
  intensiteit: string | null;
  datumInschrijving: IsoDatum | null;
  datumUitschrijving: IsoDatum | null;
  leeftijdOpEenAugustus: number | null;
  inschrijvingVoorCorrectiefactor: boolean;
  officieleVoornamen: string | null;
  codeLeerbedrijf: string | null;
  bpv: { bpvId: string; afgesloten: IsoDatum; begin: IsoDatum; einde: IsoDatum | null; leerbedrijf: string | null }[];
  diplomas: {
    diplomaId: string; crebo: string; datum: IsoDatum; niveau: number | null; bekostigd: boolean; diplomawaarde: number;
    redenen: { code: string; tekst: string; regel: string }[];
  }[];
}

/** One place for the inschrijving's facts in a basisset: the contract's top-level fields, and what a change is named by. */
export function inschrijvingsgegevens(b: Basisset): Inschrijvingsgegevens {
  return {
    intensiteit: b.intensiteit,
    datumInschrijving: b.datumInschrijving,
    datumUitschrijving: b.datumUitschrijving,
    leeftijdOpEenAugustus: b.leeftijdOpEenAugustus,
    inschrijvingVoorCorrectiefactor: b.inschrijvingVoorCorrectiefactor,
    officieleVoornamen: b.officieleVoornamen,
    codeLeerbedrijf: b.codeLeerbedrijf,
    bpv: b.bpv.map((p) => ({ bpvId: p.bpvId, afgesloten: p.afgesloten, begin: p.begin, einde: p.einde, leerbedrijf: p.leerbedrijf })),
    diplomas: b.diplomas.map((d) => ({
      diplomaId: d.diplomaId, crebo: d.crebo, datum: d.datum, niveau: d.niveau, bekostigd: d.bekostigd, diplomawaarde: d.diplomawaarde, redenen: d.redenen.map(zichtbareReden),
    })),
  };
}

/**
 * The fields of a basisset a change is named by (D8): what the instelling sees of its funding,
 * whether the inschrijving is still `actief`, which opleiding and teldatum it is about, and the
 * inschrijving's facts, so that a change in any of them (another crebo with the same funding, the
 * next studiejaar's teldatum, a new leerbedrijf, other official first names) is a new versie: the
 * foto's are made of the versions.
 */
export function basissetVelden(b: Basisset): Record<string, unknown> {
  return {
    crebo: b.crebo, leerweg: b.leerweg, niveau: b.niveau, teldatum: b.teldatum, bekostigingsjaar: b.bekostigingsjaar, regime: b.regime, prognose: b.prognose,
    ...zichtbareBasisset(b), actief: b.actief, ...inschrijvingsgegevens(b),
  };
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

/** D8: an inschrijving whose instelling is told of a change: not removed and not ended before the peildatum. */
export function inschrijvingLoopt(i: Pick<DossierInschrijving, 'verwijderd' | 'einde'>, peildatum: IsoDatum): boolean {
  return !i.verwijderd && (i.einde === null || i.einde >= peildatum);
}

/** The fields of a basisset at aanmelding a change is named by, with the names the inschrijving's basisset uses. */
function aanmeldingVelden(dossier: Studentdossier, aanmelding: DossierAanmelding, command: Herberekening): Record<string, unknown> | null {
  try {
    const b = basissetBijAanmelding(dossier, { peildatum: command.peildatum, tabel: command.tabel, crebo: aanmelding.crebo });
    return {
      hoogsteVooropleiding: b.hoogsteVooropleiding,
      verblijfsjarenEntree: b.verblijfsjarenEntree,
      verblijfsjarenNiveau2tot4: b.verblijfsjarenNiveau2tot4,
      bekostigdeDiplomas: b.bekostigdeDiplomas.map((d) => ({ crebo: d.crebo, niveau: d.niveau, datum: d.datum, diplomawaarde: d.diplomawaarde })),
      verblijfsstatusRechtmatig: b.verblijfsstatus.rechtmatigOpTeldatum,
      prijsfactor: b.beoogd?.prijsfactor ?? null,
      verblijfsjaar: b.beoogd?.verblijfsjaar ?? null,
      verblijfsjaarfactor: b.beoogd?.verblijfsjaarfactor ?? null,
      diplomawaardeOpleiding: b.beoogd?.diplomawaarde ?? null,
    };
  } catch (fout) {
    // A peildatum whose teldatum has no rule set (D1) has no basisset at aanmelding to compare.
    if (fout instanceof RangeError) return null;
    throw fout;
  }
}

/**
 * The basissets at aanmelding that this fact changed: each unexpired aanmelding (D11) computed from
 * the dossier before and after it, on the same peildatum and kwalificaties, so that only the
 * cause's own effect is named. A new aanmelding is not a change (its first basisset).
 */
function aanmeldingWijzigingen(oud: Studentdossier, nieuw: Studentdossier, command: Herberekening): { instelling: string; onderdeel: GewijzigdOnderdeel }[] {
  const eerder = new Map(geldigeAanmeldingen(oud, command.peildatum).map((a) => [`${a.instelling}:${a.aanmeldingId}`, a]));
  return geldigeAanmeldingen(nieuw, command.peildatum).flatMap((a) => {
    const vorige = eerder.get(`${a.instelling}:${a.aanmeldingId}`);
    if (!vorige) return [];
    const voor = aanmeldingVelden(oud, vorige, command);
    const na = aanmeldingVelden(nieuw, a, command);
    if (voor === null || na === null) return [];
    const wijzigingen = wijzigingenTussen(voor, na);
    return wijzigingen.length === 0 ? [] : [{ instelling: a.instelling, onderdeel: { soort: 'AANMELDING' as const, id: a.aanmeldingId, crebo: a.crebo, wijzigingen } }];
  });
}

/**
 * One cause, one change (D8): the changed basissets of running inschrijvingen and unexpired
 * aanmeldingen, grouped per instelling (in BRIN order). Nothing when nothing changed for anyone.
 */
function basissetsGewijzigd(dossier: Studentdossier, versies: readonly BasissetGewijzigd[], aanmeldingen: readonly { instelling: string; onderdeel: GewijzigdOnderdeel }[], command: Herberekening): BasissetsGewijzigd[] {
  const perInstelling = new Map<string, GewijzigdOnderdeel[]>();
  const voegToe = (instelling: string, onderdeel: GewijzigdOnderdeel) => perInstelling.set(instelling, [...(perInstelling.get(instelling) ?? []), onderdeel]);
  for (const { data } of versies) {
    const inschrijving = dossier.inschrijvingen[basissetSleutel(data.basisset)];
    if (data.wijzigingen.length === 0 || !inschrijving || !inschrijvingLoopt(inschrijving, command.peildatum)) continue;
    voegToe(data.basisset.instelling, { soort: 'INSCHRIJVING', id: data.basisset.inschrijvingId, crebo: data.basisset.crebo, wijzigingen: data.wijzigingen });
  }
  for (const { instelling, onderdeel } of aanmeldingen) voegToe(instelling, onderdeel);
  if (perInstelling.size === 0) return [];
  const instellingen = [...perInstelling.keys()].sort().map((instelling) => ({ instelling, onderdelen: perInstelling.get(instelling) ?? [] }));
  return [{ type: 'BasissetsGewijzigd', data: { persoonsnummer: dossier.persoonsnummer, oorzaak: command.oorzaak, aanleiding: command.aanleiding, instellingen } }];
}

function decide(command: BekostigingCommando, stand: Bekostigingsstand): BekostigingEvent[] {
  switch (command.type) {
    case 'VerwerkFeit': {
      const dossier = evolveDossier(stand.dossier, command.feit);
      // A fact that changes nothing (an older or the same versie) recomputes nothing either.
      if (JSON.stringify(dossier) === JSON.stringify(stand.dossier)) return [];
      const versies = herbereken(stand, dossier, command);
      return [{ type: 'DossierBijgewerkt', data: dossier }, ...versies, ...basissetsGewijzigd(dossier, versies, aanmeldingWijzigingen(stand.dossier, dossier, command), command)];
    }
    case 'Herbereken': {
      // Without a fact the dossier is the same; what changed is the world (a prijsfactor, a rule
      // set), whose earlier state is gone: the basissets at aanmelding are not compared (D8).
      const versies = herbereken(stand, stand.dossier, command);
      return [...versies, ...basissetsGewijzigd(stand.dossier, versies, [], command)];
    }
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
    case 'BasissetsGewijzigd':
      return stand;
    default: {
      const onbekend: never = event;
      throw new Error(`onbekend event ${JSON.stringify(onbekend)}`);
    }
  }
}

/**
 * The bekostiging of one student as a decider: a fact or a recompute request gives the new dossier
 * (when it changed) and a new versie of every basisset that changed, with the cause (D3, D8), and
 * one `BasissetsGewijzigd` that says, per instelling that may be told, all this cause changed for it.
 * Verblijfsjaren are counted across all instellingen (D4), so a fact of one instelling can change
 * the basisset of the student's inschrijving at another. Where each basisset goes (only the
 * student's own instelling, D7) is the adapter's concern.
 */
export function bekostigingDecider(persoonsnummer: string): Decider<BekostigingCommando, Bekostigingsstand, BekostigingEvent> {
  return { initialState: { dossier: leegDossier(persoonsnummer), basissets: {} }, decide, evolve };
}
