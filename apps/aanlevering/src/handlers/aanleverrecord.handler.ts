import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { aanleverrecordDecider, nieuweStaatVan, vatBatchSamen, type AanleverContext, type AanvaardEvent, type NieuweStaat, type RecordTerugkoppeling } from '@bron/aanlevering-domein';
import { aanleverrecordMapper, batchSamenvattingMapper, terugkoppelingMapper, voorInstelling } from '@bron/adapters';
import type { Kwalificatietabel } from '@bron/cascade';
import { EventTypes, InstellingTopics, Topics } from '@bron/contracts';
import { originVan } from '@bron/domein';
import { BerichtContext, OnverwerkbaarBerichtFout, Outbox, SERVICE_CONFIG, nieuwBericht, type Ontvangen, type Oorzaakbericht, type ServiceConfig, type UitgaandBericht } from '@bron/infra';
import type { EntityManager } from 'typeorm';
import { AanleverbatchRepository } from '../repositories/aanleverbatch.repository';
import { AanleverkennisRepository } from '../repositories/aanleverkennis.repository';
import { BatchRecordRepository, type BatchRecord } from '../repositories/batch-record.repository';
import { RecordAntwoordRepository, type GegevenAntwoord } from '../repositories/record-antwoord.repository';
import { StaatRepository } from '../repositories/staat.repository';

/** The kwalificaties table the intake checks crebo's against (docs/domein.md D10). */
export const KWALIFICATIETABEL = Symbol('KWALIFICATIETABEL');

type Intakebericht = Ontvangen<typeof EventTypes.AanleverRecord | typeof EventTypes.AanleverBatchAfgesloten>;
type Recordbericht = Ontvangen<typeof EventTypes.AanleverRecord>;

const FEIT_TYPE = { InschrijvingAanvaard: EventTypes.InschrijvingBijgewerkt, DiplomaAanvaard: EventTypes.DiplomaBijgewerkt, AanmeldingAanvaard: EventTypes.AanmeldingBijgewerkt } as const;

/** The instelling is the one whose topic it is (ACLs authenticate writers), never a claimed BRIN. */
function instellingVan(bericht: Intakebericht): string {
  const brin = InstellingTopics.isAanlevering(bericht.topic) ? InstellingTopics.brinVan(bericht.topic) : null;
  if (!brin) throw new OnverwerkbaarBerichtFout(`topic ${bericht.topic} is geen aanlevertopic`);
  return brin;
}

/**
 * Answers every aanleverrecord exactly once on the instelling's terugkoppeling topic, stores the
 * accepted state and passes it on, keyed by student, to the bekostiging service; a closed batch
 * gets its summary. Consecutive records are decided one by one but read and written in bulk.
 */
@Controller()
export class AanleverrecordHandler {
  constructor(
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KWALIFICATIETABEL) private readonly kwalificaties: Kwalificatietabel,
    private readonly kennis: AanleverkennisRepository,
    private readonly antwoorden: RecordAntwoordRepository,
    private readonly batchRecords: BatchRecordRepository,
    private readonly staten: StaatRepository,
    private readonly batches: AanleverbatchRepository,
  ) {}

  @EventPattern([EventTypes.AanleverRecord, EventTypes.AanleverBatchAfgesloten], { consumer: 'aanlevering', reeks: true })
  async opAanlevering(@Payload() berichten: Intakebericht[], @Ctx() context: BerichtContext): Promise<void> {
    const { manager } = context;
    // The records since the last closing message, all of one intake topic.
    let records: Recordbericht[] = [];
    let vanInstelling = '';
    for (const bericht of berichten) {
      const instelling = instellingVan(bericht);
      switch (bericht.type) {
        case EventTypes.AanleverRecord:
          if (instelling !== vanInstelling) {
            await this.beantwoord(manager, vanInstelling, records);
            records = [];
            vanInstelling = instelling;
          }
          records.push(bericht);
          break;
        case EventTypes.AanleverBatchAfgesloten:
          await this.beantwoord(manager, vanInstelling, records);
          records = [];
          await this.sluitBatch(manager, instelling, bericht);
          break;
      }
    }
    await this.beantwoord(manager, vanInstelling, records);
  }

  /** Loads what the records need, decides each on what the ones before it did, persists, writes the outbox. */
  private async beantwoord(manager: EntityManager, instelling: string, records: readonly Recordbericht[]): Promise<void> {
    if (records.length === 0) return;
    const context: AanleverContext = { aanleverendeInstelling: instelling, peildatum: this.config.peildatum(), kwalificaties: this.kwalificaties };
    const commandos = records.map((b) => aanleverrecordMapper.naarDomein(b.value, context));
    let kennis = await this.kennis.laad(manager, instelling, commandos);
    const antwoorden: GegevenAntwoord[] = [];
    const batchRecords: BatchRecord[] = [];
    const staten: NieuweStaat[] = [];
    const uit: UitgaandBericht[] = [];
    commandos.forEach((commando, i) => {
      const origin = originVan({ soort: 'AANLEVERING', instelling, batchId: commando.record.batchId });
      for (const event of aanleverrecordDecider.decide(commando, kennis)) {
        kennis = aanleverrecordDecider.evolve(kennis, event);
        switch (event.type) {
          case 'RecordBeoordeeld': {
            const { terugkoppeling, inhoud } = event.data;
            antwoorden.push({ terugkoppeling, eventId: terugkoppelingId(terugkoppeling) });
            if (inhoud !== null) batchRecords.push({ instelling, batchId: terugkoppeling.batchId, inhoud, recordnummer: terugkoppeling.recordnummer });
            uit.push(terugkoppelingBericht(terugkoppeling, origin, records[i]));
            break;
          }
          case 'BeoordelingHerhaald':
            // The same batch delivered again: nothing changes, and it gets the same answer (same event id).
            uit.push(terugkoppelingBericht(event.data.terugkoppeling, origin, records[i]));
            break;
          default:
            staten.push(nieuweStaatVan(event));
            uit.push(studentfeitBericht(event, origin, records[i]));
        }
      }
    });
    await this.antwoorden.bewaar(manager, instelling, antwoorden);
    await this.batchRecords.bewaar(manager, instelling, batchRecords);
    await this.staten.bewaar(manager, instelling, staten);
    await this.outbox.add(manager, uit);
  }

  private async sluitBatch(manager: EntityManager, instelling: string, bericht: Ontvangen<typeof EventTypes.AanleverBatchAfgesloten>): Promise<void> {
    const { batchId, aantalRecords, bestandsnaam } = bericht.value;
    await this.batches.sluit(manager, { instelling, batchId, aantalGemeld: aantalRecords, bestandsnaam });
    // The intake topic has one partition: every record of the batch was handled before this marker.
    const samenvatting = vatBatchSamen({ batchId, instelling, aantalGemeld: aantalRecords }, await this.antwoorden.tellingen(manager, instelling, batchId));
    await this.outbox.add(manager, [
      voorInstelling(nieuwBericht({
        topic: InstellingTopics.terugkoppeling(instelling), key: batchId, type: EventTypes.AanleverBatchVerwerkt, value: batchSamenvattingMapper.naarContract(samenvatting),
        origin: originVan({ soort: 'AANLEVERING', instelling, batchId }), eventId: `batch-verwerkt:${instelling}:${batchId}`,
      }, bericht)),
    ]);
  }
}

/** One answer per record: answering it again sends the same event. */
const terugkoppelingId = (t: RecordTerugkoppeling) => `terugkoppeling:${t.instelling}:${t.batchId}:${t.recordnummer}`;

function terugkoppelingBericht(terugkoppeling: RecordTerugkoppeling, origin: string, oorzaak: Oorzaakbericht): UitgaandBericht {
  return voorInstelling(nieuwBericht({
    topic: InstellingTopics.terugkoppeling(terugkoppeling.instelling), key: terugkoppeling.persoonsnummer ?? terugkoppeling.batchId,
    type: EventTypes.Terugkoppeling, value: terugkoppelingMapper.naarContract(terugkoppeling), origin, eventId: terugkoppelingId(terugkoppeling),
  }, oorzaak));
}

function studentfeitBericht(event: AanvaardEvent, origin: string, oorzaak: Oorzaakbericht): UitgaandBericht {
  return nieuwBericht({ topic: Topics.studentfeit, key: event.data.persoonsnummer, type: FEIT_TYPE[event.type], value: event.data, origin }, oorzaak);
}
