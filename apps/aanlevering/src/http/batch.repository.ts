import type { Terugkoppeling } from '@bron/contracts';
import type { DataSource } from 'typeorm';
import type { Pagina } from './parameters';

/** What an instelling sees of one of its batches. */
export interface BatchStatus {
  batchId: string;
  instelling: string;
  /** VERWERKT once the closing message is handled: every record is answered and the summary published. */
  status: 'IN_BEHANDELING' | 'VERWERKT';
  /** The number of records the sender said it delivered (null until known). */
  aantalGemeld: number | null;
  beantwoord: number;
  meldingen: number;
  signalen: number;
  afkeuringen: number;
  verwerktOp: string | null;
  /** The answers of one page, by recordnummer. */
  terugkoppeling: Terugkoppeling[];
  /** The recordnummer the next page starts at, when there is one. */
  volgende: number | null;
}

interface TellingRij {
  bekend: boolean;
  aantal_gemeld: string | null;
  afgesloten_op: Date | null;
  beantwoord: string;
  meldingen: string;
  signalen: string;
  afkeuringen: string;
}

/** Batches of the HTTP intake: what was accepted, and how far the answers are (tables of the intake handler). */
export class BatchRepository {
  constructor(private readonly db: Pick<DataSource, 'query'>) {}

  /** Records an accepted batch; delivering it again under the same id updates the record. */
  async registreerOntvangst(instelling: string, batchId: string, sleutelId: string, bestandsnaam: string | null, aantalRecords: number): Promise<void> {
    await this.db.query(
      `INSERT INTO aanlevering.ontvangen_batch (instelling, batch_id, api_sleutel_id, bestandsnaam, aantal_records) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (instelling, batch_id) DO UPDATE SET api_sleutel_id = EXCLUDED.api_sleutel_id, bestandsnaam = EXCLUDED.bestandsnaam,
         aantal_records = EXCLUDED.aantal_records, ontvangen_op = now()`,
      [instelling, batchId, sleutelId, bestandsnaam, aantalRecords],
    );
  }

  /** The batch of this instelling, or undefined when it has no such batch (another instelling's included). */
  async status(instelling: string, batchId: string, pagina: Pagina): Promise<BatchStatus | undefined> {
    const [t] = await this.db.query<TellingRij[]>(
      `SELECT (b.batch_id IS NOT NULL OR o.batch_id IS NOT NULL OR a.beantwoord > 0) AS bekend,
              coalesce(b.aantal_gemeld, o.aantal_records) AS aantal_gemeld, b.afgesloten_op,
              a.beantwoord, a.meldingen, a.signalen, a.afkeuringen
       FROM (SELECT count(*) AS beantwoord,
                    count(*) FILTER (WHERE soort = 'MELDING') AS meldingen,
                    count(*) FILTER (WHERE soort = 'SIGNAAL') AS signalen,
                    count(*) FILTER (WHERE soort = 'AFKEURING') AS afkeuringen
             FROM aanlevering.record_antwoord WHERE instelling = $1 AND batch_id = $2) a
       LEFT JOIN aanlevering.batch b ON b.instelling = $1 AND b.batch_id = $2
       LEFT JOIN aanlevering.ontvangen_batch o ON o.instelling = $1 AND o.batch_id = $2`,
      [instelling, batchId],
    );
    if (!t?.bekend) return undefined;
    const rijen = await this.db.query<{ recordnummer: string; terugkoppeling: Terugkoppeling }[]>(
      `SELECT recordnummer, terugkoppeling FROM aanlevering.record_antwoord
       WHERE instelling = $1 AND batch_id = $2 AND recordnummer >= $3 ORDER BY recordnummer LIMIT $4`,
      [instelling, batchId, pagina.vanaf, pagina.aantal + 1],
    );
    const volgende = rijen.length > pagina.aantal ? Number(rijen[pagina.aantal].recordnummer) : null;
    return {
      batchId, instelling,
      status: t.afgesloten_op ? 'VERWERKT' : 'IN_BEHANDELING',
      aantalGemeld: t.aantal_gemeld === null ? null : Number(t.aantal_gemeld),
      beantwoord: Number(t.beantwoord), meldingen: Number(t.meldingen), signalen: Number(t.signalen), afkeuringen: Number(t.afkeuringen),
      verwerktOp: t.afgesloten_op?.toISOString() ?? null,
      terugkoppeling: rijen.slice(0, pagina.aantal).map((r) => r.terugkoppeling),
      volgende,
    };
  }
}
