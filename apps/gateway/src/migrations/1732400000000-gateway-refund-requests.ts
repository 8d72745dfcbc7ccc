import { MigrationInterface, QueryRunner } from 'typeorm';

export class GatewayRefundRequests1732400000000 implements MigrationInterface {
  name = 'GatewayRefundRequests1732400000000';

  async up(runner: QueryRunner): Promise<void> {
    // Stripe semantics for POST /api/orders/:id/refunds: one record per (admin, key), replayed byte for byte.
    await runner.query(`
      CREATE TABLE gateway.refund_requests (
        admin_id        text        NOT NULL,
        idempotency_key text        NOT NULL,
        request_hash    char(64)    NOT NULL,
        refund_id       uuid        NOT NULL UNIQUE,
        order_id        uuid        NOT NULL,
        response_status integer     NOT NULL,
        response_body   text        NOT NULL,
        created_at      timestamptz NOT NULL,
        PRIMARY KEY (admin_id, idempotency_key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE gateway.refund_requests`);
  }
}
