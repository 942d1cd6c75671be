import { Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { bronCodec } from '@bron/contracts';
import { laadInstellingen, laadKwalificaties } from '@bron/adapters';
import { PlatformModule, ServiceRuntime } from '@bron/infra';
import { AanleverrecordHandler } from './handlers/aanleverrecord.handler';
import { ExternHandler } from './handlers/extern.handler';
import { AanleveringSchema1764300000000 } from './migrations/1764300000000-aanlevering-schema';
import { IntakeRegels1764300000005 } from './migrations/1764300000005-intake-regels';
import { ApiSleutel1764300000010 } from './migrations/1764300000010-api-sleutel';
import { OntvangenBatch1764300000011 } from './migrations/1764300000011-ontvangen-batch';
import { AanleveringenHttpModule } from './http/aanleveringen-http.module';

/** The schema's migrations, in order; tools/api-sleutel.js opens the schema with them too. */
export const AANLEVERING_MIGRATIES = [AanleveringSchema1764300000000, IntakeRegels1764300000005, ApiSleutel1764300000010, OntvangenBatch1764300000011];

@Injectable()
class AanleveringConsumers implements OnApplicationBootstrap {
  constructor(private readonly runtime: ServiceRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    const instellingen = laadInstellingen({ ...process.env, ...this.runtime.config.env });
    const handler = new AanleverrecordHandler(instellingen, this.runtime.outbox, laadKwalificaties(), this.runtime.config.peildatum);
    await this.runtime.startRelay();
    await this.runtime.consume('aanlevering-extern', new ExternHandler());
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
        PlatformModule.forService({ service: 'aanlevering', defaultHttpPort: 3001, migrations: AANLEVERING_MIGRATIES, codec: bronCodec, env }),
        AanleveringenHttpModule,
      ],
      providers: [AanleveringConsumers],
    };
  }
}
