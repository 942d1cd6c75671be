import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { leesRecords } from '@bron/aanlevering-domein';
import { aanleverBerichten } from '@bron/adapters';
import { EventTypes, InstellingTopics, bronCodec } from '@bron/contracts';
import { KafkaClient, TestDatabase, createMessagingTables, toHeaders } from '@bron/infra';
import type { Consumer } from 'kafkajs';
import { kafkaBrokers } from '../src';
import { intakeRegels } from './intake-bestand';
import { KLEIN, meldResultaat, verdeling } from './meting';

/** One intake record as it travels: the Kafka message the CLI sends, and the outbox row it would be. */
interface Bericht {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  eventId: string;
  topic: string;
  eventType: string;
}

export interface Ankers {
  kafka: { berichten: number; seconden: number; perSeconde: number; valueBytes: number; headers: number; headerBytes: number; perVerzoek: number };
  kafkaLatentie: { p50: number; p99: number; max: number; aantal: number };
  postgres: { versie: string; rijenPerStatement: number; insert: { rijen: number; seconden: number; perSeconde: number }; copy: { rijen: number; seconden: number; perSeconde: number } };
}

export interface AnkerOpties {
  brokers: string;
  /** Messages in the Kafka round trip. */
  berichten: number;
  /** Rows for each of COPY and multi-row INSERT. */
  rijen: number;
  /** Single messages for the latency. */
  latentieMetingen: number;
}

/** Rows per INSERT and per COPY, each its own transaction: a chunk's worth, as a service would write them. */
const RIJEN_PER_STATEMENT = Number(process.env.BENCH_ANKER_PER_STATEMENT ?? 1000);
/** Messages per produce request: the CLI's chunk and the platform's packet limit (pakketten). */
const PER_VERZOEK = 500;

/**
 * `aantal` AanleverRecord messages exactly as `bron aanleveren` makes them from the intake bench's
 * file: read by the intake's reader, made into messages by aanleverBerichten, encoded with the
 * project's codec and headers.
 */
async function intakeBerichten(aantal: number): Promise<Bericht[]> {
  async function* stukken(): AsyncGenerator<string> {
    let stuk = '';
    for (const regel of intakeRegels(aantal)) {
      stuk += regel;
      if (stuk.length > 65_536) {
        yield stuk;
        stuk = '';
      }
    }
    if (stuk) yield stuk;
  }
  const berichten: Bericht[] = [];
  for await (const { berichten: deel } of aanleverBerichten('25LX', 'anker', null, leesRecords(stukken(), 'csv'))) {
    for (const b of deel) {
      if (b.metadata.eventType !== EventTypes.AanleverRecord) continue;
      berichten.push({ key: b.key!, value: bronCodec.encode(b.metadata.eventType, b.value), headers: toHeaders(b.metadata), eventId: b.metadata.eventId, topic: b.topic, eventType: b.metadata.eventType });
    }
  }
  return berichten;
}

/** A reader of one topic that counts what arrives and lets the caller wait for a count. */
async function teller(client: KafkaClient, topic: string): Promise<{ consumer: Consumer; ontvangen: () => number; wachtOp: (aantal: number, timeoutMs: number) => Promise<void> }> {
  let ontvangen = 0;
  let wachter: { aantal: number; klaar: () => void } | undefined;
  const consumer = client.consumer({ groupId: `bench-anker-${randomUUID()}` });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: [client.physical(topic)], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      ontvangen += batch.messages.length;
      if (wachter && ontvangen >= wachter.aantal) wachter.klaar();
    },
  });
  await joined;
  return {
    consumer,
    ontvangen: () => ontvangen,
    wachtOp: (aantal, timeoutMs) => new Promise<void>((resolve, reject) => {
      if (ontvangen >= aantal) return resolve();
      const timer = setTimeout(() => reject(new Error(`Kafka-anker: ${ontvangen} van ${aantal} berichten ontvangen binnen ${timeoutMs / 1000} s`)), timeoutMs);
      wachter = { aantal, klaar: () => { clearTimeout(timer); wachter = undefined; resolve(); } };
    }),
  };
}

/**
 * The Kafka anchors: (1) a produce-then-consume round trip of the intake's messages on a fresh
 * one-partition topic (as an instelling's intake topic), with the project's producer and consumer
 * settings (KafkaClient: idempotent, one request in flight, acks all; the consumer's fetch wait),
 * in requests of PER_VERZOEK as the CLI sends them, from the first send to the last message read;
 * (2) the same way for one message at a time, send to arrival, as a latency.
 */
async function kafkaAnkers(opties: AnkerOpties, berichten: Bericht[]): Promise<Pick<Ankers, 'kafka' | 'kafkaLatentie'>> {
  const client = new KafkaClient(`bench-anker-${randomUUID().slice(0, 8)}`, opties.brokers.split(','), `benchanker${Date.now()}.`, undefined, 8, {});
  // kafkajs logs a fresh broker's retried answers at ERROR; a real failure is thrown.
  client.kafka.logger().setLogLevel(0);
  const topic = InstellingTopics.aanlevering('25LX');
  const producer = client.producer();
  let lezer: Awaited<ReturnType<typeof teller>> | undefined;
  try {
    await client.ensureTopics([topic]);
    await producer.connect();
    lezer = await teller(client, topic);
    const alle = berichten.slice(0, opties.berichten).map(({ key, value, headers }) => ({ key, value, headers }));
    const start = performance.now();
    for (let i = 0; i < alle.length; i += PER_VERZOEK) await producer.send({ acks: -1, topic: client.physical(topic), messages: alle.slice(i, i + PER_VERZOEK) });
    await lezer.wachtOp(alle.length, 600_000);
    const seconden = (performance.now() - start) / 1000;

    const latenties: number[] = [];
    for (let i = 0; i < opties.latentieMetingen; i++) {
      const t0 = performance.now();
      await producer.send({ acks: -1, topic: client.physical(topic), messages: [alle[i % alle.length]] });
      await lezer.wachtOp(alle.length + i + 1, 60_000);
      latenties.push(performance.now() - t0);
    }
    const gemiddeld = (f: (m: (typeof alle)[number]) => number) => Math.round(alle.reduce((n, m) => n + f(m), 0) / alle.length);
    return {
      kafka: {
        berichten: alle.length, seconden: Number(seconden.toFixed(2)), perSeconde: Math.round(alle.length / seconden), perVerzoek: PER_VERZOEK,
        valueBytes: gemiddeld((m) => m.value.length), headers: Object.keys(alle[0].headers).length,
        headerBytes: gemiddeld((m) => Object.entries(m.headers).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0)),
      },
      kafkaLatentie: verdeling(latenties, 1),
    };
  } finally {
    await lezer?.consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await client.disconnect().catch(() => undefined);
  }
}

/** A value as COPY's text format wants it: backslash, tab, newline and carriage return escaped. */
function copyTekst(waarde: string): string {
  return waarde.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/**
 * The PostgreSQL anchors, each into a fresh outbox table (createMessagingTables, the services'
 * own) of a fresh database, with rows as the outbox holds them (the intake message's payload and
 * headers): multi-row INSERT with parameters as Outbox.add writes them, and COPY FROM STDIN, both
 * in statements of RIJEN_PER_STATEMENT rows, each committed on its own.
 */
async function postgresAnkers(opties: AnkerOpties, berichten: Bericht[]): Promise<Ankers['postgres']> {
  const db = await TestDatabase.maak();
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const runner = { query: (sql: string) => client.query(sql) } as unknown as Parameters<typeof createMessagingTables>[0];
    for (const schema of ['anker_insert', 'anker_copy']) {
      await client.query(`CREATE SCHEMA ${schema}`);
      await createMessagingTables(runner, schema);
    }
    const rij = (i: number) => berichten[i % berichten.length];
    const stukken = Array.from({ length: Math.ceil(opties.rijen / RIJEN_PER_STATEMENT) }, (_, s) =>
      Array.from({ length: Math.min(RIJEN_PER_STATEMENT, opties.rijen - s * RIJEN_PER_STATEMENT) }, (__, j) => rij(s * RIJEN_PER_STATEMENT + j)));

    let start = performance.now();
    for (const stuk of stukken) {
      const values: unknown[] = [];
      const plekken = stuk.map((b, i) => {
        values.push(b.eventId, b.topic, b.key, b.eventType, b.value, JSON.stringify(b.headers));
        const p = i * 6;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
      });
      await client.query(`INSERT INTO anker_insert.outbox (event_id, topic, message_key, event_type, payload, headers) VALUES ${plekken.join(', ')}`, values);
    }
    const insertSeconden = (performance.now() - start) / 1000;

    start = performance.now();
    for (const stuk of stukken) {
      const tekst = stuk.map((b) => [b.eventId, b.topic, b.key, b.eventType, `\\\\x${b.value.toString('hex')}`, copyTekst(JSON.stringify(b.headers))].join('\t') + '\n').join('');
      await pipeline(Readable.from([tekst]), client.query(copyFrom('COPY anker_copy.outbox (event_id, topic, message_key, event_type, payload, headers) FROM STDIN')));
    }
    const copySeconden = (performance.now() - start) / 1000;

    const tellen = async (schema: string) => Number((await client.query(`SELECT count(*) AS n FROM ${schema}.outbox`)).rows[0].n);
    const [ingevoegd, gekopieerd] = [await tellen('anker_insert'), await tellen('anker_copy')];
    if (ingevoegd !== opties.rijen || gekopieerd !== opties.rijen) throw new Error(`PostgreSQL-anker: ${ingevoegd} en ${gekopieerd} rijen in plaats van ${opties.rijen}`);
    const versie = String((await client.query('SHOW server_version')).rows[0].server_version);
    const r = (seconden: number) => ({ rijen: opties.rijen, seconden: Number(seconden.toFixed(2)), perSeconde: Math.round(opties.rijen / seconden) });
    return { versie, rijenPerStatement: RIJEN_PER_STATEMENT, insert: r(insertSeconden), copy: r(copySeconden) };
  } finally {
    await client.end().catch(() => undefined);
    await db.verwijder().catch(() => undefined);
  }
}

/** The machine's limits the bench compares its figures with (docs/bench.md). */
export async function meetAnkers(opties: AnkerOpties): Promise<Ankers> {
  const berichten = await intakeBerichten(Math.max(opties.berichten, Math.min(opties.rijen, 100_000)));
  const kafka = await kafkaAnkers(opties, berichten);
  const postgres = await postgresAnkers(opties, berichten);
  return { ...kafka, postgres };
}

/** The sizes of a full run and of `--klein`; BENCH_ANKER_BERICHTEN and BENCH_ANKER_RIJEN override. */
export function ankerOpties(brokers: string, klein: boolean): AnkerOpties {
  return {
    brokers,
    berichten: Number(process.env.BENCH_ANKER_BERICHTEN ?? (klein ? 20_000 : 100_000)),
    rijen: Number(process.env.BENCH_ANKER_RIJEN ?? (klein ? 20_000 : 100_000)),
    latentieMetingen: klein ? 100 : 300,
  };
}

async function main(): Promise<void> {
  const opruimen: (() => Promise<void>)[] = [];
  try {
    const brokers = await kafkaBrokers(opruimen, 19492);
    const a = await meetAnkers(ankerOpties(brokers, KLEIN));
    console.log(`ankers (node ${process.version}, PostgreSQL ${a.postgres.versie}):`);
    console.log(`  Kafka-rondgang: ${a.kafka.perSeconde} berichten/s (${a.kafka.berichten} berichten van gemiddeld ${a.kafka.valueBytes} bytes Avro met ${a.kafka.headers} headers van samen ${a.kafka.headerBytes} bytes, in ${a.kafka.seconden} s, ${a.kafka.perVerzoek} per verzoek)`);
    console.log(`  Kafka één bericht heen en terug: p50 ${a.kafkaLatentie.p50} ms, p99 ${a.kafkaLatentie.p99} ms (${a.kafkaLatentie.aantal} metingen)`);
    console.log(`  PostgreSQL multi-row INSERT: ${a.postgres.insert.perSeconde} rijen/s; COPY: ${a.postgres.copy.perSeconde} rijen/s (${a.postgres.insert.rijen} rijen elk, ${a.postgres.rijenPerStatement} per statement)`);
    meldResultaat(a);
  } finally {
    for (const stap of opruimen.reverse()) await stap().catch(() => undefined);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
