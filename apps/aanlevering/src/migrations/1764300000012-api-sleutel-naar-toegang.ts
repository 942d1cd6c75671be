import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUDE_SLEUTELTABEL, verhuisSleutels } from '@bron/infra';

/**
 * The API keys move to the shared `toegang` schema (every HTTP-serving service authenticates with
 * them): the rows keep their ids, so every key keeps working and `ontvangen_batch.api_sleutel_id`
 * keeps naming its key (no longer as a foreign key across schemas).
 */
export class ApiSleutelNaarToegang1764300000012 implements MigrationInterface {
  name = 'ApiSleutelNaarToegang1764300000012';

  async up(q: QueryRunner): Promise<void> {
    await verhuisSleutels(q, OUDE_SLEUTELTABEL);
  }

  async down(): Promise<void> {
    // The keys stay in toegang: other services use them too.
  }
}
