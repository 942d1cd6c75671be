import { isKafkaHerhaalbaar } from '../messaging/fouten';

export interface HerhaalOpties {
  /** How long to keep trying in all (default `KAFKA_SEND_RETRY_MS`, else 30 s). */
  totaalMs?: number;
  eersteWachtMs?: number;
  maxWachtMs?: number;
  /** Called before each new attempt (a log line). */
  opNieuwePoging?: (error: Error, poging: number) => void;
}

/**
 * Repeats a Kafka call while it fails with a retriable broker error. Right after a broker starts,
 * or while it elects leaders, a produce request is refused with NOT_LEADER_FOR_PARTITION or
 * LEADER_NOT_AVAILABLE for longer than kafkajs's own few retries last. A non-retriable error (a
 * message too large, an unknown topic) fails at once. A repeated send may write a message twice;
 * every consumer takes a message once by its event id (inbox), so that is harmless.
 */
export async function herhaalBijKafkaFout<T>(werk: () => Promise<T>, opties: HerhaalOpties = {}): Promise<T> {
  const totaalMs = opties.totaalMs ?? Number(process.env.KAFKA_SEND_RETRY_MS ?? 30_000);
  const deadline = Date.now() + totaalMs;
  let wacht = opties.eersteWachtMs ?? 200;
  for (let poging = 1; ; poging++) {
    try {
      return await werk();
    } catch (error) {
      if (!isKafkaHerhaalbaar(error) || Date.now() + wacht > deadline) throw error;
      opties.opNieuwePoging?.(error as Error, poging);
      await new Promise((r) => setTimeout(r, wacht));
      wacht = Math.min(wacht * 2, opties.maxWachtMs ?? 2_000);
    }
  }
}
