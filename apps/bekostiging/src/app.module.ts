import { Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { bronCodec } from '@bron/contracts';
import { PlatformModule, ServiceRuntime, laadKwalificaties } from '@bron/infra';
import { StudentfeitHandler } from './handlers/studentfeit.handler';
import { BekostigingSchema1764300000001 } from './migrations/1764300000001-bekostiging-schema';

@Injectable()
class BekostigingConsumers implements OnApplicationBootstrap {
  constructor(private readonly runtime: ServiceRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.startRelay();
    await this.runtime.consume('bekostiging', new StudentfeitHandler(this.runtime.outbox, laadKwalificaties, this.runtime.config.peildatum));
  }
}

/** Cascade bekostiging: per student, across all instellingen, the basisset and bekostigingsstatus. */
@Module({})
export class BekostigingModule {
  static register(env: NodeJS.ProcessEnv = {}): DynamicModule {
    return {
      module: BekostigingModule,
      imports: [
        PlatformModule.forService({ service: 'bekostiging', defaultHttpPort: 3002, migrations: [BekostigingSchema1764300000001], codec: bronCodec, env }),
      ],
      providers: [BekostigingConsumers],
    };
  }
}
