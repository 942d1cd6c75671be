import { randomBytes, randomUUID } from 'node:crypto';
import { EventTypes, Headers, InstellingTopics, Topics, bronCodec, deadLetterTopic, type EventType } from '@bron/contracts';
import { ServiceSupervisor } from '@bron/devtools';
import { KafkaClient, TestDatabase, wachtTot } from '@bron/infra';
import type { Consumer, Producer } from 'kafkajs';

/**
 * Poison on every topic a service consumes, against the real broker and database with the four
 * services as processes: undecodable bytes, an unknown schema fingerprint, valid Avro of a type no
 * consumer of that topic takes, and valid Avro with impossible content. Each ends in `<topic>.dlq`
 * with its reason and its original headers, once per consumer group that reads the topic, and
 * every consumer goes on past it (its committed offset moves beyond the poison).
 */
describe('poison on every consumed topic: a dead letter with its reason, and the consumer goes on', () => {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let kafka: KafkaClient;
  let producer: Producer;
  let lezer: Consumer;
  const deadLetters: { topic: string; headers: Record<string, string>; value: Buffer }[] = [];

  /** Who reads what (the services' BERICHT_CONSUMERS). */
  const LEZERS: Record<string, string[]> = {
    [InstellingTopics.aanlevering('25LX')]: ['aanlevering'],
    [Topics.persoon]: ['aanlevering-extern', 'bekostiging'],
    [Topics.vooropleiding]: ['aanlevering-extern', 'bekostiging'],
    [Topics.studentfeit]: ['bekostiging'],
    [Topics.kwalificatie]: ['aanlevering-extern', 'bekostiging'],
    [Topics.herberekening]: ['bekostiging'],
    [Topics.basisset]: ['foto'],
    [Topics.basissetwijziging]: ['notificatie'],
    [Topics.fotoAanvraag]: ['foto-aanvraag'],
  };

  /** A type that no consumer of any of these topics handles. */
  const VREEMD_TYPE: EventType = EventTypes.Notificatie;
  const vreemd = bronCodec.encode(VREEMD_TYPE, {
    notificatieId: 'n', instelling: '25LX', persoonsnummer: '123456782', inschrijvingId: 'I', wijzigingen: [], oorzaak: { soort: 'EXTERN', omschrijving: 'x', bron: null }, tekst: 'x',
  });

  interface Gif {
    readonly naam: string;
    readonly topic: string;
    readonly value: Buffer;
    readonly type?: string;
    /** The dead letter's reason, per consumer group. */
    readonly reden: (groep: string) => RegExp;
    /** The consumer groups that refuse it (default: every reader of the topic). */
    readonly groepen?: string[];
  }

  const gif: Gif[] = Object.keys(LEZERS).flatMap((topic): Gif[] => [
    { naam: 'onleesbare bytes', topic, value: Buffer.from([0x00, 0xff, 0x13, 0x37]), reden: () => /^onleesbaar bericht: / },
    { naam: 'onbekende vingerafdruk', topic, value: Buffer.concat([Buffer.from([0xc3, 0x01]), randomBytes(8), Buffer.from('rest')]), reden: () => /^onleesbaar bericht: / },
    {
      naam: 'vreemd type', topic, value: vreemd, type: VREEMD_TYPE,
      reden: (groep: string) => new RegExp(`^1 poging\\(en\\): consumer ${groep} heeft geen handler voor ${VREEMD_TYPE.replace(/\./g, '\\.')}`),
    },
  ]).concat([
    {
      naam: 'onmogelijke leerweg', topic: Topics.studentfeit, type: EventTypes.InschrijvingBijgewerkt, reden: () => /^1 poging\(en\): leerweg XYZ onbekend$/,
      value: bronCodec.encode(EventTypes.InschrijvingBijgewerkt, {
        persoonsnummer: '123456782', instelling: '25LX', inschrijvingId: 'I-1', versie: 1, verwijderd: false, crebo: '25078', leerweg: 'XYZ', intensiteit: 'VT',
        begin: '2016-08-01', einde: null, redenUitschrijving: null, bpv: [],
      }),
    },
    // A prijsfactor change of an unknown crebo is no poison: the intake answers it refused (X05, libs/aanlevering/src/extern-feit.spec.ts).
  ]);

  beforeAll(async () => {
    db = await TestDatabase.maak();
    const env = { DATABASE_URL: db.url, BRON_TOPIC_PREFIX: prefix, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: '25LX', LOG_LEVEL: 'error' };
    services = new ServiceSupervisor({ env });
    await services.start();
    kafka = new KafkaClient('gif', process.env.KAFKA_BROKERS!.split(','), prefix);
    producer = kafka.producer();
    await producer.connect();
    const dlqs = Object.keys(LEZERS).map(deadLetterTopic);
    await kafka.ensureTopics(dlqs);
    lezer = kafka.consumer({ groupId: `gif-lezer-${randomUUID()}` });
    await lezer.connect();
    await lezer.subscribe({ topics: dlqs.map((t) => kafka.physical(t)), fromBeginning: true });
    await lezer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        deadLetters.push({ topic: kafka.logical(topic), headers, value: message.value ?? Buffer.alloc(0) });
      },
    });
  });

  afterAll(async () => {
    await lezer?.disconnect();
    await producer?.disconnect();
    await kafka?.disconnect();
    await services?.stop();
    await db?.verwijder();
  });

  it('dead-letters each poison message once per consumer group that reads it, with its reason and original headers, and every consumer goes on', async () => {
    const verzonden = new Map<string, { gif: Gif; partition: number; offset: string }>();
    for (const g of gif) {
      const eventId = `gif-${randomUUID()}`;
      const headers: Record<string, string> = { [Headers.eventId]: eventId, 'x-proef': g.naam };
      if (g.type) headers[Headers.eventType] = g.type;
      const [meta] = await producer.send({ acks: -1, topic: kafka.physical(g.topic), messages: [{ key: 'gif', value: g.value, headers }] });
      verzonden.set(eventId, { gif: g, partition: meta.partition, offset: meta.baseOffset ?? '0' });
    }

    for (const [eventId, { gif: g }] of verzonden) {
      for (const groep of g.groepen ?? LEZERS[g.topic]) {
        const dood = await wachtTot(`dead letter van ${g.naam} op ${g.topic} door ${groep}`, () => deadLetters.find((d) => d.headers[Headers.eventId] === eventId && d.headers[Headers.deadLetterConsumer] === groep), 120_000);
        expect({ gif: g.naam, topic: dood.topic, reden: dood.headers[Headers.deadLetterReason] }).toEqual({ gif: g.naam, topic: deadLetterTopic(g.topic), reden: expect.stringMatching(g.reden(groep)) });
        expect(dood.headers).toMatchObject({ 'x-proef': g.naam, [Headers.deadLetterTopic]: g.topic });
        expect(dood.value).toEqual(g.value);
      }
    }
    // Exactly once per consumer group: nothing dead-lettered twice.
    const sleutels = deadLetters.filter((d) => d.headers[Headers.eventId]?.startsWith('gif-')).map((d) => `${d.headers[Headers.eventId]}|${d.headers[Headers.deadLetterConsumer]}`);
    expect(new Set(sleutels).size).toBe(sleutels.length);

    // Every consumer moved past its poison: its committed offset lies beyond the last poison message.
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      for (const [topic, groepen] of Object.entries(LEZERS)) {
        const laatste = new Map<number, bigint>();
        for (const { gif: g, partition, offset } of verzonden.values()) {
          if (g.topic === topic) laatste.set(partition, BigInt(offset) > (laatste.get(partition) ?? -1n) ? BigInt(offset) : laatste.get(partition)!);
        }
        for (const groep of groepen) {
          await wachtTot(`${groep} voorbij het gif op ${topic}`, async () => {
            const [stand] = await admin.fetchOffsets({ groupId: prefix + groep, topics: [kafka.physical(topic)] });
            const voorbij = [...laatste].every(([partition, offset]) => BigInt(stand.partitions.find((p) => p.partition === partition)?.offset ?? '-1') > offset);
            return voorbij || undefined;
          }, 120_000);
        }
      }
    } finally {
      await admin.disconnect();
    }
  }, 300_000);
});
