import { createReadStream, promises as fs } from 'node:fs';
import { createInterface } from 'node:readline';
import { EventTypes, Topics, bronCodec } from '@bron/contracts';
import { nieuwBericht, type UitgaandBericht, PlatformClient } from '@bron/infra';
import { GebruiksFout, leesArgumenten } from '../gebruik';
import type { BronIo } from '../io';

/** Which external facts the command accepts, where they go and what keys them. */
const SOORTEN = {
  PersoonGewijzigd: { topic: Topics.persoon, type: EventTypes.PersoonGewijzigd, sleutel: 'persoonsnummer', origin: 'extern' },
  VooropleidingGeregistreerd: { topic: Topics.vooropleiding, type: EventTypes.VooropleidingGeregistreerd, sleutel: 'persoonsnummer', origin: 'extern' },
  PrijsfactorGewijzigd: { topic: Topics.kwalificatie, type: EventTypes.PrijsfactorGewijzigd, sleutel: 'crebo', origin: 'referentie' },
} as const;

/**
 * `bron extern <bestand.jsonl>`: external facts that no instelling sends (BRP person data, VO
 * vooropleidingen, prijsfactor changes), one JSON object per line with its `type`.
 */
export async function extern(args: string[], io: BronIo): Promise<number> {
  const { positionals } = leesArgumenten(args, {});
  const [bestand] = positionals;
  if (!bestand) throw new GebruiksFout('geef een .jsonl-bestand met externe feiten');
  await fs.access(bestand).catch(() => { throw new GebruiksFout(`${bestand} kan niet worden gelezen`); });

  const berichten: UitgaandBericht[] = [];
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
      // Validate now, so that a bad line is reported before anything is sent.
      bronCodec.encode(soort.type, value);
      berichten.push(nieuwBericht({ topic: soort.topic, key: String(value[soort.sleutel]), type: soort.type, value, origin: `${soort.origin}:${bron}` }));
    } catch (error) {
      throw new GebruiksFout(`${bestand} regel ${regel}: ${(error as Error).message}`);
    }
  }
  const kafka = new PlatformClient(io.env);
  try {
    await kafka.send(berichten);
    io.stdout.write(`${berichten.length} externe feiten verzonden\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`bron extern: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await kafka.sluit();
  }
}
