import { Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { bronCodec } from '@bron/contracts';
import { PlatformModule, ServiceRuntime } from '@bron/infra';
import { FotoHandler } from './handlers/foto.handler';
import { FotoSchema1764300000003 } from './migrations/1764300000003-foto-schema';

@Injectable()
class FotoConsumers implements OnApplicationBootstrap {
  constructor(private readonly runtime: ServiceRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.startRelay();
    await this.runtime.consume('foto', new FotoHandler(this.runtime.outbox));
  }
}

/** Foto's: immutable BRON-foto's per instelling, with terugmeldingsoverzicht and sector totals. */
@Module({})
export class FotoModule {
  static register(env: NodeJS.ProcessEnv = {}): DynamicModule {
    return {
      module: FotoModule,
      imports: [PlatformModule.forService({ service: 'foto', defaultHttpPort: 3003, migrations: [FotoSchema1764300000003], codec: bronCodec, env })],
      providers: [FotoConsumers],
    };
  }
}
