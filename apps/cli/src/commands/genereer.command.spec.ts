import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventTypes, bronCodec } from '@bron/contracts';
import { runBron } from '../bron';

function collector() {
  const uitvoer = { text: '', write: (tekst: string) => { uitvoer.text += tekst; return true; } };
  return uitvoer;
}

/** The command in-process; KAFKA_BROKERS points where nothing listens (genereer never needs Kafka). */
async function bron(args: string[]) {
  const stdout = collector();
  const stderr = collector();
  const code = await runBron(args, { stdout, stderr, env: { KAFKA_BROKERS: '127.0.0.1:1' } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('bron genereer', () => {
  jest.setTimeout(30_000);
  let map: string;
  beforeEach(() => (map = mkdtempSync(join(tmpdir(), 'genereer-'))));
  afterEach(() => rmSync(map, { recursive: true, force: true }));

  it('writes a sector to --uit and prints where the files are', async () => {
    const uit = join(map, 'sector');
    const r = await bron(['genereer', '--studenten', '300', '--instellingen', '3', '--jaren', '3', '--seed', '7', '--uit', uit]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('300 studenten bij 3 instellingen');
    expect(r.stdout).toContain(uit);
    const bestanden = readdirSync(uit).sort();
    expect(bestanden.filter((b) => /^aanlevering-[0-9]{2}[A-Z0-9]{2}\.csv$/.test(b))).toHaveLength(3);
    expect(bestanden).toEqual(expect.arrayContaining(['extern-persoon.jsonl', 'extern-vooropleiding.jsonl', 'sector.json']));
    const samenvatting = JSON.parse(readFileSync(join(uit, 'sector.json'), 'utf8'));
    expect(samenvatting.opties).toEqual({ studenten: 300, instellingen: 3, jaren: 3, seed: 7 });

    // The feeds have the shape `bron extern` sends (it encodes each line with the Avro schema of its type).
    for (const feed of ['extern-persoon.jsonl', 'extern-vooropleiding.jsonl']) {
      for (const regel of readFileSync(join(uit, feed), 'utf8').split('\n').filter(Boolean)) {
        const { type, ...value } = JSON.parse(regel) as { type: 'PersoonGewijzigd' | 'VooropleidingGeregistreerd' };
        expect(() => bronCodec.encode(EventTypes[type], value)).not.toThrow();
      }
    }

    const nogEens = join(map, 'nog-eens');
    expect((await bron(['genereer', '--studenten', '300', '--instellingen', '3', '--jaren', '3', '--seed', '7', '--uit', nogEens])).code).toBe(0);
    for (const b of bestanden) expect(readFileSync(join(nogEens, b))).toEqual(readFileSync(join(uit, b)));
  });

  it.each([
    [['genereer'], /--uit/],
    [['genereer', '--uit', 'x', '--studenten', 'veel'], /--studenten moet een geheel getal zijn/],
    [['genereer', '--uit', 'x', '--studenten', '0'], /--studenten moet een geheel getal van 1/],
    [['genereer', '--uit', 'x', '--jaren', '2.5'], /--jaren/],
    [['genereer', '--uit', 'x', '--instellingen', '-3'], /instellingen/],
    [['genereer', '--uit', 'x', '--onbekend', '1'], /onbekend/],
    [['genereer', '--uit', 'x', 'extra'], /onverwacht argument extra/],
  ])('refuses %j with exit 2 and a message', async (args, melding) => {
    const r = await bron(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(melding);
    expect(r.stderr).toMatch(/^bron genereer: /);
  });

  it('refuses a --uit that is a file with exit 2', async () => {
    const bestand = join(map, 'bestand');
    writeFileSync(bestand, '');
    const r = await bron(['genereer', '--studenten', '10', '--uit', bestand]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/kan niet worden beschreven/);
  });
});
