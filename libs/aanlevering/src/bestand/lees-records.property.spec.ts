import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { kwalificaties2015 } from '@bron/cascade';
import { aanleverrecordDecider, type AanleverCommando, type AanleverContext, type AanleverEvent } from '../aanleverrecord.decider';
import { KOLOMMEN, type RuwRecord } from '../record';
import { MAX_RECORDLENGTE, isVerwerkbareTekst } from '../tekst';
import { BestandFout, leesRecords, type Bestandsformaat, type GelezenRecord } from './lees-records';

/**
 * Whatever bytes a file holds: the reader never crashes (a file refused as a whole is a
 * BestandFout), gives at most one result per line, never a record over the limit; and the
 * intake decider answers every record it gets with exactly one answer that can be stored.
 */
const kwalificaties = kwalificaties2015(readFileSync(join(__dirname, '..', '..', '..', '..', 'data', 'kwalificaties-2015.csv'), 'utf8'));
const context: AanleverContext = { aanleverendeInstelling: '25LX', peildatum: '2016-11-15', kwalificaties };

async function leesAlles(stukken: Uint8Array[], formaat: Bestandsformaat): Promise<GelezenRecord[] | BestandFout> {
  async function* bron() {
    for (const s of stukken) yield s;
  }
  const uit: GelezenRecord[] = [];
  try {
    for await (const r of leesRecords(bron(), formaat)) uit.push(r);
  } catch (error) {
    if (error instanceof BestandFout) return error;
    throw error;
  }
  return uit;
}

/** Bytes in arbitrary chunks, as a socket may give them. */
function inStukken(bytes: Uint8Array, sneden: number[]): Uint8Array[] {
  const punten = [...new Set(sneden.map((s) => s % (bytes.length + 1)))].sort((a, b) => a - b);
  const stukken: Uint8Array[] = [];
  let vorige = 0;
  for (const p of [...punten, bytes.length]) {
    stukken.push(bytes.subarray(vorige, p));
    vorige = p;
  }
  return stukken;
}

const enc = new TextEncoder();
const lastigeStukken = fc.oneof(
  fc.constantFrom('\n', '\r\n', '\r', '"', '""', ',', ';', '{', '}', ':', '\\u0000', '\\ud800', '\\ude00', '\u00e9', '\ufeff', 'INSCHRIJVING', 'soort', 'persoonsnummer'),
  fc.string({ maxLength: 8 }),
).map((s) => enc.encode(s));
const rauweBytes = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc.constantFrom([0x00], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0xe9], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x0d], [0x0a]).map((b) => Uint8Array.from(b)),
  lastigeStukken,
  fc.integer({ min: MAX_RECORDLENGTE - 2, max: MAX_RECORDLENGTE + 3 }).map((n) => new Uint8Array(n).fill(0x78)),
);
const kop = fc.constantFrom('soort,persoonsnummer,inschrijving_id\n', 'soort;crebo\r\n', '\ufeffsoort,"reden_uitschrijving"\n', '').map((s) => enc.encode(s));
const bestand = fc.tuple(kop, fc.array(rauweBytes, { maxLength: 30 })).map(([k, delen]) => Buffer.concat([k, ...delen]));

/** Lines of the file as the reader counts them (LF), and so the most results it may give. */
const aantalRegels = (bytes: Uint8Array) => bytes.reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);

describe('leesRecords and the intake decider on any bytes (property)', () => {
  it.each(['csv', 'jsonl'] as const)('%s: never crash, at most one result per line, in line order, every record within the limit', async (formaat) => {
    await fc.assert(
      fc.asyncProperty(bestand, fc.array(fc.nat(), { maxLength: 6 }), async (bytes, sneden) => {
        const gelezen = await leesAlles(inStukken(bytes, sneden), formaat);
        if (gelezen instanceof BestandFout) return;
        expect(gelezen.length).toBeLessThanOrEqual(aantalRegels(bytes));
        const regels = gelezen.map((r) => r.regel);
        expect(regels).toEqual([...regels].sort((a, b) => a - b));
        expect(new Set(regels).size).toBe(regels.length);
        for (const r of gelezen) {
          if ('leesfout' in r) {
            expect(isVerwerkbareTekst(r.leesfout)).toBe(true);
          } else {
            expect(Buffer.byteLength(Object.values(r.velden).join(''))).toBeLessThanOrEqual(MAX_RECORDLENGTE);
            // Nothing replaced silently: a record's text is what the file held, no U+FFFD that it did not.
            for (const v of Object.values(r.velden)) if (v.includes('\ufffd')) expect(Buffer.from(bytes).includes(Buffer.from('\ufffd'))).toBe(true);
          }
        }
        // The same bytes in other chunks give the same records.
        expect(await leesAlles([bytes], formaat)).toEqual(gelezen);
      }),
      { numRuns: 300 },
    );
  });

  it('JSON Lines: one result per non-blank line, whatever it holds', async () => {
    const regel = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.dictionary(fc.constantFrom(...KOLOMMEN, 'kleur'), fc.oneof(fc.string({ maxLength: 10 }), fc.double(), fc.boolean(), fc.constant(null), fc.constant('\ud800'), fc.constant('\u0000'))).map((o) => JSON.stringify(o)),
    ).filter((r) => !r.includes('\n') && r.trim() !== '');
    await fc.assert(
      fc.asyncProperty(fc.array(regel, { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n'), async (regels, einde) => {
        const gelezen = await leesAlles([enc.encode(regels.join(einde))], 'jsonl');
        if (gelezen instanceof BestandFout) throw gelezen;
        expect(gelezen.map((r) => r.regel)).toEqual(regels.map((_, i) => i + 1));
      }),
      { numRuns: 200 },
    );
  });

  it('the decider answers every record and leesfout with exactly one storable answer', () => {
    const veld = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('123456782', '25LX', '25078', 'BOL', 'VT', 'INSCHRIJVING', 'UITSCHRIJVING', 'BPV', 'DIPLOMA', 'AANMELDING', 'T', 'W', 'V', '2016-08-01', '9999-12-31', '1.23456782e8', 'A1', '\u0000', 'x\ud800', '\udfff'),
    );
    const velden: fc.Arbitrary<RuwRecord> = fc.dictionary(fc.constantFrom(...KOLOMMEN), veld, { maxKeys: 12 });
    const commando = fc.oneof(
      velden.map((v): Omit<AanleverCommando, 'record'> & { velden?: RuwRecord } => ({ type: 'BeoordeelRecord', context, velden: v })),
      fc.string({ maxLength: 20 }).map((leesfout) => ({ type: 'BeoordeelLeesfout' as const, context, leesfout })),
    );
    fc.assert(
      fc.property(fc.array(commando, { minLength: 1, maxLength: 25 }), (invoer) => {
        let kennis = aanleverrecordDecider.initialState;
        const antwoorden: AanleverEvent[] = [];
        invoer.forEach((c, i) => {
          const plaats = { batchId: 'b1', recordnummer: i + 1, regel: i + 2 };
          const cmd: AanleverCommando = 'velden' in c && c.velden
            ? { type: 'BeoordeelRecord', record: { ...plaats, velden: c.velden }, context }
            : { type: 'BeoordeelLeesfout', record: { ...plaats, leesfout: (c as { leesfout: string }).leesfout }, context };
          const events = aanleverrecordDecider.decide(cmd, kennis);
          expect(events.filter((e) => e.type === 'RecordBeoordeeld' || e.type === 'BeoordelingHerhaald')).toHaveLength(1);
          for (const e of events) kennis = aanleverrecordDecider.evolve(kennis, e);
          antwoorden.push(...events.filter((e) => e.type === 'RecordBeoordeeld'));
        });
        expect(antwoorden.map((e) => e.type === 'RecordBeoordeeld' && e.data.terugkoppeling.recordnummer)).toEqual(invoer.map((_, i) => i + 1));
        for (const e of antwoorden) {
          if (e.type !== 'RecordBeoordeeld') continue;
          const t = e.data.terugkoppeling;
          expect(t.codes.length).toBeGreaterThan(0);
          const teksten = [t.persoonsnummer ?? '', t.inschrijvingId ?? '', ...t.codes.flatMap((c) => [c.tekst, ...Object.values(c.parameters)])];
          expect(teksten.every(isVerwerkbareTekst)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
