import { jaarVan, loopt, verjaardag, type IsoDatum } from '../datum';
import type { Inschrijving, Persoon } from '../model';
import type { Kwalificatie, Kwalificatietabel } from '../referentie/kwalificaties';
import type { RedenCode } from '../regels/redenen';
import type { Regelset, Tellerregels } from '../regels/regelset';
import type { Teller } from './verblijfsjaren';

/** An inschrijving with what does not change from year to year, computed once per calculation. */
export interface VoorbereideInschrijving {
  readonly ins: Inschrijving;
  readonly kwal: Kwalificatie | undefined;
  readonly teller: Teller | null;
  readonly tellerregels: Tellerregels | null;
  readonly koppelingswetOk: boolean;
}

/** Per-teldatum judgement of one inschrijving, before the same-teldatum choice and the Vf. */
export interface Beoordeling {
  readonly v: VoorbereideInschrijving;
  /** Reasons that exclude funding (empty = eligible). */
  readonly uitsluitingen: readonly RedenCode[];
  readonly leerwegReden: 'LW_BOL' | 'LW_BBL' | 'LW_BBL_ZORG' | null;
  /** The leerweg factor; 0 when its condition (BBL with BPV, not examendeelnemer) fails. */
  readonly leerwegfactor: number;
}

/** Entree counter for entree (and, via the table, assistent/niveau 1) crebo's (UWEB 2.2.2 lid 6). */
export function tellerVan(kwal: Kwalificatie): Teller {
  return kwal.soort === 'entreeopleiding' || kwal.niveau === 1 ? 'entree' : 'niveau2tot4';
}

/**
 * Koppelingswet (WEB 8.1.1 lid 1; fact 40): Dutch, or under 18 on the first day of the programme,
 * or lawful residence on that day. Decisions (README B6): without nationality and without any
 * verblijfsstatus data the person is taken as BRP-registered Dutch (a rejection needs evidence);
 * the "start of the programme" is the earliest begin of any inschrijving in the same crebo, so a
 * student who continues a programme keeps the status it started with.
 */
export function voldoetAanKoppelingswet(persoon: Persoon, start: IsoDatum, regels: Regelset): boolean {
  const nat = persoon.nationaliteit;
  if (nat !== undefined && regels.koppelingswet.nederlands.waarde.includes(nat)) return true;
  const perioden = persoon.verblijfsstatus;
  if (nat === undefined && (perioden === undefined || perioden.length === 0)) return true;
  if (start < verjaardag(persoon.geboortedatum, regels.koppelingswet.meerderjarigVanaf.waarde)) return true;
  if (!perioden) return false;
  for (const p of perioden) {
    if (p.rechtmatig && p.vanaf <= start && (p.tot === null || start < p.tot)) return true;
  }
  return false;
}

function vergelijk(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical order, so the result never depends on the order in which facts arrived. */
export function vergelijkInschrijvingen(a: Inschrijving, b: Inschrijving): number {
  return (
    vergelijk(a.begin, b.begin) ||
    vergelijk(a.einde ?? '9999-99-99', b.einde ?? '9999-99-99') ||
    vergelijk(a.instelling, b.instelling) ||
    vergelijk(a.id, b.id) ||
    vergelijk(a.crebo, b.crebo) ||
    vergelijk(a.leerweg, b.leerweg) ||
    vergelijk(a.intensiteit, b.intensiteit) ||
    vergelijk(JSON.stringify(sorteerBpv(a.bpv)), JSON.stringify(sorteerBpv(b.bpv)))
  );
}

function sorteerBpv(bpv: Inschrijving['bpv']): unknown {
  return bpv ? [...bpv].map((x) => [x.afgesloten, x.begin, x.einde ?? null, x.leerbedrijf ?? null]).sort() : [];
}

/** Sort canonically and compute the per-inschrijving constants. */
export function bereidVoor(
  persoon: Persoon,
  inschrijvingen: readonly Inschrijving[],
  tabel: Kwalificatietabel,
  regels: Regelset,
): VoorbereideInschrijving[] {
  const gesorteerd = [...inschrijvingen].sort(vergelijkInschrijvingen);
  const startPerCrebo = new Map<string, IsoDatum>();
  for (const ins of gesorteerd) if (!startPerCrebo.has(ins.crebo)) startPerCrebo.set(ins.crebo, ins.begin);
  return gesorteerd.map((ins) => {
    const kwal = tabel.kwalificatie(ins.crebo);
    const teller = kwal ? tellerVan(kwal) : null;
    return {
      ins,
      kwal,
      teller,
      tellerregels: teller === null ? null : teller === 'entree' ? regels.entree : regels.niveau2tot4,
      koppelingswetOk: voldoetAanKoppelingswet(persoon, startPerCrebo.get(ins.crebo)!, regels),
    };
  });
}

/**
 * BBL condition (UWEB 2.2.2 lid 2 / 2.2.3 lid 2, Dbbl): a BPV-overeenkomst concluded by 31 December
 * of the teldatum's year; for niveau 2-4 the practice also runs on that date, or, for a VWS
 * qualification, has begun by 1 June of the next year. For entree only the agreement is required;
 * we then ignore agreements whose BPV ended before the teldatum (they belong to an earlier year).
 */
export function bblReden(v: VoorbereideInschrijving, jaar: number, regels: Regelset): 'LW_BBL' | 'LW_BBL_ZORG' | null {
  const r = v.tellerregels!;
  const uiterlijk = `${jaar}-${regels.bpv.uiterlijk.waarde}`;
  const teldatum = `${jaar}-10-01`;
  const zorgUiterlijk = `${jaar + 1}-${regels.bpv.zorgUiterlijkVolgendJaar.waarde}`;
  let zorg = false;
  for (const bpv of v.ins.bpv ?? []) {
    if (bpv.afgesloten > uiterlijk) continue;
    if (!r.bpvMoetLopenOp31December.waarde) {
      if (bpv.einde == null || bpv.einde >= teldatum) return 'LW_BBL';
      continue;
    }
    if (loopt(bpv.begin, bpv.einde, uiterlijk)) return 'LW_BBL';
    if (r.zorgUitzondering.waarde && v.kwal!.zorg && bpv.begin <= zorgUiterlijk && (bpv.einde == null || bpv.einde >= teldatum)) {
      zorg = true;
    }
  }
  return zorg ? 'LW_BBL_ZORG' : null;
}

/** Judge one inschrijving on the 1 October of `jaar`. */
export function beoordeel(v: VoorbereideInschrijving, jaar: number, regels: Regelset): Beoordeling {
  if (!v.kwal || !v.tellerregels) {
    return { v, uitsluitingen: ['INS_CREBO_ONBEKEND'], leerwegReden: null, leerwegfactor: 0 };
  }
  const uitsluitingen: RedenCode[] = [];
  let leerwegReden: Beoordeling['leerwegReden'] = null;
  let leerwegfactor = 0;
  if (v.ins.intensiteit === 'EX') uitsluitingen.push('INS_EXAMENDEELNEMER');
  if (!v.koppelingswetOk) uitsluitingen.push('INS_KOPPELINGSWET');
  if (v.ins.intensiteit !== 'EX') {
    if (v.ins.leerweg === 'BOL') {
      leerwegReden = 'LW_BOL';
      leerwegfactor = v.tellerregels.bolFactor.waarde;
    } else {
      leerwegReden = bblReden(v, jaar, regels);
      if (leerwegReden) leerwegfactor = v.tellerregels.bblFactor.waarde;
      else uitsluitingen.push('INS_BBL_GEEN_BPV');
    }
  }
  return { v, uitsluitingen, leerwegReden, leerwegfactor };
}

/** Whether an inschrijving counts as a verblijfsjaar when every enrolment counts (D4 default). */
export function teltAlsVerblijfsjaar(v: VoorbereideInschrijving): boolean {
  // An examendeelnemer is not a "deelnemer" of UWEB 2.2.2/2.2.3 lid 3 (README B4).
  return v.teller !== null && v.ins.intensiteit !== 'EX';
}

/** The inschrijvingen running on 1 October of `jaar`. */
export function lopendOp(lijst: readonly VoorbereideInschrijving[], jaar: number): VoorbereideInschrijving[] {
  const td = `${jaar}-10-01`;
  const uit: VoorbereideInschrijving[] = [];
  for (const v of lijst) if (loopt(v.ins.begin, v.ins.einde, td)) uit.push(v);
  return uit;
}

/** First calendar year in which any inschrijving begins (or `fallback`). */
export function eersteJaar(lijst: readonly VoorbereideInschrijving[], fallback: number): number {
  let j = fallback;
  for (const v of lijst) j = Math.min(j, jaarVan(v.ins.begin));
  return j;
}
