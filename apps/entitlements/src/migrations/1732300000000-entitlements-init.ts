import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingDdl } from '@payments/messaging';

export class EntitlementsInit1732300000000 implements MigrationInterface {
  name = 'EntitlementsInit1732300000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingDdl('entitlements')) await runner.query(statement);
    await runner.query(`
      CREATE TABLE entitlements.entitlements (
        entitlement_id uuid PRIMARY KEY,
        user_id        text        NOT NULL,
        product_id     text        NOT NULL,
        kind           text        NOT NULL CHECK (kind IN ('course', 'plan')),
        order_id       uuid        NOT NULL,
        granted_at     timestamptz NOT NULL,
        revoked_at     timestamptz,
        CONSTRAINT entitlements_once_per_order UNIQUE (user_id, product_id, order_id)
      )`);
    await runner.query(`CREATE INDEX entitlements_by_user ON entitlements.entitlements (user_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE entitlements.entitlements`);
  }
}
