import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@bron/infra';

export class NotificatieSchema1764300000002 implements MigrationInterface {
  name = 'NotificatieSchema1764300000002';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'notificatie');
    // What was sent to whom and why: the audit trail of individual data leaving the platform (D7).
    await q.query(`
      CREATE TABLE notificatie.notificatie (
        notificatie_id text PRIMARY KEY,
        instelling text NOT NULL,
        persoonsnummer text NOT NULL,
        inschrijving_id text NOT NULL,
        oorzaak_soort text NOT NULL,
        wijzigingen jsonb NOT NULL,
        verstuurd_op timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notificatie_instelling ON notificatie.notificatie (instelling, verstuurd_op)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notificatie.notificatie`);
    await dropMessagingTables(q, 'notificatie');
  }
}
