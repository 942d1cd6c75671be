import { randomUUID } from 'node:crypto';
import { Headers, deadLetterTopic } from '@bron/contracts';
import { KafkaClient, headersAlsTekst } from '@bron/infra';
import type { KafkaMessage } from 'kafkajs';
import { GebruiksFout, getal, leesArgumenten } from '../gebruik';
import type { BronIo } from '../io';

/** One message of `<topic>.dlq`, with what the consumer that gave up on it wrote in its headers. */
export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** The id the consumer's inbox knows the message by (its position when it had no event-id header). */
  eventId: string;
  eventType: string | null;
  reason: string | null;
  consumer: string | null;
  originalTopic: string;
  originalPartition: number | null;
  originalOffset: string | null;
  eventTime: string | null;
  origin: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** The original message again: its key, value and headers, without what the dead-letter topic added. */
export interface Herhaling {
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

const DLQ_HEADER = /^dlq-/;

/**
 * `bron dlq toon <topic> [--json]` lists the dead letters of `<topic>.dlq`; `bron dlq herhaal
 * <topic> --event <id> | --alles` puts them back on `<topic>`. Both read the dead-letter topic from
 * its beginning to the end it has when the command starts, and stop there.
 */
export async function dlq(args: string[], io: BronIo): Promise<number> {
  const [actie, ...rest] = args;
  if (actie === 'toon') return toon(rest, io);
  if (actie === 'herhaal') return herhaal(rest, io);
  throw new GebruiksFout(`geef toon of herhaal, niet '${actie ?? ''}'`);
}

async function toon(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, { json: { type: 'boolean' }, timeout: { type: 'string' } });
  const topic = origineelTopic(positionals);
  const timeoutMs = getal(values.timeout, 'timeout', 60) * 1000;
  const client = kafkaClient(io.env);
  try {
    const brieven = await leesDeadLetters(client, topic, timeoutMs);
    if (values.json) {
      for (const d of brieven) io.stdout.write(JSON.stringify(alsJson(d)) + '\n');
    } else {
      io.stdout.write(tabel(deadLetterTopic(topic), brieven));
    }
    return 0;
  } finally {
    await client.disconnect();
  }
}

async function herhaal(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, { event: { type: 'string', multiple: true }, alles: { type: 'boolean' }, timeout: { type: 'string' } });
  const topic = origineelTopic(positionals);
  const gevraagd = values.event ?? [];
  if ((gevraagd.length > 0) === Boolean(values.alles)) throw new GebruiksFout('geef --event <id> (een of meer keer) of --alles');
  const timeoutMs = getal(values.timeout, 'timeout', 60) * 1000;
  const client = kafkaClient(io.env);
  try {
    const brieven = await leesDeadLetters(client, topic, timeoutMs);
    const ontbrekend = gevraagd.filter((id) => !brieven.some((d) => d.eventId === id));
    if (ontbrekend.length > 0) throw new GebruiksFout(`geen dead letter met event-id ${ontbrekend.join(', ')} in ${deadLetterTopic(topic)}`);
    const gekozen = values.alles ? brieven : brieven.filter((d) => gevraagd.includes(d.eventId));
    const andereTopics = gekozen.filter((d) => d.originalTopic !== topic);
    for (const d of andereTopics) io.stderr.write(`bron dlq herhaal: offset ${d.offset} overgeslagen: het kwam van ${d.originalTopic}, niet van ${topic}\n`);
    const herhalingen = gekozen.filter((d) => d.originalTopic === topic).map(herhaling);
    // One message per event id: a dead letter that is in the topic twice (two consumer groups gave up on it) goes back once.
    const uniek = [...new Map(herhalingen.map((h) => [h.headers[Headers.eventId], h])).values()];
    if (uniek.length > 0) {
      await client.ensureTopics([topic]);
      const producer = client.producer();
      await producer.connect();
      try {
        await producer.send({ acks: -1, topic: client.physical(topic), messages: uniek.map(({ key, value, headers }) => ({ key, value, headers })) });
      } finally {
        await producer.disconnect();
      }
    }
    for (const h of uniek) io.stdout.write(`teruggezet op ${topic}: event ${h.headers[Headers.eventId]} (${h.headers[Headers.eventType] ?? 'onbekend type'}, key ${h.key ?? '-'})\n`);
    io.stdout.write(`${uniek.length} dead letter(s) van ${deadLetterTopic(topic)} teruggezet op ${topic}\n`);
    return 0;
  } finally {
    await client.disconnect();
  }
}

/** The topic whose dead letters are meant; `x.dlq` is read as `x`, since that is what a reader of the dead-letter topic sees. */
function origineelTopic(positionals: string[]): string {
  const [topic] = positionals;
  if (!topic || positionals.length > 1) throw new GebruiksFout('geef precies één topic, bijv. extern.public.persoon.v1');
  return topic.endsWith('.dlq') ? topic.slice(0, -'.dlq'.length) : topic;
}

function kafkaClient(env: NodeJS.ProcessEnv): KafkaClient {
  const client = new KafkaClient(`bron-dlq-${randomUUID().slice(0, 8)}`, (env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','), env.BRON_TOPIC_PREFIX ?? '', undefined, 6);
  // kafkajs logs connection retries at ERROR; the command reports failures itself.
  client.kafka.logger().setLogLevel(0);
  return client;
}

/**
 * Every message of `<topic>.dlq` up to the end the topic has now, in partition and offset order.
 * A fresh group with no commits reads from the beginning; a topic that does not exist has no dead
 * letters and is not created by looking at it.
 */
export async function leesDeadLetters(client: KafkaClient, topic: string, timeoutMs: number): Promise<DeadLetter[]> {
  const dlqTopic = client.physical(deadLetterTopic(topic));
  const admin = client.kafka.admin();
  await admin.connect();
  let open: Map<number, bigint>;
  try {
    if (!(await admin.listTopics()).includes(dlqTopic)) return [];
    const offsets = await admin.fetchTopicOffsets(dlqTopic);
    open = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  if (open.size === 0) return [];

  const brieven: DeadLetter[] = [];
  const consumer = client.consumer({ groupId: `bron-dlq-${randomUUID()}` });
  let gelezen: () => void = () => undefined;
  const klaar = new Promise<void>((resolve) => (gelezen = resolve));
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [dlqTopic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const eind = open.get(partition);
        if (eind === undefined) return;
        const offset = BigInt(message.offset);
        if (offset < eind) brieven.push(deadLetter(client.logical(dlqTopic), topic, partition, message));
        if (offset + 1n >= eind) {
          open.delete(partition);
          if (open.size === 0) gelezen();
        }
      },
    });
    await Promise.race([
      klaar,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${deadLetterTopic(topic)} niet tot het einde gelezen binnen ${timeoutMs / 1000} s`)), timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return brieven.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

export function deadLetter(dlqTopic: string, topic: string, partition: number, message: Pick<KafkaMessage, 'offset' | 'key' | 'value' | 'headers'>): DeadLetter {
  const h = headersAlsTekst(message.headers);
  const originalTopic = h[Headers.deadLetterTopic] ?? topic;
  const originalPartition = h[Headers.deadLetterPartition] === undefined ? null : Number(h[Headers.deadLetterPartition]);
  const originalOffset = h[Headers.deadLetterOffset] ?? null;
  // A message without an event-id header is known to the consumer's inbox by its original position
  // (the same rule as the consumers' fromHeaders), so that is its id here too.
  const eventId = h[Headers.eventId] ?? `${originalTopic}:${originalPartition ?? ''}:${originalOffset ?? ''}`;
  return {
    topic: dlqTopic, partition, offset: message.offset, key: message.key?.toString() ?? null,
    eventId, eventType: h[Headers.eventType] ?? null, reason: h[Headers.deadLetterReason] ?? null, consumer: h[Headers.deadLetterConsumer] ?? null,
    originalTopic, originalPartition, originalOffset, eventTime: h[Headers.eventTime] ?? null, origin: h[Headers.origin] ?? null,
    value: message.value ?? null, headers: h,
  };
}

/**
 * The message to put back: the original key, value and headers, without the dlq-* headers, and
 * with the event id the consumers' inboxes know it by. The same dead letter always gives the same
 * message, so replaying it twice is one event for every consumer group, not two: a group that
 * handled it skips it, and only a group that gave up on it handles it (see the README on replay).
 */
export function herhaling(d: DeadLetter): Herhaling {
  const headers = Object.fromEntries(Object.entries(d.headers).filter(([naam]) => !DLQ_HEADER.test(naam)));
  headers[Headers.eventId] = d.eventId;
  return { topic: d.originalTopic, key: d.key, value: d.value, headers };
}

/** A JSON line without the value's bytes (Avro, or whatever could not be read) and the raw headers. */
function alsJson(d: DeadLetter) {
  return {
    topic: d.topic, partition: d.partition, offset: d.offset, key: d.key, eventId: d.eventId, eventType: d.eventType,
    reason: d.reason, consumer: d.consumer, originalTopic: d.originalTopic, originalPartition: d.originalPartition,
    originalOffset: d.originalOffset, eventTime: d.eventTime, origin: d.origin, valueBytes: d.value?.length ?? 0,
  };
}

function tabel(dlqTopic: string, brieven: DeadLetter[]): string {
  if (brieven.length === 0) return `geen dead letters in ${dlqTopic}\n`;
  const rijen = [
    ['offset', 'event-id', 'type', 'consumer', 'origineel', 'reden'],
    ...brieven.map((d) => [
      `${d.partition}:${d.offset}`, d.eventId, d.eventType?.split('.').pop() ?? '-', d.consumer ?? '-',
      `${d.originalTopic}[${d.originalPartition ?? '?'}]@${d.originalOffset ?? '?'}`, (d.reason ?? '-').replace(/\s+/g, ' '),
    ]),
  ];
  const breedte = rijen[0].map((_, k) => Math.max(...rijen.map((r) => r[k].length)));
  return rijen.map((r) => r.map((cel, k) => (k === r.length - 1 ? cel : cel.padEnd(breedte[k]))).join('  ')).join('\n') + `\n${brieven.length} dead letter(s) in ${dlqTopic}\n`;
}
