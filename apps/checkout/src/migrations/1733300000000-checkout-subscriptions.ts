import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans that renew: each plan in the catalog says how often (`billing_interval`, null for courses
 * and one-time products), and checkout.subscriptions holds every subscription checkout priced and
 * opened at a provider (or refused there), with the cancel asked of the provider, if any.
 */
export class CheckoutSubscriptions1733300000000 implements MigrationInterface {
  name = 'CheckoutSubscriptions1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE checkout.catalog_items
        ADD COLUMN billing_interval text CHECK (billing_interval IN ('month', 'year'))`);
    await runner.query(`
      CREATE TABLE checkout.subscriptions (
        subscription_id    uuid PRIMARY KEY,
        user_id            text        NOT NULL,
        plan_id            text        NOT NULL,
        billing_interval   text        NOT NULL CHECK (billing_interval IN ('month', 'year')),
        currency           char(3)     NOT NULL,
        subtotal_minor     bigint      NOT NULL,
        tax_minor          bigint      NOT NULL,
        total_minor        bigint      NOT NULL CHECK (total_minor > 0),
        tax_label          text,
        provider           text        NOT NULL,
        provider_reference text,
        status             text        NOT NULL CHECK (status IN ('open', 'failed_to_open')),
        failure_code       text,
        failure_reason     text,
        cancel_mode        text CHECK (cancel_mode IN ('at-period-end', 'immediately')),
        cancel_requested_at timestamptz,
        created_at         timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX subscriptions_by_user ON checkout.subscriptions (user_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE checkout.subscriptions`);
    await runner.query(`ALTER TABLE checkout.catalog_items DROP COLUMN billing_interval`);
  }
}
