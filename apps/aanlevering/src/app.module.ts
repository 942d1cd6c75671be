import { Module, type DynamicModule } from '@nestjs/common';
import { InstellingTopics, Topics, bronCodec } from '@bron/contracts';
import { laadInstellingen, laadKwalificaties } from '@bron/adapters';
import { BERICHT_CONSUMERS, PlatformModule, SERVICE_CONFIG, ToegangModule, type ConsumerDefinitie, type ServiceConfig } from '@bron/infra';
import { AanleverrecordHandler, KWALIFICATIETABEL } from './handlers/aanleverrecord.handler';
import { ExternHandler } from './handlers/extern.handler';
import { AanleveringSchema1764300000000 } from './migrations/1764300000000-aanlevering-schema';
import { IntakeRegels1764300000005 } from './migrations/1764300000005-intake-regels';
import { ApiSleutel1764300000010 } from './migrations/1764300000010-api-sleutel';
import { OntvangenBatch1764300000011 } from './migrations/1764300000011-ontvangen-batch';
import { ApiSleutelNaarToegang1764300000012 } from './migrations/1764300000012-api-sleutel-naar-toegang';
import { AanleveringenHttpModule } from './http/aanleveringen-http.module';
import { AanleverbatchRepository } from './repositories/aanleverbatch.repository';
import { AanleverkennisRepository } from './repositories/aanleverkennis.repository';
import { BatchRecordRepository } from './repositories/batch-record.repository';
import { PersoonRepository } from './repositories/persoon.repository';
import { RecordAntwoordRepository } from './repositories/record-antwoord.repository';
import { StaatRepository } from './repositories/staat.repository';
import { VooropleidingRepository } from './repositories/vooropleiding.repository';

/** The schema's migrations, in order (the API keys moved to the shared toegang schema in the last). */
export const AANLEVERING_MIGRATIES = [AanleveringSchema1764300000000, IntakeRegels1764300000005, ApiSleutel1764300000010, OntvangenBatch1764300000011, ApiSleutelNaarToegang1764300000012];

const INTAKE_TOPIC = /^instelling\.[0-9]{2}[A-Z0-9]{2}\.aanlevering\.v1$/;

/**
 * Two consumer groups: the external feeds, and the intake topics of the onboarded instellingen
 * (so that a slow batch never holds up what the BRP says, and the other way round).
 */
const consumers = (config: ServiceConfig): ConsumerDefinitie[] => [
  { groupId: 'aanlevering-extern', topics: [Topics.persoon, Topics.vooropleiding, Topics.kwalificatie] },
  // Also every intake topic that exists (and, with ACLs, that this service may read): an instelling
  // onboarded while the intake runs is consumed without a restart (docs/kafka.md, onboarding).
  { groupId: 'aanlevering', topics: laadInstellingen({ ...process.env, ...config.env }).map(InstellingTopics.aanlevering), topicPatroon: INTAKE_TOPIC },
];

/** Intake: batch aanleveringen, validated record by record, answered at once. */
@Module({})
export class AanleveringModule {
  /** `env` overrides the environment (tests run several services in one process). */
  static register(env: NodeJS.ProcessEnv = {}): DynamicModule {
    return {
      module: AanleveringModule,
      imports: [
        PlatformModule.forService({ service: 'aanlevering', defaultHttpPort: 3001, migrations: AANLEVERING_MIGRATIES, codec: bronCodec, env }),
        ToegangModule,
        AanleveringenHttpModule,
      ],
      controllers: [ExternHandler, AanleverrecordHandler],
      providers: [
        { provide: BERICHT_CONSUMERS, inject: [SERVICE_CONFIG], useFactory: consumers },
        { provide: KWALIFICATIETABEL, useFactory: laadKwalificaties },
        AanleverkennisRepository, RecordAntwoordRepository, BatchRecordRepository, StaatRepository, AanleverbatchRepository, PersoonRepository, VooropleidingRepository,
      ],
    };
  }
}
