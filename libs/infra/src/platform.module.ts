import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { readConfig } from './config';
import { HealthController } from './health/health.controller';
import { PlatformHealth } from './health/platform.health';
import { JsonLogger } from './logging/json-logger';
import type { BerichtCodec } from './messaging/codec';
import { Outbox } from './messaging/outbox';
import { ServiceRuntime } from './service-runtime';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export interface PlatformOptions {
  service: string;
  defaultHttpPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  codec: BerichtCodec;
  /** Overrides of the environment, for tests that start several services in one process. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The shared wiring of every service: config, JSON logs, database + outbox + Kafka, health. The
 * consumers are started by the service's transport (`BronTransport`, see `startService`).
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(private readonly moduleRef: ModuleRef) {}

  static forService(options: PlatformOptions): DynamicModule {
    const config = readConfig(options.service, options.defaultHttpPort, options.env);
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot()],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: JsonLogger, useValue: new JsonLogger(options.service, config.env.LOG_LEVEL ?? process.env.LOG_LEVEL) },
        {
          provide: ServiceRuntime,
          inject: [JsonLogger],
          useFactory: (logger: JsonLogger) => ServiceRuntime.open(config, logger, options.codec, options.migrations),
        },
        // Handlers write their outgoing messages in their own transaction: `outbox.add(context.manager, ...)`.
        { provide: Outbox, inject: [ServiceRuntime], useFactory: (runtime: ServiceRuntime) => runtime.outbox },
        PlatformHealth,
      ],
      exports: [SERVICE_CONFIG, JsonLogger, ServiceRuntime, Outbox],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.moduleRef.get(ServiceRuntime).close();
  }
}
