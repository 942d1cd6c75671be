import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox of a service, created by each service's first migration in its own schema.
 * outbox: effects that must not be lost, written in the same transaction as the state change and
 * published by the relay. inbox: ids of handled messages, written in the handler's transaction, so
 * that a redelivered message changes nothing.
 */
export async function createMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".outbox (
      id bigserial PRIMARY KEY,
      event_id text NOT NULL,
      topic text NOT NULL,
      message_key text,
      event_type text NOT NULL,
      payload bytea NOT NULL,
      headers jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  await queryRunner.query(`
    CREATE TABLE "${schema}".inbox (
      consumer text NOT NULL,
      event_id text NOT NULL,
      topic text NOT NULL,
      partition integer NOT NULL,
      "offset" bigint NOT NULL,
      dead_lettered boolean NOT NULL DEFAULT false,
      handled_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}".inbox`);
  await queryRunner.query(`DROP TABLE "${schema}".outbox`);
}

/**
 * outbox_dead_letter: outbox rows Kafka refused after the relay's bounded attempts (a message too
 * large, for example), with the reason and the original row, so that the rows behind them are
 * published. An operator looks at them (health reports the count) and may move one back to the
 * outbox. The index on inbox.handled_at lets the retention delete old inbox rows in small batches.
 */
export async function createOutboxDeadLetterTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".outbox_dead_letter (
      id bigint PRIMARY KEY,
      event_id text NOT NULL,
      topic text NOT NULL,
      message_key text,
      event_type text NOT NULL,
      payload bytea NOT NULL,
      headers jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      reason text NOT NULL,
      attempts integer NOT NULL,
      dead_lettered_at timestamptz NOT NULL DEFAULT now()
    )`);
  await queryRunner.query(`CREATE INDEX IF NOT EXISTS inbox_handled_at ON "${schema}".inbox (handled_at)`);
}

/**
 * The platform's own migrations of a service schema, run after the service's migrations by
 * `openDatabase`: every service (and every test schema built on `createMessagingTables`) gets the
 * shared messaging tables' later changes without a migration file of its own. The timestamp in the
 * name orders them after the services' first migrations.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function platformMigraties(schema: string): Function[] {
  class OutboxDeadLetter1764400000000 implements MigrationInterface {
    name = 'OutboxDeadLetter1764400000000';
    async up(q: QueryRunner): Promise<void> {
      await createOutboxDeadLetterTable(q, schema);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP INDEX IF EXISTS "${schema}".inbox_handled_at`);
      await q.query(`DROP TABLE IF EXISTS "${schema}".outbox_dead_letter`);
    }
  }
  return [OutboxDeadLetter1764400000000];
}
