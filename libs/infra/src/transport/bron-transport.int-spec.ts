import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Module, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventTypes, Headers, Topics, bronCodec, deadLetterTopic, type HerberekeningGevraagd } from '@bron/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { startService } from '../bootstrap';
import { createMessagingTables } from '../database/messaging-tables';
import { TestDatabase } from '../database/test-database';
import { wachtTot } from '../testing/wacht-tot';
import { KafkaClient } from '../kafka/kafka-client';
import { PlatformClient } from '../kafka/platform-client';
import { nieuwBericht, type Ontvangen } from '../messaging/bericht';
import { OnverwerkbaarBerichtFout } from '../messaging/fouten';
import { PlatformModule } from '../platform.module';
import { BerichtContext } from './bericht-context';
import { BERICHT_CONSUMERS, type ConsumerDefinitie } from './bron-transport';

class ProefSchema1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'proef');
    await q.query(`CREATE TABLE proef.effect (event_id text PRIMARY KEY, handler text NOT NULL, topic text NOT NULL, aantal integer NOT NULL)`);
    await q.query(`CREATE TABLE proef.reeks (id serial PRIMARY KEY, types text[] NOT NULL)`);
  }
  async down(): Promise<void> {}
}

const effect = `INSERT INTO proef.effect (event_id, handler, topic, aantal) VALUES ($1, $2, $3, 1)
  ON CONFLICT (event_id) DO UPDATE SET aantal = proef.effect.aantal + 1`;

/** A handler per message and a handler of runs, as the services write them. */
@Controller()
class ProefHandler {
  readonly pogingen = new Map<string, number>();
  /** Until an operator's fix, a message with reden 'tot de fix' can never be handled. */
  gefikst = false;

  @EventPattern(EventTypes.HerberekeningGevraagd)
  async opVerzoek(@Payload() verzoek: HerberekeningGevraagd, @Ctx() context: BerichtContext): Promise<void> {
    const poging = (this.pogingen.get(context.metadata.eventId) ?? 0) + 1;
    this.pogingen.set(context.metadata.eventId, poging);
    if (verzoek.reden === 'onverwerkbaar') throw new OnverwerkbaarBerichtFout('dit verzoek kan nooit kloppen');
    if (verzoek.reden === 'eerst fout' && poging === 1) throw new Error('de database was even weg');
    if (verzoek.reden === 'tot de fix' && !this.gefikst) throw new OnverwerkbaarBerichtFout('nog niet te verwerken');
    await context.manager.query(effect, [context.metadata.eventId, 'enkel', context.topic]);
  }

  @EventPattern([EventTypes.PersoonGewijzigd, EventTypes.VooropleidingGeregistreerd], { reeks: true })
  async opExterneFeiten(@Payload() berichten: Ontvangen<typeof EventTypes.PersoonGewijzigd | typeof EventTypes.VooropleidingGeregistreerd>[], @Ctx() context: BerichtContext): Promise<void> {
    await context.manager.query(`INSERT INTO proef.reeks (types) VALUES ($1)`, [berichten.map((b) => b.type)]);
    for (const bericht of berichten) {
      // The union narrows by type: no cast on the value.
      const handler = bericht.type === EventTypes.PersoonGewijzigd ? `persoon:${bericht.value.bron}` : `vooropleiding:${bericht.value.soort}`;
      await context.manager.query(effect, [bericht.metadata.eventId, handler, bericht.topic]);
    }
  }
}

describe('BronTransport: @EventPattern handlers on the platform consumer, against the real broker and database', () => {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const consumers: ConsumerDefinitie[] = [{ groupId: 'proef', topics: [Topics.herberekening, Topics.persoon, Topics.vooropleiding] }];
  let db: TestDatabase;
  let app: INestApplication;
  let client: PlatformClient;
  let kafka: KafkaClient;
  const deadLetters: { headers: Record<string, string> }[] = [];

  const verzoek = (eventId: string, reden: string) => nieuwBericht<HerberekeningGevraagd>({
    topic: Topics.herberekening, key: '123456782', type: EventTypes.HerberekeningGevraagd, value: { persoonsnummer: '123456782', reden }, origin: 'extern:proef', eventId,
  });

  beforeAll(async () => {
    db = await TestDatabase.maak();
    const env = { BRON_TOPIC_PREFIX: prefix, DATABASE_URL: db.url, PROEF_PORT: '0', LOG_LEVEL: 'error' };
    @Module({
      imports: [PlatformModule.forService({ service: 'proef', defaultHttpPort: 0, migrations: [ProefSchema1700000000001], codec: bronCodec, env })],
      controllers: [ProefHandler],
      providers: [{ provide: BERICHT_CONSUMERS, useValue: consumers }],
    })
    class ProefModule {}
    app = await startService(ProefModule, { port: 0 });
    client = new PlatformClient({ ...process.env, BRON_TOPIC_PREFIX: prefix });
    kafka = new KafkaClient('proef-lezer', process.env.KAFKA_BROKERS!.split(','), prefix);
    const dlq = deadLetterTopic(Topics.herberekening);
    await kafka.ensureTopics([dlq]);
    const lezer = kafka.consumer({ groupId: `lezer-${randomUUID()}` });
    await lezer.connect();
    await lezer.subscribe({ topics: [kafka.physical(dlq)], fromBeginning: true });
    await lezer.run({
      eachMessage: async ({ message }) => {
        deadLetters.push({ headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])) });
      },
    });
    afterAllLezer = () => lezer.disconnect();
  });

  let afterAllLezer: () => Promise<void> = async () => undefined;

  afterAll(async () => {
    await afterAllLezer();
    await client?.sluit();
    await kafka?.disconnect();
    await app?.close();
    await db?.verwijder();
  });

  it('hands each message to its handler once, with its transaction and position, also when it is delivered again', async () => {
    await client.send([verzoek('v-1', 'prijsfactor'), verzoek('v-1', 'prijsfactor'), verzoek('v-2', 'prijsfactor')]);
    await client.send([verzoek('v-1', 'prijsfactor')]);
    await client.send([verzoek('v-3', 'daarna')]);
    await wachtTot('het laatste verzoek', async () => (await db.query(`SELECT 1 FROM proef.effect WHERE event_id = 'v-3'`))[0]);
    expect(await db.query(`SELECT event_id, handler, topic, aantal FROM proef.effect WHERE handler = 'enkel' ORDER BY event_id`)).toEqual([
      { event_id: 'v-1', handler: 'enkel', topic: Topics.herberekening, aantal: 1 },
      { event_id: 'v-2', handler: 'enkel', topic: Topics.herberekening, aantal: 1 },
      { event_id: 'v-3', handler: 'enkel', topic: Topics.herberekening, aantal: 1 },
    ]);
  });

  it('gives a reeks handler consecutive messages of its types at once, each handled once', async () => {
    const feiten = Array.from({ length: 60 }, (_, i) => i % 3 === 0
      ? nieuwBericht({ topic: Topics.vooropleiding, key: 'p', type: EventTypes.VooropleidingGeregistreerd, value: { persoonsnummer: 'p', bron: 'DUO', soort: 'HAVO', diploma: true, datum: '2015-07-01' }, origin: 'extern:proef', eventId: `f-${i}` })
      : nieuwBericht({ topic: Topics.persoon, key: 'p', type: EventTypes.PersoonGewijzigd, value: { persoonsnummer: 'p', bron: 'BRP', geboortedatum: null, nationaliteit: null, officieleVoornamen: null, verblijfsstatus: [] }, origin: 'extern:proef', eventId: `f-${i}` }));
    await client.send(feiten);
    const gehad = await wachtTot('alle feiten', async () => {
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM proef.effect WHERE event_id LIKE 'f-%'`);
      return n === 60 ? n : undefined;
    });
    expect(gehad).toBe(60);
    expect(await db.query(`SELECT DISTINCT handler, aantal FROM proef.effect WHERE event_id LIKE 'f-%' ORDER BY handler`)).toEqual([
      { handler: 'persoon:BRP', aantal: 1 },
      { handler: 'vooropleiding:HAVO', aantal: 1 },
    ]);
    const reeksen = await db.query<{ types: string[] }>(`SELECT types FROM proef.reeks`);
    // Sent in one go: at least one run held more than one message (both topics' messages were batched).
    expect(Math.max(...reeksen.map((r) => r.types.length))).toBeGreaterThan(1);
    expect(reeksen.flatMap((r) => r.types).length).toBe(60);
  });

  it('retries a failing handler and then commits its effect once', async () => {
    await client.send([verzoek('e-1', 'eerst fout')]);
    const rij = await wachtTot('het verzoek na een fout', async () => (await db.query(`SELECT aantal FROM proef.effect WHERE event_id = 'e-1'`))[0]);
    expect(rij).toEqual({ aantal: 1 });
    expect(app.get(ProefHandler).pogingen.get('e-1')).toBe(2);
  });

  it('puts a message its handler refuses in the dead-letter topic with the handler\'s own reason, and one nobody handles too', async () => {
    await client.send([verzoek('o-1', 'onverwerkbaar')]);
    const geweigerd = await wachtTot('dead letter', () => deadLetters.find((d) => d.headers[Headers.eventId] === 'o-1'));
    expect(geweigerd.headers[Headers.deadLetterReason]).toBe('1 poging(en): dit verzoek kan nooit kloppen');
    expect(geweigerd.headers[Headers.deadLetterConsumer]).toBe('proef');

    // A known event type on a topic of this consumer, but no @EventPattern for it.
    await client.send([nieuwBericht({ topic: Topics.herberekening, key: 'b', type: EventTypes.AanleverBatchAfgesloten, value: { batchId: 'b', aantalRecords: 1, bestandsnaam: null }, origin: 'extern:proef', eventId: 'n-1' })]);
    const onbekend = await wachtTot('dead letter zonder handler', () => deadLetters.find((d) => d.headers[Headers.eventId] === 'n-1'));
    expect(onbekend.headers[Headers.deadLetterReason]).toBe(`1 poging(en): consumer proef heeft geen handler voor ${EventTypes.AanleverBatchAfgesloten} (topic ${Topics.herberekening})`);
  });

  it('handles a dead letter put back after a fix once, however often it is put back', async () => {
    await client.send([verzoek('h-1', 'tot de fix')]);
    await wachtTot('dead letter voor de fix', () => deadLetters.find((d) => d.headers[Headers.eventId] === 'h-1'));
    expect(await db.query(`SELECT * FROM proef.effect WHERE event_id = 'h-1'`)).toEqual([]);

    app.get(ProefHandler).gefikst = true;
    // Put back twice with its own event id (as `bron dlq herhaal` does), then a marker behind it.
    await client.send([verzoek('h-1', 'tot de fix')]);
    await client.send([verzoek('h-1', 'tot de fix'), verzoek('h-2', 'daarna')]);
    await wachtTot('het bericht na de herhaling', async () => (await db.query(`SELECT 1 FROM proef.effect WHERE event_id = 'h-2'`))[0]);
    expect(await db.query(`SELECT aantal FROM proef.effect WHERE event_id = 'h-1'`)).toEqual([{ aantal: 1 }]);
    expect(deadLetters.filter((d) => d.headers[Headers.eventId] === 'h-1')).toHaveLength(1);
  });

  it('says on /health/ready that Kafka, the database, the relay and its consumer are up', async () => {
    const antwoord = await fetch(`${await app.getUrl()}/health/ready`);
    expect(antwoord.status).toBe(200);
    expect(await antwoord.json()).toMatchObject({
      status: 'ok',
      info: { kafka: { status: 'up' }, database: { status: 'up' }, 'outbox-relay': { status: 'up' }, 'consumer:proef': { status: 'up' } },
    });
  });
});
