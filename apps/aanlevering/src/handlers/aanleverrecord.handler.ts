import { beoordeelLeesfout, beoordeelRecord, type Beoordeling, type NieuweStaat } from '@bron/aanlevering-domein';
import type { Kwalificatietabel } from '@bron/cascade';
import { EventTypes, InstellingTopics, Topics, type AanleverBatchAfgesloten, type AanleverRecord, type Terugkoppeling } from '@bron/contracts';
import { OnverwerkbaarBerichtFout, nieuwBericht, type BerichtHandler, type OntvangenBericht, type Outbox, type UitgaandBericht } from '@bron/infra';
import type { EntityManager } from 'typeorm';
import { ReeksContext } from './record-context';
import { bewaarStaten } from './staat.repository';

const INTAKE_TOPIC = /^instelling\.([0-9]{2}[A-Z0-9]{2})\.aanlevering\.v1$/;

const FEIT_TYPE = { inschrijving: EventTypes.InschrijvingBijgewerkt, diploma: EventTypes.DiplomaBijgewerkt, aanmelding: EventTypes.AanmeldingBijgewerkt } as const;

/**
 * Answers every aanleverrecord exactly once on the instelling's terugkoppeling topic, stores the
 * accepted state and passes it on, keyed by student, to the bekostiging service. Consecutive
 * records are decided one by one but read and written in bulk.
 */
export class AanleverrecordHandler implements BerichtHandler {
  readonly topics: string[];

  constructor(
    instellingen: string[],
    private readonly outbox: Outbox,
    private readonly kwalificaties: Kwalificatietabel,
    private readonly peildatum: () => string,
  ) {
    this.topics = instellingen.map(InstellingTopics.aanlevering);
  }

  handle(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    return this.handleReeks([bericht], manager);
  }

  async handleReeks(berichten: OntvangenBericht[], manager: EntityManager): Promise<void> {
    let records: OntvangenBericht<AanleverRecord>[] = [];
    for (const bericht of berichten) {
      // The instelling is the one whose topic it is (ACLs authenticate writers), never a claimed BRIN.
      const instelling = INTAKE_TOPIC.exec(bericht.topic)?.[1];
      if (!instelling) throw new OnverwerkbaarBerichtFout(`topic ${bericht.topic} is geen aanlevertopic`);
      if (bericht.metadata.eventType === EventTypes.AanleverRecord) {
        records.push(bericht as OntvangenBericht<AanleverRecord>);
      } else if (bericht.metadata.eventType === EventTypes.AanleverBatchAfgesloten) {
        await this.beantwoordRecords(instelling, records, manager);
        records = [];
        await this.sluitBatch(instelling, bericht as OntvangenBericht<AanleverBatchAfgesloten>, manager);
      } else {
        throw new OnverwerkbaarBerichtFout(`onverwacht berichttype ${bericht.metadata.eventType} op ${bericht.topic}`);
      }
    }
    if (records.length > 0) await this.beantwoordRecords(INTAKE_TOPIC.exec(records[0].topic)![1], records, manager);
  }

  private async beantwoordRecords(instelling: string, berichten: OntvangenBericht<AanleverRecord>[], manager: EntityManager): Promise<void> {
    if (berichten.length === 0) return;
    const context = await ReeksContext.laad(manager, instelling, berichten.map((b) => b.value), { kwalificaties: this.kwalificaties, peildatum: this.peildatum() });
    const uit: UitgaandBericht[] = [];
    const antwoorden: { record: AanleverRecord; eventId: string; terugkoppeling: Terugkoppeling }[] = [];
    const staten: NieuweStaat[] = [];
    const inDezeReeks = new Map<string, Terugkoppeling>();
    for (const bericht of berichten) {
      const record = bericht.value;
      const origin = `aanlevering:${instelling}:${record.batchId}`;
      const eventId = `terugkoppeling:${instelling}:${record.batchId}:${record.recordnummer}`;
      const eerder = context.eerderAntwoord(record) ?? inDezeReeks.get(eventId);
      if (eerder) {
        // The same batch delivered again: nothing changes, and it gets the same answer (same event id).
        uit.push(this.terugkoppelingBericht(instelling, eerder, eventId, origin, bericht));
        continue;
      }
      const beoordeling = record.leesfout ? beoordeelLeesfout(record.regel, record.leesfout) : beoordeelRecord(record.velden, context.contextVoor(record));
      const terugkoppeling = toTerugkoppeling(instelling, record, beoordeling);
      inDezeReeks.set(eventId, terugkoppeling);
      antwoorden.push({ record, eventId, terugkoppeling });
      uit.push(this.terugkoppelingBericht(instelling, terugkoppeling, eventId, origin, bericht));
      const nieuw = beoordeling.nieuweStaat;
      if (nieuw) {
        context.pasToe(nieuw);
        staten.push(nieuw);
        uit.push(nieuwBericht({ topic: Topics.studentfeit, key: nieuw.staat.persoonsnummer, type: FEIT_TYPE[nieuw.soort], value: nieuw.staat, origin }, bericht));
      }
    }
    if (antwoorden.length > 0) {
      await manager.query(
        `INSERT INTO aanlevering.record_antwoord (instelling, batch_id, recordnummer, event_id, soort, terugkoppeling)
         SELECT $1, b, n, e, s, t FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[]) AS x(b, n, e, s, t)`,
        [instelling, antwoorden.map((a) => a.record.batchId), antwoorden.map((a) => a.record.recordnummer), antwoorden.map((a) => a.eventId),
          antwoorden.map((a) => a.terugkoppeling.soort), antwoorden.map((a) => JSON.stringify(a.terugkoppeling))],
      );
    }
    await bewaarStaten(manager, instelling, staten);
    await this.outbox.add(manager, uit);
  }

  private async sluitBatch(instelling: string, bericht: OntvangenBericht<AanleverBatchAfgesloten>, manager: EntityManager): Promise<void> {
    const { batchId, aantalRecords, bestandsnaam } = bericht.value;
    await manager.query(
      `INSERT INTO aanlevering.batch (instelling, batch_id, aantal_gemeld, bestandsnaam, afgesloten_op) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (instelling, batch_id) DO UPDATE SET aantal_gemeld = EXCLUDED.aantal_gemeld, afgesloten_op = now()`,
      [instelling, batchId, aantalRecords, bestandsnaam],
    );
    // The intake topic has one partition: every record of the batch was handled before this marker.
    const tellingen: { soort: string; aantal: string }[] = await manager.query(
      `SELECT soort, count(*) AS aantal FROM aanlevering.record_antwoord WHERE instelling = $1 AND batch_id = $2 GROUP BY soort`,
      [instelling, batchId],
    );
    const aantal = (soort: string) => Number(tellingen.find((t) => t.soort === soort)?.aantal ?? 0);
    const meldingen = aantal('MELDING');
    const signalen = aantal('SIGNAAL');
    const afkeuringen = aantal('AFKEURING');
    const samenvatting = { batchId, instelling, aantalRecords: meldingen + signalen + afkeuringen, meldingen, signalen, afkeuringen, aantalGemeld: aantalRecords };
    await this.outbox.add(manager, [
      nieuwBericht({
        topic: InstellingTopics.terugkoppeling(instelling), key: batchId, type: EventTypes.AanleverBatchVerwerkt, value: samenvatting,
        origin: `aanlevering:${instelling}:${batchId}`, eventId: `batch-verwerkt:${instelling}:${batchId}`,
      }, bericht),
    ]);
  }

  private terugkoppelingBericht(instelling: string, terugkoppeling: Terugkoppeling, eventId: string, origin: string, oorzaak: OntvangenBericht) {
    return nieuwBericht({
      topic: InstellingTopics.terugkoppeling(instelling), key: terugkoppeling.persoonsnummer ?? terugkoppeling.batchId,
      type: EventTypes.Terugkoppeling, value: terugkoppeling, origin, eventId,
    }, oorzaak);
  }
}

function toTerugkoppeling(instelling: string, record: AanleverRecord, b: Beoordeling): Terugkoppeling {
  return {
    batchId: record.batchId, recordnummer: record.recordnummer, regel: record.regel, instelling, persoonsnummer: b.persoonsnummer, inschrijvingId: b.inschrijvingId, soort: b.soort,
    codes: b.codes.map((c) => ({ code: c.code, soort: c.soort, tekst: c.tekst, parameters: c.parameters })),
  };
}
