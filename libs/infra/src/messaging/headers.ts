import { createHash, createHmac } from 'node:crypto';
import { Headers } from '@bron/contracts';
import type { IHeaders } from 'kafkajs';
import type { BerichtMetadata } from './bericht';

/** The six headers every message carries; a message without a known cause is its own (a chain start). */
export function toHeaders(metadata: BerichtMetadata): Record<string, string> {
  return {
    [Headers.eventId]: metadata.eventId,
    [Headers.eventType]: metadata.eventType,
    [Headers.eventTime]: metadata.eventTime,
    [Headers.correlationId]: metadata.correlationId,
    [Headers.causationId]: metadata.causationId ?? metadata.eventId,
    [Headers.origin]: metadata.origin,
  };
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
 * headers) gets its position as id, which is stable under redelivery, and an opaque correlation id
 * made from that position (the position names the topic, and so the instelling). A message without
 * a causation id is a chain start: it is its own cause.
 */
export function fromHeaders(headers: IHeaders | undefined, position: { topic: string; partition: number; offset: string }): Omit<BerichtMetadata, 'eventType'> & { eventType?: string } {
  const positie = `${position.topic}:${position.partition}:${position.offset}`;
  const eventId = headerText(headers, Headers.eventId) ?? positie;
  return {
    eventId,
    eventType: headerText(headers, Headers.eventType),
    eventTime: headerText(headers, Headers.eventTime) ?? new Date().toISOString(),
    correlationId: headerText(headers, Headers.correlationId) ?? alsUuid(createHash('sha256').update(`correlatie\n${positie}`).digest()),
    causationId: headerText(headers, Headers.causationId) ?? eventId,
    origin: headerText(headers, Headers.origin) ?? `kafka:${position.topic}`,
  };
}

/**
 * Development key of `opaakId` when `BRON_ID_SLEUTEL` is not set. It is no secret: a deployment
 * sets its own key (the same for every service, so that one chain gets one opaque id).
 */
const ONTWIKKELSLEUTEL = 'bron-ontwikkeling-geen-geheim';

/**
 * An id that reveals nothing (D7): a keyed hash (HMAC-SHA-256 with `BRON_ID_SLEUTEL`) of `id` for
 * one instelling, shaped as a UUID. The same id gives the same opaque id, so a repeated effect stays
 * recognisable; the platform, which has the key, finds the chain by hashing its own ids.
 */
export function opaakId(instelling: string, id: string, env: NodeJS.ProcessEnv = process.env): string {
  return alsUuid(createHmac('sha256', env.BRON_ID_SLEUTEL || ONTWIKKELSLEUTEL).update(`${instelling}\n${id}`).digest());
}

function alsUuid(bytes: Buffer): string {
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
