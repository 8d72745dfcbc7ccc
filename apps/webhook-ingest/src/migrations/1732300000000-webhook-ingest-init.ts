import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingDdl } from '@payments/messaging';

export class WebhookIngestInit1732300000000 implements MigrationInterface {
  name = 'WebhookIngestInit1732300000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingDdl('webhook_ingest')) await runner.query(statement);
    // One row per provider event id: the dedup key and the redacted audit copy of what arrived.
    await runner.query(`
      CREATE TABLE webhook_ingest.provider_events (
        provider          text        NOT NULL,
        provider_event_id text        NOT NULL,
        provider_type     text        NOT NULL,
        order_id          uuid,
        outcome           text        NOT NULL,
        payload           jsonb       NOT NULL,
        received_at       timestamptz NOT NULL,
        deliveries        integer     NOT NULL DEFAULT 1,
        PRIMARY KEY (provider, provider_event_id)
      )`);
    await runner.query(`CREATE INDEX provider_events_by_order ON webhook_ingest.provider_events (order_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE webhook_ingest.provider_events`);
  }
}
