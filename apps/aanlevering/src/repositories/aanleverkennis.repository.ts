import { Injectable } from '@nestjs/common';
import { aanleverkennis, inhoudVan, isVerwerkbareTekst, type AanleverCommando, type Aanleverkennis, type BeoordeelRecord } from '@bron/aanlevering-domein';
import type { EntityManager } from 'typeorm';
import { BatchRecordRepository } from './batch-record.repository';
import { PersoonRepository } from './persoon.repository';
import { RecordAntwoordRepository } from './record-antwoord.repository';
import { StaatRepository } from './staat.repository';
import { VooropleidingRepository } from './vooropleiding.repository';

const plaats = (batchId: string, recordnummer: number) => `${batchId}\u0000${recordnummer}`;
/**
 * The distinct values to look up. A value with a character PostgreSQL cannot take (NUL) would fail
 * the query and with it the whole run; such a record is afgekeurd (A16) without what it names.
 */
const uniek = (waarden: (string | undefined)[]) => [...new Set(waarden.filter((w): w is string => !!w && isVerwerkbareTekst(w)))];

/**
 * The decider's state for a run of consecutive records of one instelling, read in bulk in the
 * run's transaction: the answers given before, and for the records not answered yet the
 * inschrijvingen, diploma's and aanmeldingen they name (locked), their students' inschrijvingen,
 * diploma's, BRP data and vooropleidingen, and the records of their batches handled before.
 */
@Injectable()
export class AanleverkennisRepository {
  constructor(
    private readonly antwoorden: RecordAntwoordRepository,
    private readonly staten: StaatRepository,
    private readonly personen: PersoonRepository,
    private readonly vooropleidingen: VooropleidingRepository,
    private readonly batchRecords: BatchRecordRepository,
  ) {}

  async laad(manager: EntityManager, instelling: string, commandos: readonly AanleverCommando[]): Promise<Aanleverkennis> {
    const antwoorden = await this.antwoorden.eerdere(manager, instelling, commandos.map((c) => c.record));
    const beantwoord = new Set(antwoorden.map((t) => plaats(t.batchId, t.recordnummer)));
    const nieuw = commandos.filter((c): c is BeoordeelRecord => c.type === 'BeoordeelRecord' && !beantwoord.has(plaats(c.record.batchId, c.record.recordnummer))).map((c) => c.record);
    const ids = uniek(nieuw.map((r) => r.velden.inschrijving_id?.trim()));
    const personen = uniek(nieuw.map((r) => r.velden.persoonsnummer?.trim()));
    const inschrijvingenVanStudenten = await this.staten.inschrijvingenVan(manager, instelling, personen);
    const persoonGegevens = await this.personen.gegevensVan(manager, personen);
    const vooropleidingen = await this.vooropleidingen.van(manager, personen);
    const diplomasVanStudenten = await this.staten.diplomasVan(manager, personen);
    const { inschrijvingen, diplomas, aanmeldingen } = await this.staten.vergrendel(manager, instelling, ids);
    const eerdereRecords = await this.batchRecords.eerdere(manager, instelling, nieuw.map((r) => ({ batchId: r.batchId, inhoud: inhoudVan(r.velden) })));
    return aanleverkennis({
      inschrijvingen, diplomas, aanmeldingen, inschrijvingenVanStudenten, diplomasVanStudenten, personen: persoonGegevens, vooropleidingen, antwoorden, eerdereRecords,
    });
  }
}
