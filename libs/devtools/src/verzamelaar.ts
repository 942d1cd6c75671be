import { EventTypes, InstellingTopics } from '@bron/contracts';
import { PlatformClient, nieuwBericht, type Ontvangen } from '@bron/infra';

/**
 * Collects what arrives on topics, so that a test or the demo can wait for an outcome
 * (`await verzamelaar.wachtOp(...)`) instead of sleeping.
 */
export class Verzamelaar {
  readonly berichten: Ontvangen[] = [];
  private readonly client: PlatformClient;

  constructor(env: NodeJS.ProcessEnv) {
    this.client = new PlatformClient({ ...process.env, ...env });
  }

  get platform(): PlatformClient {
    return this.client;
  }

  async volg(topics: string[], vanafBegin = true): Promise<void> {
    await this.client.volg(topics, (b) => void this.berichten.push(b), vanafBegin);
  }

  /** Waits until `conditie` finds messages (typed by what it returns: filter with `vanType(...)`). */
  async wachtOp<R extends Ontvangen>(omschrijving: string, conditie: (berichten: Ontvangen[]) => R[] | undefined | false, timeoutMs = 60_000): Promise<R[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const gevonden = conditie(this.berichten);
      if (gevonden && gevonden.length > 0) return gevonden;
      if (Date.now() > deadline) throw new Error(`niet binnen ${timeoutMs / 1000} s: ${omschrijving} (${this.berichten.length} berichten ontvangen)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async sluit(): Promise<void> {
    await this.client.sluit();
  }
}

/** Delivers records as one batch on the instelling's intake topic, as a batch producer would. */
export async function leverAan(platform: PlatformClient, instelling: string, batchId: string, records: Record<string, string>[]): Promise<void> {
  const topic = InstellingTopics.aanlevering(instelling);
  const origin = `aanlevering:${instelling}:${batchId}`;
  await platform.send([
    ...records.map((velden, i) => nieuwBericht({ topic, key: batchId, type: EventTypes.AanleverRecord, origin, value: { batchId, recordnummer: i + 1, regel: null, velden, leesfout: null } })),
    nieuwBericht({ topic, key: batchId, type: EventTypes.AanleverBatchAfgesloten, origin, value: { batchId, aantalRecords: records.length, bestandsnaam: null } }),
  ]);
}
