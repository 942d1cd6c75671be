import { Module, type DynamicModule } from '@nestjs/common';
import { Topics, bronCodec } from '@bron/contracts';
import { BERICHT_CONSUMERS, PlatformModule, type ConsumerDefinitie } from '@bron/infra';
import { BasissetHandler } from './handlers/basisset.handler';
import { NotificatieSchema1764300000002 } from './migrations/1764300000002-notificatie-schema';
import { NotificatieRepository } from './notificaties/notificatie.repository';

const CONSUMERS: ConsumerDefinitie[] = [{ groupId: 'notificatie', topics: [Topics.basissetwijziging] }];

/** Notificatie: a change an instelling did not cause itself, on that instelling's own topic. */
@Module({})
export class NotificatieModule {
  static register(env: NodeJS.ProcessEnv = {}): DynamicModule {
    return {
      module: NotificatieModule,
      imports: [
        PlatformModule.forService({ service: 'notificatie', defaultHttpPort: 3004, migrations: [NotificatieSchema1764300000002], codec: bronCodec, env }),
      ],
      controllers: [BasissetHandler],
      providers: [{ provide: BERICHT_CONSUMERS, useValue: CONSUMERS }, NotificatieRepository],
    };
  }
}
