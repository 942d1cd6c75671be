import { VOOROPLEIDING_SOORTEN, isGeldigeDatum, type Kwalificatietabel, type Vooropleiding, type VooropleidingSoort } from '@bron/cascade';
import { isGeldigPersoonsnummer } from '@bron/domein';

/**
 * An external fact (not sent by an instelling): BRP person data, a vooropleiding registered by a VO
 * school, a prijsfactor change. Validated like an aanleverrecord, and answered per fact
 * (docs/terugkoppeling-codes.md, "Externe feiten").
 */
export type ExternFeit =
  | {
      readonly type: 'PersoonGewijzigd';
      readonly persoonsnummer: string;
      readonly bron: string;
      readonly geboortedatum: string | null;
      readonly verblijfsstatus: readonly { readonly vanaf: string; readonly tot: string | null }[];
    }
  | { readonly type: 'VooropleidingGeregistreerd'; readonly persoonsnummer: string; readonly bron: string; readonly soort: string; readonly diploma: boolean; readonly datum: string }
  | { readonly type: 'PrijsfactorGewijzigd'; readonly crebo: string; readonly bron: string; readonly vanaf: string; readonly prijsfactor: number };

/** The answer to one external fact: accepted, or refused with a stable code and the reason. */
export type ExternOordeel = { readonly aanvaard: true } | { readonly aanvaard: false; readonly code: ExternCode; readonly reden: string };

export const EXTERN_CODES = {
  X01: 'persoonsnummer ongeldig (9 cijfers, elfproef)',
  X02: 'vooropleiding onbekend',
  X03: 'datum ongeldig (JJJJ-MM-DD)',
  X04: 'verblijfsperiode eindigt niet na haar begin',
  X05: 'crebo onbekend',
  X06: 'prijsfactor niet positief',
  X07: 'bron ontbreekt',
  X08: 'overgangsbewijs met diploma',
} as const;
export type ExternCode = keyof typeof EXTERN_CODES;

/**
 * The vooropleiding codes the contract documents besides the cascade's own: `OVERGANG_HAVO_3_4`
 * (and `OVERGANG_VWO_3_4`) is the overgangsbewijs havo/vwo 3-4, which the cascade holds as
 * HAVO/VWO without diploma (docs/domein.md, Vooropleiding).
 */
const OVERGANGSBEWIJZEN: Readonly<Record<string, VooropleidingSoort>> = { OVERGANG_HAVO_3_4: 'HAVO', OVERGANG_VWO_3_4: 'VWO' };

const isVooropleidingSoort = (soort: string): soort is VooropleidingSoort => VOOROPLEIDING_SOORTEN.some((s) => s === soort);

/** The vooropleiding as the cascade holds it, or why it cannot be one. */
export function leesVooropleiding(v: { readonly soort: string; readonly diploma: boolean; readonly datum: string }): Vooropleiding | { readonly code: ExternCode; readonly reden: string } {
  const overgang = OVERGANGSBEWIJZEN[v.soort];
  if (overgang !== undefined) {
    if (v.diploma) return { code: 'X08', reden: `${v.soort} is een overgangsbewijs, geen diploma (diploma moet false zijn)` };
    return { soort: overgang, diploma: false, datum: v.datum };
  }
  if (!isVooropleidingSoort(v.soort)) return { code: 'X02', reden: `vooropleiding ${v.soort} onbekend (bekend: ${[...VOOROPLEIDING_SOORTEN, ...Object.keys(OVERGANGSBEWIJZEN)].join(', ')})` };
  return { soort: v.soort, diploma: v.diploma, datum: v.datum };
}

const geweigerd = (code: ExternCode, reden: string): ExternOordeel => ({ aanvaard: false, code, reden });

type Persoonsfeit = Extract<ExternFeit, { type: 'PersoonGewijzigd' | 'VooropleidingGeregistreerd' }>;

/** D9 and the contract's own rules, for each kind of external fact. */
export function beoordeelExternFeit(feit: ExternFeit, kwalificaties: Kwalificatietabel): ExternOordeel {
  if (feit.type !== 'PrijsfactorGewijzigd') return beoordeelPersoonsfeit(feit);
  if (feit.bron.trim() === '') return geweigerd('X07', 'bron is leeg');
  if (kwalificaties.kwalificatie(feit.crebo) === undefined) return geweigerd('X05', `crebo ${feit.crebo} staat niet in de kwalificaties`);
  if (!isGeldigeDatum(feit.vanaf)) return geweigerd('X03', `vanaf ${feit.vanaf} is geen datum`);
  if (!(feit.prijsfactor > 0) || !Number.isFinite(feit.prijsfactor)) return geweigerd('X06', `prijsfactor ${feit.prijsfactor}`);
  return { aanvaard: true };
}

/** A fact about a person (BRP, VO): the part of `beoordeelExternFeit` that needs no reference data. */
export function beoordeelPersoonsfeit(feit: Persoonsfeit): ExternOordeel {
  if (feit.bron.trim() === '') return geweigerd('X07', 'bron is leeg');
  switch (feit.type) {
    case 'PersoonGewijzigd': {
      if (!isGeldigPersoonsnummer(feit.persoonsnummer)) return geweigerd('X01', 'persoonsnummer voldoet niet aan de elfproef of is geen 9 cijfers');
      if (feit.geboortedatum !== null && !isGeldigeDatum(feit.geboortedatum)) return geweigerd('X03', `geboortedatum ${feit.geboortedatum} is geen datum`);
      for (const p of feit.verblijfsstatus) {
        if (!isGeldigeDatum(p.vanaf)) return geweigerd('X03', `verblijfsperiode vanaf ${p.vanaf} is geen datum`);
        if (p.tot !== null && !isGeldigeDatum(p.tot)) return geweigerd('X03', `verblijfsperiode tot ${p.tot} is geen datum`);
        if (p.tot !== null && p.tot <= p.vanaf) return geweigerd('X04', `verblijfsperiode ${p.vanaf} tot ${p.tot}`);
      }
      return { aanvaard: true };
    }
    case 'VooropleidingGeregistreerd': {
      if (!isGeldigPersoonsnummer(feit.persoonsnummer)) return geweigerd('X01', 'persoonsnummer voldoet niet aan de elfproef of is geen 9 cijfers');
      if (!isGeldigeDatum(feit.datum)) return geweigerd('X03', `datum ${feit.datum} is geen datum`);
      const vooropleiding = leesVooropleiding(feit);
      return 'code' in vooropleiding ? geweigerd(vooropleiding.code, vooropleiding.reden) : { aanvaard: true };
    }
    default: {
      const onbekend: never = feit;
      throw new Error(`onbekend extern feit ${JSON.stringify(onbekend)}`);
    }
  }
}
