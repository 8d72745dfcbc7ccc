import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingDdl } from '@payments/messaging';

export class CheckoutInit1732300000000 implements MigrationInterface {
  name = 'CheckoutInit1732300000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingDdl('checkout')) await runner.query(statement);
    await runner.query(`
      CREATE TABLE checkout.catalog_items (
        product_id text PRIMARY KEY,
        kind       text    NOT NULL CHECK (kind IN ('course', 'plan')),
        title      text    NOT NULL,
        active     boolean NOT NULL DEFAULT true
      )`);
    await runner.query(`
      CREATE TABLE checkout.catalog_prices (
        product_id        text   NOT NULL REFERENCES checkout.catalog_items (product_id),
        currency          char(3) NOT NULL,
        unit_amount_minor bigint NOT NULL CHECK (unit_amount_minor >= 0),
        PRIMARY KEY (product_id, currency)
      )`);
    await runner.query(`
      CREATE TABLE checkout.coupons (
        code                 text PRIMARY KEY,
        kind                 text NOT NULL CHECK (kind IN ('percent', 'fixed')),
        percent_basis_points integer CHECK (percent_basis_points BETWEEN 1 AND 10000),
        amount_minor         bigint CHECK (amount_minor > 0),
        currency             char(3),
        valid_from           timestamptz NOT NULL,
        valid_until          timestamptz NOT NULL,
        max_redemptions      integer,
        redemptions          integer NOT NULL DEFAULT 0
      )`);
    await runner.query(`
      CREATE TABLE checkout.tax_rules (
        currency         char(3) PRIMARY KEY,
        rate_basis_points integer NOT NULL CHECK (rate_basis_points BETWEEN 0 AND 10000),
        inclusive        boolean NOT NULL,
        label            text    NOT NULL
      )`);
    // Stripe semantics: one record per (user, key); the stored body is replayed byte for byte.
    await runner.query(`
      CREATE TABLE checkout.idempotency_keys (
        user_id         text        NOT NULL,
        idempotency_key text        NOT NULL,
        request_hash    char(64)    NOT NULL,
        state           text        NOT NULL CHECK (state IN ('in_flight', 'completed')),
        response_status integer,
        response_body   text,
        order_id        uuid,
        created_at      timestamptz NOT NULL,
        expires_at      timestamptz NOT NULL,
        PRIMARY KEY (user_id, idempotency_key)
      )`);
    await runner.query(`
      CREATE TABLE checkout.orders (
        order_id           uuid PRIMARY KEY,
        user_id            text        NOT NULL,
        product_id         text        NOT NULL,
        quantity           integer     NOT NULL,
        currency           char(3)     NOT NULL,
        subtotal_minor     bigint      NOT NULL,
        discount_minor     bigint      NOT NULL,
        tax_minor          bigint      NOT NULL,
        total_minor        bigint      NOT NULL,
        coupon_code        text,
        provider           text        NOT NULL,
        provider_reference text,
        status             text        NOT NULL CHECK (status IN ('open', 'failed_to_open')),
        failure_code       text,
        failure_reason     text,
        created_at         timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['orders', 'idempotency_keys', 'tax_rules', 'coupons', 'catalog_prices', 'catalog_items']) {
      await runner.query(`DROP TABLE checkout.${table}`);
    }
  }
}
