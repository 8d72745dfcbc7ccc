import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's own command records: Stripe-style idempotency for the commands it accepts itself
 * (refund requests), the refunded total on the orders read model, and when /success last asked
 * for a status check per order (so reloading the page does not flood the provider).
 */
export class GatewayRefundsAndStatusChecks1732400000000 implements MigrationInterface {
  name = 'GatewayRefundsAndStatusChecks1732400000000';

  async up(runner: QueryRunner): Promise<void> {
    // Filled by the projector once orders.events carries refunds; the refund check reads paid - refunded.
    await runner.query(`ALTER TABLE gateway.orders ADD COLUMN refunded_minor bigint NOT NULL DEFAULT 0`);
    await runner.query(`
      CREATE TABLE gateway.idempotency_keys (
        scope           text        NOT NULL,
        principal       text        NOT NULL,
        idempotency_key text        NOT NULL,
        request_hash    char(64)    NOT NULL,
        status_code     integer     NOT NULL,
        response_body   text        NOT NULL,
        created_at      timestamptz NOT NULL,
        PRIMARY KEY (scope, principal, idempotency_key)
      )`);
    await runner.query(`
      CREATE TABLE gateway.status_checks (
        order_id     uuid        PRIMARY KEY,
        requested_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE gateway.status_checks`);
    await runner.query(`DROP TABLE gateway.idempotency_keys`);
    await runner.query(`ALTER TABLE gateway.orders DROP COLUMN refunded_minor`);
  }
}
