import { Controller, Get } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { PlatformHealth } from './platform.health';

/**
 * A service's own readiness checks besides the platform's (e.g. the foto planner): a provider
 * `SERVICE_GEZONDHEID` in any module of the service, a list; each says up or down with details,
 * under its own name.
 */
export const SERVICE_GEZONDHEID = Symbol('SERVICE_GEZONDHEID');

export interface ServiceGezondheid {
  readonly naam: string;
  stand(): { readonly up: boolean; readonly details: Record<string, unknown> };
}

/**
 * Liveness (the process answers, and no consumer is beyond recovery) and readiness (Kafka, the
 * database, the relay, every consumer running and making progress; the count of outbox dead letters).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly platform: PlatformHealth,
    private readonly indicator: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  private eigen?: readonly ServiceGezondheid[];

  private eigenChecks(): (() => HealthIndicatorResult)[] {
    if (this.eigen === undefined) {
      try {
        this.eigen = this.moduleRef.get<readonly ServiceGezondheid[]>(SERVICE_GEZONDHEID, { strict: false });
      } catch {
        this.eigen = [];
      }
    }
    return this.eigen.map((g) => () => {
      const { up, details } = g.stand();
      const check = this.indicator.check(g.naam);
      return up ? check.up(details) : check.down(details);
    });
  }

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check(this.platform.consumersLive().map((resultaat) => () => resultaat));
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.platform.kafka(),
      () => this.platform.database(),
      () => this.platform.relay(),
      () => this.platform.outboxDeadLetters(),
      ...this.platform.consumers().map((resultaat) => () => resultaat),
      ...this.eigenChecks(),
    ]);
  }
}
