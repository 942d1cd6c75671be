import { runBron } from '../bron';
import { leesbaar } from './basisset.command';

function io(env: NodeJS.ProcessEnv = {}) {
  const uit = { stdout: '', stderr: '' };
  return { uit, io: { stdout: { write: (t: string) => (uit.stdout += t) }, stderr: { write: (t: string) => (uit.stderr += t) }, env } };
}

describe('bron basisset', () => {
  it.each([
    [['basisset'], 'BRIN'],
    [['basisset', '25lx', '123456782'], 'BRIN'],
    [['basisset', '25LX', '123456789'], '11-proef'],
    [['basisset', '25LX', '123456782', '--crebo', '123'], '--crebo'],
    [['basisset', '25LX', '123456782'], 'BRON_API_SLEUTEL'],
  ])('%j is bad usage (exit 2, naming %s)', async (args, woord) => {
    const { uit, io: bronIo } = io();
    expect(await runBron(args, bronIo)).toBe(2);
    expect(uit.stderr).toContain(woord);
  });

  it('exits 1 when the service does not answer', async () => {
    const { uit, io: bronIo } = io({ BRON_API_SLEUTEL: 'k', BRON_BEKOSTIGING_URL: 'http://127.0.0.1:9' });
    expect(await runBron(['basisset', '25LX', '123456782', '--timeout', '5'], bronIo)).toBe(1);
    expect(uit.stderr).toContain('antwoordt niet');
  });

  it('prints the answer one fact a line', () => {
    expect(leesbaar({
      instelling: '25LX', toegang: 'AANMELDING', peildatum: '2016-11-15', persoonsnummer: '123456782', teldatum: '2017-10-01', bekostigingsjaar: 2019, regime: 'cascade2015', prognose: true,
      hoogsteVooropleiding: { code: 'HAVO', overgangsbewijs: true }, verblijfsjarenEntree: 0, verblijfsjarenNiveau2tot4: 3,
      bekostigdeDiplomas: [{ crebo: '25078', niveau: 3, datum: '2016-07-01', diplomawaarde: 3 }],
      verblijfsstatus: { nationaliteit: 'MA', perioden: [{ vanaf: '2014-01-01', tot: null, rechtmatig: true }], rechtmatigOpTeldatum: true }, officieleVoornamen: 'Yasmina',
      beoogd: { crebo: '25104', niveau: 4, teller: 'niveau2tot4', prijsfactor: 1.3, verblijfsjaar: 4, verblijfsjaarfactor: 1, diplomawaarde: 2 },
    })).toBe([
      'basisset van 123456782 voor 25LX (toegang: aanmelding), peildatum 2016-11-15',
      'teldatum               2017-10-01 (bekostigingsjaar 2019, cascade2015, prognose)',
      'officiële voornamen    Yasmina',
      'verblijfsstatus        nationaliteit MA, rechtmatig verblijf op de teldatum: ja',
      '                       2014-01-01 tot heden: rechtmatig',
      'hoogste vooropleiding  HAVO (overgangsbewijs havo/vwo 3-4)',
      'verblijfsjaren         entree 0, niveau 2-4 3',
      "bekostigde diploma's",
      '                       25078 niveau 3, 2016-07-01, diplomawaarde 3',
      'beoogde opleiding      25104 (niveau 4, niveau 2-4)',
      '                       prijsfactor 1.3, verblijfsjaar 4, verblijfsjaarfactor 1, diplomawaarde 2',
      '',
    ].join('\n'));
  });
});

describe('bron audit', () => {
  it.each([
    [['audit', '--instelling', 'x'], '--instelling'],
    [['audit', '--persoonsnummer', '123456789'], '--persoonsnummer'],
    [['audit', '--sinds', 'gisteren'], '--sinds'],
    [['audit', 'extra'], 'onverwacht'],
  ])('%j is bad usage (exit 2)', async (args, woord) => {
    const { uit, io: bronIo } = io();
    expect(await runBron(args, bronIo)).toBe(2);
    expect(uit.stderr).toContain(woord);
  });
});
