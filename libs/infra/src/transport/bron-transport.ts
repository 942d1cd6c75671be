import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { isEventType, type EventType } from '@bron/contracts';
import { lastValueFrom } from 'rxjs';
import type { EntityManager } from 'typeorm';
import type { Ontvangen } from '../messaging/bericht';
import type { BerichtHandler } from '../messaging/bericht-consumer';
import { OnverwerkbaarBerichtFout } from '../messaging/fouten';
import type { ServiceRuntime } from '../service-runtime';
import { BerichtContext } from './bericht-context';

/** A consumer group of a service and the topics it reads. */
export interface ConsumerDefinitie {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Also the existing topics whose logical name matches, found while the service runs (`BerichtHandler.topicPatroon`). */
  readonly topicPatroon?: RegExp;
}

/** The consumer groups of a service (a provider of its module, read by the transport at start). */
export const BERICHT_CONSUMERS = Symbol('BERICHT_CONSUMERS');

/**
 * The extras of an `@EventPattern(<event type>, extras)`.
 * - `consumer`: the consumer group that delivers it; may be left out when the service has one.
 * - `reeks`: the handler takes consecutive messages of its pattern(s) at once, as an array of
 *   `Ontvangen` (in order, one transaction), and must have the same effect as taking them one by
 *   one. A handler without it gets the decoded value and its context per message. Consecutive
 *   messages form one run when their patterns share the extras object, so give each method its
 *   own object literal (`@EventPattern([a, b], { reeks: true })`).
 */
export interface BerichtPatroon {
  readonly consumer?: string;
  readonly reeks?: boolean;
}

interface Route {
  readonly handler: MessageHandler;
  readonly reeks: boolean;
  /** One object per decorated method: consecutive messages for the same method form one run. */
  readonly methode: object;
}

/**
 * The services' one way in: a Nest microservice transport over the platform's own consumer
 * (`BerichtConsumer`), so that handlers are classes of Nest's injector with `@EventPattern(<event
 * type>)` (listed as the module's `controllers`: Nest binds message patterns of controllers only)
 * while every guarantee of that consumer holds: the handler's state change and the inbox row in
 * one transaction, the offset committed after the database, consecutive messages of a partition
 * in chunks, bounded retries, then the dead-letter topic through the outbox. Nest's own
 * `ServerKafka` is not used (docs/architectuur.md says why).
 */
export class BronTransport extends Server implements CustomTransportStrategy {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly consumers: readonly ConsumerDefinitie[],
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const routes = this.routesPerConsumer();
      await this.runtime.startRelay();
      for (const definitie of this.consumers) {
        await this.runtime.consume(definitie.groupId, this.berichtHandler(definitie, routes.get(definitie.groupId)!));
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Consumers stop before the application's own shutdown closes the relay and the database. */
  async close(): Promise<void> {
    await this.runtime.stopConsumers();
  }

  on(): never {
    throw new Error('BronTransport has no events to listen to; health reads the consumers instead');
  }

  unwrap<T>(): T {
    return this.runtime as T;
  }

  /** Every `@EventPattern` of the service, per consumer group; a wrong set-up fails the start. */
  private routesPerConsumer(): Map<string, Map<EventType, Route>> {
    const perConsumer = new Map(this.consumers.map((c) => [c.groupId, new Map<EventType, Route>()]));
    const enige = this.consumers.length === 1 ? this.consumers[0].groupId : undefined;
    for (const [pattern, eerste] of this.messageHandlers) {
      if (!isEventType(pattern)) throw new Error(`@EventPattern('${pattern}') is no event type of schemas/`);
      for (let handler: MessageHandler | undefined = eerste; handler; handler = handler.next) {
        const extras = (handler.extras ?? {}) as BerichtPatroon;
        const groupId = extras.consumer ?? enige;
        const routes = groupId === undefined ? undefined : perConsumer.get(groupId);
        if (!routes) throw new Error(`@EventPattern('${pattern}') names no consumer of this service (${extras.consumer ?? 'none given'})`);
        if (routes.has(pattern)) throw new Error(`two handlers for ${pattern} in consumer ${groupId}`);
        routes.set(pattern, { handler, reeks: extras.reeks === true, methode: handler.extras ?? handler });
      }
    }
    for (const [groupId, routes] of perConsumer) if (routes.size === 0) throw new Error(`consumer ${groupId} has no @EventPattern handler`);
    return perConsumer;
  }

  private berichtHandler(definitie: ConsumerDefinitie, routes: Map<EventType, Route>): BerichtHandler {
    const verwerk = (berichten: Ontvangen[], manager: EntityManager) => this.verwerk(definitie, routes, berichten, manager);
    return { topics: [...definitie.topics], topicPatroon: definitie.topicPatroon, handle: (bericht, manager) => verwerk([bericht], manager), handleReeks: verwerk };
  }

  /** Hands a chunk to its handlers in order: a run of messages for one `reeks` method at once. */
  private async verwerk(definitie: ConsumerDefinitie, routes: Map<EventType, Route>, berichten: Ontvangen[], manager: EntityManager): Promise<void> {
    for (let start = 0; start < berichten.length; ) {
      const route = routes.get(berichten[start].type);
      if (!route) throw new OnverwerkbaarBerichtFout(`consumer ${definitie.groupId} heeft geen handler voor ${berichten[start].type} (topic ${berichten[start].topic})`);
      let einde = start + 1;
      if (route.reeks) while (einde < berichten.length && routes.get(berichten[einde].type)?.methode === route.methode) einde++;
      const reeks = berichten.slice(start, einde);
      await this.roepAan(route, route.reeks ? reeks : reeks[0].value, new BerichtContext(reeks, manager));
      start = einde;
    }
  }

  /** A handler's failure reaches the consumer as it was thrown (BerichtFoutDoorgeven), for its retry rules. */
  private async roepAan(route: Route, payload: unknown, context: BerichtContext): Promise<void> {
    const uitkomst = await route.handler(payload, context);
    await lastValueFrom(this.transformToObservable(uitkomst), { defaultValue: undefined });
  }
}
