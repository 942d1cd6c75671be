import { InstellingTopics } from '@bron/contracts';

/** A message as an instelling receives it on one of its own topics. */
export interface OntvangenInstellingbericht {
  topic: string;
  key: string | null;
  /** Every header as text. */
  headers: Readonly<Record<string, string>>;
  /** The decoded value. */
  value: unknown;
}

export interface BekendeIdentiteiten {
  /** Every BRIN the platform knows. */
  brins: Iterable<string>;
  /** Per BRIN, ids that belong to that instelling only: its batch ids, record or inschrijving ids. */
  kenmerken?: ReadonlyMap<string, Iterable<string>>;
}

/** One place where another instelling's identity shows. */
export interface Vondst {
  /** `key`, `header <name>` or `value.<path>`. */
  waar: string;
  /** The instelling it names. */
  instelling: string;
  /** What names it: the BRIN or one of its kenmerken. */
  wat: string;
  tekst: string;
}

const escape = (tekst: string) => tekst.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole token: not inside a longer run of letters and digits (so `26AB` in `aanlevering:26AB:b1`, not in `x26ABy`). */
const alsToken = (tekst: string) => new RegExp(`(?<![A-Za-z0-9])${escape(tekst)}(?![A-Za-z0-9])`);

/**
 * D7, checked on the wire: where a message on `instelling.<A>.*` names another instelling (its BRIN
 * as a whole token, or one of its kenmerken) in its key, any header or anywhere in its value.
 * Empty when the message is clean. A message on a topic that is no instelling's is not checked.
 */
export function andereInstellingIn(bericht: OntvangenInstellingbericht, bekend: BekendeIdentiteiten): Vondst[] {
  const eigen = InstellingTopics.brinVan(bericht.topic);
  if (eigen === null) return [];
  const zoekers: { instelling: string; wat: string; patroon: RegExp }[] = [];
  for (const brin of new Set(bekend.brins)) {
    if (brin === eigen) continue;
    zoekers.push({ instelling: brin, wat: brin, patroon: alsToken(brin) });
    for (const kenmerk of bekend.kenmerken?.get(brin) ?? []) {
      // A kenmerk the own instelling shares (the same batch id at two instellingen) names nobody.
      if (kenmerk !== '' && ![...(bekend.kenmerken?.get(eigen) ?? [])].includes(kenmerk)) zoekers.push({ instelling: brin, wat: kenmerk, patroon: alsToken(kenmerk) });
    }
  }
  const vondsten: Vondst[] = [];
  const bekijk = (waar: string, tekst: string) => {
    for (const z of zoekers) if (z.patroon.test(tekst)) vondsten.push({ waar, instelling: z.instelling, wat: z.wat, tekst });
  };
  if (bericht.key !== null) bekijk('key', bericht.key);
  for (const [naam, tekst] of Object.entries(bericht.headers)) bekijk(`header ${naam}`, tekst);
  const loop = (pad: string, waarde: unknown): void => {
    if (typeof waarde === 'string') bekijk(pad, waarde);
    else if (Array.isArray(waarde)) waarde.forEach((w, i) => loop(`${pad}[${i}]`, w));
    else if (waarde !== null && typeof waarde === 'object') {
      for (const [k, w] of Object.entries(waarde)) {
        bekijk(`${pad} (veldnaam)`, k);
        loop(`${pad}.${k}`, w);
      }
    }
  };
  loop('value', bericht.value);
  return vondsten;
}
