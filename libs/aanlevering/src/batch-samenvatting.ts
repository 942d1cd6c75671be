import type { TerugkoppelingSoort } from './terugkoppeling-codes';

/** The summary of a batch once every record has its answer (docs/aanlevering.md). */
export interface BatchSamenvatting {
  readonly batchId: string;
  readonly instelling: string;
  /** Always meldingen + signalen + afkeuringen: the records that were answered. */
  readonly aantalRecords: number;
  readonly meldingen: number;
  readonly signalen: number;
  readonly afkeuringen: number;
  /** What the sender said it delivered; a difference shows records that never arrived. */
  readonly aantalGemeld: number | null;
}

/** The summary of a closed batch from the number of answers of each soort. */
export function vatBatchSamen(batch: { batchId: string; instelling: string; aantalGemeld: number | null }, antwoorden: Readonly<Partial<Record<TerugkoppelingSoort, number>>>): BatchSamenvatting {
  const meldingen = antwoorden.MELDING ?? 0;
  const signalen = antwoorden.SIGNAAL ?? 0;
  const afkeuringen = antwoorden.AFKEURING ?? 0;
  return { batchId: batch.batchId, instelling: batch.instelling, aantalRecords: meldingen + signalen + afkeuringen, meldingen, signalen, afkeuringen, aantalGemeld: batch.aantalGemeld };
}
