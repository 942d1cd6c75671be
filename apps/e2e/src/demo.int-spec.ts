import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { vrijePoortpaar } from '@bron/devtools';
import { TestDatabase } from '@bron/infra';

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

  it('shows the terugkoppeling counts, basissets, notificaties and a foto, then stops everything', async () => {
    const { KAFKA_BROKERS: _gedeeldeBroker, ...omgeving } = process.env;
    const proces = spawn(process.execPath, [join(__dirname, '..', '..', '..', 'tools', 'demo.js'), '--eenmalig'], {
      env: { ...omgeving, KAFKA_PORT: String(await vrijePoortpaar()), BRON_DEMO_DATABASE: naam },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let uitvoer = '';
    proces.stdout.on('data', (d: Buffer) => (uitvoer += d.toString()));
    proces.stderr.on('data', (d: Buffer) => (uitvoer += d.toString()));
    const code = await new Promise<number | null>((resolve) => proces.on('exit', resolve));

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
  }, 240_000);
});
