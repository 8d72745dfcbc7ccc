import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * checkout.refunds: every refund order-ledger asked checkout to make at the provider, with what the
 * provider answered. One row per refund id: a repeated command finds its refund here.
 */
export class CheckoutRefunds1732700000000 implements MigrationInterface {
  name = 'CheckoutRefunds1732700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE checkout.refunds (
        refund_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        provider text NOT NULL,
        provider_payment_id text NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        provider_refund_id text,
        failure_reason text,
        requested_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX refunds_by_order ON checkout.refunds (order_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE checkout.refunds`);
  }
}
