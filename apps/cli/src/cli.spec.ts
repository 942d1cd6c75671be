import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runBron } from './bron';
import { terugkoppelingBestand, terugkoppelingRegel } from './commands/aanleveren.command';

const BRON = join(__dirname, '..', 'bin', 'bron.js');
const FIXTURES = join(__dirname, '__fixtures__');
const VOORBEELD = join(FIXTURES, 'bereken-voorbeeld.json');
const AANLEVERING = join(__dirname, '..', '..', '..', 'docs', 'voorbeelden', 'aanlevering.csv');

/** Collects what a command writes, as the test reads it afterwards. */
function collector() {
  const uitvoer = { text: '', write: (tekst: string) => { uitvoer.text += tekst; return true; } };
  return uitvoer;
}

/**
 * The command run in-process, with its own streams and environment. Every path tested this way
 * ends before Kafka is contacted; KAFKA_BROKERS names an address where nothing listens, so that a
 * regression that did reach Kafka fails on its exit code instead of delivering to a broker a
 * developer has running on the default address.
 */
async function bron(args: string[], input?: string) {
  const stdout = collector();
  const stderr = collector();
  const stdin = input === undefined ? undefined : Readable.from([Buffer.from(input, 'utf8')]);
  const code = await runBron(args, { stdout, stderr, stdin, env: { KAFKA_BROKERS: '127.0.0.1:1' } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** bin/bron.js as a user runs it: a separate process, its exit code and output. */
function bronProces(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The child's timeout only keeps a hung child from outliving the test; no test asserts on time.
    const kind = spawn(process.execPath, [BRON, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 110_000 });
    let stdout = '';
    let stderr = '';
    kind.stdout.setEncoding('utf8').on('data', (deel: string) => (stdout += deel));
    kind.stderr.setEncoding('utf8').on('data', (deel: string) => (stderr += deel));
    kind.on('error', reject);
    kind.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A local port nobody listens on: taken from the OS and released at once, so a connection to it is
 * refused straight away. A fixed port could be in use, or filtered so that connecting hangs.
 */
async function vrijePoort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('bron bereken (the contract of issue 3)', () => {
  // A guard against a hang, not a speed requirement: these calls do no I/O but reading a file.
  jest.setTimeout(30_000);

  it('prints the calculation of the example as one JSON object', async () => {
    const { code, stdout } = await bron(['bereken', VOORBEELD]);
    expect(code).toBe(0);
    const uitkomst = JSON.parse(stdout);
    expect(uitkomst).toMatchObject({ bekostigingsjaar: 2017, regime: 'cascade2015', teldatum: '2015-10-01' });
    expect(uitkomst.inschrijvingen).toEqual([expect.objectContaining({ id: 'A1', bekostigd: true, verblijfsjaar: 2, verblijfsjaarfactor: 1, leerwegfactor: 1, prijsfactor: 1.3, bijdrage: 1.3 })]);
    expect(uitkomst.diplomas).toEqual([expect.objectContaining({ crebo: '25078', datum: '2015-06-30', bekostigd: true, diplomawaarde: 3 })]);
    expect(uitkomst.basisset).toBeDefined();
  });

  it('reads standard input with -', async () => {
    const { code, stdout } = await bron(['bereken', '-'], readFileSync(VOORBEELD, 'utf8'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).regime).toBe('cascade2015');
  });

  it('refuses invalid input with exit code 2 and a message naming the field, never a stack trace', async () => {
    const invoer = JSON.parse(readFileSync(VOORBEELD, 'utf8'));
    invoer.inschrijvingen[0].begin = '2014-02-30';
    invoer.persoon.persoonsnummer = '123456789';
    const { code, stdout, stderr } = await bron(['bereken', '-'], JSON.stringify(invoer));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('inschrijvingen[0].begin');
    expect(stderr).toContain('persoon.persoonsnummer');
    expect(stderr).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });

  it('refuses text that is not JSON with exit code 2', async () => {
    const { code, stderr } = await bron(['bereken', '-'], '{ "bekostigingsjaar": ');
    expect(code).toBe(2);
    expect(stderr).toMatch(/geen geldige JSON/);
  });
});

describe('bron: usage errors exit with code 2', () => {
  jest.setTimeout(30_000);

  it.each([
    [['onbekend'], /bron aanleveren/],
    [['toString'], /bron aanleveren/],
    [['aanleveren', VOORBEELD, '--instelling', '25LX'], /alleen \.csv en \.jsonl/],
    [['aanleveren', 'bestaat-niet.csv', '--instelling', '25LX'], /kan niet worden gelezen/],
    [['aanleveren', 'x.csv', '--instelling', 'LX25'], /--instelling moet een BRIN zijn/],
    [['volg'], /BRIN/],
    [['aanleveren', join(FIXTURES, 'alleen-kopregel.csv'), '--instelling', '25LX'], /bevat geen records/],
    [['aanleveren', join(FIXTURES, 'onbekende-kolom.csv'), '--instelling', '25LX'], /onbekende kolom\(men\) kleur/],
    [['foto', '25LX', '--peildatum', '2016-11-15'], /1 oktober/],
    // The batch id becomes part of the output file's name: no path, nothing the HTTP entry would refuse.
    [['aanleveren', AANLEVERING, '--instelling', '25LX', '--batch-id', '../elders'], /--batch-id moet/],
    [['aanleveren', AANLEVERING, '--instelling', '25LX', '--batch-id', 'a/b'], /--batch-id moet/],
    [['dlq'], /toon of herhaal/],
    [['dlq', 'toon'], /precies één topic/],
    [['dlq', 'herhaal', 'extern.public.persoon.v1'], /--event <id> .* of --alles/],
    [['dlq', 'herhaal', 'extern.public.persoon.v1', '--event', 'x', '--alles'], /--event <id> .* of --alles/],
  ])('bron %j', async (args, melding) => {
    const { code, stderr } = await bron(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(melding);
  });
});

describe('bron aanleveren: the terugkoppeling file (findings 4 and 5)', () => {
  it('names it after the whole input name and the batch, beside the input', () => {
    expect(terugkoppelingBestand('/data/x.csv', 'b1')).toBe('/data/x.csv.terugkoppeling.b1.csv');
    expect(terugkoppelingBestand('/data/x.jsonl', 'b1')).toBe('/data/x.jsonl.terugkoppeling.b1.csv');
    expect(terugkoppelingBestand('x.csv', 'b2')).toBe('x.csv.terugkoppeling.b2.csv');
  });

  it("writes values from the instelling's file so that a spreadsheet shows them and runs nothing", () => {
    const regel = terugkoppelingRegel({
      batchId: 'b', recordnummer: 3, regel: 4, instelling: '25LX', persoonsnummer: '+31612345678', inschrijvingId: "=cmd|' /C calc'!A0",
      soort: 'AFKEURING', codes: [{ code: 'A11', soort: 'AFKEURING', tekst: '@onbekend, "fout"', parameters: {} }],
    });
    expect(regel).toBe(`3;4;"'+31612345678";"'=cmd|' /C calc'!A0";AFKEURING;A11;"'@onbekend, ""fout"""\n`);
  });

  it('writes the persoonsnummer as text that keeps its leading zero in Dutch Excel, separated by ;', () => {
    const regel = terugkoppelingRegel({ batchId: 'b', recordnummer: 1, regel: 2, instelling: '25LX', persoonsnummer: '012345672', inschrijvingId: '0042', soort: 'MELDING', codes: [] });
    expect(regel).toBe('1;2;"\t012345672";"\t0042";MELDING;;\n');
  });
});

/**
 * The shell itself, as a process: that bin/bron.js ends with the code runBron returns, writes to the
 * process's stderr, and ends at all after kafkajs failed to connect (no handle left open). The two
 * run side by side, as they share nothing; the generous timeout allows for compiling the sources on
 * a loaded machine.
 */
describe('bin/bron.js as a process', () => {
  const TIMEOUT = 120_000;

  it.concurrent('exits with code 2 and prints the usage on stderr for an unknown command', async () => {
    const { code, stdout, stderr } = await bronProces(['onbekend'], { KAFKA_BROKERS: '127.0.0.1:1' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bron aanleveren/);
  }, TIMEOUT);

  it.concurrent('bron aanleveren without a broker exits with code 1 and says the batch was not delivered', async () => {
    // The terugkoppeling CSV is written next to the input, so the input goes to a folder of its own.
    const map = mkdtempSync(join(tmpdir(), 'bron-'));
    try {
      const bestand = join(map, 'aanlevering.csv');
      copyFileSync(join(__dirname, '..', '..', '..', 'docs', 'voorbeelden', 'aanlevering.csv'), bestand);
      const poort = await vrijePoort();
      const { code, stderr } = await bronProces(['aanleveren', bestand, '--instelling', '25LX', '--batch-id', 'geen-kafka'], { KAFKA_BROKERS: `127.0.0.1:${poort}` });
      expect(code).toBe(1);
      expect(stderr).toMatch(new RegExp(`de batch is niet \\(geheel\\) afgeleverd of beantwoord: .*\\(Kafka: 127\\.0\\.0\\.1:${poort}\\)`));
      // Nothing was answered, so there is no terugkoppeling file, not even a temporary one.
      expect(readdirSync(map)).toEqual(['aanlevering.csv']);
    } finally {
      rmSync(map, { recursive: true, force: true });
    }
  }, TIMEOUT);
});
