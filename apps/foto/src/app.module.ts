import { Module, type DynamicModule } from '@nestjs/common';
import { Topics, bronCodec } from '@bron/contracts';
import { BERICHT_CONSUMERS, PlatformModule, type ConsumerDefinitie } from '@bron/infra';
import { FotoRepository } from './fotos/foto.repository';
import { FotoHandler } from './handlers/foto.handler';
import { FotoSchema1764300000003 } from './migrations/1764300000003-foto-schema';

const CONSUMERS: ConsumerDefinitie[] = [{ groupId: 'foto', topics: [Topics.basisset, Topics.fotoAanvraag] }];

/** Foto's: immutable BRON-foto's per instelling, with terugmeldingsoverzicht and sector totals. */
@Module({})
export class FotoModule {
  static register(env: NodeJS.ProcessEnv = {}): DynamicModule {
    return {
      module: FotoModule,
      imports: [PlatformModule.forService({ service: 'foto', defaultHttpPort: 3003, migrations: [FotoSchema1764300000003], codec: bronCodec, env })],
      controllers: [FotoHandler],
      providers: [{ provide: BERICHT_CONSUMERS, useValue: CONSUMERS }, FotoRepository],
    };
  }
}
