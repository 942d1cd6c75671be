import { createReadStream, promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { BestandFout, formaatVan, leesRecords, type Bestandsformaat } from '@bron/aanlevering-domein';
import { EventTypes, InstellingTopics, type AanleverBatchVerwerkt, type Terugkoppeling } from '@bron/contracts';
import { isGeldigeBrin } from '@bron/domein';
import { CSV_BOM, CSV_VOOR_MENSEN, aanleverBerichten, csvCode, csvRegel } from '@bron/adapters';
import { PlatformClient } from '@bron/infra';
import { GebruiksFout, getal, leesArgumenten, wachtTot } from '../gebruik';
import type { BronIo } from '../io';
import { Voortgang } from '../voortgang';

/** The batch ids the HTTP entry accepts too; such an id is also safe as part of a file name. */
const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/;

/** As Dutch Excel opens it (docs/foto.md, CSV): byte order mark, `;`, codes kept as text. */
const KOPREGEL = CSV_BOM + csvRegel(['recordnummer', 'regel', 'persoonsnummer', 'inschrijving_id', 'soort', 'codes', 'tekst'], CSV_VOOR_MENSEN);

/**
 * `bron aanleveren <bestand> --instelling <BRIN>`: streams the file to the instelling's intake
 * topic, waits until every record has its terugkoppeling, prints the counts and writes the
 * terugkoppeling next to the input as CSV, `<bestand>.terugkoppeling.<batchId>.csv`: the whole
 * input name and the batch id, so that neither x.csv and x.jsonl nor two batches of one file
 * write the same file. Exit 0 when every record got its answer.
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
  if (!BATCH_ID.test(batchId)) throw new GebruiksFout(`--batch-id moet 1 tot 128 letters, cijfers, punten, liggende streepjes, tildes of koppeltekens zijn, en met een letter of cijfer beginnen, niet '${batchId}'`);

  const uitvoer = terugkoppelingBestand(bestand, batchId);
  // Opened before Kafka is contacted, so that a folder the user cannot write to is said at once.
  const csv = await Uitvoerbestand.open(uitvoer);
  csv.schrijf(KOPREGEL);
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
        csv.schrijf(terugkoppelingRegel(t));
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
    await csv.voltooi();
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
    // Without every answer there is no terugkoppeling file: a half one would read as the whole batch.
    await csv.verwijderAlsOnvoltooid();
    await kafka.sluit();
  }
}

/** `<map>/<bestand>.terugkoppeling.<batchId>.csv`, beside the input. */
export function terugkoppelingBestand(bestand: string, batchId: string): string {
  return join(dirname(bestand), `${basename(bestand)}.terugkoppeling.${batchId}.csv`);
}

/**
 * The terugkoppeling file, written under a temporary name in the same folder and renamed to its
 * own name only when complete and on disk: a crash or a missing answer never leaves a half file
 * under the name a reader waits for, and the rename within one folder is atomic.
 */
class Uitvoerbestand {
  private geschreven: Promise<void> = Promise.resolve();
  private fout?: unknown;
  private gesloten = false;
  private voltooid = false;

  private constructor(private readonly doel: string, private readonly tijdelijk: string, private readonly bestand: fs.FileHandle) {}

  static async open(doel: string): Promise<Uitvoerbestand> {
    const tijdelijk = join(dirname(doel), `.${basename(doel)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
    try {
      return new Uitvoerbestand(doel, tijdelijk, await fs.open(tijdelijk, 'wx'));
    } catch (error) {
      throw new GebruiksFout(`de terugkoppeling kan niet worden geschreven in ${dirname(doel)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }

  /**
   * Appends in call order. A write error is kept and thrown by `voltooi`, not left as a rejected
   * promise nobody awaits yet (that would end the process). Answers that come after the file is
   * closed (a redelivered one) are not written.
   */
  schrijf(tekst: string): void {
    if (this.gesloten) return;
    this.geschreven = this.geschreven.then(async () => {
      if (this.fout === undefined) await this.bestand.write(tekst);
    }).catch((error: unknown) => {
      this.fout ??= error;
    });
  }

  async voltooi(): Promise<void> {
    this.gesloten = true;
    await this.geschreven;
    if (this.fout !== undefined) throw this.fout;
    await this.bestand.sync();
    await this.bestand.close();
    await fs.rename(this.tijdelijk, this.doel);
    this.voltooid = true;
  }

  async verwijderAlsOnvoltooid(): Promise<void> {
    if (this.voltooid) return;
    this.gesloten = true;
    await this.geschreven;
    await this.bestand.close().catch(() => undefined);
    await fs.rm(this.tijdelijk, { force: true });
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

/** One answer as a CSV line; the cells are made safe for spreadsheets by csvRegel (values come from the instelling's file). */
export function terugkoppelingRegel(t: Terugkoppeling): string {
  const codes = t.codes.map((c) => c.code).join(' ');
  const tekst = t.codes.map((c) => c.tekst).join(' | ');
  return csvRegel([t.recordnummer, t.regel, csvCode(t.persoonsnummer), csvCode(t.inschrijvingId), t.soort, codes, tekst], CSV_VOOR_MENSEN);
}
