import { MigrationInterface, QueryRunner } from 'typeorm';

/** Provider facts whose order is not placed (yet): what an operator lists as unmatched payments. */
export class UnmatchedFacts1733000000001 implements MigrationInterface {
  name = 'UnmatchedFacts1733000000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE order_ledger.unmatched_facts (
        order_id          uuid        PRIMARY KEY,
        first_received_at timestamptz NOT NULL,
        facts             integer     NOT NULL CHECK (facts > 0),
        kinds             text[]      NOT NULL,
        payments_minor    bigint      NOT NULL DEFAULT 0,
        currency          text,
        provider_payment_ids text[]   NOT NULL DEFAULT '{}',
        surfaced_at       timestamptz,
        matched_at        timestamptz
      )`);
    await runner.query(`CREATE INDEX unmatched_facts_open ON order_ledger.unmatched_facts (first_received_at) WHERE matched_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE order_ledger.unmatched_facts`);
  }
}
