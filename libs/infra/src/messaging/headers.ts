import { Headers } from '@bron/contracts';
import type { IHeaders } from 'kafkajs';
import type { BerichtMetadata } from './bericht';

export function toHeaders(metadata: BerichtMetadata): Record<string, string> {
  const headers: Record<string, string> = {
    [Headers.eventId]: metadata.eventId,
    [Headers.eventType]: metadata.eventType,
    [Headers.eventTime]: metadata.eventTime,
    [Headers.correlationId]: metadata.correlationId,
    [Headers.origin]: metadata.origin,
  };
  if (metadata.causationId) headers[Headers.causationId] = metadata.causationId;
  return headers;
}

/** Every header as text (the first value of a repeated one), as a dead letter keeps them. */
export function headersAlsTekst(headers: IHeaders | undefined): Record<string, string> {
  const tekst: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = headerText(headers, name);
    if (value !== undefined) tekst[name] = value;
  }
  return tekst;
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Metadata of a received message. A message without an event id (a batch producer that sends no
 * headers) gets its position as id, which is stable under redelivery.
 */
export function fromHeaders(headers: IHeaders | undefined, position: { topic: string; partition: number; offset: string }): Omit<BerichtMetadata, 'eventType'> & { eventType?: string } {
  const eventId = headerText(headers, Headers.eventId) ?? `${position.topic}:${position.partition}:${position.offset}`;
  return {
    eventId,
    eventType: headerText(headers, Headers.eventType),
    eventTime: headerText(headers, Headers.eventTime) ?? new Date().toISOString(),
    correlationId: headerText(headers, Headers.correlationId) ?? eventId,
    causationId: headerText(headers, Headers.causationId) ?? null,
    origin: headerText(headers, Headers.origin) ?? `kafka:${position.topic}`,
  };
}
