import { KOLOMMEN, type RuwRecord } from '@bron/aanlevering-domein';

/** A small deterministic PRNG (mulberry32), so that the demo is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A persoonsnummer that passes the 11-proef, drawn from `random`. */
export function persoonsnummer(random: () => number): string {
  for (;;) {
    const cijfers = Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10)));
    const laatste = cijfers.reduce((som, c, i) => som + (9 - i) * c, 0) % 11;
    if (laatste < 10) return [...cijfers, laatste].join('');
  }
}

export interface DemoAanlevering {
  /** The main instelling's batch (CSV text). */
  hoofd: { instelling: string; csv: string; aantal: number };
  /** A second instelling's batch: the same students, enrolled there too on the same teldatum. */
  ander: { instelling: string; csv: string; aantal: number };
  /** Students of the main instelling, in order. */
  studenten: string[];
  /** The students the second instelling also had. */
  gedeeld: string[];
}

const OPLEIDINGEN = [
  { crebo: '25180', naam: 'Kok' },
  { crebo: '25078', naam: 'Betonboorder' },
  { crebo: '25191', naam: 'Medewerker beheer ICT' },
  { crebo: '25189', naam: 'ICT-beheerder' },
  { crebo: '25407', naam: 'Beveiliger' },
  { crebo: '25471', naam: 'Apothekersassistent' },
  { crebo: '25251', naam: 'Assistent dienstverlening en zorg' },
];

function csv(records: RuwRecord[]): string {
  const veld = (w = '') => (/[",\n]/.test(w) ? `"${w.replace(/"/g, '""')}"` : w);
  return [KOLOMMEN.join(','), ...records.map((r) => KOLOMMEN.map((k) => veld(r[k])).join(','))].join('\n') + '\n';
}

/**
 * The demo aanlevering of studiejaar 2016/17: a few hundred records for one instelling (new and
 * second-year students, BOL and BBL with BPV, earlier diploma's, and a few records with errors),
 * and a second instelling's batch that enrols some of the same students on the same teldatum.
 */
export function demoAanlevering(instelling = '25LX', andere = '26AB', aantalStudenten = 160): DemoAanlevering {
  const random = prng(20161001);
  const records: RuwRecord[] = [];
  const studenten: string[] = [];
  for (let n = 1; n <= aantalStudenten; n++) {
    const student = persoonsnummer(random);
    studenten.push(student);
    let opleiding = OPLEIDINGEN[Math.floor(random() * OPLEIDINGEN.length)];
    const bbl = random() < 0.25 && opleiding.crebo !== '25251';
    let tweedeJaar = random() < 0.3;
    const basis = { instelling, persoonsnummer: student };
    if (random() < 0.12) {
      // after a niveau 2 diploma: a new programme at a higher level, this studiejaar
      opleiding = OPLEIDINGEN[1 + Math.floor(random() * 3)];
      tweedeJaar = false;
      // an earlier niveau 2 programme at this instelling, completed with a diploma
      records.push({ ...basis, soort: 'INSCHRIJVING', mutatie: 'T', inschrijving_id: `${n}-K`, crebo: '25180', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2014-08-01', einddatum: '2016-06-30' });
      records.push({ ...basis, soort: 'DIPLOMA', inschrijving_id: `${n}-K`, diploma_datum: '2016-06-30' });
    }
    const id = `${n}-A`;
    records.push({ ...basis, soort: 'INSCHRIJVING', mutatie: 'T', inschrijving_id: id, crebo: opleiding.crebo, leerweg: bbl ? 'BBL' : 'BOL', intensiteit: 'VT', begindatum: tweedeJaar ? '2015-08-01' : '2016-08-01' });
    if (bbl && random() < 0.8) {
      records.push({ ...basis, soort: 'BPV', inschrijving_id: id, bpv_id: `${id}-1`, bpv_afgesloten: '2016-09-01', bpv_begin: '2016-09-15', bpv_einde: '2017-06-30', bpv_omvang: '800', leerbedrijf: `1000${String(n).padStart(5, '0')}` });
    }
  }
  // records an instelling gets back as afkeuringen
  records.push({ instelling, persoonsnummer: '123456789', soort: 'INSCHRIJVING', inschrijving_id: 'FOUT-1', crebo: '25180', leerweg: 'BOL', begindatum: '2016-08-01' });
  records.push({ instelling, persoonsnummer: studenten[0], soort: 'INSCHRIJVING', inschrijving_id: 'FOUT-2', crebo: '99999', leerweg: 'BOL', begindatum: '2016-08-01' });
  records.push({ instelling, persoonsnummer: studenten[1], soort: 'INSCHRIJVING', inschrijving_id: 'FOUT-3', crebo: '25180', leerweg: 'BOL', begindatum: '2016-02-30' });
  records.push({ instelling, persoonsnummer: studenten[2], soort: 'UITSCHRIJVING', inschrijving_id: 'ONBEKEND', einddatum: '2017-01-31' });

  // The same students also enrolled at the other instelling before 1 October, in a programme with a
  // higher prijsfactor: on one teldatum only one inschrijving is bekostigd (WEB 2.2.2 lid 3).
  const gedeeld = studenten.filter((_, i) => i % 13 === 5);
  const ander: RuwRecord[] = gedeeld.map((student, i) => ({
    instelling: andere, persoonsnummer: student, soort: 'INSCHRIJVING', mutatie: 'T', inschrijving_id: `X-${i + 1}`,
    crebo: '25099', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-09-01',
  }));
  return {
    hoofd: { instelling, csv: csv(records), aantal: records.length },
    ander: { instelling: andere, csv: csv(ander), aantal: ander.length },
    studenten,
    gedeeld,
  };
}
