import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { ServiceRuntime } from '../service-runtime';

/** Liveness (the process answers) and readiness (Kafka and the database answer). */
@Controller('health')
export class HealthController {
  constructor(private readonly runtime: ServiceRuntime) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; kafka: boolean; database: boolean }> {
    const checks = await this.runtime.isReady();
    if (!checks.kafka || !checks.database) {
      throw new HttpException({ status: 'unavailable', ...checks }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', ...checks };
  }
}
