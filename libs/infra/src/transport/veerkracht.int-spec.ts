import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Module, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, Topics, bronCodec, type HerberekeningGevraagd } from '@bron/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { startService } from '../bootstrap';
import { createMessagingTables } from '../database/messaging-tables';
import { TestDatabase } from '../database/test-database';
import { KafkaClient } from '../kafka/kafka-client';
import { PlatformClient } from '../kafka/platform-client';
import { nieuwBericht } from '../messaging/bericht';
import { retentieInstellingen } from '../messaging/inbox-retentie';
import { PlatformModule } from '../platform.module';
import { ServiceRuntime } from '../service-runtime';
import { wachtTot } from '../testing/wacht-tot';
import { BerichtContext } from './bericht-context';
import { BERICHT_CONSUMERS, type ConsumerDefinitie } from './bron-transport';

// Short sessions and limits, so that "longer than the session timeout" and "stands still" take seconds.
// Jest gives each test file its own process.env; the kafkajs client reads these when it is made.
Object.assign(process.env, {
  KAFKA_SESSION_TIMEOUT_MS: '2000',
  KAFKA_HEARTBEAT_INTERVAL_MS: '300',
  BRON_CONSUMER_STILSTAND_MS: '1000',
  BRON_CONSUMER_OPGEVEN_MS: '4000',
  BRON_OUTBOX_MAX_POGINGEN: '2',
  BRON_INBOX_OPRUIM_BATCH: '2',
});

const PERSOONSNUMMER = '123456782';

class ProefSchema1700000000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'proef');
    await q.query(`CREATE TABLE proef.effect (event_id text PRIMARY KEY, aantal integer NOT NULL)`);
  }
  async down(): Promise<void> {}
}

/** Fails, as a lost database connection would, while `storingTot` lies in the future. */
@Controller()
class ProefHandler {
  storingTot = 0;
  readonly pogingen = new Map<string, number>();

  @EventPattern(EventTypes.HerberekeningGevraagd)
  async opVerzoek(@Payload() _verzoek: HerberekeningGevraagd, @Ctx() context: BerichtContext): Promise<void> {
    this.pogingen.set(context.metadata.eventId, (this.pogingen.get(context.metadata.eventId) ?? 0) + 1);
    if (Date.now() < this.storingTot) throw new Error('Connection terminated unexpectedly');
    await context.manager.query(`INSERT INTO proef.effect (event_id, aantal) VALUES ($1, 1) ON CONFLICT (event_id) DO UPDATE SET aantal = proef.effect.aantal + 1`, [context.metadata.eventId]);
  }
}

describe('nothing stops and nothing is lost: consumers, relay, retention and logs against the real broker and database', () => {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const consumers: ConsumerDefinitie[] = [{ groupId: 'proef', topics: [Topics.herberekening] }];
  let db: TestDatabase;
  let app: INestApplication;
  let client: PlatformClient;
  let kafka: KafkaClient;
  let url: string;
  const regels: string[] = [];
  const herstel: (() => void)[] = [];

  interface Gezondheid { status: number; body: { details: Record<string, Record<string, unknown>> } }
  async function health(soort: 'ready' | 'live'): Promise<Gezondheid> {
    const antwoord = await fetch(`${url}/health/${soort}`);
    return { status: antwoord.status, body: (await antwoord.json()) as Gezondheid['body'] };
  }

  const verzoek = (eventId: string) => nieuwBericht<HerberekeningGevraagd>({
    topic: Topics.herberekening, key: PERSOONSNUMMER, type: EventTypes.HerberekeningGevraagd, value: { persoonsnummer: PERSOONSNUMMER, reden: 'proef' }, origin: 'extern:proef', eventId,
  });

  const effect = async (eventId: string) => (await db.query<{ aantal: number }>(`SELECT aantal FROM proef.effect WHERE event_id = $1`, [eventId]))[0];

  async function leden(): Promise<string[]> {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([`${prefix}proef`]);
      return groups[0].members.map((m) => m.memberId);
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    // Every line the service writes, from here on: stdout, stderr and the console (TypeORM's own loggers use it).
    const vang = (doel: { write: (...args: never[]) => boolean }) => {
      const origineel = doel.write;
      doel.write = ((stuk: string | Uint8Array) => {
        regels.push(...String(stuk).split('\n').filter(Boolean));
        return true;
      }) as typeof doel.write;
      herstel.push(() => (doel.write = origineel));
    };
    vang(process.stdout);
    vang(process.stderr);
    for (const methode of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const origineel = console[methode];
      console[methode] = (...args: unknown[]) => regels.push(args.map(String).join(' '));
      herstel.push(() => (console[methode] = origineel));
    }

    db = await TestDatabase.maak();
    const env = { BRON_TOPIC_PREFIX: prefix, DATABASE_URL: db.url, PROEF_PORT: '0', LOG_LEVEL: 'info' };
    @Module({
      imports: [PlatformModule.forService({ service: 'proef', defaultHttpPort: 0, migrations: [ProefSchema1700000000002], codec: bronCodec, env })],
      controllers: [ProefHandler],
      providers: [{ provide: BERICHT_CONSUMERS, useValue: consumers }],
    })
    class ProefModule {}
    app = await startService(ProefModule, { port: 0 });
    url = await app.getUrl();
    client = new PlatformClient({ ...process.env, BRON_TOPIC_PREFIX: prefix });
    kafka = new KafkaClient('proef-lezer', process.env.KAFKA_BROKERS!.split(','), prefix);
    await client.send([verzoek('start')]);
    await wachtTot('het eerste verzoek', () => effect('start'), 90_000);
  });

  afterAll(async () => {
    await client?.sluit();
    await kafka?.disconnect();
    await app?.close();
    await db?.verwijder();
    for (const h of herstel.reverse()) h();
  });

  it('keeps its group membership while a message fails for longer than the session timeout, is not ready meanwhile, and handles it once afterwards', async () => {
    const handler = app.get(ProefHandler);
    await wachtTot('ready', async () => ((await health('ready')).status === 200 ? true : undefined), 90_000);
    const voor = await leden();
    expect(voor).toHaveLength(1);

    handler.storingTot = Date.now() + 6_000; // three session timeouts
    await client.send([verzoek('lang-fout')]);
    const nietKlaar = await wachtTot('not ready while it cannot go on', async () => {
      const h = await health('ready');
      return h.status === 503 ? h : undefined;
    }, 90_000);
    expect(nietKlaar.body.details['consumer:proef']).toMatchObject({ status: 'down', consumer: 'actief' });
    expect(nietKlaar.body.details['consumer:proef'].stilstandMs).toBeGreaterThan(1000);

    await wachtTot('the message handled', () => effect('lang-fout'), 90_000);
    await wachtTot('ready again', async () => ((await health('ready')).status === 200 ? true : undefined), 90_000);
    expect(await effect('lang-fout')).toEqual({ aantal: 1 });
    expect(handler.pogingen.get('lang-fout')).toBeGreaterThan(2);
    // The same member, never thrown out, never restarted.
    expect(await leden()).toEqual(voor);
    expect(app.get(ServiceRuntime).gestarteConsumers[0].gezondheid().herstarts).toBe(0);
    expect(regels.some((r) => r.includes('"consumer_gestopt"'))).toBe(false);
  });

  it('recovers a crashed consumer by itself; health says not ready meanwhile and not live once recovery keeps failing', async () => {
    // The inbox gone: the dead-letter write itself fails, outside any handler, and the consumer crashes.
    await db.query(`ALTER TABLE proef.inbox RENAME TO inbox_weg`);
    await client.send([verzoek('na-crash')]);
    const gecrasht = await wachtTot('not ready after the crash', async () => {
      const h = await health('ready');
      return h.status === 503 && h.body.details['consumer:proef'].consumer !== 'actief' ? h : undefined;
    }, 90_000);
    expect(['gecrasht', 'herstarten']).toContain(gecrasht.body.details['consumer:proef'].consumer);
    const dood = await wachtTot('not live while restarts keep failing', async () => {
      const h = await health('live');
      return h.status === 503 ? h : undefined;
    }, 90_000);
    expect(dood.body.details['consumer:proef']).toMatchObject({ status: 'down' });
    const gestopt = regels.map((r) => JSON.parse(r)).find((r) => r.event === 'consumer_gestopt');
    expect(gestopt).toMatchObject({ level: 'error', groupId: 'proef' });
    expect(gestopt.reason).toMatch(/inbox/);

    await db.query(`ALTER TABLE proef.inbox_weg RENAME TO inbox`);
    await wachtTot('the message handled after the restart', () => effect('na-crash'), 90_000);
    await wachtTot('ready again', async () => ((await health('ready')).status === 200 ? true : undefined), 90_000);
    await wachtTot('live again', async () => ((await health('live')).status === 200 ? true : undefined), 90_000);
    expect(await effect('na-crash')).toEqual({ aantal: 1 });
    expect(app.get(ServiceRuntime).gestarteConsumers[0].gezondheid().herstarts).toBeGreaterThan(0);
    expect(regels.some((r) => r.includes('"consumer_hersteld"'))).toBe(true);
  });

  it('handles every message of a stream exactly once while the database connections are terminated again and again, without a restart', async () => {
    const runtime = app.get(ServiceRuntime);
    const herstartsVoor = runtime.gestarteConsumers[0].gezondheid().herstarts;
    const ids = Array.from({ length: 300 }, (_, i) => `stroom-${i}`);
    let doorgaan = true;
    let beeindigd = 0;
    const moordenaar = (async () => {
      const einde = Date.now() + 8_000;
      while (doorgaan && Date.now() < einde) {
        const rijen = await db.query<{ ok: boolean }>(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [db.naam]);
        beeindigd += rijen.filter((r) => r.ok).length;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    for (let i = 0; i < ids.length; i += 30) {
      await client.send(ids.slice(i, i + 30).map(verzoek));
      await new Promise((r) => setTimeout(r, 200));
    }
    await moordenaar;
    doorgaan = false;
    expect(beeindigd).toBeGreaterThan(0);
    await wachtTot('every message of the stream', async () => {
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM proef.effect WHERE event_id LIKE 'stroom-%'`);
      return n === ids.length ? n : undefined;
    }, 90_000);
    expect(await db.query(`SELECT event_id FROM proef.effect WHERE event_id LIKE 'stroom-%' AND aantal <> 1`)).toEqual([]);
    expect(await db.query(`SELECT event_id FROM proef.inbox WHERE event_id LIKE 'stroom-%' AND dead_lettered`)).toEqual([]);
    expect(runtime.gestarteConsumers[0].gezondheid().herstarts).toBe(herstartsVoor);
    await wachtTot('ready again', async () => ((await health('ready')).status === 200 ? true : undefined), 90_000);
  });

  it('moves an outbox row Kafka refuses (larger than the broker takes) to outbox_dead_letter and publishes the rows behind it', async () => {
    const runtime = app.get(ServiceRuntime);
    const topic = 'proef.internal.groot.v1';
    await kafka.ensureTopics([topic]);
    const ontvangen: string[] = [];
    const lezer = kafka.consumer({ groupId: `lezer-${randomUUID()}` });
    const joined = new Promise<void>((resolve) => lezer.on(lezer.events.GROUP_JOIN, () => resolve()));
    await lezer.connect();
    await lezer.subscribe({ topics: [kafka.physical(topic)], fromBeginning: true });
    await lezer.run({ eachMessage: async ({ message }) => void ontvangen.push(message.key!.toString()) });
    await joined;
    try {
      await runtime.inTransaction(async (manager) => {
        for (const [key, grootte] of [['klein-1', 10], ['te-groot', 1_500_000], ['klein-2', 10]] as const) {
          await runtime.outbox.addRaw(manager, { eventId: key, topic, key, eventType: 'Proef', payload: Buffer.alloc(grootte, 1), headers: { 'event-id': key } });
        }
      });
      await wachtTot('the rows behind it published', () => (ontvangen.includes('klein-2') ? true : undefined), 90_000);
      expect(ontvangen).toEqual(['klein-1', 'klein-2']);
      const [rij] = await db.query<{ event_id: string; reason: string; attempts: number; grootte: number }>(
        `SELECT event_id, reason, attempts, length(payload) AS grootte FROM proef.outbox_dead_letter`,
      );
      expect(rij).toMatchObject({ event_id: 'te-groot', attempts: 2, grootte: 1_500_000 });
      expect(rij.reason).toMatch(/large|MESSAGE_TOO_LARGE/i);
      expect(await db.query(`SELECT id FROM proef.outbox`)).toEqual([]);
      const ready = await health('ready');
      expect(ready.body.details['outbox-dead-letter']).toEqual({ status: 'up', aantal: 1 });
      expect(regels.some((r) => r.includes('"outbox_dead_letter"'))).toBe(true);
    } finally {
      await lezer.disconnect();
    }
  });

  it('removes inbox rows older than the retention in batches and keeps recent ones; refuses a retention not longer than the topics\'', async () => {
    await db.query(`INSERT INTO proef.inbox (consumer, event_id, topic, partition, "offset", handled_at)
      SELECT 'proef', 'oud-' || i, 't', 0, i, now() - interval '15 days' FROM generate_series(1, 5) AS i`);
    await db.query(`INSERT INTO proef.inbox (consumer, event_id, topic, partition, "offset", handled_at) VALUES ('proef', 'recent', 't', 0, 9, now() - interval '13 days')`);
    const verwijderd = await app.get(ServiceRuntime).inboxRetentie.ruimOp();
    expect(verwijderd).toBe(5);
    expect(await db.query(`SELECT event_id FROM proef.inbox WHERE event_id LIKE 'oud-%'`)).toEqual([]);
    expect(await db.query(`SELECT event_id FROM proef.inbox WHERE event_id = 'recent'`)).toEqual([{ event_id: 'recent' }]);
    expect(() => retentieInstellingen({ BRON_INBOX_RETENTIE_DAGEN: '7', KAFKA_TOPIC_RETENTIE_DAGEN: '7' })).toThrow(/must be longer/);
    expect(retentieInstellingen({})).toMatchObject({ inboxDagen: 14, topicDagen: 7 });
  });

  it('logs only JSON lines, and no persoonsnummer or quoted value, also after failing queries with one in their parameters', async () => {
    const { dataSource } = app.get(ServiceRuntime);
    await dataSource.query(`INSERT INTO proef.effect (event_id, aantal) VALUES ($1, 1)`, [`dubbel-${PERSOONSNUMMER}`]);
    await expect(dataSource.query(`INSERT INTO proef.effect (event_id, aantal) VALUES ($1, 1)`, [`dubbel-${PERSOONSNUMMER}`])).rejects.toThrow(/duplicate key/);
    await expect(dataSource.query(`SELECT $1::int`, [`Jansen ${PERSOONSNUMMER}`])).rejects.toThrow(/invalid input syntax/);
    await wachtTot('the failed queries logged', () => (regels.filter((r) => r.includes('query mislukt')).length >= 2 ? true : undefined), 90_000);
    const geenJson = regels.filter((r) => {
      try {
        return typeof JSON.parse(r) !== 'object';
      } catch {
        return true;
      }
    });
    expect(geenJson).toEqual([]);
    expect(regels.filter((r) => r.includes(PERSOONSNUMMER) || r.includes('Jansen'))).toEqual([]);
    expect(regels.some((r) => /PARAMETERS|INSERT INTO/.test(r))).toBe(false);
  });
});
