import { BestandFout, utf8Lengte, type GelezenRecord } from '@bron/aanlevering-domein';
import { EventTypes, InstellingTopics, type AanleverBatchAfgesloten, type AanleverRecord } from '@bron/contracts';
import { originVan } from '@bron/domein';
import { nieuwBericht, type UitgaandBericht } from '@bron/infra';

/**
 * The messages that deliver a batch read from a file (the CLI and the HTTP entry alike): its
 * records as AanleverRecord in chunks of at most `perChunk` records and about `maxBytes` of fields
 * (a send over the broker's message limit, 1 MB, would fail the whole batch; a record itself is at
 * most MAX_RECORDLENGTE, so every chunk is deliverable), the last chunk ending with the
 * AanleverBatchAfgesloten. `aantal` is the number of records so far. A file without records is a
 * BestandFout, thrown before anything is yielded for the closing message.
 */
export async function* aanleverBerichten(
  instelling: string,
  batchId: string,
  bestandsnaam: string | null,
  records: AsyncIterable<GelezenRecord>,
  perChunk = 500,
  maxBytes = 512 * 1024,
): AsyncGenerator<{ berichten: UitgaandBericht[]; aantal: number }> {
  const topic = InstellingTopics.aanlevering(instelling);
  const origin = originVan({ soort: 'AANLEVERING', instelling, batchId });
  // Every record starts a chain (correlation id: its own event id); its cause is the batch.
  const bericht = <T>(type: string, value: T) => nieuwBericht({ topic, key: batchId, type, value, origin, causationId: `batch:${batchId}` });
  let aantal = 0;
  let berichten: UitgaandBericht[] = [];
  let bytes = 0;
  for await (const record of records) {
    aantal += 1;
    const value: AanleverRecord = 'velden' in record
      ? { batchId, recordnummer: aantal, regel: record.regel, velden: record.velden, leesfout: null }
      : { batchId, recordnummer: aantal, regel: record.regel, velden: {}, leesfout: record.leesfout };
    const grootte = 64 + utf8Lengte(value.leesfout ?? '') + Object.entries(value.velden).reduce((n, [k, v]) => n + utf8Lengte(k) + utf8Lengte(v), 0);
    if (berichten.length > 0 && bytes + grootte > maxBytes) {
      yield { berichten, aantal: aantal - 1 };
      berichten = [];
      bytes = 0;
    }
    berichten.push(bericht(EventTypes.AanleverRecord, value));
    bytes += grootte;
    if (berichten.length >= perChunk) {
      yield { berichten, aantal };
      berichten = [];
      bytes = 0;
    }
  }
  if (aantal === 0) throw new BestandFout('het bestand bevat geen records');
  berichten.push(bericht<AanleverBatchAfgesloten>(EventTypes.AanleverBatchAfgesloten, { batchId, aantalRecords: aantal, bestandsnaam }));
  yield { berichten, aantal };
}
