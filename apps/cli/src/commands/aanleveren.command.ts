import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { BestandFout, formaatVan, leesRecords, type Bestandsformaat } from '@bron/aanlevering-domein';
import { EventTypes, InstellingTopics, type AanleverBatchVerwerkt, type Terugkoppeling } from '@bron/contracts';
import { isGeldigeBrin } from '@bron/domein';
import { aanleverBerichten } from '@bron/adapters';
import { PlatformClient } from '@bron/infra';
import { GebruiksFout, getal, leesArgumenten, wachtTot } from '../gebruik';
import type { BronIo } from '../io';
import { Voortgang } from '../voortgang';

/**
 * `bron aanleveren <bestand> --instelling <BRIN>`: streams the file to the instelling's intake
 * topic, waits until every record has its terugkoppeling, prints the counts and writes the
 * terugkoppeling next to the input as CSV. Exit 0 when every record got its answer.
 */
export async function aanleveren(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, {
    instelling: { type: 'string' }, 'batch-id': { type: 'string' }, timeout: { type: 'string' },
  });
  const [bestand] = positionals;
  if (!bestand || positionals.length > 1) throw new GebruiksFout('geef precies één bestand');
  const instelling = values.instelling ?? '';
  if (!isGeldigeBrin(instelling)) throw new GebruiksFout(`--instelling moet een BRIN zijn (2 cijfers + 2 letters/cijfers), niet '${instelling}'`);
  const formaat = formaatVan(bestand);
  if (!formaat) throw new GebruiksFout(`${bestand}: alleen .csv en .jsonl (of .ndjson) worden gelezen`);
  await fs.access(bestand).catch(() => { throw new GebruiksFout(`${bestand} kan niet worden gelezen`); });
  const timeoutMs = getal(values.timeout, 'timeout', 600) * 1000;
  await controleerBestand(bestand, formaat);
  const batchId = values['batch-id'] ?? randomUUID();

  const uitvoer = `${bestand.replace(/\.(csv|jsonl|ndjson)$/i, '')}.terugkoppeling.csv`;
  const csv = createWriteStream(uitvoer, { encoding: 'utf8' });
  csv.write('recordnummer,regel,persoonsnummer,inschrijving_id,soort,codes,tekst\n');
  const beantwoord = new Set<number>();
  const tellingen = { MELDING: 0, SIGNAAL: 0, AFKEURING: 0 };
  let samenvatting: AanleverBatchVerwerkt | undefined;
  let verzonden = 0;
  const voortgang = new Voortgang(io.stderr);
  const kafka = new PlatformClient(io.env);
  try {
    await kafka.volg([InstellingTopics.terugkoppeling(instelling)], (b) => {
      if (b.type === EventTypes.AanleverBatchVerwerkt && b.value.batchId === batchId) {
        samenvatting = b.value;
      } else if (b.type === EventTypes.Terugkoppeling) {
        const t = b.value;
        if (t.batchId !== batchId || beantwoord.has(t.recordnummer)) return;
        beantwoord.add(t.recordnummer);
        tellingen[t.soort] += 1;
        csv.write(csvRegel(t));
        voortgang.toon(verzonden, beantwoord.size);
      }
    });
    await kafka.ensureTopics([InstellingTopics.aanlevering(instelling)]);

    try {
      for await (const reeks of aanleverBerichten(instelling, batchId, bestand.split('/').pop() ?? bestand, leesRecords(createReadStream(bestand), formaat))) {
        await kafka.send(reeks.berichten);
        verzonden = reeks.aantal;
        voortgang.toon(verzonden, beantwoord.size);
      }
    } catch (error) {
      if (error instanceof BestandFout) throw new GebruiksFout(`${bestand}: ${error.message}`);
      throw error;
    }

    await wachtTot(() => samenvatting !== undefined && beantwoord.size >= verzonden, timeoutMs, `terugkoppeling van batch ${batchId}`);
    voortgang.klaar(verzonden, beantwoord.size);
    io.stdout.write(
      `batch ${batchId} van ${instelling}: ${verzonden} records aangeleverd, ${beantwoord.size} beantwoord: ` +
        `${tellingen.MELDING} meldingen, ${tellingen.SIGNAAL} signalen, ${tellingen.AFKEURING} afkeuringen\n` +
        `terugkoppeling geschreven naar ${uitvoer}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof GebruiksFout) throw error;
    voortgang.klaar(verzonden, beantwoord.size);
    io.stderr.write(`bron aanleveren: de batch is niet (geheel) afgeleverd of beantwoord: ${(error as Error).message} (Kafka: ${kafka.brokers.join(',')})\n`);
    return 1;
  } finally {
    await new Promise((resolve) => csv.end(resolve));
    await kafka.sluit();
  }
}

/** A file that cannot be delivered at all (no header, unknown columns, no records) is refused before Kafka is contacted. */
async function controleerBestand(bestand: string, formaat: Bestandsformaat): Promise<void> {
  const records = leesRecords(createReadStream(bestand), formaat);
  try {
    if ((await records.next()).done) throw new GebruiksFout(`${bestand}: het bestand bevat geen records`);
  } catch (error) {
    if (error instanceof BestandFout) throw new GebruiksFout(`${bestand}: ${error.message}`);
    throw error;
  } finally {
    await records.return(undefined);
  }
}

function csvVeld(waarde: string | number | null): string {
  const tekst = waarde === null ? '' : String(waarde);
  return /[",\n\r]/.test(tekst) ? `"${tekst.replace(/"/g, '""')}"` : tekst;
}

function csvRegel(t: Terugkoppeling): string {
  const codes = t.codes.map((c) => c.code).join(' ');
  const tekst = t.codes.map((c) => c.tekst).join(' | ');
  return [t.recordnummer, t.regel, t.persoonsnummer, t.inschrijvingId, t.soort, codes, tekst].map(csvVeld).join(',') + '\n';
}
