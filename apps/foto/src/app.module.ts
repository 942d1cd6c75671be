import { Module, type DynamicModule } from '@nestjs/common';
import { Topics, bronCodec } from '@bron/contracts';
import { BERICHT_CONSUMERS, PlatformModule, RaadplegingAuditFilter, SERVICE_GEZONDHEID, ToegangModule, type ConsumerDefinitie, type ServiceGezondheid } from '@bron/infra';
import { FotoMaker } from './fotos/foto-maker';
import { FotoVersies } from './fotos/foto-versies.repository';
import { Fotos } from './fotos/foto.repository';
import { FotoHandler } from './handlers/foto.handler';
import { FotoController } from './http/foto.controller';
import { FotoSchema1764300000003 } from './migrations/1764300000003-foto-schema';
import { FotoVersies1764700000000 } from './migrations/1764700000000-foto-versies';
import { leesFotoPlanning } from './planning/fotokalender';
import { FOTO_PLANNING, FotoPlanner } from './planning/fotoplanner';

/**
 * Two groups: `foto` keeps every basisset versie; `foto-aanvraag` makes requested foto's. Apart,
 * so a transaction that makes a foto never holds the lock a version insert takes (FotoVersies.stabielTot).
 */
const CONSUMERS: ConsumerDefinitie[] = [
  { groupId: 'foto', topics: [Topics.basisset] },
  { groupId: 'foto-aanvraag', topics: [Topics.fotoAanvraag] },
];

/** Foto's: immutable BRON-foto's per instelling from the versioned projection, scheduled and on request, served over HTTP. */
@Module({})
export class FotoModule {
  static register(env: NodeJS.ProcessEnv = {}): DynamicModule {
    return {
      module: FotoModule,
      imports: [
        PlatformModule.forService({ service: 'foto', defaultHttpPort: 3003, migrations: [FotoSchema1764300000003, FotoVersies1764700000000], codec: bronCodec, env }),
        ToegangModule,
      ],
      controllers: [FotoHandler, FotoController],
      providers: [
        { provide: BERICHT_CONSUMERS, useValue: CONSUMERS },
        { provide: FOTO_PLANNING, useFactory: () => leesFotoPlanning({ ...process.env, ...env }) },
        FotoVersies,
        Fotos,
        FotoMaker,
        FotoPlanner,
        RaadplegingAuditFilter,
        { provide: SERVICE_GEZONDHEID, inject: [FotoPlanner], useFactory: (planner: FotoPlanner): ServiceGezondheid[] => [planner.alsGezondheid()] },
      ],
    };
  }
}
