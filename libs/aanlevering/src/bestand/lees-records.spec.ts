import { BestandFout, MAX_RECORDLENGTE, leesRecords, type GelezenRecord } from './lees-records';

async function lees(tekst: string | string[], formaat: 'csv' | 'jsonl' = 'csv'): Promise<GelezenRecord[]> {
  const stukken = Array.isArray(tekst) ? tekst : [tekst];
  async function* bron() {
    for (const s of stukken) yield Buffer.from(s, 'utf8');
  }
  const uit: GelezenRecord[] = [];
  for await (const r of leesRecords(bron(), formaat)) uit.push(r);
  return uit;
}

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

  it('bounds a record that an unclosed quote lets grow, and goes on at the next line', async () => {
    const lang = 'x'.repeat(MAX_RECORDLENGTE);
    const records = await lees(`soort,crebo\nINSCHRIJVING,"${lang}\nmeer\nDIPLOMA,25080\n`);
    expect(records).toEqual([
      { regel: 2, leesfout: expect.stringMatching(/langer dan 65536 tekens \(aanhalingsteken in kolom 2 niet gesloten\?\)/) },
      { regel: 3, leesfout: '1 kolommen, de kopregel heeft er 2' },
      { regel: 4, velden: { soort: 'DIPLOMA', crebo: '25080' } },
    ]);
  });

  it('refuses a file without a header or with unknown columns', async () => {
    await expect(lees('')).rejects.toThrow(BestandFout);
    await expect(lees('soort,kleur\nINSCHRIJVING,rood\n')).rejects.toThrow(/onbekende kolom\(men\) kleur/);
  });
});

describe('leesRecords: JSON Lines', () => {
  it('reads objects per line, numbers as text, and skips blank lines', async () => {
    const records = await lees('{"soort":"INSCHRIJVING","crebo":25078}\r\n\n{"soort":"DIPLOMA","diploma_datum":"2016-06-30"}', 'jsonl');
    expect(records).toEqual([
      { regel: 1, velden: { soort: 'INSCHRIJVING', crebo: '25078' } },
      { regel: 3, velden: { soort: 'DIPLOMA', diploma_datum: '2016-06-30' } },
    ]);
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
