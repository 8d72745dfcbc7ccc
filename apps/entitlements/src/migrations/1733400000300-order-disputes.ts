import { MigrationInterface, QueryRunner } from 'typeorm';

/** The disputes of each one-time order and where they stand: access stays suspended while any is open. */
export class OrderDisputes1733400000300 implements MigrationInterface {
  name = 'OrderDisputes1733400000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE entitlements.order_disputes (
        order_id   uuid        NOT NULL,
        dispute_id text        NOT NULL,
        stage      text        NOT NULL CHECK (stage IN ('opened', 'won', 'lost')),
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (order_id, dispute_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE entitlements.order_disputes`);
  }
}
