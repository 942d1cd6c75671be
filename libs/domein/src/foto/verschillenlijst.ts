import { canoniekeJson } from '../notificatie/wijzigingen';
import { vergelijk } from './basissetversie';
import type { BronFoto, FotoStudent } from './foto';
import { TMO_SLEUTEL, type BekRegel, type SagRegel, type SinRegel } from './tmo';

export type Mutatie = 'TOEVOEGING' | 'VERWIJDERING' | 'WIJZIGING';

/** One field of a verschil: its path (`basisset.bijdrage`) and its value before and after as JSON text, null when absent. */
export interface VeldVerschil {
  readonly veld: string;
  readonly oud: string | null;
  readonly nieuw: string | null;
}

export interface StudentVerschil {
  readonly mutatie: Mutatie;
  readonly persoonsnummer: string;
  readonly inschrijvingId: string;
  readonly velden: readonly VeldVerschil[];
}

export interface TmoVerschil {
  readonly mutatie: Mutatie;
  readonly regelsoort: 'BEK' | 'SAG' | 'SIN';
  /** The fields that say which line it is, as in the foto (crebo, leerweg, ...). */
  readonly regel: Readonly<Record<string, string | number | boolean | null>>;
  readonly velden: readonly VeldVerschil[];
}

/** The verschillenlijst (fact 28) between two foto's of one instelling: per student and per TMO line. */
export interface Verschillenlijst {
  readonly instelling: string;
  readonly vanFotoId: string;
  readonly naarFotoId: string;
  readonly studenten: readonly StudentVerschil[];
  readonly terugmeldingsoverzicht: readonly TmoVerschil[];
}

/** The leaves of a value, by dotted path; a list is one leaf (its JSON), so a changed list of diploma's is one field. */
function bladeren(waarde: unknown, pad = '', uit: Map<string, string> = new Map()): Map<string, string> {
  if (waarde !== null && typeof waarde === 'object' && !Array.isArray(waarde)) {
    for (const [k, w] of Object.entries(waarde as Record<string, unknown>)) bladeren(w, pad ? `${pad}.${k}` : k, uit);
  } else if (waarde !== undefined) {
    uit.set(pad, canoniekeJson(waarde));
  }
  return uit;
}

function veldVerschillen(oud: unknown, nieuw: unknown): VeldVerschil[] {
  const o = oud === undefined ? new Map<string, string>() : bladeren(oud);
  const n = nieuw === undefined ? new Map<string, string>() : bladeren(nieuw);
  return [...new Set([...o.keys(), ...n.keys()])]
    .sort(vergelijk)
    .map((veld) => ({ veld, oud: o.get(veld) ?? null, nieuw: n.get(veld) ?? null }))
    .filter((v) => v.oud !== v.nieuw);
}

/** Pairs two lists by key: added, removed and changed items, in key order. */
function paren<T>(oud: readonly T[], nieuw: readonly T[], sleutel: (x: T) => string, zonder: (x: T) => unknown): { mutatie: Mutatie; item: T; velden: VeldVerschil[] }[] {
  const o = new Map(oud.map((x) => [sleutel(x), x]));
  const n = new Map(nieuw.map((x) => [sleutel(x), x]));
  const uit: { mutatie: Mutatie; item: T; velden: VeldVerschil[] }[] = [];
  for (const k of [...new Set([...o.keys(), ...n.keys()])].sort(vergelijk)) {
    const a = o.get(k);
    const b = n.get(k);
    if (a === undefined) uit.push({ mutatie: 'TOEVOEGING', item: b as T, velden: veldVerschillen(undefined, zonder(b as T)) });
    else if (b === undefined) uit.push({ mutatie: 'VERWIJDERING', item: a, velden: veldVerschillen(zonder(a), undefined) });
    else {
      const velden = veldVerschillen(zonder(a), zonder(b));
      if (velden.length > 0) uit.push({ mutatie: 'WIJZIGING', item: b, velden });
    }
  }
  return uit;
}

const studentSleutel = (s: FotoStudent): string => `${s.persoonsnummer}\u0000${s.inschrijvingId}`;
/** What may differ for the same student: everything but the key (and the version bookkeeping, which says nothing to a reader). */
const studentInhoud = ({ persoonsnummer: _p, inschrijvingId: _i, versie: _v, bekendSinds: _b, ...rest }: FotoStudent): unknown => rest;

function tmoVerschillen<T extends BekRegel | SagRegel | SinRegel>(regelsoort: TmoVerschil['regelsoort'], oud: readonly T[], nieuw: readonly T[], sleutel: (r: T) => string, sleutelvelden: readonly (keyof T)[]): TmoVerschil[] {
  const zonder = (r: T): unknown => Object.fromEntries(Object.entries(r).filter(([k]) => !sleutelvelden.includes(k as keyof T)));
  return paren(oud, nieuw, sleutel, zonder).map(({ mutatie, item, velden }) => ({
    mutatie,
    regelsoort,
    regel: Object.fromEntries(sleutelvelden.map((k) => [k, item[k] as string | number | boolean | null])),
    velden,
  }));
}

/** The differences from foto `van` to foto `naar` of the same instelling (usually its previous foto and the new one). */
export function verschillenlijst(van: BronFoto, naar: BronFoto): Verschillenlijst {
  if (van.instelling !== naar.instelling) throw new Error(`een verschillenlijst vergelijkt foto's van één instelling, niet ${van.instelling} en ${naar.instelling}`);
  return {
    instelling: naar.instelling,
    vanFotoId: van.fotoId,
    naarFotoId: naar.fotoId,
    studenten: paren(van.studenten, naar.studenten, studentSleutel, studentInhoud).map(({ mutatie, item, velden }) => ({
      mutatie, persoonsnummer: item.persoonsnummer, inschrijvingId: item.inschrijvingId, velden,
    })),
    terugmeldingsoverzicht: [
      ...tmoVerschillen('BEK', van.terugmeldingsoverzicht.bek, naar.terugmeldingsoverzicht.bek, TMO_SLEUTEL.bek, ['crebo', 'leerweg', 'niveau', 'verblijfsjaar']),
      ...tmoVerschillen('SAG', van.terugmeldingsoverzicht.sag, naar.terugmeldingsoverzicht.sag, TMO_SLEUTEL.sag, ['crebo', 'leerweg', 'signaalcode']),
      ...tmoVerschillen('SIN', van.terugmeldingsoverzicht.sin, naar.terugmeldingsoverzicht.sin, TMO_SLEUTEL.sin, ['persoonsnummer', 'inschrijvingId', 'signaalcode']),
    ],
  };
}
