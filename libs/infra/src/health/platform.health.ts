import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ServiceRuntime } from '../service-runtime';

/**
 * The health indicators of every service: Kafka answers, the database answers, the outbox relay
 * runs, and each consumer group is running (a consumer that kafkajs crashed does not go on by
 * itself; until it is restarted nothing of its topics is handled).
 */
@Injectable()
export class PlatformHealth {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async kafka(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('kafka');
    return (await this.runtime.kafka.isReachable()) ? check.up() : check.down({ message: 'de broker antwoordt niet' });
  }

  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('database');
    return this.runtime.dataSource.query('SELECT 1').then(() => check.up(), (error: Error) => check.down({ message: error.message }));
  }

  relay(): HealthIndicatorResult {
    const check = this.indicator.check('outbox-relay');
    return this.runtime.relayActief ? check.up() : check.down({ message: 'de outbox relay loopt niet' });
  }

  /** One indicator per consumer group, keyed `consumer:<groupId>`. */
  consumers(): HealthIndicatorResult[] {
    return this.runtime.gestarteConsumers.map((consumer) => {
      const check = this.indicator.check(`consumer:${consumer.groupId}`);
      return consumer.status === 'actief' ? check.up() : check.down({ consumer: consumer.status });
    });
  }
}
