import { BestandFout, type GelezenRecord } from '@bron/aanlevering-domein';
import { EventTypes, InstellingTopics, type AanleverBatchAfgesloten, type AanleverRecord } from '@bron/contracts';
import { originVan } from '@bron/domein';
import { nieuwBericht, type UitgaandBericht } from '@bron/infra';

/**
 * The messages that deliver a batch read from a file (the CLI and the HTTP entry alike): its
 * records as AanleverRecord in chunks of `perChunk`, the last chunk ending with the
 * AanleverBatchAfgesloten. `aantal` is the number of records so far. A file without records is a
 * BestandFout, thrown before anything is yielded for the closing message.
 */
export async function* aanleverBerichten(
  instelling: string,
  batchId: string,
  bestandsnaam: string | null,
  records: AsyncIterable<GelezenRecord>,
  perChunk = 500,
): AsyncGenerator<{ berichten: UitgaandBericht[]; aantal: number }> {
  const topic = InstellingTopics.aanlevering(instelling);
  const origin = originVan({ soort: 'AANLEVERING', instelling, batchId });
  const bericht = <T>(type: string, value: T) => nieuwBericht({ topic, key: batchId, type, value, origin });
  let aantal = 0;
  let berichten: UitgaandBericht[] = [];
  for await (const record of records) {
    aantal += 1;
    const value: AanleverRecord = 'velden' in record
      ? { batchId, recordnummer: aantal, regel: record.regel, velden: record.velden, leesfout: null }
      : { batchId, recordnummer: aantal, regel: record.regel, velden: {}, leesfout: record.leesfout };
    berichten.push(bericht(EventTypes.AanleverRecord, value));
    if (berichten.length >= perChunk) {
      yield { berichten, aantal };
      berichten = [];
    }
  }
  if (aantal === 0) throw new BestandFout('het bestand bevat geen records');
  berichten.push(bericht<AanleverBatchAfgesloten>(EventTypes.AanleverBatchAfgesloten, { batchId, aantalRecords: aantal, bestandsnaam }));
  yield { berichten, aantal };
}
