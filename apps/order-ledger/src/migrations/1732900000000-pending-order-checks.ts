import { MigrationInterface, QueryRunner } from 'typeorm';

/** The status checks order-ledger asked for about each quiet Pending order, before expiring it. */
export class PendingOrderChecks1732900000000 implements MigrationInterface {
  name = 'PendingOrderChecks1732900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE order_ledger.pending_order_checks (
        order_id      uuid        PRIMARY KEY,
        checks        integer     NOT NULL CHECK (checks > 0),
        last_check_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE order_ledger.pending_order_checks`);
  }
}
