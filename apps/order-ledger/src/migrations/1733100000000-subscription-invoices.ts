import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A subscription is invoiced once per paid period: invoices name either an order or a
 * subscription's collection (subscription id + the provider's payment id), never both.
 */
export class SubscriptionInvoices1733100000000 implements MigrationInterface {
  name = 'SubscriptionInvoices1733100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE order_ledger.invoices ALTER COLUMN order_id DROP NOT NULL`);
    await runner.query(`ALTER TABLE order_ledger.invoices ADD COLUMN subscription_id uuid, ADD COLUMN provider_payment_id text`);
    await runner.query(`
      ALTER TABLE order_ledger.invoices ADD CONSTRAINT invoices_one_purchase CHECK (
        (order_id IS NOT NULL AND subscription_id IS NULL AND provider_payment_id IS NULL)
        OR (order_id IS NULL AND subscription_id IS NOT NULL AND provider_payment_id IS NOT NULL))`);
    await runner.query(`CREATE UNIQUE INDEX invoices_once_per_collection ON order_ledger.invoices (subscription_id, provider_payment_id) WHERE subscription_id IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX order_ledger.invoices_once_per_collection`);
    await runner.query(`ALTER TABLE order_ledger.invoices DROP CONSTRAINT invoices_one_purchase`);
    await runner.query(`ALTER TABLE order_ledger.invoices DROP COLUMN subscription_id, DROP COLUMN provider_payment_id`);
    await runner.query(`ALTER TABLE order_ledger.invoices ALTER COLUMN order_id SET NOT NULL`);
  }
}
