import { createReadStream, promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { EventTypes, Topics, bronCodec, type ExternAntwoord } from '@bron/contracts';
import { herhaalBijKafkaFout, nieuwBericht, type UitgaandBericht, PlatformClient } from '@bron/infra';
import { GebruiksFout, getal, leesArgumenten, wachtTot } from '../gebruik';
import type { BronIo } from '../io';

/** Which external facts the command accepts, where they go and what keys them. */
const SOORTEN = {
  PersoonGewijzigd: { topic: Topics.persoon, type: EventTypes.PersoonGewijzigd, sleutel: 'persoonsnummer', origin: 'extern' },
  VooropleidingGeregistreerd: { topic: Topics.vooropleiding, type: EventTypes.VooropleidingGeregistreerd, sleutel: 'persoonsnummer', origin: 'extern' },
  PrijsfactorGewijzigd: { topic: Topics.kwalificatie, type: EventTypes.PrijsfactorGewijzigd, sleutel: 'crebo', origin: 'referentie' },
} as const;

/**
 * `bron extern <bestand.jsonl> [--timeout S]`: external facts that no instelling sends (BRP person
 * data, VO vooropleidingen, prijsfactor changes), one JSON object per line with its `type`. Like
 * `bron aanleveren`, it waits until every fact has its answer (extern.public.antwoord.v1), prints a
 * line per refused fact and a summary. Exit 0 when every fact was accepted, 1 when one was refused
 * or not every answer came in time (or Kafka failed), 2 for bad usage or a line that is no fact.
 * All facts of one run share their causation id (`levering:<uuid>`).
 */
export async function extern(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, { timeout: { type: 'string' } });
  const [bestand] = positionals;
  if (!bestand || positionals.length > 1) throw new GebruiksFout('geef een .jsonl-bestand met externe feiten');
  const timeoutMs = getal(values.timeout, 'timeout', 120) * 1000;
  await fs.access(bestand).catch(() => { throw new GebruiksFout(`${bestand} kan niet worden gelezen`); });

  const levering = `levering:${randomUUID()}`;
  const berichten: UitgaandBericht[] = [];
  /** The line of each fact, by its event id. */
  const regels = new Map<string, number>();
  let regel = 0;
  for await (const tekst of createInterface({ input: createReadStream(bestand), crlfDelay: Infinity })) {
    regel += 1;
    if (tekst.trim() === '') continue;
    let feit: Record<string, unknown>;
    try {
      feit = JSON.parse(tekst);
    } catch (error) {
      throw new GebruiksFout(`${bestand} regel ${regel}: geen geldige JSON (${(error as Error).message})`);
    }
    const { type, ...value } = feit;
    const soort = SOORTEN[type as keyof typeof SOORTEN];
    if (!soort) throw new GebruiksFout(`${bestand} regel ${regel}: type moet een van ${Object.keys(SOORTEN).join(', ')} zijn`);
    const bron = typeof value.bron === 'string' ? value.bron : 'onbekend';
    try {
      // The shape is checked now, so that a line that is no fact is reported before anything is sent;
      // whether its content is valid is the platform's answer.
      bronCodec.encode(soort.type, value);
      const bericht = nieuwBericht({ topic: soort.topic, key: String(value[soort.sleutel]), type: soort.type, value, origin: `${soort.origin}:${bron}`, causationId: levering });
      berichten.push(bericht);
      regels.set(bericht.metadata.eventId, regel);
    } catch (error) {
      throw new GebruiksFout(`${bestand} regel ${regel}: ${(error as Error).message}`);
    }
  }
  if (berichten.length === 0) throw new GebruiksFout(`${bestand}: het bestand bevat geen feiten`);

  const antwoorden = new Map<string, ExternAntwoord>();
  const kafka = new PlatformClient(io.env);
  try {
    // The answer topic may be new (created just now, its leader not yet known to every request): retried.
    await herhaalBijKafkaFout(() => kafka.volg([Topics.externAntwoord], (b) => {
      if (b.type === EventTypes.ExternAntwoord && regels.has(b.value.feitId)) antwoorden.set(b.value.feitId, b.value);
    }));
    await kafka.send(berichten);
    try {
      await wachtTot(() => antwoorden.size >= berichten.length, timeoutMs, `antwoord op ${berichten.length - antwoorden.size} van ${berichten.length} externe feiten`);
    } finally {
      for (const [feitId, a] of antwoorden) {
        if (a.uitkomst === 'GEWEIGERD') io.stdout.write(`regel ${regels.get(feitId)}: ${a.type} geweigerd: ${a.code} ${a.reden}\n`);
      }
    }
    const geweigerd = [...antwoorden.values()].filter((a) => a.uitkomst === 'GEWEIGERD').length;
    io.stdout.write(`${berichten.length} externe feiten verzonden: ${berichten.length - geweigerd} aanvaard, ${geweigerd} geweigerd\n`);
    return geweigerd === 0 ? 0 : 1;
  } catch (error) {
    io.stderr.write(`bron extern: ${(error as Error).message} (Kafka: ${kafka.brokers.join(',')})\n`);
    return 1;
  } finally {
    await kafka.sluit();
  }
}
