import { isGeldigeBrin, isGeldigPersoonsnummer } from '@bron/domein';
import { isGeldigeDatum } from '../datum';
import { VOOROPLEIDING_SOORTEN, type BerekeningInvoer } from '../model';
import type { Kwalificatietabel } from '../referentie/kwalificaties';
import { EERSTE_BEKOSTIGINGSJAAR } from '../regels/regelset';

export interface Invoerfout {
  /** Path of the field, e.g. `inschrijvingen[0].begin`. */
  readonly veld: string;
  readonly melding: string;
}

export type LeesResultaat =
  | { readonly ok: true; readonly invoer: BerekeningInvoer }
  | { readonly ok: false; readonly fouten: readonly Invoerfout[] };

/** Highest bekostigingsjaar accepted: a sanity bound, not a rule (prognose is at most T = now + 2). */
export const LAATSTE_BEKOSTIGINGSJAAR = 2100;

type Obj = Record<string, unknown>;

class Controle {
  readonly fouten: Invoerfout[] = [];

  fout(veld: string, melding: string): void {
    this.fouten.push({ veld, melding });
  }

  object(w: unknown, veld: string, toegestaan: readonly string[]): w is Obj {
    if (typeof w !== 'object' || w === null || Array.isArray(w)) {
      this.fout(veld || '(invoer)', 'moet een object zijn');
      return false;
    }
    for (const k of Object.keys(w)) if (!toegestaan.includes(k)) this.fout(pad(veld, k), 'onbekend veld');
    return true;
  }

  lijst(w: unknown, veld: string, verplicht: boolean): w is unknown[] {
    if (w === undefined && !verplicht) return false;
    if (!Array.isArray(w)) {
      this.fout(veld, w === undefined ? 'verplicht veld ontbreekt' : 'moet een lijst zijn');
      return false;
    }
    return true;
  }

  datum(w: unknown, veld: string, opties: { verplicht?: boolean; nullable?: boolean } = {}): boolean {
    if (w === undefined && opties.verplicht === false) return true;
    if (w === null && opties.nullable) return true;
    if (w === undefined) return (this.fout(veld, 'verplicht veld ontbreekt'), false);
    if (!isGeldigeDatum(w)) return (this.fout(veld, `geen geldige datum JJJJ-MM-DD: ${kort(w)}`), false);
    return true;
  }

  tekst(w: unknown, veld: string, test: (s: string) => boolean, uitleg: string, verplicht = true): boolean {
    if (w === undefined && !verplicht) return true;
    if (w === undefined) return (this.fout(veld, 'verplicht veld ontbreekt'), false);
    if (typeof w !== 'string' || !test(w)) return (this.fout(veld, `${uitleg}: ${kort(w)}`), false);
    return true;
  }

  bool(w: unknown, veld: string): void {
    if (typeof w !== 'boolean') this.fout(veld, w === undefined ? 'verplicht veld ontbreekt' : 'moet true of false zijn');
  }

  volgorde(van: unknown, tot: unknown, veld: string, melding: string): void {
    if (isGeldigeDatum(van) && isGeldigeDatum(tot) && tot < van) this.fout(veld, melding);
  }
}

function pad(basis: string, k: string | number): string {
  return typeof k === 'number' ? `${basis}[${k}]` : basis ? `${basis}.${k}` : k;
}

function kort(w: unknown): string {
  const s = JSON.stringify(w) ?? String(w);
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

const CREBO = /^\d{5}$/;

/**
 * Validate untrusted JSON into a `BerekeningInvoer`. Every error names its field path; never
 * throws. With `tabel`, crebo's must also exist in it (the engine would otherwise report
 * INS_CREBO_ONBEKEND / DIP_CREBO_ONBEKEND).
 */
export function leesBerekeningInvoer(json: unknown, tabel?: Kwalificatietabel): LeesResultaat {
  const c = new Controle();
  if (!c.object(json, '', ['bekostigingsjaar', 'persoon', 'vooropleidingen', 'inschrijvingen', 'diplomas'])) {
    return { ok: false, fouten: c.fouten };
  }
  const j = json.bekostigingsjaar;
  if (j === undefined) c.fout('bekostigingsjaar', 'verplicht veld ontbreekt');
  else if (typeof j !== 'number' || !Number.isInteger(j)) c.fout('bekostigingsjaar', `moet een geheel getal zijn: ${kort(j)}`);
  else if (j < EERSTE_BEKOSTIGINGSJAAR || j > LAATSTE_BEKOSTIGINGSJAAR) {
    c.fout('bekostigingsjaar', `moet tussen ${EERSTE_BEKOSTIGINGSJAAR} en ${LAATSTE_BEKOSTIGINGSJAAR} liggen (regelsets cascade2015, post2018): ${j}`);
  }

  const p = json.persoon;
  if (p === undefined) c.fout('persoon', 'verplicht veld ontbreekt');
  else if (c.object(p, 'persoon', ['persoonsnummer', 'geboortedatum', 'nationaliteit', 'verblijfsstatus'])) {
    c.tekst(p.persoonsnummer, 'persoon.persoonsnummer', isGeldigPersoonsnummer, 'geen geldig BSN/onderwijsnummer (9 cijfers, 11-proef)');
    c.datum(p.geboortedatum, 'persoon.geboortedatum');
    c.tekst(p.nationaliteit, 'persoon.nationaliteit', (s) => /^[A-Z]{2}$/.test(s), 'moet een ISO 3166-1 alpha-2 code zijn (bv. "NL")', false);
    if (c.lijst(p.verblijfsstatus, 'persoon.verblijfsstatus', false)) {
      p.verblijfsstatus.forEach((v, i) => {
        const veld = `persoon.verblijfsstatus[${i}]`;
        if (!c.object(v, veld, ['vanaf', 'tot', 'rechtmatig'])) return;
        c.datum(v.vanaf, `${veld}.vanaf`);
        c.datum(v.tot, `${veld}.tot`, { verplicht: false, nullable: true });
        c.volgorde(v.vanaf, v.tot, `${veld}.tot`, 'ligt voor vanaf');
        c.bool(v.rechtmatig, `${veld}.rechtmatig`);
      });
    }
  }

  if (c.lijst(json.vooropleidingen, 'vooropleidingen', false)) {
    json.vooropleidingen.forEach((v, i) => {
      const veld = `vooropleidingen[${i}]`;
      if (!c.object(v, veld, ['soort', 'diploma', 'datum'])) return;
      c.tekst(v.soort, `${veld}.soort`, (s) => (VOOROPLEIDING_SOORTEN as readonly string[]).includes(s), `onbekende soort (${VOOROPLEIDING_SOORTEN.join(', ')})`);
      c.bool(v.diploma, `${veld}.diploma`);
      c.datum(v.datum, `${veld}.datum`, { verplicht: false });
    });
  }

  const ids = new Set<string>();
  if (c.lijst(json.inschrijvingen, 'inschrijvingen', true)) {
    json.inschrijvingen.forEach((ins, i) => {
      const veld = `inschrijvingen[${i}]`;
      if (!c.object(ins, veld, ['id', 'instelling', 'crebo', 'leerweg', 'intensiteit', 'begin', 'einde', 'bpv'])) return;
      if (c.tekst(ins.id, `${veld}.id`, (s) => s.trim().length > 0 && s.length <= 40, 'moet een niet-lege tekst van hoogstens 40 tekens zijn')) {
        if (ids.has(ins.id as string)) c.fout(`${veld}.id`, `komt twee keer voor: ${kort(ins.id)}`);
        ids.add(ins.id as string);
      }
      c.tekst(ins.instelling, `${veld}.instelling`, isGeldigeBrin, 'geen geldige BRIN (bv. "25LX")');
      if (c.tekst(ins.crebo, `${veld}.crebo`, (s) => CREBO.test(s), 'crebo moet 5 cijfers zijn') && tabel) {
        if (!tabel.kwalificatie(ins.crebo as string)) c.fout(`${veld}.crebo`, `onbekende crebo: ${ins.crebo}`);
      }
      c.tekst(ins.leerweg, `${veld}.leerweg`, (s) => s === 'BOL' || s === 'BBL', 'moet BOL of BBL zijn');
      c.tekst(ins.intensiteit, `${veld}.intensiteit`, (s) => s === 'VT' || s === 'DT' || s === 'EX', 'moet VT, DT of EX zijn');
      c.datum(ins.begin, `${veld}.begin`);
      c.datum(ins.einde, `${veld}.einde`, { verplicht: false, nullable: true });
      c.volgorde(ins.begin, ins.einde, `${veld}.einde`, 'ligt voor begin');
      if (c.lijst(ins.bpv, `${veld}.bpv`, false)) {
        ins.bpv.forEach((b, k) => {
          const bveld = `${veld}.bpv[${k}]`;
          if (!c.object(b, bveld, ['afgesloten', 'begin', 'einde', 'leerbedrijf'])) return;
          c.datum(b.afgesloten, `${bveld}.afgesloten`);
          c.datum(b.begin, `${bveld}.begin`);
          c.datum(b.einde, `${bveld}.einde`, { verplicht: false, nullable: true });
          c.volgorde(b.begin, b.einde, `${bveld}.einde`, 'ligt voor begin');
          c.tekst(b.leerbedrijf, `${bveld}.leerbedrijf`, (s) => /^[0-9A-Za-z]{1,17}$/.test(s), 'leerbedrijf: 1-17 letters/cijfers', false);
        });
      }
    });
  }

  if (c.lijst(json.diplomas, 'diplomas', true)) {
    json.diplomas.forEach((d, i) => {
      const veld = `diplomas[${i}]`;
      if (!c.object(d, veld, ['instelling', 'crebo', 'datum'])) return;
      c.tekst(d.instelling, `${veld}.instelling`, isGeldigeBrin, 'geen geldige BRIN (bv. "25LX")');
      if (c.tekst(d.crebo, `${veld}.crebo`, (s) => CREBO.test(s), 'crebo moet 5 cijfers zijn') && tabel) {
        if (!tabel.kwalificatie(d.crebo as string)) c.fout(`${veld}.crebo`, `onbekende crebo: ${d.crebo}`);
      }
      c.datum(d.datum, `${veld}.datum`);
    });
  }

  if (c.fouten.length > 0) return { ok: false, fouten: c.fouten };
  return { ok: true, invoer: json as unknown as BerekeningInvoer };
}
