import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscriptions as the gateway shows them (projected from subscriptions.events), and entitlements
 * with their validity and status (projected from entitlement-granted, -changed and -revoked).
 */
export class GatewaySubscriptions1733300000000 implements MigrationInterface {
  name = 'GatewaySubscriptions1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE gateway.subscriptions (
        subscription_id      uuid PRIMARY KEY,
        user_id              text        NOT NULL,
        plan_id              text        NOT NULL,
        billing_interval     text        NOT NULL,
        amount_minor         bigint      NOT NULL,
        currency             char(3)     NOT NULL,
        provider             text        NOT NULL,
        status               text        NOT NULL CHECK (status IN ('incomplete', 'active', 'past_due', 'ended')),
        paid_through         timestamptz,
        periods_paid         integer     NOT NULL DEFAULT 0,
        cancel_at_period_end boolean     NOT NULL DEFAULT false,
        past_due_since       timestamptz,
        ended_at             timestamptz,
        end_reason           text,
        placed_at            timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX gateway_subscriptions_by_user ON gateway.subscriptions (user_id, placed_at DESC)`);
    await runner.query(`
      ALTER TABLE gateway.entitlements
        ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'revoked')),
        ADD COLUMN valid_until timestamptz,
        ADD COLUMN subscription_id uuid,
        ADD COLUMN sequence integer NOT NULL DEFAULT 0,
        ADD COLUMN status_reason text,
        ADD COLUMN revoked_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE gateway.entitlements DROP COLUMN status, DROP COLUMN valid_until, DROP COLUMN subscription_id,
        DROP COLUMN sequence, DROP COLUMN status_reason, DROP COLUMN revoked_at`);
    await runner.query(`DROP TABLE gateway.subscriptions`);
  }
}
