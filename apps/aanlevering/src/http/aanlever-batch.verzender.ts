import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { GelezenRecord } from '@bron/aanlevering-domein';
import { InstellingTopics } from '@bron/contracts';
import { aanleverBerichten } from '@bron/adapters';
import { ServiceRuntime, toHeaders, type UitgaandBericht } from '@bron/infra';
import type { Producer } from 'kafkajs';

/**
 * Puts a batch read from an HTTP body on the instelling's intake topic, as `bron aanleveren` does:
 * its records in sends of 500 (aanleverBerichten), then one AanleverBatchAfgesloten. Reads from the body only as fast
 * as Kafka takes the records, so a file of any size takes bounded memory.
 */
@Injectable()
export class AanleverBatchVerzender implements OnApplicationShutdown {
  private producer?: Promise<Producer>;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Returns the number of records sent. A batch without records is refused (BestandFout) before anything is sent. */
  async verzend(instelling: string, batchId: string, bestandsnaam: string | null, records: AsyncIterable<GelezenRecord>): Promise<number> {
    const topic = InstellingTopics.aanlevering(instelling);
    let aantal = 0;
    // One send in flight while the next chunk is read: sends stay in order, memory stays at two sends.
    let lopend: Promise<void> = Promise.resolve();
    for await (const reeks of aanleverBerichten(instelling, batchId, bestandsnaam, records)) {
      await lopend;
      lopend = this.stuur(topic, reeks.berichten);
      // Awaited before the next send or at the end; if the body fails first, nobody waits for it.
      lopend.catch(() => undefined);
      aantal = reeks.aantal;
    }
    await lopend;
    return aantal;
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await (await producer?.catch(() => undefined))?.disconnect();
  }

  private async stuur(topic: string, berichten: UitgaandBericht[]): Promise<void> {
    const producer = await this.verbondenProducer();
    await this.runtime.kafka.ensureTopics([topic]);
    await producer.send({
      topic: this.runtime.kafka.physical(topic),
      acks: -1,
      messages: berichten.map((b) => ({ key: b.key, value: this.runtime.codec.encode(b.metadata.eventType, b.value), headers: toHeaders(b.metadata) })),
    });
  }

  /** One idempotent producer for all requests, connected at the first aanlevering. */
  private verbondenProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.runtime.kafka.producer();
      const verbonden = producer.connect().then(() => producer);
      // A failed connect is not kept: the next aanlevering tries again.
      verbonden.catch(() => {
        if (this.producer === verbonden) this.producer = undefined;
      });
      this.producer = verbonden;
    }
    return this.producer;
  }
}
