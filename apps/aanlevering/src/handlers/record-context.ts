import { createHash } from 'node:crypto';
import type { AanmeldingStaat, BeoordelingContext, DiplomaStaat, InschrijvingStaat, NieuweStaat, PersoonGegevens, RuwRecord } from '@bron/aanlevering-domein';
import type { Kwalificatietabel } from '@bron/cascade';
import type { AanleverRecord, Terugkoppeling } from '@bron/contracts';
import { canoniekeJson } from '@bron/domein';
import { groepeer } from '@bron/infra';
import type { EntityManager } from 'typeorm';

const sleutel = (batchId: string, recordnummer: number) => `${batchId}\u0000${recordnummer}`;
const vingerafdruk = (velden: Record<string, string>) => createHash('sha256').update(canoniekeJson(velden)).digest('base64url');

/**
 * What the decisions on a run of consecutive records of one instelling need, read in bulk in the
 * run's transaction (the named inschrijvingen locked), and kept up to date as each record's new
 * state is applied, so that a record sees the effect of the records before it.
 */
export class ReeksContext {
  private constructor(
    private readonly instelling: string,
    private readonly vast: { kwalificaties: Kwalificatietabel; peildatum: string },
    /** Answers given before (a redelivered batch gets them again). */
    readonly eerdereAntwoorden: Map<string, Terugkoppeling>,
    private readonly inschrijvingen: Map<string, InschrijvingStaat>,
    private readonly diplomas: Map<string, DiplomaStaat>,
    private readonly aanmeldingen: Map<string, AanmeldingStaat>,
    private readonly perPersoon: Map<string, InschrijvingStaat[]>,
    private readonly personen: Map<string, PersoonGegevens>,
    private readonly vooropleidingen: Map<string, { soort: string; diploma: boolean }[]>,
    private readonly diplomasPerPersoon: Map<string, DiplomaStaat[]>,
    private readonly duplicaten: Map<string, number>,
  ) {}

  static async laad(manager: EntityManager, instelling: string, records: AanleverRecord[], vast: { kwalificaties: Kwalificatietabel; peildatum: string }): Promise<ReeksContext> {
    const q = <T>(sql: string, params: unknown[]) => manager.query(sql, params) as Promise<T[]>;
    const eerder = await q<{ batch_id: string; recordnummer: string; terugkoppeling: Terugkoppeling }>(
      `SELECT batch_id, recordnummer, terugkoppeling FROM aanlevering.record_antwoord
       WHERE instelling = $1 AND (batch_id, recordnummer) IN (SELECT * FROM unnest($2::text[], $3::bigint[]))`,
      [instelling, records.map((r) => r.batchId), records.map((r) => r.recordnummer)],
    );
    const eerdereAntwoorden = new Map(eerder.map((r) => [sleutel(r.batch_id, Number(r.recordnummer)), r.terugkoppeling]));
    const nieuw = records.filter((r) => !eerdereAntwoorden.has(sleutel(r.batchId, r.recordnummer)) && !r.leesfout);
    const ids = [...new Set(nieuw.map((r) => r.velden.inschrijving_id?.trim()).filter((id): id is string => !!id))];
    const personen = [...new Set(nieuw.map((r) => r.velden.persoonsnummer?.trim()).filter((p): p is string => !!p))];
    const staten = async <T>(tabel: string, idKolom: string) =>
      new Map((await q<{ id: string; staat: T }>(`SELECT ${idKolom} AS id, staat FROM aanlevering.${tabel} WHERE instelling = $1 AND ${idKolom} = ANY($2) FOR UPDATE`, [instelling, ids])).map((r) => [r.id, r.staat]));
    const andere = await q<{ staat: InschrijvingStaat }>(`SELECT staat FROM aanlevering.inschrijving WHERE instelling = $1 AND persoonsnummer = ANY($2)`, [instelling, personen]);
    const persoon = await q<{ persoonsnummer: string; gegevens: PersoonGegevens }>(`SELECT persoonsnummer, gegevens FROM aanlevering.persoon WHERE persoonsnummer = ANY($1)`, [personen]);
    const vooropleiding = await q<{ persoonsnummer: string; soort: string; diploma: boolean }>(`SELECT persoonsnummer, soort, diploma FROM aanlevering.vooropleiding WHERE persoonsnummer = ANY($1)`, [personen]);
    const diplomas = await q<{ staat: DiplomaStaat }>(`SELECT staat FROM aanlevering.diploma WHERE persoonsnummer = ANY($1)`, [personen]);
    return new ReeksContext(
      instelling, vast, eerdereAntwoorden,
      await staten<InschrijvingStaat>('inschrijving', 'inschrijving_id'),
      await staten<DiplomaStaat>('diploma', 'diploma_id'),
      await staten<AanmeldingStaat>('aanmelding', 'aanmelding_id'),
      groepeer(andere.map((r) => r.staat), (s) => s.persoonsnummer),
      new Map(persoon.map((p) => [p.persoonsnummer, p.gegevens])),
      groepeer(vooropleiding, (v) => v.persoonsnummer),
      groepeer(diplomas.map((d) => d.staat), (d) => d.persoonsnummer),
      await ReeksContext.duplicaten(manager, instelling, nieuw),
    );
  }

  /**
   * Records identical to an earlier record of the same batch: the fingerprint of every new record
   * is stored; one that is already there (earlier in this run or in an earlier one) is a duplicate.
   */
  private static async duplicaten(manager: EntityManager, instelling: string, records: AanleverRecord[]): Promise<Map<string, number>> {
    const eerste = new Map<string, AanleverRecord>();
    const duplicaten = new Map<string, number>();
    const binnenReeks: [AanleverRecord, string][] = [];
    for (const r of records) {
      const v = `${r.batchId}\u0000${vingerafdruk(r.velden)}`;
      const al = eerste.get(v);
      if (al) duplicaten.set(sleutel(r.batchId, r.recordnummer), al.recordnummer);
      else {
        eerste.set(v, r);
        binnenReeks.push([r, vingerafdruk(r.velden)]);
      }
    }
    if (binnenReeks.length === 0) return duplicaten;
    const ingevoegd = new Set((await manager.query(
      `INSERT INTO aanlevering.batch_record (instelling, batch_id, vingerafdruk, recordnummer)
       SELECT $1, b, v, n FROM unnest($2::text[], $3::text[], $4::bigint[]) AS t(b, v, n) ON CONFLICT DO NOTHING RETURNING batch_id, recordnummer`,
      [instelling, binnenReeks.map(([r]) => r.batchId), binnenReeks.map(([, v]) => v), binnenReeks.map(([r]) => r.recordnummer)],
    ) as { batch_id: string; recordnummer: string }[]).map((r) => sleutel(r.batch_id, Number(r.recordnummer))));
    const bestaand = binnenReeks.filter(([r]) => !ingevoegd.has(sleutel(r.batchId, r.recordnummer)));
    if (bestaand.length > 0) {
      const rijen: { batch_id: string; vingerafdruk: string; recordnummer: string }[] = await manager.query(
        `SELECT batch_id, vingerafdruk, recordnummer FROM aanlevering.batch_record WHERE instelling = $1 AND (batch_id, vingerafdruk) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
        [instelling, bestaand.map(([r]) => r.batchId), bestaand.map(([, v]) => v)],
      );
      const eerder = new Map(rijen.map((r) => [`${r.batch_id}\u0000${r.vingerafdruk}`, Number(r.recordnummer)]));
      for (const [r, v] of bestaand) duplicaten.set(sleutel(r.batchId, r.recordnummer), eerder.get(`${r.batchId}\u0000${v}`)!);
    }
    return duplicaten;
  }

  eerderAntwoord(record: AanleverRecord): Terugkoppeling | undefined {
    return this.eerdereAntwoorden.get(sleutel(record.batchId, record.recordnummer));
  }

  contextVoor(record: AanleverRecord): BeoordelingContext {
    const velden = record.velden as RuwRecord;
    const id = velden.inschrijving_id?.trim() ?? '';
    const persoonsnummer = velden.persoonsnummer?.trim() ?? '';
    return {
      aanleverendeInstelling: this.instelling,
      peildatum: this.vast.peildatum,
      kwalificaties: this.vast.kwalificaties,
      bestaandeInschrijving: this.inschrijvingen.get(id),
      bestaandDiploma: this.diplomas.get(id),
      bestaandeAanmelding: velden.soort === 'AANMELDING' ? this.aanmeldingen.get(id) : undefined,
      andereInschrijvingen: this.perPersoon.get(persoonsnummer) ?? [],
      persoon: this.personen.get(persoonsnummer),
      vooropleidingen: this.vooropleidingen.get(persoonsnummer) ?? [],
      mboDiplomaNiveaus: (this.diplomasPerPersoon.get(persoonsnummer) ?? []).filter((d) => !d.verwijderd).map((d) => this.vast.kwalificaties.kwalificatie(d.crebo)?.niveau ?? 0),
      eerderInBatch: this.duplicaten.get(sleutel(record.batchId, record.recordnummer)),
    };
  }

  /** Makes an accepted record's new state visible to the records after it. */
  pasToe(nieuw: NieuweStaat): void {
    const vervang = <T>(lijst: T[] | undefined, staat: T, zelfde: (t: T) => boolean) => [...(lijst ?? []).filter((t) => !zelfde(t)), staat];
    switch (nieuw.soort) {
      case 'inschrijving': {
        const s = nieuw.staat;
        this.inschrijvingen.set(s.inschrijvingId, s);
        this.perPersoon.set(s.persoonsnummer, vervang(this.perPersoon.get(s.persoonsnummer), s, (t) => t.inschrijvingId === s.inschrijvingId));
        return;
      }
      case 'diploma': {
        const s = nieuw.staat;
        this.diplomas.set(s.diplomaId, s);
        this.diplomasPerPersoon.set(s.persoonsnummer, vervang(this.diplomasPerPersoon.get(s.persoonsnummer), s, (t) => t.instelling === s.instelling && t.diplomaId === s.diplomaId));
        return;
      }
      case 'aanmelding':
        this.aanmeldingen.set(nieuw.staat.aanmeldingId, nieuw.staat);
        return;
    }
  }
}
