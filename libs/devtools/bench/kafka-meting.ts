import { randomUUID } from 'node:crypto';
import { KafkaClient } from '@bron/infra';
import { binnen } from './meting';

/** A client of the bench's own topics (its prefix), quiet: a fresh broker's retried answers are no news. */
export function benchKafka(env: NodeJS.ProcessEnv): KafkaClient {
  const client = new KafkaClient(`bench-${randomUUID().slice(0, 8)}`, (env.KAFKA_BROKERS ?? '').split(','), env.BRON_TOPIC_PREFIX ?? '', undefined, 8, {});
  client.kafka.logger().setLogLevel(0);
  return client;
}

/** Every message on every topic of the prefix so far (the topics are fresh, so the end offsets add up to it). */
export async function berichtenTotaal(client: KafkaClient): Promise<number> {
  let totaal = 0;
  for (const topic of await client.topicsVolgens(/./)) for (const { offset } of await client.endOffsets(topic)) totaal += Number(offset);
  return totaal;
}

/**
 * The broker timestamps (the producer's send time, CreateTime) of the first message of `eerste`
 * and of the last message of `laatste` (the latest over its partitions), in ms since the epoch.
 */
export async function eersteEnLaatste(client: KafkaClient, eerste: string, laatste: string): Promise<{ eerste: number; laatste: number }> {
  const posities = [
    ...(await client.endOffsets(eerste)).filter((p) => Number(p.offset) > 0).slice(0, 1).map((p) => ({ topic: eerste, partition: p.partition, offset: '0' })),
    ...(await client.endOffsets(laatste)).filter((p) => Number(p.offset) > 0).map((p) => ({ topic: laatste, partition: p.partition, offset: String(Number(p.offset) - 1) })),
  ];
  const tijden = new Map<string, number>();
  const consumer = client.consumer({ groupId: `bench-tijden-${randomUUID()}` });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set([eerste, laatste])].map((t) => client.physical(t)) });
    let klaar: () => void = () => undefined;
    const alles = new Promise<void>((resolve) => (klaar = resolve));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const sleutel = `${client.logical(topic)}:${partition}`;
        if (tijden.has(sleutel) || !posities.some((p) => `${p.topic}:${p.partition}` === sleutel && p.offset === message.offset)) return;
        tijden.set(sleutel, Number(message.timestamp));
        // One message per partition is all it needs (the intake topic holds the whole batch after it).
        consumer.pause([{ topic, partitions: [partition] }]);
        if (tijden.size === posities.length) klaar();
      },
    });
    for (const p of posities) consumer.seek({ topic: client.physical(p.topic), partition: p.partition, offset: p.offset });
    await binnen(alles, 60_000, () => `tijdstempels: ${tijden.size} van ${posities.length} gelezen`);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  const van = (topic: string) => [...tijden].filter(([k]) => k.startsWith(`${topic}:`)).map(([, t]) => t);
  return { eerste: Math.min(...van(eerste)), laatste: Math.max(...van(laatste)) };
}
