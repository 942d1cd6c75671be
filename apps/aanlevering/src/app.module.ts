import { Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { bronCodec } from '@bron/contracts';
import { PlatformModule, ServiceRuntime, laadInstellingen, laadKwalificaties } from '@bron/infra';
import { AanleverrecordHandler } from './handlers/aanleverrecord.handler';
import { AanleveringSchema1764300000000 } from './migrations/1764300000000-aanlevering-schema';

@Injectable()
class AanleveringConsumers implements OnApplicationBootstrap {
  constructor(private readonly runtime: ServiceRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    const instellingen = laadInstellingen({ ...process.env, ...this.runtime.config.env });
    const handler = new AanleverrecordHandler(instellingen, this.runtime.outbox, laadKwalificaties());
    await this.runtime.startRelay();
    await this.runtime.consume('aanlevering', handler);
  }
}

/** Intake: batch aanleveringen, validated record by record, answered at once. */
@Module({})
export class AanleveringModule {
  /** `env` overrides the environment (tests run several services in one process). */
  static register(env: NodeJS.ProcessEnv = {}): DynamicModule {
    return {
      module: AanleveringModule,
      imports: [
        PlatformModule.forService({ service: 'aanlevering', defaultHttpPort: 3001, migrations: [AanleveringSchema1764300000000], codec: bronCodec, env }),
      ],
      providers: [AanleveringConsumers],
    };
  }
}
