import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventTypes, Headers, InstellingTopics, Topics, deadLetterTopic, type AanleverRecord, type Terugkoppeling } from '@bron/contracts';
import { KafkaClient, PlatformClient, nieuwBericht, type Ontvangen } from '@bron/infra';
import type { KafkaMessage } from 'kafkajs';
import { runBron } from './bron';

/**
 * The bron command against the real broker, in-process. The services are not started: a stand-in
 * answers the intake topic the way the aanlevering service does (one Terugkoppeling per record,
 * echoing the record's values, then AanleverBatchVerwerkt), which is all `bron aanleveren` relies on.
 * Every test has its own topic prefix, so nothing of another run or another test is read.
 */
jest.setTimeout(120_000);

const KOP = 'soort,instelling,persoonsnummer,inschrijving_id,crebo,leerweg,begindatum';
const INJECTIE = "=cmd|' /C calc'!A0";

function collector() {
  const uitvoer = { text: '', write: (tekst: string) => { uitvoer.text += tekst; return true; } };
  return uitvoer;
}

function omgeving(): NodeJS.ProcessEnv {
  return { KAFKA_BROKERS: process.env.KAFKA_BROKERS, BRON_TOPIC_PREFIX: `cli${randomBytes(4).toString('hex')}.` };
}

async function bron(args: string[], env: NodeJS.ProcessEnv) {
  const stdout = collector();
  const stderr = collector();
  const code = await runBron(args, { stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Answers every record of the instelling's intake; `beantwoordNiet` keeps some records unanswered. */
async function standIn(env: NodeJS.ProcessEnv, instelling: string, beantwoordNiet: (r: AanleverRecord) => boolean = () => false): Promise<PlatformClient> {
  const platform = new PlatformClient(env);
  const topic = InstellingTopics.terugkoppeling(instelling);
  const aantallen = new Map<string, number>();
  // The service creates its topics when it starts; two commands creating them at once is another matter.
  await platform.ensureTopics([topic]);
  await platform.volg([InstellingTopics.aanlevering(instelling)], async (b: Ontvangen) => {
    if (b.type === EventTypes.AanleverRecord) {
      const r = b.value;
      aantallen.set(r.batchId, (aantallen.get(r.batchId) ?? 0) + 1);
      if (beantwoordNiet(r)) return;
      const value: Terugkoppeling = {
        batchId: r.batchId, recordnummer: r.recordnummer, regel: r.regel, instelling,
        persoonsnummer: r.velden.persoonsnummer ?? null, inschrijvingId: r.velden.inschrijving_id ?? null,
        soort: 'MELDING', codes: [{ code: 'M01', soort: 'MELDING', tekst: `ontvangen: ${r.velden.inschrijving_id ?? ''}`, parameters: {} }],
      };
      await platform.send([nieuwBericht({ topic, key: r.velden.persoonsnummer ?? null, type: EventTypes.Terugkoppeling, value }, b)]);
    } else if (b.type === EventTypes.AanleverBatchAfgesloten) {
      const aantal = aantallen.get(b.value.batchId) ?? 0;
      await platform.send([nieuwBericht({
        topic, key: b.value.batchId, type: EventTypes.AanleverBatchVerwerkt,
        value: { batchId: b.value.batchId, instelling, aantalRecords: aantal, meldingen: aantal, signalen: 0, afkeuringen: 0, aantalGemeld: b.value.aantalRecords },
      }, b)]);
    }
  });
  return platform;
}

describe('bron aanleveren writes its own terugkoppeling file per input and batch (findings 4 and 5)', () => {
  let map: string;
  beforeEach(() => (map = mkdtempSync(join(tmpdir(), 'bron-cli-'))));
  afterEach(() => rmSync(map, { recursive: true, force: true }));

  it('x.csv and x.jsonl delivered at once each get a complete file, with formula cells neutralised', async () => {
    const env = omgeving();
    const antwoorder = await standIn(env, '25LX');
    try {
      const csv = join(map, 'x.csv');
      writeFileSync(csv, [KOP, `INSCHRIJVING,25LX,123456782,"${INJECTIE.replace(/"/g, '""')}",25078,BOL,2016-08-01`, ...[2, 3, 4, 5].map((i) => `INSCHRIJVING,25LX,123456782,C-${i},25078,BOL,2016-08-01`)].join('\n') + '\n');
      const jsonl = join(map, 'x.jsonl');
      writeFileSync(jsonl, [1, 2, 3].map((i) => JSON.stringify({ soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: '111222333', inschrijving_id: i === 1 ? '@SUM(1+1)' : `J-${i}`, crebo: '25180', leerweg: 'BBL', begindatum: '2016-08-01' })).join('\n') + '\n');

      const [uitCsv, uitJsonl] = await Promise.all([
        bron(['aanleveren', csv, '--instelling', '25LX', '--batch-id', 'b-csv'], env),
        bron(['aanleveren', jsonl, '--instelling', '25LX', '--batch-id', 'b-jsonl'], env),
      ]);
      // Progress goes to stderr; a failure would name the command there.
      expect([uitCsv.code, uitCsv.stderr]).toEqual([0, expect.not.stringMatching(/bron/)]);
      expect(uitCsv.stdout).toContain('5 records aangeleverd, 5 beantwoord');
      expect(uitCsv.stdout).toContain(`terugkoppeling geschreven naar ${join(map, 'x.csv.terugkoppeling.b-csv.csv')}`);
      expect([uitJsonl.code, uitJsonl.stderr]).toEqual([0, expect.not.stringMatching(/bron/)]);
      expect(uitJsonl.stdout).toContain(`terugkoppeling geschreven naar ${join(map, 'x.jsonl.terugkoppeling.b-jsonl.csv')}`);

      const regelsCsv = readFileSync(join(map, 'x.csv.terugkoppeling.b-csv.csv'), 'utf8').trim().split('\n');
      expect(regelsCsv).toHaveLength(6);
      // As Dutch Excel opens it: a byte order mark first, `;` between the cells.
      expect(readFileSync(join(map, 'x.csv.terugkoppeling.b-csv.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(regelsCsv[0]).toBe('recordnummer;regel;persoonsnummer;inschrijving_id;soort;codes;tekst');
      // The value comes back as text a spreadsheet shows, not as a formula it runs.
      const injectie = regelsCsv.find((r) => r.startsWith('1;'));
      expect(injectie).toContain(`;"'=cmd|' /C calc'!A0";`);
      expect(regelsCsv.some((r) => /;=|^=/.test(r))).toBe(false);
      const regelsJsonl = readFileSync(join(map, 'x.jsonl.terugkoppeling.b-jsonl.csv'), 'utf8').trim().split('\n');
      expect(regelsJsonl).toHaveLength(4);
      expect(regelsJsonl.find((r) => r.startsWith('1;'))).toContain(`;"'@SUM(1+1)";`);
      // No temporary files are left beside them.
      expect(readdirSync(map).sort()).toEqual(['x.csv', 'x.csv.terugkoppeling.b-csv.csv', 'x.jsonl', 'x.jsonl.terugkoppeling.b-jsonl.csv']);
    } finally {
      await antwoorder.sluit();
    }
  });

  it('writes no file under the final name when not every record is answered', async () => {
    const env = omgeving();
    const antwoorder = await standIn(env, '25LX', (r) => r.recordnummer === 2);
    try {
      const csv = join(map, 'half.csv');
      writeFileSync(csv, [KOP, 'INSCHRIJVING,25LX,123456782,H-1,25078,BOL,2016-08-01', 'INSCHRIJVING,25LX,123456782,H-2,25078,BOL,2016-08-01'].join('\n') + '\n');
      const { code, stderr } = await bron(['aanleveren', csv, '--instelling', '25LX', '--batch-id', 'half', '--timeout', '8'], env);
      expect(code).toBe(1);
      expect(stderr).toMatch(/geen antwoord binnen 8 s/);
      expect(readdirSync(map)).toEqual(['half.csv']);
    } finally {
      await antwoorder.sluit();
    }
  });
});

describe('bron dlq toon and herhaal against the real broker', () => {
  /** kafkajs's own info lines would bury the test output. */
  function stil(client: KafkaClient): KafkaClient {
    client.kafka.logger().setLogLevel(0);
    return client;
  }

  /** Dead letters as a consumer writes them: the original headers plus the dlq-* ones. */
  async function schrijfDeadLetters(env: NodeJS.ProcessEnv): Promise<void> {
    const client = stil(new KafkaClient('dlq-test', env.KAFKA_BROKERS!.split(','), env.BRON_TOPIC_PREFIX!));
    const dlq = deadLetterTopic(Topics.persoon);
    await client.ensureTopics([dlq, Topics.persoon]);
    const producer = client.producer();
    await producer.connect();
    const dlqHeaders = (consumer: string, offset: string, reden: string) => ({
      [Headers.deadLetterReason]: reden, [Headers.deadLetterTopic]: Topics.persoon, [Headers.deadLetterPartition]: '1',
      [Headers.deadLetterOffset]: offset, [Headers.deadLetterConsumer]: consumer,
    });
    const origineel = { [Headers.eventId]: 'ev-1', [Headers.eventType]: EventTypes.PersoonGewijzigd, [Headers.eventTime]: '2016-11-15T10:00:00.000Z', [Headers.correlationId]: 'c-1', [Headers.origin]: 'extern:BRP' };
    await producer.send({
      acks: -1, topic: client.physical(dlq), messages: [
        { key: '123456782', value: Buffer.from([0xc3, 0x01, 1, 2, 3]), headers: { ...origineel, ...dlqHeaders('aanlevering-extern', '7', '1 poging(en): onleesbaar') } },
        // The same event, given up on by a second consumer group: it must go back once.
        { key: '123456782', value: Buffer.from([0xc3, 0x01, 1, 2, 3]), headers: { ...origineel, ...dlqHeaders('bekostiging-extern', '7', '5 poging(en): kapot') } },
        // A message that came without headers: the inbox knows it by its position.
        { key: '111222333', value: Buffer.from('zonder headers'), headers: dlqHeaders('aanlevering-extern', '9', 'onleesbaar bericht: geen event-type') },
      ],
    });
    await producer.disconnect();
    await client.disconnect();
  }

  /** Everything on a topic now, read raw (replayed messages may be unreadable; that is why they were dead letters). */
  async function leesRuw(env: NodeJS.ProcessEnv, topic: string, aantal: number): Promise<KafkaMessage[]> {
    const client = stil(new KafkaClient('dlq-test-lezer', env.KAFKA_BROKERS!.split(','), env.BRON_TOPIC_PREFIX!));
    const consumer = client.consumer({ groupId: `lezer-${randomBytes(4).toString('hex')}` });
    const gelezen: KafkaMessage[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [client.physical(topic)], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`${aantal} berichten op ${topic} niet binnen 60 s gelezen (${gelezen.length})`)), 60_000);
        void consumer.run({ eachMessage: async ({ message }) => {
          gelezen.push(message);
          if (gelezen.length >= aantal) { clearTimeout(deadline); resolve(); }
        } });
      });
      return gelezen;
    } finally {
      await consumer.disconnect();
      await client.disconnect();
    }
  }

  it('toon lists the dead letters as a table and as JSON lines, and stops at the end', async () => {
    const env = omgeving();
    await schrijfDeadLetters(env);
    const tabel = await bron(['dlq', 'toon', Topics.persoon], env);
    expect(tabel.code).toBe(0);
    expect(tabel.stdout).toMatch(/ev-1 +PersoonGewijzigd +aanlevering-extern +extern\.public\.persoon\.v1\[1\]@7 +1 poging\(en\): onleesbaar/);
    expect(tabel.stdout).toContain('3 dead letter(s) in extern.public.persoon.v1.dlq');

    const json = await bron(['dlq', 'toon', `${Topics.persoon}.dlq`, '--json'], env);
    expect(json.code).toBe(0);
    const regels = json.stdout.trim().split('\n').map((r) => JSON.parse(r));
    expect(regels).toHaveLength(3);
    expect(regels[0]).toMatchObject({
      eventId: 'ev-1', eventType: EventTypes.PersoonGewijzigd, reason: '1 poging(en): onleesbaar', consumer: 'aanlevering-extern',
      originalTopic: Topics.persoon, originalPartition: 1, originalOffset: '7', key: '123456782', offset: '0',
    });
    expect(regels[2]).toMatchObject({ eventId: `${Topics.persoon}:1:9`, eventType: null, consumer: 'aanlevering-extern' });

    const leeg = await bron(['dlq', 'toon', Topics.vooropleiding], env);
    expect(leeg).toMatchObject({ code: 0, stdout: `geen dead letters in ${Topics.vooropleiding}.dlq\n` });
  });

  it('herhaal puts them back with their key, value and headers, without the dlq-* headers, once per event id', async () => {
    const env = omgeving();
    await schrijfDeadLetters(env);
    const een = await bron(['dlq', 'herhaal', Topics.persoon, '--event', 'ev-1'], env);
    expect(een.code).toBe(0);
    expect(een.stdout).toContain('1 dead letter(s) van extern.public.persoon.v1.dlq teruggezet op extern.public.persoon.v1');
    const alles = await bron(['dlq', 'herhaal', Topics.persoon, '--alles'], env);
    expect(alles.code).toBe(0);
    expect(alles.stdout).toContain('2 dead letter(s)');

    const terug = await leesRuw(env, Topics.persoon, 3);
    const headers = (m: KafkaMessage) => Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)]));
    expect(terug).toHaveLength(3);
    for (const m of terug) expect(Object.keys(headers(m)).filter((k) => k.startsWith('dlq-'))).toEqual([]);
    const ev1 = terug.filter((m) => headers(m)[Headers.eventId] === 'ev-1');
    // Replayed twice (by --event and by --alles): the same event id both times, so an inbox handles it once.
    expect(ev1).toHaveLength(2);
    expect(ev1[0].key?.toString()).toBe('123456782');
    expect(ev1[0].value).toEqual(Buffer.from([0xc3, 0x01, 1, 2, 3]));
    expect(headers(ev1[0])).toEqual({ [Headers.eventId]: 'ev-1', [Headers.eventType]: EventTypes.PersoonGewijzigd, [Headers.eventTime]: '2016-11-15T10:00:00.000Z', [Headers.correlationId]: 'c-1', [Headers.origin]: 'extern:BRP' });
    const zonder = terug.find((m) => m.key?.toString() === '111222333');
    expect(zonder?.value?.toString()).toBe('zonder headers');
    expect(headers(zonder!)).toEqual({ [Headers.eventId]: `${Topics.persoon}:1:9` });
  });

  it('herhaal refuses an event id that is not a dead letter, and asks for --event or --alles', async () => {
    const env = omgeving();
    await schrijfDeadLetters(env);
    expect(await bron(['dlq', 'herhaal', Topics.persoon, '--event', 'bestaat-niet'], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/geen dead letter met event-id bestaat-niet/) });
    expect(await bron(['dlq', 'herhaal', Topics.persoon], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--event <id> .* of --alles/) });
  });
});
