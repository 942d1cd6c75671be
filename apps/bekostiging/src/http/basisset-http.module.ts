import { Module } from '@nestjs/common';
import { laadKwalificaties } from '@bron/adapters';
import { RaadplegingAuditFilter, ServiceRuntime } from '@bron/infra';
import { KwalificatieReferentie } from '../referentie/kwalificatie-referentie';
import { BasissetController } from './basisset.controller';
import { DossierLezer } from './dossier-lezer';

/** GET /instellingen/{brin}/studenten/{persoonsnummer}/basisset, behind the shared ToegangModule. */
@Module({
  controllers: [BasissetController],
  providers: [
    { provide: DossierLezer, inject: [ServiceRuntime], useFactory: (runtime: ServiceRuntime) => new DossierLezer(runtime.dataSource) },
    { provide: KwalificatieReferentie, useFactory: () => new KwalificatieReferentie(laadKwalificaties) },
    RaadplegingAuditFilter,
  ],
})
export class BasissetHttpModule {}
