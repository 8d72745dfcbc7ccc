import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An idempotency record that expired (24 h) may be taken up again by a new request with the same
 * key; `generation` counts those take-overs so that each one derives a new order id. Orders keep
 * the label of the tax they were charged, beside the amounts.
 */
export class CheckoutKeyGenerations1732600000000 implements MigrationInterface {
  name = 'CheckoutKeyGenerations1732600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE checkout.idempotency_keys ADD COLUMN generation integer NOT NULL DEFAULT 0 CHECK (generation >= 0)`);
    await runner.query(`ALTER TABLE checkout.orders ADD COLUMN tax_label text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE checkout.orders DROP COLUMN tax_label`);
    await runner.query(`ALTER TABLE checkout.idempotency_keys DROP COLUMN generation`);
  }
}
