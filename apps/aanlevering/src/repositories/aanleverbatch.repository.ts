import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A batch its sender closed: how many records it said it delivered. */
export interface AfgeslotenBatch {
  readonly instelling: string;
  readonly batchId: string;
  readonly aantalGemeld: number;
  readonly bestandsnaam: string | null;
}

/** A row of aanlevering.batch (afgesloten_op is the database's clock at the close). */
interface BatchRij {
  instelling: string;
  batch_id: string;
  aantal_gemeld: number;
  bestandsnaam: string | null;
}

const toPersistence = (b: AfgeslotenBatch): BatchRij => ({ instelling: b.instelling, batch_id: b.batchId, aantal_gemeld: b.aantalGemeld, bestandsnaam: b.bestandsnaam });

/** The batches of the intake: closed once their closing message is handled (then VERWERKT over HTTP). */
@Injectable()
export class AanleverbatchRepository {
  /** A batch closed again (delivered once more) keeps one row, with the last count and moment. */
  async sluit(manager: EntityManager, batch: AfgeslotenBatch): Promise<void> {
    const r = toPersistence(batch);
    await manager.query(
      `INSERT INTO aanlevering.batch (instelling, batch_id, aantal_gemeld, bestandsnaam, afgesloten_op) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (instelling, batch_id) DO UPDATE SET aantal_gemeld = EXCLUDED.aantal_gemeld, afgesloten_op = now()`,
      [r.instelling, r.batch_id, r.aantal_gemeld, r.bestandsnaam],
    );
  }
}
