/**
 * Test support (not exported from the library): given a student's history, when a bekostigingsjaar
 * is calculated, then the Berekening. Specifications read like the rules they test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { berekenBekostiging } from '../berekening/bereken';
import type {
  Berekening,
  BerekeningInvoer,
  Bpv,
  Diploma,
  DiplomaUitkomst,
  Inschrijving,
  InschrijvingUitkomst,
  Persoon,
  Vooropleiding,
} from '../model';
import { kwalificaties2015 } from '../referentie/kwalificaties-2015';
import type { Kwalificatietabel } from '../referentie/kwalificaties';
import type { Regelset } from '../regels/regelset';

export const CSV_2015 = readFileSync(join(__dirname, '../../../../data/kwalificaties-2015.csv'), 'utf8');
export const TABEL_2015: Kwalificatietabel = kwalificaties2015(CSV_2015);

/** Crebo's from the 2015 table used throughout the specifications. */
export const CREBO = {
  /** Assistent bouwen, wonen en onderhoud: entree, niveau 1, PF 1.00. */
  ENTREE: '25250',
  /** Betonreparateur: basisberoepsopleiding, niveau 2, PF 1.30. */
  BASIS: '25080',
  /** Betonboorder: vakopleiding, niveau 3, PF 1.30. */
  VAK: '25078',
  /** Machinist grondverzet: vakopleiding, niveau 3, PF 1.80. */
  VAK_PF_1_8: '25099',
  /** Middenkaderfunctionaris Bouw: middenkaderopleiding, niveau 4, PF 1.30. */
  MIDDENKADER: '25104',
  /** Leidinggevende team/afdeling/project: specialistenopleiding, niveau 4, PF 1.10. */
  SPECIALIST: '25160',
  /** Vakman-ondernemer: specialistenopleiding, niveau 4, PF 1.10. */
  SPECIALIST_2: '25165',
  /** Verzorgende IG: vakopleiding, niveau 3, PF 1.50, VWS (zorg). */
  ZORG: '25491',
} as const;

export const PERSOON: Persoon = { persoonsnummer: '123456782', geboortedatum: '1998-05-01', nationaliteit: 'NL' };

export interface Geschiedenis {
  readonly persoon?: Persoon;
  readonly vooropleidingen?: readonly Vooropleiding[];
  readonly inschrijvingen?: readonly Inschrijving[];
  readonly diplomas?: readonly Diploma[];
}

/** A BOL voltijd inschrijving. */
export function bol(id: string, crebo: string, begin: string, einde: string | null = null, instelling = '25LX'): Inschrijving {
  return { id, instelling, crebo, leerweg: 'BOL', intensiteit: 'VT', begin, einde };
}

/** A BBL deeltijd inschrijving with its BPV's. */
export function bbl(id: string, crebo: string, begin: string, einde: string | null, bpv: readonly Bpv[], instelling = '25LX'): Inschrijving {
  return { id, instelling, crebo, leerweg: 'BBL', intensiteit: 'DT', begin, einde, bpv };
}

export function bpv(afgesloten: string, begin: string, einde: string | null = null): Bpv {
  return { afgesloten, begin, einde, leerbedrijf: '123456789' };
}

export function diploma(crebo: string, datum: string, instelling = '25LX'): Diploma {
  return { instelling, crebo, datum };
}

/** BOL enrolment in `crebo` on the 1 October of each of `jaren` (1 Aug - 31 Jul studiejaren). */
export function bolInJaren(crebo: string, jaren: readonly number[], prefix = 'J'): Inschrijving[] {
  return jaren.map((j) => bol(`${prefix}${j}`, crebo, `${j}-08-01`, `${j + 1}-07-31`));
}

export function invoer(geschiedenis: Geschiedenis, bekostigingsjaar: number): BerekeningInvoer {
  return {
    bekostigingsjaar,
    persoon: geschiedenis.persoon ?? PERSOON,
    vooropleidingen: geschiedenis.vooropleidingen,
    inschrijvingen: geschiedenis.inschrijvingen ?? [],
    diplomas: geschiedenis.diplomas ?? [],
  };
}

export interface Dan {
  then(verwachting: (b: Berekening) => void): Berekening;
}

export function given(geschiedenis: Geschiedenis) {
  return {
    when(bekostigingsjaar: number, opties: { tabel?: Kwalificatietabel; regels?: Regelset } = {}): Dan {
      const b = berekenBekostiging(invoer(geschiedenis, bekostigingsjaar), opties.tabel ?? TABEL_2015, opties.regels);
      return {
        then(verwachting) {
          verwachting(b);
          return b;
        },
      };
    },
  };
}

/** The outcome of inschrijving `id`; fails the test when it is not on the teldatum. */
export function ins(b: Berekening, id: string): InschrijvingUitkomst {
  const u = b.inschrijvingen.find((x) => x.id === id);
  if (!u) throw new Error(`inschrijving ${id} staat niet op teldatum ${b.teldatum}`);
  return u;
}

/** The outcome of the diploma in `crebo`; fails the test when it is not a T-2 diploma. */
export function dip(b: Berekening, crebo: string): DiplomaUitkomst {
  const u = b.diplomas.find((x) => x.crebo === crebo);
  if (!u) throw new Error(`diploma ${crebo} niet in ${b.bekostigingsjaar - 2}`);
  return u;
}

/** The reason codes of an outcome. */
export function codes(u: { redenen: readonly { code: string }[] }): string[] {
  return u.redenen.map((r) => r.code);
}
