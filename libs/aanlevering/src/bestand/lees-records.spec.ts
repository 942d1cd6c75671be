import { MAX_RECORDLENGTE } from '../tekst';
import { BestandFout, leesRecords, type GelezenRecord } from './lees-records';

async function leesBytes(stukken: Uint8Array[], formaat: 'csv' | 'jsonl' = 'csv'): Promise<GelezenRecord[]> {
  async function* bron() {
    for (const s of stukken) yield s;
  }
  const uit: GelezenRecord[] = [];
  for await (const r of leesRecords(bron(), formaat)) uit.push(r);
  return uit;
}

function lees(tekst: string | string[], formaat: 'csv' | 'jsonl' = 'csv'): Promise<GelezenRecord[]> {
  return leesBytes((Array.isArray(tekst) ? tekst : [tekst]).map((s) => Buffer.from(s, 'utf8')), formaat);
}

/** Bytes as the sender's file holds them: text parts in UTF-8, numbers as raw bytes. */
const bytes = (...delen: (string | number[])[]) => Buffer.concat(delen.map((d) => (typeof d === 'string' ? Buffer.from(d, 'utf8') : Buffer.from(d))));

describe('leesRecords: CSV', () => {
  it('reads a header and records, with a BOM and CRLF line ends', async () => {
    const records = await lees('\uFEFFsoort,persoonsnummer,crebo\r\nINSCHRIJVING,123456782,25078\r\nDIPLOMA,111222333,25080\r\n');
    expect(records).toEqual([
      { regel: 2, velden: { soort: 'INSCHRIJVING', persoonsnummer: '123456782', crebo: '25078' } },
      { regel: 3, velden: { soort: 'DIPLOMA', persoonsnummer: '111222333', crebo: '25080' } },
    ]);
  });

  it('keeps separators, quotes and line breaks inside quoted fields, and counts lines right after them', async () => {
    const records = await lees('soort,reden_uitschrijving,crebo\nUITSCHRIJVING,"verhuisd, naar ""buitenland""\nen gestopt",25078\nBPV,x,25080\n');
    expect(records[0]).toEqual({ regel: 2, velden: { soort: 'UITSCHRIJVING', reden_uitschrijving: 'verhuisd, naar "buitenland"\nen gestopt', crebo: '25078' } });
    expect(records[1]).toEqual({ regel: 4, velden: { soort: 'BPV', reden_uitschrijving: 'x', crebo: '25080' } });
  });

  it('reads semicolon-separated files and chunks that split a record anywhere', async () => {
    const tekst = 'soort;crebo\nINSCHRIJVING;25078\nDIPLOMA;"25;080"\n';
    const inStukken = tekst.split('');
    expect(await lees(inStukken)).toEqual(await lees(tekst));
    expect((await lees(tekst))[1]).toEqual({ regel: 3, velden: { soort: 'DIPLOMA', crebo: '25;080' } });
  });

  it('reports a record with the wrong number of columns or broken quotes as a leesfout, and goes on', async () => {
    const records = await lees('soort,crebo\nINSCHRIJVING\nDIPLOMA,25"078\nBPV,25080\nDIPLOMA,"25078');
    expect(records).toEqual([
      { regel: 2, leesfout: '1 kolommen, de kopregel heeft er 2' },
      { regel: 3, leesfout: 'aanhalingsteken midden in kolom 2' },
      { regel: 4, velden: { soort: 'BPV', crebo: '25080' } },
      { regel: 5, leesfout: 'aanhalingsteken in kolom 2 wordt niet gesloten' },
    ]);
  });

  it('bounds a record that an unclosed quote lets grow over many lines, and goes on after it', async () => {
    const regel = 'x'.repeat(1000);
    const records = await lees(`soort,crebo\nINSCHRIJVING,"${`${regel}\n`.repeat(70)}meer\nDIPLOMA,25080\n`);
    expect(records[0]).toEqual({ regel: 2, leesfout: 'het record is langer dan 65536 bytes (aanhalingsteken in kolom 2 niet gesloten?)' });
    expect(records.at(-1)).toEqual({ regel: 73, velden: { soort: 'DIPLOMA', crebo: '25080' } });
  });

  it('answers one line over the limit as a leesfout and reads the records around it (issue finding 3)', async () => {
    const records = await lees(`soort,crebo\nINSCHRIJVING,"${'x'.repeat(MAX_RECORDLENGTE)}"\nDIPLOMA,25080\n`);
    expect(records).toEqual([
      { regel: 2, leesfout: 'de regel is langer dan 65536 bytes (65551 bytes)' },
      { regel: 3, velden: { soort: 'DIPLOMA', crebo: '25080' } },
    ]);
  });

  it('keeps a NUL byte in the field it is in: the intake afkeurt it naming line and column (A16)', async () => {
    expect(await leesBytes([bytes('soort,inschrijving_id\nINSCHRIJVING,INS-', [0x00], '1\n')])).toEqual([{ regel: 2, velden: { soort: 'INSCHRIJVING', inschrijving_id: 'INS-\u00001' } }]);
  });

  it('refuses a Windows-1252 byte per line, naming the line and that the file must be UTF-8, and reads the other lines (finding 6)', async () => {
    // INS-é and INS-è in Windows-1252: before, both became INS-\ufffd and the second got A10.
    const records = await leesBytes([bytes('soort,inschrijving_id\nINSCHRIJVING,INS-', [0xe9], '\nINSCHRIJVING,INS-', [0xe8], '\nINSCHRIJVING,INS-\u00e9\n')]);
    expect(records).toEqual([
      { regel: 2, leesfout: 'geen geldige UTF-8 bij teken 18 (byte 0xE9); het bestand moet in UTF-8 zijn gecodeerd (niet in Windows-1252 of Latin-1)' },
      { regel: 3, leesfout: expect.stringContaining('geen geldige UTF-8 bij teken 18 (byte 0xE8)') },
      { regel: 4, velden: { soort: 'INSCHRIJVING', inschrijving_id: 'INS-\u00e9' } },
    ]);
  });

  it('finds invalid UTF-8 inside a quoted field that spans lines, and goes on after the record', async () => {
    const records = await leesBytes([bytes('soort,reden_uitschrijving\nUITSCHRIJVING,"eerst\nverhuisd naar ', [0xc3, 0x28], '"\nBPV,x\n')]);
    expect(records).toEqual([
      { regel: 2, leesfout: expect.stringContaining('regel 3: geen geldige UTF-8 bij teken 15 (byte 0xC3)') },
      { regel: 4, velden: { soort: 'BPV', reden_uitschrijving: 'x' } },
    ]);
  });

  it.each([
    ['UTF-16 (little-endian)', [0xff, 0xfe, 0x73, 0x00, 0x6f, 0x00]],
    ['UTF-16 (big-endian)', [0xfe, 0xff, 0x00, 0x73, 0x00, 0x6f]],
    ['UTF-16 (little-endian, zonder BOM)', [0x73, 0x00, 0x6f, 0x00, 0x6f, 0x00]],
    ['UTF-16 (big-endian, zonder BOM)', [0x00, 0x73, 0x00, 0x6f, 0x00, 0x6f]],
    ['UTF-32 (little-endian)', [0xff, 0xfe, 0x00, 0x00, 0x73, 0x00, 0x00, 0x00]],
  ])('refuses a file in %s as a whole, naming its encoding', async (codering, begin) => {
    for (const formaat of ['csv', 'jsonl'] as const) {
      await expect(leesBytes([Buffer.from(begin), Buffer.from([0x0a, 0x00])], formaat)).rejects.toThrow(new BestandFout(`het bestand is in ${codering} gecodeerd; lever het aan in UTF-8`));
    }
  });

  it('refuses a header that is no UTF-8 as a whole', async () => {
    await expect(leesBytes([bytes('soort,inschrijving_', [0xe9], '\nINSCHRIJVING,1\n')])).rejects.toThrow(/kopregel: geen geldige UTF-8 bij teken 20/);
  });

  it('refuses a file without a header or with unknown columns', async () => {
    await expect(lees('')).rejects.toThrow(BestandFout);
    await expect(lees('soort,kleur\nINSCHRIJVING,rood\n')).rejects.toThrow(/onbekende kolom\(men\) kleur/);
  });
});

describe('leesRecords: JSON Lines', () => {
  it('reads objects per line, null as empty, the number of hours as text, and skips blank lines', async () => {
    const records = await lees('{"soort":"INSCHRIJVING","crebo":"25078","einddatum":null}\r\n\n{"soort":"BPV","bpv_omvang":400}', 'jsonl');
    expect(records).toEqual([
      { regel: 1, velden: { soort: 'INSCHRIJVING', crebo: '25078' } },
      { regel: 3, velden: { soort: 'BPV', bpv_omvang: '400' } },
    ]);
  });

  it('refuses a persoonsnummer, BRIN, crebo, id or date that is no JSON string (finding 7)', async () => {
    const records = await lees(
      ['{"persoonsnummer":1.23456782e8}', '{"crebo":25078}', '{"instelling":2500}', '{"inschrijving_id":17}', '{"begindatum":20160801}', '{"soort":true}', '{"bpv_omvang":[400]}'].join('\n'),
      'jsonl',
    );
    expect(records.map((r) => ('leesfout' in r ? r.leesfout : r))).toEqual([
      'kolom persoonsnummer moet een tekst tussen aanhalingstekens zijn, niet een getal',
      'kolom crebo moet een tekst tussen aanhalingstekens zijn, niet een getal',
      'kolom instelling moet een tekst tussen aanhalingstekens zijn, niet een getal',
      'kolom inschrijving_id moet een tekst tussen aanhalingstekens zijn, niet een getal',
      'kolom begindatum moet een tekst tussen aanhalingstekens zijn, niet een getal',
      'kolom soort moet een tekst tussen aanhalingstekens zijn, niet true',
      'kolom bpv_omvang moet een tekst of een geheel getal zijn, niet een lijst',
    ]);
  });

  it('refuses a lone surrogate as no Unicode text, naming line and column; keeps a NUL for the intake (A16) (finding 1)', async () => {
    const records = await lees('{"inschrijving_id":"INS-\\ud800"}\n{"inschrijving_id":"INS-\\u0000"}\n{"inschrijving_id":"\\ud83d\\ude00"}\n{"kleur\\u0000":"x"}\n', 'jsonl');
    expect(records).toEqual([
      { regel: 1, leesfout: 'kolom inschrijving_id: teken 5 is U+D800 (losse surrogaathelft), geen geldig Unicode-teken' },
      { regel: 2, velden: { inschrijving_id: 'INS-\u0000' } },
      { regel: 3, velden: { inschrijving_id: '\u{1f600}' } },
      { regel: 4, leesfout: 'onbekende kolom kleur\\u0000' },
    ]);
  });

  it('skips a line over the limit to its end without holding it, and reads the next (finding 3)', async () => {
    // 5 MB in one line, in chunks as a socket gives them: never more than the limit is kept.
    const stuk = Buffer.alloc(64 * 1024, 'x');
    const stukken = [Buffer.from('{"soort":"'), ...Array.from({ length: 80 }, () => stuk), Buffer.from('"}\n{"soort":"BPV"}\n')];
    const records = await leesBytes(stukken, 'jsonl');
    expect(records).toEqual([
      { regel: 1, leesfout: `de regel is langer dan 65536 bytes (${10 + 80 * 64 * 1024 + 2} bytes)` },
      { regel: 2, velden: { soort: 'BPV' } },
    ]);
  });

  it('reads past a single 40 MB line in linear time (quadratic joining took minutes; the default test timeout is 5 s)', async () => {
    const stuk = Buffer.alloc(16 * 1024, 'x');
    const records = await leesBytes([...Array.from({ length: 2560 }, () => stuk), Buffer.from('\n{}\n')], 'jsonl');
    expect(records).toEqual([{ regel: 1, leesfout: `de regel is langer dan 65536 bytes (${2560 * 16 * 1024} bytes)` }, { regel: 2, velden: {} }]);
  });

  it('keeps a line of exactly the limit, also with a CRLF line end', async () => {
    const waarde = 'x'.repeat(MAX_RECORDLENGTE - '{"leerbedrijf":""}'.length);
    const records = await lees(`{"leerbedrijf":"${waarde}"}\r\n{"leerbedrijf":"${waarde}x"}\n`, 'jsonl');
    expect(records).toEqual([{ regel: 1, velden: { leerbedrijf: waarde } }, { regel: 2, leesfout: 'de regel is langer dan 65536 bytes (65537 bytes)' }]);
  });

  it('reports broken lines with their number', async () => {
    const records = await lees('{"soort":\n[1]\n{"kleur":"rood"}\n', 'jsonl');
    expect(records.map((r) => ('leesfout' in r ? [r.regel, r.leesfout.split(':')[0]] : r))).toEqual([
      [1, 'geen geldige JSON'],
      [2, 'de regel is geen JSON-object'],
      [3, 'onbekende kolom kleur'],
    ]);
  });
});
