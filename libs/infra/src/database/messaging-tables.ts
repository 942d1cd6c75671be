import type { QueryRunner } from 'typeorm';

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
