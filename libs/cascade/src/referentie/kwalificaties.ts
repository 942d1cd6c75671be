import type { IsoDatum } from '../datum';

/** Soort opleiding (WEB art. 7.2.2 as of 1 Aug 2014; Regeling vaststelling kwalificatiedossiers 2015, Bijlage 1). */
export type Soort =
  | 'entreeopleiding'
  | 'basisberoepsopleiding'
  | 'vakopleiding'
  | 'middenkaderopleiding'
  | 'specialistenopleiding';

export type Leerweg = 'BOL' | 'BBL';

const SOORTEN: readonly Soort[] = [
  'entreeopleiding',
  'basisberoepsopleiding',
  'vakopleiding',
  'middenkaderopleiding',
  'specialistenopleiding',
];

/** One row of the kwalificaties table. */
export interface Kwalificatie {
  readonly crebo: string;
  readonly naam: string;
  readonly niveau: 1 | 2 | 3 | 4;
  readonly soort: Soort;
  /** Prijsfactor as set by the regeling (before any later wijziging). */
  readonly prijsfactor: number;
  readonly leerwegen: readonly Leerweg[];
  readonly kwalificatiedossier: string;
  readonly dossierCrebo: string;
  readonly opleidingsdomein: string;
  readonly domeinCrebo: string;
  /** Ministries whose beroepsvereisten apply (column `beroepsvereisten`, e.g. "VWS"), or ''. */
  readonly beroepsvereisten: string;
  /**
   * Qualification set in agreement with the Minister of VWS, for the 1 June BPV rule of UWEB
   * 2.2.3 lid 2. The 2015 list does not say which were; we take opleidingsdomein "Zorg en welzijn"
   * or a VWS beroepsvereiste (see `isZorgStandaard`). Only ever widens the BPV deadline.
   */
  readonly zorg: boolean;
}

/** A prijsfactor change for one crebo, effective from `vanaf` (an event from the regelgeving). */
export interface Prijsfactorwijziging {
  readonly crebo: string;
  readonly vanaf: IsoDatum;
  readonly prijsfactor: number;
}

/** Period in which the crebo's of a table may be used (validity of the regeling). */
export interface Geldigheid {
  readonly vanaf: IsoDatum;
  /** Last valid day, inclusive; null = no end known (a later regeling arrives as new data). */
  readonly tot: IsoDatum | null;
}

export interface ParseOpties {
  readonly geldigheid?: Geldigheid;
  /** Override the derivation of the `zorg` flag. */
  readonly isZorg?: (rij: Readonly<Record<string, string>>) => boolean;
}

/**
 * Default validity of the 2015 table: from 1 August 2014, open-ended. The stored regeling gives no
 * date per crebo. In reality the 2015 dossiers were voluntary from studiejaar 2015/16 and
 * mandatory for new students from 1 Aug 2016; we start at 1 Aug 2014 (the day the soorten
 * entree/basis/vak/middenkader/specialist and the UWEB cascade text took effect, fact 3) because the
 * issue's contract example enrols in crebo 25078 on 2014-08-01. Pass `geldigheid` to narrow it.
 */
export const GELDIGHEID_2015_STANDAARD: Geldigheid = { vanaf: '2014-08-01', tot: null };

/** Zorg = opleidingsdomein "Zorg en welzijn" or beroepsvereisten naming VWS (decision, see README). */
export function isZorgStandaard(rij: Readonly<Record<string, string>>): boolean {
  return rij['opleidingsdomein'] === 'Zorg en welzijn' || /\bVWS\b/.test(rij['beroepsvereisten'] ?? '');
}

/** Immutable lookup table of kwalificaties by crebo, with prijsfactor changes over time. */
export class Kwalificatietabel {
  private constructor(
    private readonly rijen: ReadonlyMap<string, Kwalificatie>,
    /** Per crebo, changes sorted by `vanaf` ascending. */
    private readonly wijzigingen: ReadonlyMap<string, readonly Prijsfactorwijziging[]>,
    readonly geldigheid: Geldigheid,
  ) {}

  static van(kwalificaties: Iterable<Kwalificatie>, geldigheid: Geldigheid = GELDIGHEID_2015_STANDAARD): Kwalificatietabel {
    const rijen = new Map<string, Kwalificatie>();
    for (const k of kwalificaties) {
      if (rijen.has(k.crebo)) throw new Error(`kwalificaties: crebo ${k.crebo} komt twee keer voor`);
      rijen.set(k.crebo, k);
    }
    return new Kwalificatietabel(rijen, new Map(), geldigheid);
  }

  get aantal(): number {
    return this.rijen.size;
  }

  /** The kwalificatie of a crebo, or undefined when the crebo is not in the table. */
  kwalificatie(crebo: string): Kwalificatie | undefined {
    return this.rijen.get(crebo);
  }

  /** All kwalificaties, sorted by crebo. */
  alle(): readonly Kwalificatie[] {
    return [...this.rijen.values()].sort((a, b) => (a.crebo < b.crebo ? -1 : a.crebo > b.crebo ? 1 : 0));
  }

  /**
   * Prijsfactor of `crebo` on `datum` (UWEB 2.2.2 lid 5, 2.2.3 lid 4; fact 22): the latest change
   * with `vanaf <= datum`, else the regeling's value. Undefined for an unknown crebo.
   */
  prijsfactorOp(crebo: string, datum: IsoDatum): number | undefined {
    const k = this.rijen.get(crebo);
    if (!k) return undefined;
    const lijst = this.wijzigingen.get(crebo);
    let pf = k.prijsfactor;
    if (lijst) for (const w of lijst) if (w.vanaf <= datum) pf = w.prijsfactor;
    return pf;
  }

  /** Whether the crebo exists and may be used on `datum` (see `GELDIGHEID_2015_STANDAARD`). */
  geldigOp(crebo: string, datum: IsoDatum): boolean {
    if (!this.rijen.has(crebo)) return false;
    const { vanaf, tot } = this.geldigheid;
    return vanaf <= datum && (tot === null || datum <= tot);
  }

  /** Whether `leerweg` is allowed for the crebo (column `leerwegen`). */
  staatLeerwegToe(crebo: string, leerweg: Leerweg): boolean {
    return this.rijen.get(crebo)?.leerwegen.includes(leerweg) ?? false;
  }

  /** @internal used by `metPrijsfactorWijziging`. */
  metWijziging(w: Prijsfactorwijziging): Kwalificatietabel {
    if (!this.rijen.has(w.crebo)) throw new RangeError(`prijsfactorwijziging: crebo ${w.crebo} onbekend`);
    if (!(w.prijsfactor > 0)) throw new RangeError(`prijsfactorwijziging: prijsfactor ${w.prijsfactor} ongeldig`);
    const oud = this.wijzigingen.get(w.crebo) ?? [];
    // The same (crebo, vanaf) again replaces the earlier change: replaying an event is idempotent.
    const nieuw = [...oud.filter((x) => x.vanaf !== w.vanaf), w].sort((a, b) => (a.vanaf < b.vanaf ? -1 : 1));
    const wijzigingen = new Map(this.wijzigingen);
    wijzigingen.set(w.crebo, nieuw);
    return new Kwalificatietabel(this.rijen, wijzigingen, this.geldigheid);
  }
}

/** A new table in which `crebo` has `prijsfactor` from `vanaf` on; the old table is unchanged. */
export function metPrijsfactorWijziging(tabel: Kwalificatietabel, wijziging: Prijsfactorwijziging): Kwalificatietabel {
  return tabel.metWijziging(wijziging);
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Returns rows of fields. */
export function parseCsv(tekst: string): string[][] {
  const rijen: string[][] = [];
  let rij: string[] = [];
  let veld = '';
  let i = 0;
  let inQuotes = false;
  const n = tekst.length;
  while (i < n) {
    const c = tekst[i];
    if (inQuotes) {
      if (c === '"') {
        if (tekst[i + 1] === '"') {
          veld += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else veld += c;
      i++;
      continue;
    }
    if (c === '"' && veld === '') inQuotes = true;
    else if (c === ',') {
      rij.push(veld);
      veld = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && tekst[i + 1] === '\n') i++;
      rij.push(veld);
      rijen.push(rij);
      rij = [];
      veld = '';
    } else veld += c;
    i++;
  }
  if (inQuotes) throw new Error('csv: aanhalingsteken niet gesloten');
  if (veld !== '' || rij.length > 0) {
    rij.push(veld);
    rijen.push(rij);
  }
  return rijen.filter((r) => !(r.length === 1 && r[0] === ''));
}

const KOLOMMEN = ['crebo', 'kwalificatie', 'niveau', 'soort', 'prijsfactor', 'leerwegen'] as const;

/**
 * Parse the kwalificaties CSV (header `crebo,kwalificatie,niveau,soort,prijsfactor,leerwegen,
 * kwalificatiedossier,dossier_crebo,opleidingsdomein,domein_crebo,beroepsvereisten`).
 * Pure: the caller reads the file. Throws with the line number on a malformed row (reference
 * data is trusted configuration; a bad file must stop the service, not be half-used).
 */
export function parseKwalificaties(csvTekst: string, opties: ParseOpties = {}): Kwalificatietabel {
  const rijen = parseCsv(csvTekst.replace(/^\uFEFF/, ''));
  if (rijen.length === 0) throw new Error('kwalificaties: leeg bestand');
  const kop = rijen[0].map((k) => k.trim());
  for (const k of KOLOMMEN) if (!kop.includes(k)) throw new Error(`kwalificaties: kolom ${k} ontbreekt`);
  const isZorg = opties.isZorg ?? isZorgStandaard;
  const lijst: Kwalificatie[] = [];
  for (let r = 1; r < rijen.length; r++) {
    const rij: Record<string, string> = {};
    kop.forEach((k, i) => (rij[k] = (rijen[r][i] ?? '').trim()));
    const fout = (m: string) => new Error(`kwalificaties regel ${r + 1}: ${m}`);
    if (!/^\d{5}$/.test(rij['crebo'])) throw fout(`crebo '${rij['crebo']}' ongeldig`);
    const niveau = Number(rij['niveau']);
    if (![1, 2, 3, 4].includes(niveau)) throw fout(`niveau '${rij['niveau']}' ongeldig`);
    const soort = rij['soort'] as Soort;
    if (!SOORTEN.includes(soort)) throw fout(`soort '${rij['soort']}' ongeldig`);
    const prijsfactor = Number(rij['prijsfactor']);
    if (!(prijsfactor > 0)) throw fout(`prijsfactor '${rij['prijsfactor']}' ongeldig`);
    const leerwegen = rij['leerwegen'].split('/').map((l) => l.trim());
    if (leerwegen.length === 0 || leerwegen.some((l) => l !== 'BOL' && l !== 'BBL')) {
      throw fout(`leerwegen '${rij['leerwegen']}' ongeldig`);
    }
    lijst.push({
      crebo: rij['crebo'],
      naam: rij['kwalificatie'],
      niveau: niveau as Kwalificatie['niveau'],
      soort,
      prijsfactor,
      leerwegen: leerwegen as Leerweg[],
      kwalificatiedossier: rij['kwalificatiedossier'] ?? '',
      dossierCrebo: rij['dossier_crebo'] ?? '',
      opleidingsdomein: rij['opleidingsdomein'] ?? '',
      domeinCrebo: rij['domein_crebo'] ?? '',
      beroepsvereisten: rij['beroepsvereisten'] ?? '',
      zorg: isZorg(rij),
    });
  }
  return Kwalificatietabel.van(lijst, opties.geldigheid ?? GELDIGHEID_2015_STANDAARD);
}
