import { Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { bronCodec } from '@bron/contracts';
import { PlatformModule, ServiceRuntime } from '@bron/infra';
import { BasissetHandler } from './handlers/basisset.handler';
import { NotificatieSchema1764300000002 } from './migrations/1764300000002-notificatie-schema';

@Injectable()
class NotificatieConsumers implements OnApplicationBootstrap {
  constructor(private readonly runtime: ServiceRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.startRelay();
    await this.runtime.consume('notificatie', new BasissetHandler(this.runtime.outbox));
  }
}

/** Notificatie: a change an instelling did not cause itself, on that instelling's own topic. */
@Module({})
export class NotificatieModule {
  static register(env: NodeJS.ProcessEnv = {}): DynamicModule {
    return {
      module: NotificatieModule,
      imports: [
        PlatformModule.forService({ service: 'notificatie', defaultHttpPort: 3004, migrations: [NotificatieSchema1764300000002], codec: bronCodec, env }),
      ],
      providers: [NotificatieConsumers],
    };
  }
}
