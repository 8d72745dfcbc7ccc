import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingDdl } from '@payments/messaging';

export class GatewayInit1732300000000 implements MigrationInterface {
  name = 'GatewayInit1732300000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingDdl('gateway')) await runner.query(statement);
    // Read models projected from orders.events and entitlement-granted; rebuilt by replaying the topics.
    await runner.query(`
      CREATE TABLE gateway.orders (
        order_id       uuid PRIMARY KEY,
        user_id        text        NOT NULL,
        status         text        NOT NULL,
        amount_minor   bigint      NOT NULL,
        currency       char(3)     NOT NULL,
        provider       text        NOT NULL,
        lines          jsonb       NOT NULL,
        breakdown      jsonb,
        invoice_number text,
        needs_review   boolean     NOT NULL DEFAULT false,
        last_failure   text,
        placed_at      timestamptz,
        paid_at        timestamptz,
        updated_at     timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX gateway_orders_by_user ON gateway.orders (user_id, placed_at DESC)`);
    await runner.query(`
      CREATE TABLE gateway.entitlements (
        entitlement_id uuid PRIMARY KEY,
        user_id        text        NOT NULL,
        product_id     text        NOT NULL,
        kind           text        NOT NULL,
        order_id       uuid        NOT NULL,
        granted_at     timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX gateway_entitlements_by_user ON gateway.entitlements (user_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE gateway.entitlements`);
    await runner.query(`DROP TABLE gateway.orders`);
  }
}
