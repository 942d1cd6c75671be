import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventTypes, InstellingTopics, Topics } from '@bron/contracts';
import { ServiceSupervisor, Verzamelaar, leverAan, persoonsnummer, prng, draaiBron } from '@bron/devtools';
import { TestDatabase, nieuwBericht, vanType } from '@bron/infra';

/**
 * Issue 4 through the Kafka entry and the CLI, against the real broker and database with the
 * services as processes: every rule answered, nothing lost when the intake crashes mid-batch,
 * a redelivered batch answered the same, and the batch summary reconciled.
 */
describe('aanlevering: one answer per record, nothing lost', () => {
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let verzamelaar: Verzamelaar;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await TestDatabase.maak();
    env = { DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2017-01-15', INSTELLINGEN: '25LX,26AB', LOG_LEVEL: 'warn' };
    services = new ServiceSupervisor({ env });
    await services.start();
    verzamelaar = new Verzamelaar(env);
    await verzamelaar.volg([InstellingTopics.terugkoppeling('25LX'), InstellingTopics.terugkoppeling('26AB')]);
  });

  afterAll(async () => {
    await verzamelaar?.sluit();
    await services?.stop();
    await db?.verwijder();
  });

  const antwoorden = (batchId: string) => verzamelaar.berichten.filter(vanType(EventTypes.Terugkoppeling)).filter((m) => m.value.batchId === batchId);
  const samenvatting = (batchId: string, aantal = 1) =>
    verzamelaar.wachtOp(`samenvatting van ${batchId}`, (b) => {
      const s = b.filter(vanType(EventTypes.AanleverBatchVerwerkt)).filter((m) => m.value.batchId === batchId);
      return s.length >= aantal && s;
    }, 120_000);

  function inschrijvingen(aantal: number, seed: number, instelling = '25LX'): Record<string, string>[] {
    const random = prng(seed);
    return Array.from({ length: aantal }, (_, i) => ({
      soort: 'INSCHRIJVING', instelling, persoonsnummer: persoonsnummer(random), inschrijving_id: `I-${seed}-${i}`,
      crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
    }));
  }

  it('answers each rule with its code, and the summary adds up', async () => {
    const student = '999996356';
    // what the BRP knows: an adult without lawful residence when the programme starts
    await verzamelaar.platform.send([nieuwBericht({
      topic: Topics.persoon, key: '111222333', type: EventTypes.PersoonGewijzigd, origin: 'extern:BRP',
      value: { persoonsnummer: '111222333', bron: 'BRP', geboortedatum: '1990-01-01', nationaliteit: 'SY', officieleVoornamen: null, verblijfsstatus: [] },
    })]);
    const basis = { soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: student, crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01' };
    const records: [Record<string, string>, string][] = [
      [{ ...basis, inschrijving_id: 'R1' }, 'M00'],
      [{ ...basis, inschrijving_id: 'R1' }, 'A12'],
      [{ ...basis, inschrijving_id: 'R2', persoonsnummer: '123456789' }, 'A01'],
      [{ ...basis, inschrijving_id: 'R3', instelling: '26AB' }, 'A02'],
      [{ ...basis, inschrijving_id: 'R4', crebo: '99999' }, 'A03'],
      [{ ...basis, inschrijving_id: 'R5', begindatum: '2013-08-01' }, 'A13'],
      [{ ...basis, inschrijving_id: 'R6', begindatum: '2016-02-30' }, 'A05'],
      [{ ...basis, inschrijving_id: 'R7', einddatum: '2016-01-01' }, 'A06'],
      [{ ...basis, inschrijving_id: 'ONBEKEND', mutatie: 'W' }, 'A07'],
      [{ ...basis, inschrijving_id: 'R8', begindatum: '2016-09-01' }, 'A14'],
      [{ ...basis, inschrijving_id: 'R9', leerweg: 'BBL', crebo: '25180' }, 'S01'],
      [{ ...basis, inschrijving_id: 'R10', persoonsnummer: '111222333' }, 'S02'],
      [{ ...basis, inschrijving_id: 'R11', crebo: '25189', persoonsnummer: '123456782' }, 'S03'],
      [{ ...basis, inschrijving_id: 'R1', mutatie: 'W', leerweg: 'XYZ' }, 'A08'],
      [{ ...basis, inschrijving_id: 'R12', persoonsnummer: '' }, 'A09'],
      [{ ...basis, inschrijving_id: 'R1', begindatum: '2016-08-02' }, 'A10'],
      // an inschrijving of studiejaar 2015/16, closed since 1 June 2016: a later change of a locked field is refused
      [{ ...basis, inschrijving_id: 'R13', crebo: '25407', begindatum: '2015-08-01' }, 'M00'],
      [{ ...basis, inschrijving_id: 'R13', crebo: '25407', begindatum: '2015-08-01', mutatie: 'W', leerweg: 'BBL' }, 'A15'],
    ];
    await totDat('de intake de BRP-gegevens kent', async () => (await db.query(`SELECT 1 FROM aanlevering.persoon WHERE persoonsnummer = '111222333'`)).length > 0);
    const origin = 'aanlevering:25LX:regels';
    const topic = InstellingTopics.aanlevering('25LX');
    await verzamelaar.platform.send([
      ...records.map(([velden], i) => nieuwBericht({ topic, key: 'regels', type: EventTypes.AanleverRecord, origin, value: { batchId: 'regels', recordnummer: i + 1, regel: i + 2, velden, leesfout: null } })),
      // a line the sender could not read is delivered too, and answered
      nieuwBericht({ topic, key: 'regels', type: EventTypes.AanleverRecord, origin, value: { batchId: 'regels', recordnummer: records.length + 1, regel: records.length + 2, velden: {}, leesfout: 'aanhalingsteken in kolom 3 wordt niet gesloten' } }),
      nieuwBericht({ topic, key: 'regels', type: EventTypes.AanleverBatchAfgesloten, origin, value: { batchId: 'regels', aantalRecords: records.length + 1, bestandsnaam: 'regels.csv' } }),
    ]);
    const [som] = await samenvatting('regels');
    await verzamelaar.wachtOp('alle antwoorden', () => antwoorden('regels').length > records.length && antwoorden('regels'));
    const codes = new Map(antwoorden('regels').map((m) => [m.value.recordnummer, m.value.codes.map((c) => c.code)]));
    expect([...records.map((_, i) => codes.get(i + 1)?.[0]), codes.get(records.length + 1)?.[0]]).toEqual([...records.map(([, code]) => code), 'A11']);
    const aantal = records.length + 1;
    expect(som.value).toEqual({ batchId: 'regels', instelling: '25LX', aantalRecords: aantal, meldingen: 2, signalen: 3, afkeuringen: aantal - 5, aantalGemeld: aantal });
  });

  it('loses nothing and answers no record twice when the intake crashes mid-batch', async () => {
    const aantal = 3000;
    await leverAan(verzamelaar.platform, '25LX', 'crash', inschrijvingen(aantal, 7));
    await verzamelaar.wachtOp('de eerste antwoorden', () => antwoorden('crash').length >= 200 && antwoorden('crash'));
    await services.crash('aanlevering');
    await services.herstart('aanlevering');
    const [som] = await samenvatting('crash');

    expect(som.value).toMatchObject({ aantalRecords: aantal, meldingen: aantal, afkeuringen: 0, aantalGemeld: aantal });
    // answers travel on the students' partitions, the summary on the batch's: wait for every record's answer
    await verzamelaar.wachtOp('een antwoord op elk record', () => new Set(antwoorden('crash').map((a) => a.value.recordnummer)).size >= aantal && antwoorden('crash'));
    const perRecord = new Map<number, Set<string>>();
    for (const a of antwoorden('crash')) perRecord.set(a.value.recordnummer, (perRecord.get(a.value.recordnummer) ?? new Set()).add(a.metadata.eventId));
    expect(perRecord.size).toBe(aantal);
    expect([...perRecord.values()].filter((ids) => ids.size > 1)).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM aanlevering.inschrijving WHERE staat->>'inschrijvingId' LIKE 'I-7-%'`);
    expect(n).toBe(aantal);
  }, 240_000);

  it('answers a redelivered batch the same, and changes nothing', async () => {
    const records = inschrijvingen(20, 11);
    await leverAan(verzamelaar.platform, '25LX', 'opnieuw', records);
    const [eerste] = await samenvatting('opnieuw');
    // answers travel on the student's partition, the summary on the batch's: wait for both
    await verzamelaar.wachtOp('alle eerste antwoorden', () => antwoorden('opnieuw').length >= records.length && antwoorden('opnieuw'));
    const eersteAntwoorden = new Map(antwoorden('opnieuw').map((a) => [a.value.recordnummer, a.metadata.eventId]));
    await leverAan(verzamelaar.platform, '25LX', 'opnieuw', records);
    const [, tweede] = await samenvatting('opnieuw', 2);
    expect(tweede.value).toEqual(eerste.value);
    for (const a of antwoorden('opnieuw')) expect(a.metadata.eventId).toBe(eersteAntwoorden.get(a.value.recordnummer));
    expect(await db.query(`SELECT max(versie)::int AS versie FROM aanlevering.inschrijving WHERE staat->>'inschrijvingId' LIKE 'I-11-%'`)).toEqual([{ versie: 1 }]);
  });

  it('says in the summary when the sender claims more records than arrived', async () => {
    const records = inschrijvingen(3, 13);
    const origin = 'aanlevering:25LX:te-weinig';
    const topic = InstellingTopics.aanlevering('25LX');
    await verzamelaar.platform.send([
      ...records.map((velden, i) => nieuwBericht({ topic, key: 'te-weinig', type: EventTypes.AanleverRecord, origin, value: { batchId: 'te-weinig', recordnummer: i + 1, regel: null, velden, leesfout: null } })),
      nieuwBericht({ topic, key: 'te-weinig', type: EventTypes.AanleverBatchAfgesloten, origin, value: { batchId: 'te-weinig', aantalRecords: 5, bestandsnaam: null } }),
    ]);
    const [som] = await samenvatting('te-weinig');
    expect(som.value).toMatchObject({ aantalRecords: 3, meldingen: 3, aantalGemeld: 5 });
  });

  it('bron aanleveren: streams a file, waits for every answer and writes them next to it (exit 0)', async () => {
    const map = mkdtempSync(join(tmpdir(), 'bron-'));
    const bestand = join(map, 'aanlevering.csv');
    const kop = 'soort,instelling,persoonsnummer,inschrijving_id,crebo,leerweg,begindatum';
    const regels = inschrijvingen(50, 17, '26AB').map((r) => [r.soort, r.instelling, r.persoonsnummer, r.inschrijving_id, r.crebo, r.leerweg, r.begindatum].join(','));
    writeFileSync(bestand, '\uFEFF' + [kop, ...regels, 'INSCHRIJVING,26AB,"kapot'].join('\r\n') + '\r\n');
    const { code, uitvoer } = await draaiBron(['aanleveren', bestand, '--instelling', '26AB', '--batch-id', 'cli-1'], env);
    expect(uitvoer).toContain('51 records aangeleverd, 51 beantwoord: 50 meldingen, 0 signalen, 1 afkeuringen');
    expect(code).toBe(0);
    // as Dutch Excel opens it: a BOM, `;` between cells (docs/foto.md, CSV for people)
    const bytes = readFileSync(join(map, 'aanlevering.csv.terugkoppeling.cli-1.csv'), 'utf8');
    expect(bytes.startsWith('\uFEFFrecordnummer;')).toBe(true);
    const terugkoppeling = bytes.trim().split(/\r?\n/);
    expect(terugkoppeling).toHaveLength(52);
    expect(terugkoppeling.find((r) => r.startsWith('51;'))).toMatch(/^51;52;;;AFKEURING;A11;/);
  });
});

async function totDat(wat: string, conditie: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await conditie())) {
    if (Date.now() > deadline) throw new Error(`niet binnen de tijd: ${wat}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
