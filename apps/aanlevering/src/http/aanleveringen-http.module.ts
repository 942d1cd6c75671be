import { Module } from '@nestjs/common';
import { ServiceRuntime } from '@bron/infra';
import { AanleverBatchVerzender } from './aanlever-batch.verzender';
import { AanleveringenController } from './aanleveringen.controller';
import { BatchRepository } from './batch.repository';

/** POST and GET /aanleveringen: the intake over HTTP, authenticated by an instelling's API key (the shared ToegangModule). */
@Module({
  controllers: [AanleveringenController],
  providers: [
    AanleverBatchVerzender,
    { provide: BatchRepository, inject: [ServiceRuntime], useFactory: (runtime: ServiceRuntime) => new BatchRepository(runtime.dataSource) },
  ],
})
export class AanleveringenHttpModule {}
