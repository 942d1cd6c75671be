import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { serveerOpenApi } from './http/openapi';
import { VerzoekFoutFilter } from './http/verzoek-fout';
import { JsonLogger } from './logging/json-logger';
import { SERVICE_CONFIG } from './platform.module';
import type { ServiceConfig } from './config';
import { ServiceRuntime } from './service-runtime';
import { BERICHT_CONSUMERS, BronTransport, type ConsumerDefinitie } from './transport/bron-transport';
import { BerichtFoutDoorgeven } from './transport/fouten-doorgeven.filter';

/**
 * Builds and starts one service: JSON logs, graceful shutdown on SIGTERM/SIGINT, its handlers on
 * the platform's transport (BronTransport) once the service's own start-up work is done, its OpenAPI
 * document, then HTTP on its port (0 picks a free one, as tests do).
 */
export async function startService(appModule: Parameters<typeof NestFactory.create>[0], options: { port?: number } = {}): Promise<INestApplication> {
  // No body parsers: a controller that takes a body streams it itself (an aanleverbestand can be large).
  const app = await NestFactory.create(appModule, { bufferLogs: true, abortOnError: false, bodyParser: false });
  const logger = app.get(JsonLogger);
  app.useLogger(logger);
  // SIGTERM/SIGINT: close the app (consumers, relay, database), then exit. Nest's own shutdown
  // hooks re-raise the signal after closing, and a process killed by a signal never writes what
  // `node --cpu-prof` or `--heap-prof` collected; exiting does.
  for (const signaal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signaal, () => {
      app.close().then(
        () => process.exit(0),
        (error: Error) => {
          logger.error(`afsluiten na ${signaal} mislukt: ${error.message}`, error.stack);
          process.exit(1);
        },
      );
    });
  }
  // Before the transport is connected: its handlers are bound with the filters known at that moment.
  // A refused HTTP request (VerzoekFout, e.g. from the API-key guard) answers `{ fout }`; it is checked first.
  app.useGlobalFilters(new BerichtFoutDoorgeven(app.getHttpAdapter()), new VerzoekFoutFilter());
  // Every service's module says which consumer groups it has (BERICHT_CONSUMERS).
  const consumers = app.get<readonly ConsumerDefinitie[]>(BERICHT_CONSUMERS, { strict: false });
  app.connectMicroservice<MicroserviceOptions>({ strategy: new BronTransport(app.get(ServiceRuntime), consumers) }, { inheritAppConfig: true });
  // Every HTTP endpoint of the service, with its error shapes: /openapi.json and /docs (before
  // init, which puts the not-found handler after the routes known by then).
  serveerOpenApi(app, app.get<ServiceConfig>(SERVICE_CONFIG).service);
  await app.init();
  await app.startAllMicroservices();
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  await app.listen(options.port ?? config.httpPort, process.env.HTTP_HOST ?? '127.0.0.1');
  logger.event('info', 'service gestart', { url: await app.getUrl() });
  return app;
}

/** For main.ts: a service that cannot start says why, as a log line, and exits non-zero. */
export function runService(appModule: Parameters<typeof NestFactory.create>[0], service: string): void {
  startService(appModule).catch((error: Error) => {
    new JsonLogger(service).error(`service kon niet starten: ${error.message}`, error.stack);
    process.exit(1);
  });
}
