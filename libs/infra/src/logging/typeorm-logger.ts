import type { Logger as TypeOrmLogger } from 'typeorm';
import type { JsonLogger } from './json-logger';

/**
 * TypeORM's own loggers print plain text lines with the query and its parameters (record contents,
 * persoonsnummers included). This one writes through JsonLogger: one JSON object per line, never
 * a query text or a parameter, and the error message redacted like every other line.
 */
export class TypeOrmJsonLogger implements TypeOrmLogger {
  constructor(private readonly logger: JsonLogger) {}

  logQuery(): void {}

  logQueryError(error: string | Error): void {
    const message = typeof error === 'string' ? error : error.message;
    const code = typeof error === 'object' ? (error as { code?: string }).code : undefined;
    this.logger.event('warn', 'query mislukt', { error: message, code }, 'TypeORM');
  }

  logQuerySlow(time: number): void {
    this.logger.event('warn', 'trage query', { ms: time }, 'TypeORM');
  }

  logSchemaBuild(message: string): void {
    this.logger.event('debug', message, {}, 'TypeORM');
  }

  logMigration(message: string): void {
    this.logger.event('info', message, {}, 'TypeORM');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    this.logger.event(level === 'warn' ? 'warn' : 'info', text, {}, 'TypeORM');
  }
}
