import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { vrijePoortpaar } from '@bron/devtools';
import { TestDatabase, wachtTot } from '@bron/infra';

/**
 * The README's main command (`npm start`) does what it promises; --eenmalig stops after the demo.
 * Without KAFKA_BROKERS it starts the repo's broker in its security mode (SASL/SCRAM, ACLs per
 * principal), as on a fresh machine, on a free port.
 */
describe('npm start: the demo aanlevering through the whole system', () => {
  const naam = `bron_test_demo_${randomBytes(3).toString('hex')}`;

  afterAll(async () => {
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/${naam}`;
    await TestDatabase.bestaand(url.toString()).verwijder();
  });

  it('shows the terugkoppeling counts, basissets, notificaties and a foto whose printed fetch commands work, then stops everything on Ctrl-C', async () => {
    const ROOT = join(__dirname, '..', '..', '..');
    const { KAFKA_BROKERS: _gedeeldeBroker, ...omgeving } = process.env;
    const proces = spawn(process.execPath, [join(ROOT, 'tools', 'demo.js')], {
      env: { ...omgeving, KAFKA_PORT: String(await vrijePoortpaar()), BRON_DEMO_DATABASE: naam },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let uitvoer = '';
    proces.stdout.on('data', (d: Buffer) => (uitvoer += d.toString()));
    proces.stderr.on('data', (d: Buffer) => (uitvoer += d.toString()));
    const gestopt = new Promise<number | null>((resolve) => proces.on('exit', resolve));
    const draait = await Promise.race([
      wachtTot('de demo draait', () => uitvoer.includes('het systeem draait'), 230_000).then(() => true),
      gestopt.then(() => false),
    ]);
    expect({ draait, staart: uitvoer.slice(-3000) }).toEqual({ draait: true, staart: expect.any(String) });

    // The fetch commands as the demo prints them, run in a shell as a second terminal would.
    const blok = uitvoer.slice(uitvoer.indexOf('de foto van 25LX in elk formaat'));
    const opdrachten = blok.split('\n').map((r) => r.trim()).filter((r) => r.startsWith('export BRON_FOTO_URL=') || r.startsWith('npx bron foto 25LX'));
    expect(opdrachten).toHaveLength(5);
    for (const extensie of ['xml', 'csv', 'xlsx', 'json']) rmSync(join(ROOT, 'tmp', 'demo', `foto-25LX.${extensie}`), { force: true });
    const shell = spawnSync('bash', ['-euc', opdrachten.join('\n')], { cwd: ROOT, env: omgeving, encoding: 'utf8', timeout: 180_000 });
    expect({ status: shell.status, stderr: shell.stderr }).toEqual({ status: 0, stderr: expect.stringContaining('tbgi geschreven naar tmp/demo/foto-25LX.xml') });
    const json = JSON.parse(readFileSync(join(ROOT, 'tmp', 'demo', 'foto-25LX.json'), 'utf8')) as { checksum: string; aantallen: { inschrijvingen: number } };
    expect(json.aantallen.inschrijvingen).toBe(160);
    // the same foto in every format: one checksum in every summary line
    expect(new Set([...shell.stderr.matchAll(/checksum ([0-9a-f]{12})/g)].map((m) => m[1]))).toEqual(new Set([json.checksum.slice(0, 12)]));
    expect(readFileSync(join(ROOT, 'tmp', 'demo', 'foto-25LX.xml'), 'utf8')).toMatch(/^<\?xml[^>]*\?>\s*<Bekostigingsgrondslagen/);
    expect(readFileSync(join(ROOT, 'tmp', 'demo', 'foto-25LX.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(statSync(join(ROOT, 'tmp', 'demo', 'foto-25LX.xlsx')).size).toBeGreaterThan(10_000);

    proces.kill('SIGINT');
    const code = await gestopt;

    // on failure, the end of the demo's output says why
    expect({ code, staart: uitvoer.slice(-3000) }).toEqual({ code: 0, staart: expect.any(String) });
    expect(uitvoer).toMatch(/228 records aangeleverd, 228 beantwoord: 163 meldingen, 61 signalen, 4 afkeuringen/);
    expect(uitvoer).toMatch(/12 records aangeleverd, 12 beantwoord: 12 meldingen, 0 signalen, 0 afkeuringen/);
    // the other instelling's inschrijving on the same teldatum takes over the bekostiging (WEB 2.2.2 lid 3)
    expect(uitvoer).toMatch(/Een aanlevering van een andere instelling voor deze student\.\n\s+bekostigd: true -> false/);
    expect(uitvoer).toMatch(/-> INS_MEERDERE_INSCHRIJVINGEN/);
    expect(uitvoer).toMatch(/Een wijziging in een externe registratie \(BRP\)\.\n\s+bekostigd: true -> false/);
    expect(uitvoer).toMatch(/\(26AB kreeg 0 notificaties/);
    expect(uitvoer).toMatch(/broker 127\.0\.0\.1:\d+ ready in .*SASL\/SCRAM-SHA-256 with ACLs/);
    expect(uitvoer).toMatch(/\d{3,} berichten op \d+ topics gecontroleerd: geen enkel bericht noemt een andere instelling/);
    expect(uitvoer).toMatch(/status O, 160 inschrijvingen, sector totaal 172 inschrijvingen in het mbo/);
    expect(uitvoer).toMatch(/alles gestopt\.\s*$/);
  }, 480_000);
});
