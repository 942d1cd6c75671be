import { beoordeelLeesfout, beoordeelRecord, type Beoordeling, type DiplomaStaat, type InschrijvingStaat, type RuwRecord } from '@bron/aanlevering-domein';
import type { Kwalificatietabel } from '@bron/cascade';
import { EventTypes, InstellingTopics, Topics, type AanleverBatchAfgesloten, type AanleverRecord, type Terugkoppeling } from '@bron/contracts';
import { OnverwerkbaarBerichtFout, nieuwBericht, type BerichtHandler, type OntvangenBericht, type Outbox, type UitgaandBericht } from '@bron/infra';
import type { EntityManager } from 'typeorm';

const INTAKE_TOPIC = /^instelling\.([0-9]{2}[A-Z0-9]{2})\.aanlevering\.v1$/;

/**
 * Answers every aanleverrecord exactly once on the instelling's terugkoppeling topic, stores the
 * accepted state and passes it on, keyed by student, to the bekostiging service.
 */
export class AanleverrecordHandler implements BerichtHandler {
  readonly topics: string[];

  constructor(
    instellingen: string[],
    private readonly outbox: Outbox,
    private readonly kwalificaties: Kwalificatietabel,
  ) {
    this.topics = instellingen.map(InstellingTopics.aanlevering);
  }

  async handle(bericht: OntvangenBericht, manager: EntityManager): Promise<void> {
    // The instelling is the one whose topic it is (ACLs authenticate writers), never a claimed BRIN.
    const instelling = INTAKE_TOPIC.exec(bericht.topic)?.[1];
    if (!instelling) throw new OnverwerkbaarBerichtFout(`topic ${bericht.topic} is geen aanlevertopic`);
    switch (bericht.metadata.eventType) {
      case EventTypes.AanleverRecord:
        return this.beantwoordRecord(instelling, bericht as OntvangenBericht<AanleverRecord>, manager);
      case EventTypes.AanleverBatchAfgesloten:
        return this.sluitBatch(instelling, bericht as OntvangenBericht<AanleverBatchAfgesloten>, manager);
      default:
        throw new OnverwerkbaarBerichtFout(`onverwacht berichttype ${bericht.metadata.eventType} op ${bericht.topic}`);
    }
  }

  private async beantwoordRecord(instelling: string, bericht: OntvangenBericht<AanleverRecord>, manager: EntityManager): Promise<void> {
    const { batchId, recordnummer, velden, regel, leesfout } = bericht.value;
    const origin = `aanlevering:${instelling}:${batchId}`;
    const eventId = `terugkoppeling:${instelling}:${batchId}:${recordnummer}`;
    const [eerder] = await manager.query(
      `SELECT terugkoppeling FROM aanlevering.record_antwoord WHERE instelling = $1 AND batch_id = $2 AND recordnummer = $3`,
      [instelling, batchId, recordnummer],
    );
    if (eerder) {
      // The same batch delivered again: nothing changes, and it gets the same answer (same event id).
      await this.outbox.add(manager, [this.terugkoppelingBericht(instelling, eerder.terugkoppeling, eventId, origin, bericht)]);
      return;
    }

    const record = velden as RuwRecord;
    const inschrijvingId = record.inschrijving_id?.trim() ?? '';
    const [inschrijving] = inschrijvingId
      ? await manager.query(`SELECT staat FROM aanlevering.inschrijving WHERE instelling = $1 AND inschrijving_id = $2 FOR UPDATE`, [instelling, inschrijvingId])
      : [];
    const [diploma] = inschrijvingId
      ? await manager.query(`SELECT staat FROM aanlevering.diploma WHERE instelling = $1 AND diploma_id = $2 FOR UPDATE`, [instelling, inschrijvingId])
      : [];
    const beoordeling = leesfout ? beoordeelLeesfout(regel, leesfout) : beoordeelRecord(record, {
      aanleverendeInstelling: instelling,
      bestaandeInschrijving: inschrijving?.staat as InschrijvingStaat | undefined,
      bestaandDiploma: diploma?.staat as DiplomaStaat | undefined,
      kwalificatie: (crebo) => this.kwalificaties.kwalificatie(crebo),
    });

    const terugkoppeling = toTerugkoppeling(instelling, batchId, recordnummer, regel, beoordeling);
    await manager.query(
      `INSERT INTO aanlevering.record_antwoord (instelling, batch_id, recordnummer, event_id, soort, terugkoppeling) VALUES ($1, $2, $3, $4, $5, $6)`,
      [instelling, batchId, recordnummer, eventId, beoordeling.soort, JSON.stringify(terugkoppeling)],
    );
    const berichten: UitgaandBericht[] = [this.terugkoppelingBericht(instelling, terugkoppeling, eventId, origin, bericht)];
    const nieuw = beoordeling.nieuweStaat;
    if (nieuw?.soort === 'inschrijving') {
      await this.bewaar(manager, 'inschrijving', 'inschrijving_id', nieuw.staat.inschrijvingId, nieuw.staat);
      berichten.push(nieuwBericht({ topic: Topics.studentfeit, key: nieuw.staat.persoonsnummer, type: EventTypes.InschrijvingBijgewerkt, value: nieuw.staat, origin }, bericht));
    } else if (nieuw?.soort === 'diploma') {
      await this.bewaar(manager, 'diploma', 'diploma_id', nieuw.staat.diplomaId, nieuw.staat);
      berichten.push(nieuwBericht({ topic: Topics.studentfeit, key: nieuw.staat.persoonsnummer, type: EventTypes.DiplomaBijgewerkt, value: nieuw.staat, origin }, bericht));
    }
    await this.outbox.add(manager, berichten);
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
    const samenvatting = { batchId, instelling, meldingen: aantal('MELDING'), signalen: aantal('SIGNAAL'), afkeuringen: aantal('AFKEURING'), aantalRecords: 0 };
    samenvatting.aantalRecords = samenvatting.meldingen + samenvatting.signalen + samenvatting.afkeuringen;
    await this.outbox.add(manager, [
      nieuwBericht({
        topic: InstellingTopics.terugkoppeling(instelling), key: batchId, type: EventTypes.AanleverBatchVerwerkt, value: samenvatting,
        origin: `aanlevering:${instelling}:${batchId}`, eventId: `batch-verwerkt:${instelling}:${batchId}`,
      }, bericht),
    ]);
  }

  private async bewaar(manager: EntityManager, tabel: 'inschrijving' | 'diploma', idKolom: string, id: string, staat: InschrijvingStaat | DiplomaStaat): Promise<void> {
    await manager.query(
      `INSERT INTO aanlevering.${tabel} (instelling, ${idKolom}, persoonsnummer, versie, staat) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (instelling, ${idKolom}) DO UPDATE SET persoonsnummer = EXCLUDED.persoonsnummer, versie = EXCLUDED.versie, staat = EXCLUDED.staat`,
      [staat.instelling, id, staat.persoonsnummer, staat.versie, JSON.stringify(staat)],
    );
  }

  private terugkoppelingBericht(instelling: string, terugkoppeling: Terugkoppeling, eventId: string, origin: string, oorzaak: OntvangenBericht) {
    return nieuwBericht({
      topic: InstellingTopics.terugkoppeling(instelling), key: terugkoppeling.persoonsnummer ?? terugkoppeling.batchId,
      type: EventTypes.Terugkoppeling, value: terugkoppeling, origin, eventId,
    }, oorzaak);
  }
}

function toTerugkoppeling(instelling: string, batchId: string, recordnummer: number, regel: number | null, b: Beoordeling): Terugkoppeling {
  return {
    batchId, recordnummer, regel, instelling, persoonsnummer: b.persoonsnummer, inschrijvingId: b.inschrijvingId, soort: b.soort,
    codes: b.codes.map((c) => ({ code: c.code, soort: c.soort, tekst: c.tekst, parameters: c.parameters })),
  };
}
