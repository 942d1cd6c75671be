import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { herhaalBijKafkaFout } from './herhaal';

/** The protocol error kafkajs throws for a broker error code, as it builds it (its typings take only a message). */
function protocolFout(type: string, code: number, retriable: boolean): KafkaJSProtocolError {
  const Fout = KafkaJSProtocolError as unknown as new (e: { type: string; code: number; retriable: boolean; message: string }) => KafkaJSProtocolError;
  return new Fout({ type, code, retriable, message: type });
}

describe('herhaalBijKafkaFout: a retriable broker error is retried, anything else fails at once', () => {
  it('retries NOT_LEADER_FOR_PARTITION and LEADER_NOT_AVAILABLE, also wrapped after kafkajs gave up itself', async () => {
    const fouten = [
      protocolFout('NOT_LEADER_FOR_PARTITION', 6, true),
      new KafkaJSNumberOfRetriesExceeded(protocolFout('LEADER_NOT_AVAILABLE', 5, true), { retryCount: 5, retryTime: 100 }),
    ];
    let pogingen = 0;
    const uitkomst = await herhaalBijKafkaFout(async () => {
      pogingen++;
      const fout = fouten.shift();
      if (fout) throw fout;
      return 'verstuurd';
    }, { eersteWachtMs: 1 });
    expect(uitkomst).toBe('verstuurd');
    expect(pogingen).toBe(3);
  });

  it('does not retry a message that is too large', async () => {
    let pogingen = 0;
    await expect(herhaalBijKafkaFout(async () => {
      pogingen++;
      throw protocolFout('MESSAGE_TOO_LARGE', 10, false);
    }, { eersteWachtMs: 1 })).rejects.toThrow('MESSAGE_TOO_LARGE');
    expect(pogingen).toBe(1);
  });

  it('gives up after its total time', async () => {
    await expect(herhaalBijKafkaFout(async () => {
      throw protocolFout('LEADER_NOT_AVAILABLE', 5, true);
    }, { eersteWachtMs: 5, totaalMs: 50 })).rejects.toThrow('LEADER_NOT_AVAILABLE');
  });
});
