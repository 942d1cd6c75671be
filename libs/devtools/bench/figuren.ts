import type { Ankers } from './ankers';

interface Kwantielen {
  p50: number;
  p99: number;
  max: number;
}

/** What each bench hands back (its BENCH_RESULTAAT file); a bench that failed is missing. */
export interface Resultaten {
  ankers?: Ankers;
  intake?: {
    records: number;
    perSeconde: number;
    berichtenPerRecord: number;
    rijschrijvingenPerRecord: number;
    piekMb: Record<string, number>;
  };
  status?: {
    status: { records: number; ms: Kwantielen };
    notificatie: Kwantielen & { aantal: number };
    notificatieTijdensIntake?: Kwantielen & { aantal: number; records: number };
    piekMb: Record<string, number>;
  };
  basissetHttp?: { vragen: number; ms: Kwantielen };
  cascade?: { perSeconde: number; doel: number };
  sectorIntake?: { studenten: number; instellingen: number; records: number; perSeconde: number; piekMb: Record<string, number> };
  /** apps/foto/bench/sector-foto.bench.ts (its SectorFotoFiguren; only what the table shows). */
  sectorFoto?: { studenten: number; instellingen: number; projectie: { perSeconde: number; piekMb: number }; fotos: { aantal: number; seconden: number; piekMb: number }; piekMb: number };
}

/** A target: on the value itself, or on its ratio to the anchor. */
interface Doel {
  op: '>=' | '<';
  grens: number;
  op_verhouding?: boolean;
}

/** One row of the table. `waarde` null: not measured (a TODO), or its bench failed (`fout`). */
export interface Figuur {
  figuur: string;
  waarde: number | null;
  eenheid: string;
  anker?: { naam: string; waarde: number; eenheid: string };
  /** waarde / anker.waarde */
  verhouding?: number;
  doel?: Doel;
  gehaald?: boolean;
  opmerking?: string;
}

const MB_GRENS = 512;

/** The rows: the anchors, then every figure with its anchor, ratio and target (issue 11; docs/bench.md). */
export function figuren(r: Resultaten, stappen: Record<string, { fout?: string }>, klein: boolean): Figuur[] {
  const rijen: Figuur[] = [];
  const fout = (stap: string) => stappen[stap]?.fout;
  const rij = (stap: string, f: Omit<Figuur, 'waarde'>, waarde: number | undefined, anker?: Figuur['anker']): void => {
    if (waarde === undefined) {
      rijen.push({ ...f, waarde: null, opmerking: fout(stap) ? `fout: ${stap} ${fout(stap)}` : 'niet gemeten' });
      return;
    }
    const verhouding = anker && anker.waarde > 0 ? waarde / anker.waarde : undefined;
    const getoetst = f.doel?.op_verhouding ? verhouding : waarde;
    const gehaald = f.doel && getoetst !== undefined ? (f.doel.op === '>=' ? getoetst >= f.doel.grens : getoetst < f.doel.grens) : undefined;
    rijen.push({ ...f, waarde, ...(anker ? { anker, verhouding } : {}), ...(gehaald !== undefined ? { gehaald } : {}) });
  };

  const a = r.ankers;
  const kafka = a && { naam: 'Kafka-rondgang', waarde: a.kafka.perSeconde, eenheid: 'berichten/s' };
  const insert = a && { naam: 'multi-row INSERT', waarde: a.postgres.insert.perSeconde, eenheid: 'rijen/s' };
  const lat = (q: 'p50' | 'p99') => a && { naam: `Kafka 1 bericht ${q}`, waarde: a.kafkaLatentie[q], eenheid: 'ms' };
  rij('ankers', { figuur: `anker: Kafka-rondgang (${a?.kafka.berichten.toLocaleString('en') ?? '?'} berichten van ${a?.kafka.valueBytes ?? '?'} B, ${a?.kafka.headers ?? '?'} headers)`, eenheid: 'berichten/s' }, a?.kafka.perSeconde);
  rij('ankers', { figuur: 'anker: Kafka 1 bericht heen en terug p50', eenheid: 'ms' }, a?.kafkaLatentie.p50);
  rij('ankers', { figuur: 'anker: Kafka 1 bericht heen en terug p99', eenheid: 'ms' }, a?.kafkaLatentie.p99);
  rij('ankers', { figuur: `anker: PostgreSQL multi-row INSERT (${a?.postgres.rijenPerStatement ?? '?'} rijen per statement)`, eenheid: 'rijen/s' }, a?.postgres.insert.perSeconde);
  rij('ankers', { figuur: `anker: PostgreSQL COPY (${a?.postgres.rijenPerStatement ?? '?'} rijen per statement)`, eenheid: 'rijen/s' }, a?.postgres.copy.perSeconde);

  const i = r.intake;
  const n = i?.records ?? (klein ? 5_000 : 100_000);
  rij('intake', { figuur: `intake ${n.toLocaleString('en')} records, per record`, eenheid: 'records/s', doel: { op: '>=', grens: 0.25, op_verhouding: true } }, i?.perSeconde, kafka);
  rij('intake', { figuur: `intake per Kafka-bericht (${i?.berichtenPerRecord ?? '?'} per record)`, eenheid: 'berichten/s' }, i && Math.round(i.perSeconde * i.berichtenPerRecord), kafka);
  rij('intake', { figuur: `intake rijschrijvingen (${i?.rijschrijvingenPerRecord ?? '?'} per record)`, eenheid: 'rijen/s' }, i && Math.round(i.perSeconde * i.rijschrijvingenPerRecord), insert);
  const si = r.sectorIntake;
  const sectorGrootte = si ? `${si.records.toLocaleString('en')} records van ${si.studenten.toLocaleString('en')} studenten, ${si.instellingen} instellingen` : '?';
  rij('sectorIntake', { figuur: `intake gegenereerde sector (${sectorGrootte}, alle instellingen tegelijk), per record`, eenheid: 'records/s', doel: { op: '>=', grens: 0.25, op_verhouding: true } }, si?.perSeconde, kafka);

  const s = r.status;
  rij('status', { figuur: `bekostigingsstatus na terugkoppeling p50 (${s?.status.records.toLocaleString('en') ?? '?'} records)`, eenheid: 'ms' }, s?.status.ms.p50, lat('p50'));
  rij('status', { figuur: 'bekostigingsstatus na terugkoppeling p99', eenheid: 'ms', doel: { op: '<', grens: 1000 } }, s?.status.ms.p99, lat('p99'));
  rij('status', { figuur: `notificatie na externe wijziging, rustig, p50 (${s?.notificatie.aantal.toLocaleString('en') ?? '?'} wijzigingen)`, eenheid: 'ms' }, s?.notificatie.p50, lat('p50'));
  rij('status', { figuur: 'notificatie na externe wijziging, rustig, p99', eenheid: 'ms', doel: { op: '<', grens: 250 } }, s?.notificatie.p99, lat('p99'));
  const t = s?.notificatieTijdensIntake;
  const tijdens = `tijdens een intake van ${(t?.records ?? (klein ? 20_000 : 100_000)).toLocaleString('en')} records`;
  rij('status', { figuur: `notificatie na externe wijziging, ${tijdens}, p50 (${t?.aantal.toLocaleString('en') ?? '?'} wijzigingen)`, eenheid: 'ms' }, t?.p50, lat('p50'));
  rij('status', { figuur: `notificatie na externe wijziging, ${tijdens}, p99`, eenheid: 'ms', doel: { op: '<', grens: 1000 } }, t?.p99, lat('p99'));

  const b = r.basissetHttp;
  rij('basissetHttp', { figuur: `basisset over HTTP p50 (${b?.vragen.toLocaleString('en') ?? '?'} vragen)`, eenheid: 'ms' }, b?.ms.p50);
  rij('basissetHttp', { figuur: 'basisset over HTTP p99', eenheid: 'ms', doel: { op: '<', grens: 50 } }, b?.ms.p99);

  const c = r.cascade;
  rij('cascade', { figuur: 'cascade, 1 core', eenheid: 'studenten/s', doel: { op: '>=', grens: c?.doel ?? 50_000 } }, c?.perSeconde);

  // Peak RSS: the highest of the two system benches (each starts the services afresh).
  for (const service of ['aanlevering', 'bekostiging', 'foto', 'notificatie']) {
    const pieken = [r.intake?.piekMb[service], r.status?.piekMb[service], r.sectorIntake?.piekMb[service]].filter((x): x is number => x !== undefined && x > 0);
    rij('intake', { figuur: `piek-RSS ${service}`, eenheid: 'MB', doel: { op: '<', grens: MB_GRENS } }, pieken.length > 0 ? Math.max(...pieken) : undefined);
  }
  const f = r.sectorFoto;
  const sector = f ? `${f.studenten.toLocaleString('en')} studenten, ${f.instellingen} instellingen` : '?';
  rij('sectorFoto', { figuur: `foto's van de sector (${sector}), tijd`, eenheid: 's', doel: { op: '<', grens: 60 } }, f?.fotos.seconden);
  rij('sectorFoto', { figuur: 'foto-projectie van de sector', eenheid: 'versies/s' }, f?.projectie.perSeconde);
  rij('sectorFoto', { figuur: 'piek-RSS foto, sector', eenheid: 'MB', doel: { op: '<', grens: MB_GRENS } }, f?.piekMb);
  return rijen;
}

function getal(x: number): string {
  if (Number.isInteger(x)) return x.toLocaleString('en');
  return x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(x >= 10 ? 1 : 2);
}

function verhouding(x: number): string {
  return x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toFixed(3);
}

/** The rows as a Markdown table (the README takes it as it is). */
export function tabel(rijen: Figuur[]): string {
  const cellen = rijen.map((f) => [
    f.figuur,
    f.waarde === null ? (f.opmerking ?? 'niet gemeten') : getal(f.waarde),
    f.eenheid,
    f.anker ? `${getal(f.anker.waarde)} ${f.anker.eenheid} (${f.anker.naam})` : '',
    f.verhouding !== undefined ? verhouding(f.verhouding) : '',
    f.doel ? `${f.doel.op_verhouding ? 'ratio ' : ''}${f.doel.op === '>=' ? '>=' : '<'} ${getal(f.doel.grens)}${f.doel.op_verhouding ? '' : ` ${f.eenheid}`}` : '',
    f.gehaald === undefined ? (f.doel && f.waarde === null ? '?' : '') : f.gehaald ? 'yes' : 'no',
  ]);
  const kop = ['figure', 'value', 'unit', 'anchor', 'ratio', 'target', 'met'];
  const breedte = kop.map((k, c) => Math.max(k.length, ...cellen.map((r) => r[c].length)));
  const regel = (r: string[]) => `| ${r.map((x, c) => (c === 1 || c === 4 ? x.padStart(breedte[c]) : x.padEnd(breedte[c]))).join(' | ')} |`;
  return [regel(kop), `|${breedte.map((b, c) => (c === 1 || c === 4 ? `${'-'.repeat(b + 1)}:` : '-'.repeat(b + 2))).join('|')}|`, ...cellen.map(regel)].join('\n');
}
