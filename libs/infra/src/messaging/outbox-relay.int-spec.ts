import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { openDatabase } from '../database/data-source';
import { createMessagingTables } from '../database/messaging-tables';
import { TestDatabase } from '../database/test-database';
import { KafkaClient } from '../kafka/kafka-client';
import { JsonLogger } from '../logging/json-logger';
import { wachtTot } from '../testing/wacht-tot';
import { nieuwBericht } from './bericht';
import type { BerichtCodec } from './codec';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

const jsonCodec: BerichtCodec = {
  encode: (_type, value) => Buffer.from(JSON.stringify(value)),
  decode: (bytes, type) => ({ type: type ?? 'onbekend', value: JSON.parse(bytes.toString()) }),
};

class RelaySchema1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'relay');
  }
  async down(): Promise<void> {}
}

/**
 * The real database, with one gate: the relay's look at the outbox that finds nothing waits until
 * the test opens it, so that a row can commit exactly while the relay is busy.
 */
function metPoort(dataSource: DataSource): { dataSource: DataSource; zetKlaar: (kanaal: string) => Promise<() => void> } {
  let poort: { binnen: () => void; open: Promise<void> } | undefined;
  const manager = (m: EntityManager): EntityManager =>
    new Proxy(m, {
      get(target, prop, receiver) {
        if (prop !== 'query') return Reflect.get(target, prop, receiver);
        return async (sql: string, params?: unknown[]) => {
          const rows = await target.query(sql, params);
          const huidige = poort;
          if (huidige && /FROM "relay"\.outbox ORDER BY id/.test(sql) && Array.isArray(rows) && rows.length === 0) {
            poort = undefined;
            huidige.binnen();
            await huidige.open;
          }
          return rows;
        };
      },
    });
  const metGate = new Proxy(dataSource, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return (werk: (m: EntityManager) => Promise<unknown>) => target.transaction((m) => werk(manager(m)));
    },
  });
  /** Arms the gate; resolves once the relay is held in an empty look, with the function that lets it go. */
  const zetKlaar = async (kanaal: string): Promise<() => void> => {
    let open!: () => void;
    let vast = false;
    const geopend = new Promise<void>((r) => (open = r));
    poort = { binnen: () => (vast = true), open: geopend };
    // A NOTIFY without a row makes the relay look; again until it is held (a look may be under way).
    await wachtTot('de relay kijkt in de outbox', async () => vast || void (await dataSource.query(`SELECT pg_notify($1, NULL)`, [kanaal])), 20_000);
    return open;
  };
  return { dataSource: metGate, zetKlaar };
}

describe('the outbox relay', () => {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const logger = new JsonLogger('relay', 'error');
  const topic = 'relay.public.uit.v1';
  let db: TestDatabase;
  let dataSource: DataSource;
  let kafka: KafkaClient;
  let relay: OutboxRelay;
  const ontvangen: string[] = [];
  const opruimen: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    db = await TestDatabase.maak();
    dataSource = await openDatabase({ url: db.url, schema: 'relay', migrations: [RelaySchema1700000000001] });
    kafka = new KafkaClient('relay', process.env.KAFKA_BROKERS!.split(','), prefix, logger);
    await kafka.ensureTopics([topic]);
    const lezer = kafka.consumer({ groupId: `lezer-${randomUUID()}` });
    const joined = new Promise<void>((r) => lezer.on(lezer.events.GROUP_JOIN, () => r()));
    await lezer.connect();
    await lezer.subscribe({ topics: [kafka.physical(topic)], fromBeginning: true });
    await lezer.run({ eachMessage: async ({ message }) => void ontvangen.push(JSON.parse(message.value!.toString()).id) });
    await joined;
    opruimen.push(() => lezer.disconnect());
  });

  afterAll(async () => {
    await relay?.stop();
    for (const stap of opruimen.reverse()) await stap();
    await kafka?.disconnect();
    await dataSource?.destroy();
    await db?.verwijder();
  });

  it('publishes a row that commits while it is busy at once, without waiting for its poll', async () => {
    const outbox = new Outbox('relay', jsonCodec);
    const { dataSource: metGate, zetKlaar } = metPoort(dataSource);
    // A poll far beyond the test's deadline: only the NOTIFY can bring the row out in time.
    relay = new OutboxRelay(metGate, 'relay', outbox.notifyChannel, kafka, logger, db.url, { pollMs: 600_000 });
    await relay.start();
    const schrijf = (id: string) => dataSource.transaction((m) => outbox.add(m, [nieuwBericht({ topic, key: id, type: 'Uit', value: { id }, origin: 'extern:proef' })]));

    await schrijf('eerst');
    await wachtTot('de eerste rij gepubliceerd', () => ontvangen.includes('eerst'), 20_000);

    // The relay is held in a look that found nothing; the row commits and its NOTIFY reaches the
    // relay's listener right then; only after that does the relay go on.
    const laatGaan = await zetKlaar(outbox.notifyChannel);
    const listener = (relay as unknown as { listener: Client }).listener;
    const gemeld = new Promise<void>((r) => listener.once('notification', () => r()));
    await schrijf('tijdens');
    await gemeld;
    laatGaan();

    await wachtTot('de rij die tijdens het kijken kwam, gepubliceerd', () => ontvangen.includes('tijdens'), 20_000);
    expect(await db.query(`SELECT count(*)::int AS n FROM relay.outbox`)).toEqual([{ n: 0 }]);
  });
});
