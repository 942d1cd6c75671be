import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { BestandFout, type GelezenRecord } from '@bron/aanlevering-domein';
import { EventTypes, InstellingTopics, type AanleverBatchAfgesloten, type AanleverRecord } from '@bron/contracts';
import { ServiceRuntime, nieuwBericht, toHeaders, type UitgaandBericht } from '@bron/infra';
import type { Producer } from 'kafkajs';

const PER_SEND = 500;

/**
 * Puts a batch read from an HTTP body on the instelling's intake topic, as `bron aanleveren` does:
 * its records in sends of 500, then one AanleverBatchAfgesloten. Reads from the body only as fast
 * as Kafka takes the records, so a file of any size takes bounded memory.
 */
@Injectable()
export class AanleverBatchVerzender implements OnApplicationShutdown {
  private producer?: Promise<Producer>;

  constructor(private readonly runtime: ServiceRuntime) {}

  /** Returns the number of records sent. A batch without records is refused (BestandFout) before anything is sent. */
  async verzend(instelling: string, batchId: string, bestandsnaam: string | null, records: AsyncIterable<GelezenRecord>): Promise<number> {
    const topic = InstellingTopics.aanlevering(instelling);
    const bericht = <T>(type: string, value: T) =>
      nieuwBericht({ topic, key: batchId, type, value, origin: `aanlevering:${instelling}:${batchId}` });
    let aantal = 0;
    let wachtrij: UitgaandBericht[] = [];
    // One send in flight while the next 500 are read: sends stay in order, memory stays at two sends.
    let lopend: Promise<void> = Promise.resolve();
    const stuurNa = async (berichten: UitgaandBericht[]) => {
      await lopend;
      lopend = this.stuur(topic, berichten);
      // Awaited before the next send or at the end; if the body fails first, nobody waits for it.
      lopend.catch(() => undefined);
    };
    for await (const record of records) {
      aantal += 1;
      const value: AanleverRecord = 'velden' in record
        ? { batchId, recordnummer: aantal, regel: record.regel, velden: record.velden, leesfout: null }
        : { batchId, recordnummer: aantal, regel: record.regel, velden: {}, leesfout: record.leesfout };
      wachtrij.push(bericht(EventTypes.AanleverRecord, value));
      if (wachtrij.length >= PER_SEND) {
        await stuurNa(wachtrij);
        wachtrij = [];
      }
    }
    if (aantal === 0) throw new BestandFout('het bestand bevat geen records');
    wachtrij.push(bericht<AanleverBatchAfgesloten>(EventTypes.AanleverBatchAfgesloten, { batchId, aantalRecords: aantal, bestandsnaam }));
    await stuurNa(wachtrij);
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
