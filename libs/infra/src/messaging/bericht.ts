import { randomUUID } from 'node:crypto';
import type { EventPayload, EventType } from '@bron/contracts';

/** What every message carries besides its value (sent as Kafka headers). */
export interface BerichtMetadata {
  eventId: string;
  /** Full name of the Avro schema of the value, e.g. nl.duo.bron.aanlevering.Terugkoppeling. */
  eventType: string;
  eventTime: string;
  /** The chain it belongs to: the event id of the message that started it (opaque on another instelling's chain, see voorInstelling). */
  correlationId: string;
  /**
   * The event id of the message that caused it. A chain start has no message before it: its cause
   * is the delivery that brought it in (`batch:<batchId>` for an aanlevering, `levering:<id>` for a
   * run of `bron extern`), or, without one, its own event id.
   */
  causationId: string | null;
  /** Who caused it: `aanlevering:<BRIN>:<batchId>`, `extern:<bron>`, `referentie:<bron>`. */
  origin: string;
}

export interface UitgaandBericht<T = unknown> {
  /** Logical topic name (without the deployment's topic prefix). */
  topic: string;
  key: string | null;
  value: T;
  metadata: BerichtMetadata;
}

export interface OntvangenBericht<T = unknown> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  metadata: BerichtMetadata;
}

/**
 * A received message of a known event type, its value typed by that type: `switch (bericht.type)`
 * narrows `bericht.value` without a cast.
 */
export type Ontvangen<K extends EventType = EventType> = {
  [P in K]: OntvangenBericht<EventPayload<P>> & { readonly type: P };
}[K];

/** A type guard for `filter`: `berichten.filter(vanType(EventTypes.Terugkoppeling))` is `Ontvangen<Terugkoppeling type>[]`. */
export function vanType<K extends EventType>(type: K): (bericht: Ontvangen) => bericht is Extract<Ontvangen, { type: K }> {
  return (bericht): bericht is Extract<Ontvangen, { type: K }> => bericht.type === type;
}

/** What a new message needs of the message that caused it. */
export interface Oorzaakbericht {
  readonly metadata: BerichtMetadata;
}

export interface NieuwBericht<T> {
  topic: string;
  key: string | null;
  type: string;
  value: T;
  /** Defaults to the origin of the message that caused it. */
  origin?: string;
  /** A deterministic id makes a repeated effect recognisable as the same event. */
  eventId?: string;
  eventTime?: string;
  /** For a chain start (no cause): the delivery that brought it in; defaults to its own event id. */
  causationId?: string;
}

/**
 * A new outgoing message; when it is caused by a received one, it inherits the correlation id and
 * origin, and names the received message as its causation.
 */
export function nieuwBericht<T>(bericht: NieuwBericht<T>, oorzaak?: Oorzaakbericht): UitgaandBericht<T> {
  const eventId = bericht.eventId ?? randomUUID();
  const origin = bericht.origin ?? oorzaak?.metadata.origin;
  if (!origin) throw new Error(`message ${bericht.type} has no origin and no cause to take it from`);
  return {
    topic: bericht.topic,
    key: bericht.key,
    value: bericht.value,
    metadata: {
      eventId,
      eventType: bericht.type,
      eventTime: bericht.eventTime ?? new Date().toISOString(),
      correlationId: oorzaak?.metadata.correlationId ?? eventId,
      causationId: oorzaak?.metadata.eventId ?? bericht.causationId ?? eventId,
      origin,
    },
  };
}
