import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The bron command as a user runs it: a separate process, its exit code and output. */
const BRON = join(__dirname, '..', 'bin', 'bron.js');
const VOORBEELD = join(__dirname, '__fixtures__', 'bereken-voorbeeld.json');

function bron(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BRON, ...args], { input, encoding: 'utf8', env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bron bereken (the contract of issue 3)', () => {
  jest.setTimeout(60_000);

  it('prints the calculation of the example as one JSON object', () => {
    const { code, stdout } = bron(['bereken', VOORBEELD]);
    expect(code).toBe(0);
    const uitkomst = JSON.parse(stdout);
    expect(uitkomst).toMatchObject({ bekostigingsjaar: 2017, regime: 'cascade2015', teldatum: '2015-10-01' });
    expect(uitkomst.inschrijvingen).toEqual([expect.objectContaining({ id: 'A1', bekostigd: true, verblijfsjaar: 2, verblijfsjaarfactor: 1, leerwegfactor: 1, prijsfactor: 1.3, bijdrage: 1.3 })]);
    expect(uitkomst.diplomas).toEqual([expect.objectContaining({ crebo: '25078', datum: '2015-06-30', bekostigd: true, diplomawaarde: 3 })]);
    expect(uitkomst.basisset).toBeDefined();
  });

  it('reads standard input with -', () => {
    const { code, stdout } = bron(['bereken', '-'], readFileSync(VOORBEELD, 'utf8'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).regime).toBe('cascade2015');
  });

  it('refuses invalid input with exit code 2 and a message naming the field, never a stack trace', () => {
    const invoer = JSON.parse(readFileSync(VOORBEELD, 'utf8'));
    invoer.inschrijvingen[0].begin = '2014-02-30';
    invoer.persoon.persoonsnummer = '123456789';
    const { code, stdout, stderr } = bron(['bereken', '-'], JSON.stringify(invoer));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('inschrijvingen[0].begin');
    expect(stderr).toContain('persoon.persoonsnummer');
    expect(stderr).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });

  it('refuses text that is not JSON with exit code 2', () => {
    const { code, stderr } = bron(['bereken', '-'], '{ "bekostigingsjaar": ');
    expect(code).toBe(2);
    expect(stderr).toMatch(/geen geldige JSON/);
  });
});

describe('bron aanleveren without a broker', () => {
  jest.setTimeout(60_000);

  it('exits with code 1 and says the batch was not delivered', () => {
    const bestand = join(mkdtempSync(join(tmpdir(), 'bron-')), 'aanlevering.csv');
    copyFileSync(join(__dirname, '..', '..', '..', 'docs', 'voorbeelden', 'aanlevering.csv'), bestand);
    const { code, stderr } = bron(['aanleveren', bestand, '--instelling', '25LX', '--batch-id', 'geen-kafka']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/de batch is niet \(geheel\) afgeleverd of beantwoord: .*\(Kafka: 127\.0\.0\.1:1\)/);
  });
});

describe('bron: usage errors exit with code 2', () => {
  jest.setTimeout(60_000);

  it.each([
    [['onbekend'], /bron aanleveren/],
    [['aanleveren', VOORBEELD, '--instelling', '25LX'], /alleen \.csv en \.jsonl/],
    [['aanleveren', 'bestaat-niet.csv', '--instelling', '25LX'], /kan niet worden gelezen/],
    [['aanleveren', 'x.csv', '--instelling', 'LX25'], /--instelling moet een BRIN zijn/],
    [['volg'], /BRIN/],
    [['aanleveren', join(__dirname, '__fixtures__', 'alleen-kopregel.csv'), '--instelling', '25LX'], /bevat geen records/],
    [['aanleveren', join(__dirname, '__fixtures__', 'onbekende-kolom.csv'), '--instelling', '25LX'], /onbekende kolom\(men\) kleur/],
    [['foto', '25LX', '--peildatum', '2016-11-15'], /1 oktober/],
  ])('bron %j', (args, melding) => {
    const { code, stderr } = bron(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(melding);
  });
});
