import net from 'node:net';
import path from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

interface Broker {
  brokers: string[];
  pid: number;
  stop(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startBroker } = require('./kafka.js') as {
  startBroker(options?: { port?: number; dataDir?: string; keepData?: boolean }): Promise<Broker>;
};

const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// startBroker needs two ports: the client port and the controller port right after it.
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer().once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    if (port < 65535 && (await canListen(port + 1))) return port;
  }
}

describe('local Kafka broker (infra/kafka/kafka.js)', () => {
  it('creates a topic, produces one message and consumes it', async () => {
    const kafka = new Kafka({ clientId: 'kafka-int-spec', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
    const topic = unique('kafka-int-spec');
    const admin = kafka.admin();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = kafka.consumer({ groupId: topic, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
      const received = new Promise<{ key?: string; value?: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => resolve({ key: message.key?.toString(), value: message.value?.toString() }),
        });
      });
      await joined;
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'sleutel', value: 'hallo kafka' }] });
      await expect(received).resolves.toEqual({ key: 'sleutel', value: 'hallo kafka' });
    } finally {
      await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
    }
  });

  it('starts a second broker and stops it without leaving a process or a port behind', async () => {
    const port = await freePortPair();
    // A fixed data dir (wiped on each start) so random ports do not pile up dirs under tmp/.
    const dataDir = path.join(__dirname, '..', '..', 'tmp', 'kafka-int-spec-second');
    const broker = await startBroker({ port, dataDir });
    try {
      expect(broker.brokers).toEqual([`127.0.0.1:${port}`]);
      const admin = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const cluster = await admin.describeCluster().finally(() => admin.disconnect());
      expect(cluster.brokers).toEqual([expect.objectContaining({ nodeId: 1, port })]);
    } finally {
      await broker.stop();
    }
    expect(() => process.kill(broker.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    expect(await canListen(port)).toBe(true);
    expect(await canListen(port + 1)).toBe(true);
    await broker.stop(); // idempotent
  }, 150_000);

  it('restarts on its own data (keepData): topics, messages and committed offsets survive', async () => {
    const port = await freePortPair();
    const dataDir = path.join(__dirname, '..', '..', 'tmp', 'kafka-int-spec-herstart');
    const topic = unique('herstart');
    let broker = await startBroker({ port, dataDir });
    try {
      const kafka = () => new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING });
      const producer = kafka().producer({ createPartitioner: Partitioners.DefaultPartitioner });
      const admin = kafka().admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({ topic, messages: [{ value: 'voor de herstart' }] });
      await admin.setOffsets({ groupId: topic, topic, partitions: [{ partition: 0, offset: '1' }] });
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);

      await broker.stop();
      broker = await startBroker({ port, dataDir, keepData: true });

      const na = kafka().admin();
      await na.connect();
      try {
        expect(await na.listTopics()).toContain(topic);
        expect(await na.fetchTopicOffsets(topic)).toEqual([expect.objectContaining({ partition: 0, offset: '1' })]);
        const [stand] = await na.fetchOffsets({ groupId: topic, topics: [topic] });
        expect(stand.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '1' })]);
      } finally {
        await na.disconnect();
      }
    } finally {
      await broker.stop();
    }
  }, 200_000);
});
