import type { Kwalificatie, Kwalificatietabel } from '@bron/cascade';
import type { RuwRecord } from '@bron/aanlevering-domein';
import { persoonsnummer, prng } from '../demo-aanlevering';

/** What `bron genereer` is asked for (docs/sector.md). */
export interface SectorOpties {
  studenten: number;
  instellingen: number;
  /** Studiejaren, the first starting on 1 August of `EERSTE_STUDIEJAAR`. */
  jaren: number;
  seed: number;
}

export const STANDAARD_SECTOR: SectorOpties = { studenten: 500_000, instellingen: 60, jaren: 5, seed: 1 };

/** The first studiejaar: the kwalificaties table of 2015 is valid from 1 August 2014. */
export const EERSTE_STUDIEJAAR = 2014;

/** An external fact in the form `bron extern` reads (one JSON object per line, with its `type`). */
export type SectorFeit =
  | {
      type: 'PersoonGewijzigd';
      persoonsnummer: string;
      bron: string;
      geboortedatum: string | null;
      nationaliteit: string | null;
      officieleVoornamen: null;
      verblijfsstatus: { vanaf: string; tot: string | null; rechtmatig: boolean }[];
    }
  | { type: 'VooropleidingGeregistreerd'; persoonsnummer: string; bron: string; soort: string; diploma: boolean; datum: string };

/** One piece of output: a record for an instelling's aanlevering, or an external fact. */
export type SectorUitvoer = { soort: 'record'; instelling: string; record: RuwRecord } | { soort: 'extern'; feit: SectorFeit };

/** Counts of a generated sector, for sector.json. */
export interface SectorSamenvatting {
  opties: SectorOpties;
  studiejaren: string[];
  /** The "today" on which the whole sector may be delivered (before the last mutatiestop). */
  peildatum: string;
  instellingen: Record<string, { records: number; studenten: number; inschrijvingen: number }>;
  records: Record<string, number>;
  inschrijvingen: number;
  bblAandeel: number;
  niveaus: Record<string, number>;
  prijsfactoren: Record<string, number>;
  intensiteiten: Record<string, number>;
  externeFeiten: Record<string, number>;
  zonderRechtmatigVerblijf: number;
  wisselingen: number;
  gestapeldeDiplomas: number;
  uitvallers: number;
  terugkeerders: number;
}

export function controleerOpties(o: SectorOpties): void {
  const geheel = (n: number, naam: string, max: number) => {
    if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`${naam} moet een geheel getal van 1 tot en met ${max} zijn, niet ${n}`);
  };
  geheel(o.studenten, 'studenten', 5_000_000);
  geheel(o.instellingen, 'instellingen', 900);
  geheel(o.jaren, 'jaren', 10);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new RangeError(`seed moet een geheel getal van 0 tot en met 4294967295 zijn, niet ${o.seed}`);
}

const TEKENS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The instellingen's BRINs: 2 digits and 2 letters or digits, distinct, from the seed. */
export function sectorBrins(aantal: number, seed: number): string[] {
  const random = prng(seed ^ 0x5bd1e995);
  const brins = new Set<string>();
  while (brins.size < aantal) {
    const cijfers = String(10 + Math.floor(random() * 90));
    brins.add(cijfers + TEKENS[Math.floor(random() * 26)] + TEKENS[Math.floor(random() * TEKENS.length)]);
  }
  return [...brins];
}

/** VO vooropleidingen and the mbo niveau a student with it usually starts at. */
const VOOROPLEIDINGEN: readonly { soort: string; kans: number; niveaus: readonly (1 | 2 | 3 | 4)[] }[] = [
  { soort: 'PRO', kans: 0.03, niveaus: [1, 2] },
  { soort: 'VMBO_BB', kans: 0.2, niveaus: [2, 2, 3] },
  { soort: 'VMBO_KB', kans: 0.24, niveaus: [3, 4, 4] },
  { soort: 'VMBO_GL', kans: 0.08, niveaus: [4, 4, 3] },
  { soort: 'VMBO_TL', kans: 0.3, niveaus: [4, 4, 3] },
  { soort: 'OVERGANG_HAVO_3_4', kans: 0.04, niveaus: [4] },
  { soort: 'HAVO', kans: 0.04, niveaus: [4] },
  { soort: 'OVERIG', kans: 0.07, niveaus: [1, 2, 3, 4] },
];

const DUUR: Record<1 | 2 | 3 | 4, number> = { 1: 1, 2: 2, 3: 3, 4: 3 };
const REDENEN = ['01', '02', '03', '04', '99'];
const NATIONALITEITEN = ['SY', 'ER', 'AF', 'TR', 'MA', 'PL', 'UA'];

const datum = (jaar: number, maand: number, dag: number) => `${jaar}-${String(maand).padStart(2, '0')}-${String(dag).padStart(2, '0')}`;

interface Keuze {
  alle: readonly Kwalificatie[];
  bol: readonly Kwalificatie[];
  bbl: readonly Kwalificatie[];
}

/**
 * A whole mbo sector as a stream of records and external facts, deterministic in its options: the
 * same options give the same output, one student at a time (nothing of the sector is kept but the
 * persoonsnummers, so that they stay distinct). The summary comes back when the stream ends.
 */
export function* genereerSector(opties: SectorOpties, kwalificaties: Kwalificatietabel): Generator<SectorUitvoer, SectorSamenvatting> {
  controleerOpties(opties);
  const random = prng(opties.seed);
  const kies = <T>(lijst: readonly T[]): T => lijst[Math.floor(random() * lijst.length)];
  const kans = (p: number) => random() < p;

  const brins = sectorBrins(opties.instellingen, opties.seed);
  // Instellingen differ in size: weights 1..4, cumulative for drawing.
  const gewichten = brins.map(() => 1 + Math.floor(random() * 4));
  const totaal = gewichten.reduce((a, b) => a + b, 0);
  const kiesInstelling = (behalve?: string): string => {
    for (;;) {
      let r = random() * totaal;
      let i = 0;
      while (r >= gewichten[i]) r -= gewichten[i++];
      if (brins[i] !== behalve || brins.length === 1) return brins[i];
    }
  };

  const perNiveau = new Map<number, Keuze>();
  for (const niveau of [1, 2, 3, 4]) {
    const alle = kwalificaties.alle().filter((k) => k.niveau === niveau);
    perNiveau.set(niveau, { alle, bol: alle.filter((k) => k.leerwegen.includes('BOL')), bbl: alle.filter((k) => k.leerwegen.includes('BBL')) });
  }
  const laatsteJaar = EERSTE_STUDIEJAAR + opties.jaren - 1;
  const peildatum = datum(laatsteJaar + 1, 5, 1);

  const s: SectorSamenvatting = {
    opties: { ...opties },
    studiejaren: Array.from({ length: opties.jaren }, (_, i) => `${EERSTE_STUDIEJAAR + i}/${String((EERSTE_STUDIEJAAR + i + 1) % 100).padStart(2, '0')}`),
    peildatum,
    instellingen: Object.fromEntries([...brins].sort().map((b) => [b, { records: 0, studenten: 0, inschrijvingen: 0 }])),
    records: { INSCHRIJVING: 0, UITSCHRIJVING: 0, BPV: 0, DIPLOMA: 0, AANMELDING: 0 },
    inschrijvingen: 0, bblAandeel: 0, niveaus: { '1': 0, '2': 0, '3': 0, '4': 0 }, prijsfactoren: {}, intensiteiten: { VT: 0, DT: 0, EX: 0 },
    externeFeiten: { PersoonGewijzigd: 0, VooropleidingGeregistreerd: 0 },
    zonderRechtmatigVerblijf: 0, wisselingen: 0, gestapeldeDiplomas: 0, uitvallers: 0, terugkeerders: 0,
  };
  let bbl = 0;
  const gezien = new Set<string>();

  for (let n = 1; n <= opties.studenten; n++) {
    let student = persoonsnummer(random);
    while (gezien.has(student)) student = persoonsnummer(random);
    gezien.add(student);
    const bij = new Set<string>();
    const record = (instelling: string, r: RuwRecord): SectorUitvoer => {
      s.records[r.soort!] += 1;
      s.instellingen[instelling].records += 1;
      if (!bij.has(instelling)) {
        bij.add(instelling);
        s.instellingen[instelling].studenten += 1;
      }
      return { soort: 'record', instelling, record: { soort: r.soort, mutatie: r.soort === 'INSCHRIJVING' || r.soort === 'AANMELDING' ? 'T' : undefined, instelling, persoonsnummer: student, ...r } };
    };

    // Enters mbo in one of the studiejaren (some came in before the first, in their second year).
    let jaar = EERSTE_STUDIEJAAR - (kans(0.2) ? 1 : 0) + Math.floor(random() * opties.jaren);
    jaar = Math.max(jaar, EERSTE_STUDIEJAAR);
    const geboortejaar = jaar - 16 - (kans(0.3) ? Math.floor(random() * 6) : 0);
    const geboortedatum = datum(geboortejaar, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));

    let vo = VOOROPLEIDINGEN[VOOROPLEIDINGEN.length - 1];
    let r = random();
    for (const v of VOOROPLEIDINGEN) {
      if (r < v.kans) {
        vo = v;
        break;
      }
      r -= v.kans;
    }
    if (vo.soort !== 'OVERIG' || kans(0.3)) {
      s.externeFeiten.VooropleidingGeregistreerd += 1;
      yield { soort: 'extern', feit: { type: 'VooropleidingGeregistreerd', persoonsnummer: student, bron: 'VO', soort: vo.soort, diploma: !vo.soort.startsWith('OVERGANG'), datum: datum(jaar, 7, 1 + Math.floor(random() * 10)) } };
    }
    if (kans(0.04)) {
      // A newcomer: BRP data, mostly lawful residence, some without (WEB 8.1.1 lid 1 sub c).
      const rechtmatig = !kans(0.35);
      if (!rechtmatig) s.zonderRechtmatigVerblijf += 1;
      s.externeFeiten.PersoonGewijzigd += 1;
      yield { soort: 'extern', feit: { type: 'PersoonGewijzigd', persoonsnummer: student, bron: 'BRP', geboortedatum, nationaliteit: kies(NATIONALITEITEN), officieleVoornamen: null, verblijfsstatus: [{ vanaf: datum(jaar - 1, 1 + Math.floor(random() * 12), 1), tot: null, rechtmatig }] } };
    } else if (kans(0.1)) {
      s.externeFeiten.PersoonGewijzigd += 1;
      yield { soort: 'extern', feit: { type: 'PersoonGewijzigd', persoonsnummer: student, bron: 'BRP', geboortedatum, nationaliteit: 'NL', officieleVoornamen: null, verblijfsstatus: [] } };
    }

    let niveau = kies(vo.niveaus);
    let instelling = kiesInstelling();
    let volgnummer = 0;
    let eerder: string | undefined;
    while (jaar <= laatsteJaar) {
      const keuze = perNiveau.get(niveau)!;
      const isBbl = keuze.bbl.length > 0 && kans(0.25);
      const kwalificatie = kies(isBbl ? keuze.bbl : keuze.bol.length > 0 ? keuze.bol : keuze.alle);
      const leerweg = isBbl ? 'BBL' : kwalificatie.leerwegen.includes('BOL') ? 'BOL' : 'BBL';
      const intensiteit = kans(0.02) ? 'EX' : leerweg === 'BOL' && kans(0.03) ? 'DT' : 'VT';
      const id = `${n}-${++volgnummer}`;
      const begin = datum(jaar, kans(0.85) ? 8 : 9, 1);
      const duur = intensiteit === 'EX' ? 1 : DUUR[niveau] + (niveau === 4 && kans(0.4) ? 1 : 0) + (kans(0.15) ? 1 : 0);
      const uitkomst = random();
      const uitval = uitkomst < 0.2;
      const wissel = !uitval && uitkomst < 0.27 && brins.length > 1;
      const looptijd = uitval || wissel ? 1 + Math.floor(random() * duur) : duur;
      const eindjaar = jaar + looptijd;
      // Diploma at the end of June, a drop-out or switch in the winter of its last studiejaar.
      const einde = uitval || wissel ? datum(eindjaar, kans(0.5) ? 1 : 3, kans(0.5) ? 31 : 15) : datum(eindjaar, 6, 30);
      const voorbij = einde <= peildatum;
      // Ended in the studiejaar that is still open: einde comes as an uitschrijving; earlier ones are delivered closed.
      const open = voorbij && einde >= datum(laatsteJaar, 8, 1) && (uitval || wissel);

      s.inschrijvingen += 1;
      s.instellingen[instelling].inschrijvingen += 1;
      s.niveaus[String(niveau)] += 1;
      s.intensiteiten[intensiteit] += 1;
      const pf = kwalificatie.prijsfactor.toFixed(2);
      s.prijsfactoren[pf] = (s.prijsfactoren[pf] ?? 0) + 1;
      if (leerweg === 'BBL') bbl += 1;

      yield record(instelling, { soort: 'INSCHRIJVING', inschrijving_id: id, crebo: kwalificatie.crebo, leerweg, intensiteit, begindatum: begin, einddatum: voorbij && !open ? einde : undefined });
      if (leerweg === 'BBL' || kans(0.05)) {
        const bpvEinde = voorbij ? einde : datum(jaar + duur, 6, 30);
        yield record(instelling, {
          soort: 'BPV', inschrijving_id: id, bpv_id: `${id}-1`, bpv_afgesloten: datum(jaar, 8, 15 + Math.floor(random() * 10)), bpv_begin: datum(jaar, 9, 1),
          bpv_einde: bpvEinde, bpv_omvang: String(leerweg === 'BBL' ? 610 + 10 * Math.floor(random() * 40) : 240 + 10 * Math.floor(random() * 30)),
          leerbedrijf: String(10_000_000 + Math.floor(random() * 89_999_999)).padStart(8, '0'),
        });
      }
      if (open) yield record(instelling, { soort: 'UITSCHRIJVING', inschrijving_id: id, einddatum: einde, reden_uitschrijving: kies(REDENEN) });
      if (!voorbij) {
        // Expected to finish this studiejaar: some already applied for the next niveau.
        if (eindjaar === laatsteJaar + 1 && !uitval && !wissel && niveau < 4 && intensiteit !== 'EX' && kans(0.3)) {
          const volgende = kies(perNiveau.get(niveau + 1)!.bol);
          yield record(instelling, { soort: 'AANMELDING', inschrijving_id: `${n}-A`, crebo: volgende.crebo, begindatum: datum(eindjaar, 8, 1) });
        }
        break;
      }

      if (wissel) {
        // Goes on elsewhere, the next studiejaar or right away, in the same niveau.
        s.wisselingen += 1;
        instelling = kiesInstelling(instelling);
        jaar = Number(einde.slice(0, 4)) + (einde.slice(5) >= '08-01' ? 1 : 0);
        eerder = kwalificatie.crebo;
        continue;
      }
      if (uitval) {
        s.uitvallers += 1;
        if (!kans(0.35)) break;
        // Returns after a gap of one or two years, often at a lower niveau.
        s.terugkeerders += 1;
        jaar = Number(einde.slice(0, 4)) + 1 + Math.floor(random() * 2);
        if (niveau > 1 && kans(0.4)) niveau = (niveau - 1) as 1 | 2 | 3;
        if (kans(0.3)) instelling = kiesInstelling(instelling);
        continue;
      }
      yield record(instelling, { soort: 'DIPLOMA', inschrijving_id: id, diploma_datum: einde });
      if (volgnummer > 1 || eerder !== undefined) s.gestapeldeDiplomas += 1;
      // Stacks a higher niveau after a diploma (niveau 4 leaves for the hbo or work).
      if (niveau === 4 || !kans(0.45)) break;
      niveau = (niveau + 1) as 2 | 3 | 4;
      jaar = eindjaar;
      eerder = kwalificatie.crebo;
      if (kans(0.25)) instelling = kiesInstelling(instelling);
    }
  }
  s.bblAandeel = s.inschrijvingen === 0 ? 0 : Math.round((bbl / s.inschrijvingen) * 1000) / 1000;
  s.prijsfactoren = Object.fromEntries(Object.entries(s.prijsfactoren).sort(([a], [b]) => Number(a) - Number(b)));
  return s;
}
