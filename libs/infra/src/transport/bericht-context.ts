import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { BerichtMetadata, Ontvangen } from '../messaging/bericht';

/**
 * What a handler gets next to the payload (`@Ctx()`): the transaction in which its state change,
 * its outbox rows and the inbox row of the message commit together, and where the message came
 * from. A handler of a run of messages (`reeks`) gets the run; `bericht` is then its first one.
 */
export class BerichtContext extends BaseRpcContext<[readonly Ontvangen[], EntityManager]> {
  constructor(berichten: readonly Ontvangen[], manager: EntityManager) {
    if (berichten.length === 0) throw new Error('a BerichtContext needs at least one message');
    super([berichten, manager]);
  }

  /** The transaction of this message (or run): read and write only through it. */
  get manager(): EntityManager {
    return this.args[1];
  }

  /** The message handled, or the first of the run. It is the cause to give `nieuwBericht`. */
  get bericht(): Ontvangen {
    return this.args[0][0];
  }

  get berichten(): readonly Ontvangen[] {
    return this.args[0];
  }

  /** Logical topic name (without the deployment's prefix). */
  get topic(): string {
    return this.bericht.topic;
  }

  get partition(): number {
    return this.bericht.partition;
  }

  get offset(): string {
    return this.bericht.offset;
  }

  get key(): string | null {
    return this.bericht.key;
  }

  /** The message's headers, read: event id and type, correlation, causation, origin. */
  get metadata(): BerichtMetadata {
    return this.bericht.metadata;
  }
}
