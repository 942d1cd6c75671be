import { Injectable } from '@nestjs/common';
import type { RecordPlaats, RecordTerugkoppeling, TerugkoppelingSoort } from '@bron/aanlevering-domein';
import type { EntityManager } from 'typeorm';

/** A row of aanlevering.record_antwoord: the answer to one record, with the id of its Terugkoppeling message. */
interface RecordAntwoordRij {
  batch_id: string;
  recordnummer: number;
  event_id: string;
  soort: TerugkoppelingSoort;
  terugkoppeling: string;
}

export interface GegevenAntwoord {
  readonly terugkoppeling: RecordTerugkoppeling;
  /** The id of the Terugkoppeling message: a record answered again is sent under the same id. */
  readonly eventId: string;
}

const toPersistence = ({ terugkoppeling, eventId }: GegevenAntwoord): RecordAntwoordRij => ({
  batch_id: terugkoppeling.batchId, recordnummer: terugkoppeling.recordnummer, event_id: eventId, soort: terugkoppeling.soort, terugkoppeling: JSON.stringify(terugkoppeling),
});

/** The jsonb column comes back as the object that was stored. */
const toDomain = (rij: { terugkoppeling: RecordTerugkoppeling }): RecordTerugkoppeling => rij.terugkoppeling;

/** Every answer the intake gave, per instelling, batch and recordnummer. */
@Injectable()
export class RecordAntwoordRepository {
  /** The answers given before to these records of the instelling. */
  async eerdere(manager: EntityManager, instelling: string, records: readonly RecordPlaats[]): Promise<RecordTerugkoppeling[]> {
    const rijen: { terugkoppeling: RecordTerugkoppeling }[] = await manager.query(
      `SELECT terugkoppeling FROM aanlevering.record_antwoord
       WHERE instelling = $1 AND (batch_id, recordnummer) IN (SELECT * FROM unnest($2::text[], $3::bigint[]))`,
      [instelling, records.map((r) => r.batchId), records.map((r) => r.recordnummer)],
    );
    return rijen.map(toDomain);
  }

  async bewaar(manager: EntityManager, instelling: string, antwoorden: readonly GegevenAntwoord[]): Promise<void> {
    if (antwoorden.length === 0) return;
    const rijen = antwoorden.map(toPersistence);
    await manager.query(
      `INSERT INTO aanlevering.record_antwoord (instelling, batch_id, recordnummer, event_id, soort, terugkoppeling)
       SELECT $1, b, n, e, s, t FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[]) AS x(b, n, e, s, t)`,
      [instelling, rijen.map((r) => r.batch_id), rijen.map((r) => r.recordnummer), rijen.map((r) => r.event_id), rijen.map((r) => r.soort), rijen.map((r) => r.terugkoppeling)],
    );
  }

  /** The number of answers of each soort in a batch. */
  async tellingen(manager: EntityManager, instelling: string, batchId: string): Promise<Partial<Record<TerugkoppelingSoort, number>>> {
    const rijen: { soort: TerugkoppelingSoort; aantal: string }[] = await manager.query(
      `SELECT soort, count(*) AS aantal FROM aanlevering.record_antwoord WHERE instelling = $1 AND batch_id = $2 GROUP BY soort`,
      [instelling, batchId],
    );
    return Object.fromEntries(rijen.map((r) => [r.soort, Number(r.aantal)]));
  }
}
