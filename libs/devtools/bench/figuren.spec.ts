import type { Ankers } from './ankers';
import { figuren, tabel, type Resultaten } from './figuren';

const ankers: Ankers = {
  kafka: { berichten: 100_000, seconden: 4, perSeconde: 25_000, valueBytes: 297, headers: 6, headerBytes: 227, perVerzoek: 500 },
  kafkaLatentie: { p50: 4, p99: 10, max: 20, aantal: 300 },
  postgres: { versie: '15', rijenPerStatement: 1000, insert: { rijen: 100_000, seconden: 2, perSeconde: 50_000 }, copy: { rijen: 100_000, seconden: 1, perSeconde: 100_000 } },
};
const piek = { aanlevering: 400, bekostiging: 600, foto: 200, notificatie: 200 };
const resultaten: Resultaten = {
  ankers,
  intake: { records: 100_000, perSeconde: 7_000, berichtenPerRecord: 5, rijschrijvingenPerRecord: 18, piekMb: piek },
  status: { status: { records: 10_000, ms: { p50: 200, p99: 1_200, max: 1_500 } }, notificatie: { p50: 40, p99: 90, max: 120, aantal: 1_000 }, notificatieTijdensIntake: { p50: 300, p99: 1_400, max: 2_000, aantal: 400, records: 100_000 }, piekMb: { ...piek, aanlevering: 450 } },
};
const rij = (rijen: ReturnType<typeof figuren>, begin: string) => rijen.find((r) => r.figuur.startsWith(begin))!;

describe('the bench table', () => {
  const rijen = figuren(resultaten, {}, false);

  it('gives a rate as its share of the anchor, and judges the intake on that share', () => {
    expect(rij(rijen, 'intake 100,000 records')).toMatchObject({ waarde: 7_000, verhouding: 0.28, gehaald: true, anker: { waarde: 25_000 } });
    expect(rij(rijen, 'intake rijschrijvingen')).toMatchObject({ waarde: 126_000, verhouding: 2.52 });
    expect(rij(rijen, 'intake rijschrijvingen').gehaald).toBeUndefined();
  });

  it('judges a latency on its value, and gives it as a multiple of one bare Kafka hop', () => {
    expect(rij(rijen, 'bekostigingsstatus na terugkoppeling p99')).toMatchObject({ waarde: 1_200, verhouding: 120, gehaald: false });
    expect(rij(rijen, 'notificatie na externe wijziging, rustig, p99')).toMatchObject({ waarde: 90, gehaald: true });
    expect(rij(rijen, 'notificatie na externe wijziging, tijdens een intake van 100,000 records, p99')).toMatchObject({ waarde: 1_400, gehaald: false });
  });

  it('takes the higher peak of the two system benches per service', () => {
    expect(rij(rijen, 'piek-RSS aanlevering')).toMatchObject({ waarde: 450, gehaald: true });
    expect(rij(rijen, 'piek-RSS bekostiging')).toMatchObject({ waarde: 600, gehaald: false });
  });

  it('says which bench failed, and marks what is not measured', () => {
    const zonder = figuren({ ...resultaten, basissetHttp: undefined }, { basissetHttp: { fout: 'eindigde met 1' } }, false);
    expect(rij(zonder, 'basisset over HTTP p99')).toMatchObject({ waarde: null, opmerking: 'fout: basissetHttp eindigde met 1' });
    expect(rij(zonder, 'intake gegenereerde sector').opmerking).toBe('niet gemeten');
  });

  it('prints every row under one header', () => {
    const regels = tabel(rijen).split('\n');
    expect(regels[0]).toMatch(/^\| figure +\| +value \| unit +\| anchor +\| +ratio \| target +\| met +\|$/);
    expect(regels).toHaveLength(rijen.length + 2);
    expect(regels.find((r) => r.startsWith('| intake 100,000 records'))).toMatch(/ 7,000 \| records\/s .*\| +0\.28 \| ratio >= 0\.25 +\| yes \|$/);
  });
});
