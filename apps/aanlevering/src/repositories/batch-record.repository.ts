import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A record of a batch by its fields (canonical JSON), as the duplicate check (A12) knows it. */
export interface BatchRecord {
  readonly instelling: string;
  readonly batchId: string;
  readonly inhoud: string;
  readonly recordnummer: number;
}

/** A row of aanlevering.batch_record: the fields are kept as their hash only. */
interface BatchRecordRij {
  batch_id: string;
  vingerafdruk: string;
  recordnummer: number;
}

const vingerafdruk = (inhoud: string) => createHash('sha256').update(inhoud).digest('base64url');

const toPersistence = (r: BatchRecord): BatchRecordRij => ({ batch_id: r.batchId, vingerafdruk: vingerafdruk(r.inhoud), recordnummer: r.recordnummer });

/** The first record of each batch with given fields: a later identical one is a duplicate. */
@Injectable()
export class BatchRecordRepository {
  /** The records stored before with the fields of these records, each with its recordnummer. */
  async eerdere(manager: EntityManager, instelling: string, records: readonly { batchId: string; inhoud: string }[]): Promise<BatchRecord[]> {
    if (records.length === 0) return [];
    const gezocht = new Map(records.map((r) => {
      const v = vingerafdruk(r.inhoud);
      return [`${r.batchId}\u0000${v}`, { batchId: r.batchId, vingerafdruk: v, inhoud: r.inhoud }];
    }));
    const rijen: BatchRecordRij[] = await manager.query(
      `SELECT batch_id, vingerafdruk, recordnummer FROM aanlevering.batch_record
       WHERE instelling = $1 AND (batch_id, vingerafdruk) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [instelling, [...gezocht.values()].map((g) => g.batchId), [...gezocht.values()].map((g) => g.vingerafdruk)],
    );
    // Back to the fields the hash was made of: only the records asked for can match.
    return rijen.flatMap((r) => {
      const inhoud = gezocht.get(`${r.batch_id}\u0000${r.vingerafdruk}`)?.inhoud;
      return inhoud === undefined ? [] : [{ instelling, batchId: r.batch_id, inhoud, recordnummer: Number(r.recordnummer) }];
    });
  }

  async bewaar(manager: EntityManager, instelling: string, records: readonly BatchRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rijen = records.map(toPersistence);
    await manager.query(
      `INSERT INTO aanlevering.batch_record (instelling, batch_id, vingerafdruk, recordnummer)
       SELECT $1, b, v, n FROM unnest($2::text[], $3::text[], $4::bigint[]) AS t(b, v, n) ON CONFLICT DO NOTHING`,
      [instelling, rijen.map((r) => r.batch_id), rijen.map((r) => r.vingerafdruk), rijen.map((r) => r.recordnummer)],
    );
  }
}
