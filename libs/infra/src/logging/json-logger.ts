import type { LoggerService } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';
import { verhul, verhulWaarden } from './verhul';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Structured logs: one JSON object per line on stdout, for operators and log shippers.
 * Serves Nest (LoggerService), kafkajs (logCreator) and TypeORM (TypeOrmJsonLogger) so every line
 * has the same shape. Every message and field is redacted (`verhul`): no persoonsnummer or quoted
 * value reaches a log, whoever wrote the line.
 */
export class JsonLogger implements LoggerService {
  private readonly minimum: number;

  constructor(
    private readonly service: string,
    level: string = process.env.LOG_LEVEL ?? 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.minimum = ORDER[(level as Level)] ?? ORDER.info;
  }

  log(message: unknown, context?: string): void { this.emit('info', message, context); }
  warn(message: unknown, context?: string): void { this.emit('warn', message, context); }
  debug(message: unknown, context?: string): void { this.emit('debug', message, context); }
  verbose(message: unknown, context?: string): void { this.emit('debug', message, context); }
  error(message: unknown, trace?: string, context?: string): void {
    this.emit('error', message, context, trace ? { trace } : undefined);
  }

  /** A line with structured fields: `logger.event('info', 'outbox gepubliceerd', { aantal: 3 })`. */
  event(level: Level, message: string, fields: Record<string, unknown> = {}, context?: string): void {
    this.emit(level, message, context, fields);
  }

  kafkaLogCreator: logCreator = () => ({ level, log }) => {
    // kafkajs logs a broker's error response ("Response GroupCoordinator ...") at ERROR and then
    // retries it; for operators that is a warning until the retries run out (which it logs apart).
    const antwoord = level === logLevel.ERROR && log.message.startsWith('Response ');
    const mapped: Level = level === logLevel.ERROR && !antwoord ? 'error' : level <= logLevel.WARN ? 'warn' : level === logLevel.INFO ? 'info' : 'debug';
    const { message, ...fields } = log;
    this.emit(mapped, message, 'kafkajs', fields);
  };

  private emit(level: Level, message: unknown, context?: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < this.minimum) return;
    const text = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    const verhuld = fields ? (verhulWaarden(fields) as Record<string, unknown>) : undefined;
    this.write(JSON.stringify({ time: new Date().toISOString(), level, service: this.service, context, message: verhul(text), ...verhuld }));
  }
}
