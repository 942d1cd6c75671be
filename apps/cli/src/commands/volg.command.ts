import { InstellingTopics } from '@bron/contracts';
import { isGeldigeBrin } from '@bron/domein';
import { PlatformClient } from '@bron/infra';
import { GebruiksFout, getal, leesArgumenten } from '../gebruik';
import type { BronIo } from '../io';

/**
 * `bron volg <BRIN>`: prints that instelling's events (terugkoppeling, bekostigingsstatus,
 * notificatie, foto) as JSON lines, until --max events or --timeout seconds, or Ctrl-C.
 */
export async function volg(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, {
    max: { type: 'string' }, timeout: { type: 'string' }, 'vanaf-begin': { type: 'boolean' },
  });
  const [instelling] = positionals;
  if (!instelling || !isGeldigeBrin(instelling)) throw new GebruiksFout(`geef de BRIN van de instelling, niet '${instelling ?? ''}'`);
  const max = values.max === undefined ? Infinity : getal(values.max, 'max', 1);
  const timeoutMs = values.timeout === undefined ? undefined : getal(values.timeout, 'timeout', 1) * 1000;
  const topics = [InstellingTopics.terugkoppeling, InstellingTopics.bekostigingsstatus, InstellingTopics.notificatie, InstellingTopics.foto].map((t) => t(instelling));

  const kafka = new PlatformClient(io.env);
  let gezien = 0;
  let stop: () => void = () => undefined;
  const klaar = new Promise<void>((resolve) => (stop = resolve));
  try {
    await kafka.volg(topics, (b) => {
      if (gezien >= max) return;
      gezien += 1;
      const { eventId, eventType, eventTime, origin, correlationId, causationId } = b.metadata;
      io.stdout.write(JSON.stringify({ topic: b.topic, type: eventType.split('.').pop(), key: b.key, eventId, eventTime, origin, correlationId, causationId, value: b.value }) + '\n');
      if (gezien >= max) stop();
    }, values['vanaf-begin'] ?? false);
    const timer = timeoutMs === undefined ? undefined : setTimeout(stop, timeoutMs);
    // Ctrl-C ends following with exit 0; the handler lives only as long as volg, so Ctrl-C in any
    // other command still ends the process at once.
    process.once('SIGINT', stop);
    await klaar;
    if (timer) clearTimeout(timer);
    return 0;
  } finally {
    process.removeListener('SIGINT', stop);
    await kafka.sluit();
  }
}
