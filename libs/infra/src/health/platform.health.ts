import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ServiceRuntime } from '../service-runtime';

/**
 * A check that does not answer in time is down: a database whose pool is taken by handlers waiting
 * for it, or a broker that does not answer, must make readiness say so, not make it hang.
 */
const CHECK_TIMEOUT_MS = Number(process.env.BRON_HEALTH_CHECK_TIMEOUT_MS ?? 3_000);

function binnenTijd<T>(werk: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const teLaat = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`geen antwoord binnen ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([werk, teLaat]).finally(() => clearTimeout(timer));
}

/**
 * The health indicators of every service: Kafka answers, the database answers, the outbox relay
 * runs, each consumer group runs and makes progress (ready), no consumer has been down for longer
 * than it may take to recover (live), and how many outbox rows Kafka refused for good.
 */
@Injectable()
export class PlatformHealth {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async kafka(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('kafka');
    const bereikbaar = await binnenTijd(this.runtime.kafka.isReachable()).catch(() => false);
    return bereikbaar ? check.up() : check.down({ message: 'de broker antwoordt niet' });
  }

  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('database');
    return binnenTijd(this.runtime.dataSource.query('SELECT 1')).then(() => check.up(), (error: Error) => check.down({ message: error.message }));
  }

  relay(): HealthIndicatorResult {
    const check = this.indicator.check('outbox-relay');
    return this.runtime.relayActief ? check.up() : check.down({ message: 'de outbox relay loopt niet' });
  }

  /**
   * Readiness per consumer group, keyed `consumer:<groupId>`: down while it is not running (crashed,
   * restarting) and while messages of one of its partitions wait longer than the stand-still limit
   * without an offset moving (the database away, a handler failing again and again).
   */
  consumers(): HealthIndicatorResult[] {
    return this.runtime.gestarteConsumers.map((consumer) => {
      const check = this.indicator.check(`consumer:${consumer.groupId}`);
      const { ready, status, stilstandMs, reden, herstarts } = consumer.gezondheid();
      return ready ? check.up({ herstarts }) : check.down({ consumer: status, stilstandMs, reden, herstarts });
    });
  }

  /**
   * Liveness per consumer group: down only when the consumer has been down for longer than the
   * give-up limit and its restarts keep failing; then a restart of the process is the remedy. A
   * database that is away does not fail liveness (restarting would not bring it back).
   */
  consumersLive(): HealthIndicatorResult[] {
    return this.runtime.gestarteConsumers.map((consumer) => {
      const check = this.indicator.check(`consumer:${consumer.groupId}`);
      const { live, status, storingMs, reden, herstarts } = consumer.gezondheid();
      return live ? check.up() : check.down({ consumer: status, storingMs, reden, herstarts });
    });
  }

  /**
   * Outbox rows Kafka refused for good, in `<schema>.outbox_dead_letter`. Up, with the count: the
   * service still does all its other work, and a readiness that went down would only shut off its
   * HTTP intake. The rows are an operator's task; the `outbox_dead_letter` log line is what to
   * alert on, and the count here shows the backlog.
   */
  async outboxDeadLetters(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('outbox-dead-letter');
    return binnenTijd(this.runtime.outboxDeadLetters()).then((aantal) => check.up({ aantal }), (error: Error) => check.down({ message: error.message }));
  }
}
