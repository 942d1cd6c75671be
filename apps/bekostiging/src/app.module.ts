import { Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { bronCodec } from '@bron/contracts';
import { laadKwalificaties } from '@bron/adapters';
import { JsonLogger, PlatformModule, ServiceRuntime } from '@bron/infra';
import { BekostigingHandler } from './handlers/bekostiging.handler';
import { BasissetPublicatie } from './herberekening/basisset-publicatie';
import { BekostigingSchema1764300000001 } from './migrations/1764300000001-bekostiging-schema';
import { Referentie1764300000004 } from './migrations/1764300000004-referentie';
import { KwalificatieReferentie } from './referentie/kwalificatie-referentie';
import { herberekenBijNieuweRegelset } from './referentie/regelset-correctie';

@Injectable()
class BekostigingConsumers implements OnApplicationBootstrap {
  constructor(private readonly runtime: ServiceRuntime, private readonly logger: JsonLogger) {}

  async onApplicationBootstrap(): Promise<void> {
    const { runtime } = this;
    await herberekenBijNieuweRegelset(runtime.dataSource, runtime.outbox, this.logger);
    await runtime.startRelay();
    const handler = new BekostigingHandler(runtime.outbox, new KwalificatieReferentie(laadKwalificaties), new BasissetPublicatie(runtime.config.peildatum));
    await runtime.consume('bekostiging', handler);
  }
}

/** Cascade bekostiging: per student, across all instellingen, the basisset and bekostigingsstatus. */
@Module({})
export class BekostigingModule {
  static register(env: NodeJS.ProcessEnv = {}): DynamicModule {
    return {
      module: BekostigingModule,
      imports: [
        PlatformModule.forService({
          service: 'bekostiging', defaultHttpPort: 3002, migrations: [BekostigingSchema1764300000001, Referentie1764300000004], codec: bronCodec, env,
        }),
      ],
      providers: [BekostigingConsumers],
    };
  }
}
