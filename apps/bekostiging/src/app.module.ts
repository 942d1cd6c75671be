import { Module, type DynamicModule } from '@nestjs/common';
import { laadKwalificaties } from '@bron/adapters';
import { Topics, bronCodec } from '@bron/contracts';
import { BERICHT_CONSUMERS, PlatformModule, ToegangModule, type ConsumerDefinitie } from '@bron/infra';
import { BekostigingHandler } from './handlers/bekostiging.handler';
import { Studenten } from './herberekening/studenten.repository';
import { BasissetHttpModule } from './http/basisset-http.module';
import { BekostigingSchema1764300000001 } from './migrations/1764300000001-bekostiging-schema';
import { Referentie1764300000004 } from './migrations/1764300000004-referentie';
import { KwalificatieReferentie } from './referentie/kwalificatie-referentie';
import { RegelsetCorrectieBijStart, RegelsetVersies } from './referentie/regelset-correctie';

const CONSUMERS: ConsumerDefinitie[] = [
  { groupId: 'bekostiging', topics: [Topics.studentfeit, Topics.persoon, Topics.vooropleiding, Topics.kwalificatie, Topics.herberekening] },
];

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
        // The basisset at aanmelding over HTTP, with the shared API keys and audit (schema toegang).
        ToegangModule,
        BasissetHttpModule,
      ],
      controllers: [BekostigingHandler],
      providers: [
        { provide: BERICHT_CONSUMERS, useValue: CONSUMERS },
        { provide: KwalificatieReferentie, useFactory: () => new KwalificatieReferentie(laadKwalificaties) },
        Studenten,
        RegelsetVersies,
        // A corrected rule set is turned into recompute requests before the transport starts consuming.
        RegelsetCorrectieBijStart,
      ],
    };
  }
}
