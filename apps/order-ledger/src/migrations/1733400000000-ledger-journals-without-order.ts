import { MigrationInterface, QueryRunner } from 'typeorm';

/** Payouts and platform fees are journals about no one order. */
export class LedgerJournalsWithoutOrder1733400000000 implements MigrationInterface {
  name = 'LedgerJournalsWithoutOrder1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE order_ledger.ledger_postings ALTER COLUMN order_id DROP NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE order_ledger.ledger_postings ALTER COLUMN order_id SET NOT NULL`);
  }
}
