import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { PlatformHealth } from './platform.health';

/**
 * Liveness (the process answers, and no consumer is beyond recovery) and readiness (Kafka, the
 * database, the relay, every consumer running and making progress; the count of outbox dead letters).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly platform: PlatformHealth,
  ) {}

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
    ]);
  }
}
