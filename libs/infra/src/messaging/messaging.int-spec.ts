import { randomBytes, randomUUID } from 'node:crypto';
import { Headers, deadLetterTopic } from '@bron/contracts';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { openDatabase } from '../database/data-source';
import { createMessagingTables } from '../database/messaging-tables';
import { TestDatabase } from '../database/test-database';
import { KafkaClient } from '../kafka/kafka-client';
import { PlatformClient } from '../kafka/platform-client';
import { JsonLogger } from '../logging/json-logger';
import { nieuwBericht, type OntvangenBericht } from './bericht';
import { BerichtConsumer, type BerichtHandler } from './bericht-consumer';
import type { BerichtCodec } from './codec';
import { OnverwerkbaarBerichtFout } from './fouten';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

/** A codec for plain JSON values, so that this test exercises the mechanism, not the schemas. */
const jsonCodec: BerichtCodec = {
  encode: (_type, value) => Buffer.from(JSON.stringify(value)),
  decode: (bytes, type) => {
    if (bytes[0] !== 0x7b) throw new Error('geen JSON-object');
    return { type: type ?? 'onbekend', value: JSON.parse(bytes.toString()) };
  },
};

class ProefSchema1700000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'proef');
    await q.query(`CREATE TABLE proef.effect (id text PRIMARY KEY, aantal integer NOT NULL)`);
  }
  async down(): Promise<void> {}
}

/** Counts each handled message in proef.effect and publishes one event per message. */
class TelHandler implements BerichtHandler {
  constructor(readonly topics: string[], private readonly outbox: Outbox, private readonly faalVoor: Set<string> = new Set()) {}

  async handle(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    const { id } = bericht.value as { id: string };
    if (this.faalVoor.has(id)) throw new Error(`opzettelijke fout voor ${id}`);
    if (id === 'onverwerkbaar') throw new OnverwerkbaarBerichtFout('dit feit kan nooit kloppen');
    await manager.query(`INSERT INTO proef.effect (id, aantal) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET aantal = proef.effect.aantal + 1`, [id]);
    await this.outbox.add(manager, [nieuwBericht({ topic: 'proef.public.geteld.v1', key: id, type: 'Geteld', value: { id } }, bericht)]);
  }
}

describe('outbox, inbox and dead letters against the real broker and database', () => {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const env: NodeJS.ProcessEnv = { ...process.env, BRON_TOPIC_PREFIX: prefix };
  const logger = new JsonLogger('proef', 'error');
  let db: TestDatabase;
  let dataSource: DataSource;
  let kafka: KafkaClient;
  let relay: OutboxRelay;
  let consumer: BerichtConsumer;
  let client: PlatformClient;
  const ruw: { topic: string; headers: Record<string, string>; value: Buffer }[] = [];

  beforeAll(async () => {
    db = await TestDatabase.maak();
    dataSource = await openDatabase({ url: db.url, schema: 'proef', migrations: [ProefSchema1700000000000] });
    kafka = new KafkaClient('proef', env.KAFKA_BROKERS!.split(','), prefix, logger);
    const outbox = new Outbox('proef', jsonCodec);
    relay = new OutboxRelay(dataSource, 'proef', outbox.notifyChannel, kafka, logger, db.url);
    await relay.start();
    consumer = new BerichtConsumer(dataSource, 'proef', kafka, jsonCodec, outbox, logger, {
      groupId: 'proef', handler: new TelHandler(['proef.public.in.v1'], outbox, new Set(['altijd-fout'])), maxAttempts: 3, retryDelayMs: 20,
    });
    await consumer.start();
    await consumer.waitUntilJoined();

    // A raw reader of everything the relay publishes, dead letters included.
    const lezer = kafka.consumer({ groupId: `lezer-${randomUUID()}` });
    await kafka.ensureTopics(['proef.public.geteld.v1']);
    await lezer.connect();
    await lezer.subscribe({ topics: [kafka.physical('proef.public.geteld.v1'), kafka.physical(deadLetterTopic('proef.public.in.v1'))], fromBeginning: true });
    await lezer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        ruw.push({ topic: kafka.logical(topic), headers, value: message.value ?? Buffer.alloc(0) });
      },
    });
    afterAllDisconnect.push(() => lezer.disconnect());
    client = new PlatformClient(env);
  });

  const afterAllDisconnect: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of afterAllDisconnect) await stop();
    await client?.sluit();
    await consumer?.stop();
    await relay?.stop();
    await kafka?.disconnect();
    await dataSource?.destroy();
    await db?.verwijder();
  });

  async function wachtTot<T>(wat: string, f: () => T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = f();
      if (r !== undefined) return r;
      if (Date.now() > deadline) throw new Error(`niet binnen de tijd: ${wat}`);
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  async function stuurRuw(value: Buffer, eventId: string, key = 'k'): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: kafka.physical('proef.public.in.v1'), messages: [{ key, value, headers: { [Headers.eventId]: eventId, [Headers.eventType]: 'In', [Headers.origin]: 'extern:proef' } }] });
    await producer.disconnect();
  }

  it('handles a message delivered twice only once: one state change, one outgoing event', async () => {
    const eventId = randomUUID();
    await stuurRuw(Buffer.from(JSON.stringify({ id: 'dubbel' })), eventId);
    await stuurRuw(Buffer.from(JSON.stringify({ id: 'dubbel' })), eventId);
    await stuurRuw(Buffer.from(JSON.stringify({ id: 'daarna' })), randomUUID());
    await wachtTot('het bericht na de dubbele', () => ruw.find((r) => JSON.parse(r.value.toString()).id === 'daarna'));
    const [{ aantal }] = await db.query<{ aantal: number }>(`SELECT aantal FROM proef.effect WHERE id = 'dubbel'`);
    expect(aantal).toBe(1);
    const uit = ruw.filter((r) => r.topic === 'proef.public.geteld.v1' && JSON.parse(r.value.toString()).id === 'dubbel');
    expect(uit).toHaveLength(1);
    expect(uit[0].headers[Headers.causationId]).toBe(eventId);
    expect(uit[0].headers[Headers.origin]).toBe('extern:proef');
  });

  it('sends an unreadable message to <topic>.dlq with its reason, and the partition moves on', async () => {
    await stuurRuw(Buffer.from([0xc3, 0x01, 0xff]), 'kapot-1', 'zelfde-sleutel');
    await stuurRuw(Buffer.from(JSON.stringify({ id: 'na-kapot' })), randomUUID(), 'zelfde-sleutel');
    const dood = await wachtTot('dead letter', () => ruw.find((r) => r.topic === deadLetterTopic('proef.public.in.v1') && r.headers[Headers.eventId] === 'kapot-1'));
    expect(dood.headers[Headers.deadLetterReason]).toMatch(/^onleesbaar bericht: geen JSON-object/);
    expect(dood.headers[Headers.deadLetterTopic]).toBe('proef.public.in.v1');
    expect(dood.headers[Headers.deadLetterConsumer]).toBe('proef');
    expect(dood.value).toEqual(Buffer.from([0xc3, 0x01, 0xff]));
    await wachtTot('het bericht erna', () => ruw.find((r) => r.topic === 'proef.public.geteld.v1' && JSON.parse(r.value.toString()).id === 'na-kapot'));
  });

  it('gives a failing handler bounded attempts, then dead-letters the message with the last error', async () => {
    await stuurRuw(Buffer.from(JSON.stringify({ id: 'altijd-fout' })), 'fout-1');
    const dood = await wachtTot('dead letter na pogingen', () => ruw.find((r) => r.headers[Headers.eventId] === 'fout-1' && r.topic.endsWith('.dlq')));
    expect(dood.headers[Headers.deadLetterReason]).toBe('3 poging(en): opzettelijke fout voor altijd-fout');
    expect(await db.query(`SELECT * FROM proef.effect WHERE id = 'altijd-fout'`)).toEqual([]);
  });

  it('dead-letters a message the domain can never accept without retrying it', async () => {
    await stuurRuw(Buffer.from(JSON.stringify({ id: 'onverwerkbaar' })), 'onverwerkbaar-1');
    const dood = await wachtTot('dead letter', () => ruw.find((r) => r.headers[Headers.eventId] === 'onverwerkbaar-1' && r.topic.endsWith('.dlq')));
    expect(dood.headers[Headers.deadLetterReason]).toBe('1 poging(en): dit feit kan nooit kloppen');
  });

  it('empties the outbox once Kafka has acknowledged every event', async () => {
    const deadline = Date.now() + 10_000;
    let rijen = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM proef.outbox`);
    while (rijen[0].n > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      rijen = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM proef.outbox`);
    }
    expect(rijen[0].n).toBe(0);
    // 3 counted messages + 3 dead letters (the duplicate was not published again)
    expect(relay.publishedCount).toBe(6);
  });
});
