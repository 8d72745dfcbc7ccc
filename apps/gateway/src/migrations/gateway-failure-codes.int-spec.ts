import { QueryRunner } from 'typeorm';
import { PgDatabase } from '@payments/persistence';
import { TestDatabase, testDatabase } from '@payments/testing';
import { GatewayInit1732300000000 } from './1732300000000-gateway-init';
import { GatewayRefundsAndStatusChecks1732400000000 } from './1732400000000-gateway-refunds-and-status-checks';
import { GatewayFailureCodes1733100000000 } from './1733100000000-gateway-failure-codes';

const REFUND_ID = '5d0b8f0e-3c1a-4f6e-9b2d-7a8c9e0f1a2b';

describe('the failure-codes migration of the orders read model', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  const runner = () => ({ query: (sql: string, parameters?: unknown[]) => db.query(sql, parameters) }) as unknown as QueryRunner;

  beforeAll(async () => {
    database = await testDatabase('gateway_failure_codes');
    db = new PgDatabase({ connectionString: database.url, max: 2 });
    await db.query(`CREATE SCHEMA gateway`);
    await new GatewayInit1732300000000().up(runner());
    await new GatewayRefundsAndStatusChecks1732400000000().up(runner());
  });

  afterAll(async () => {
    await db?.pool.end();
    await database?.drop();
  });

  it("rewrites the provider's words already stored into our codes and sentences, leaving none of them", async () => {
    const order = (id: string, lastFailure: string | null, needsReview = false) => db.query(
      `INSERT INTO gateway.orders (order_id, user_id, status, amount_minor, currency, provider, lines, needs_review, last_failure, updated_at)
       VALUES ($1, 'user-1', 'pending', 1900, 'USD', 'stripe', '[]', $2, $3, now())`,
      [id, needsReview, lastFailure],
    );
    await order('00000000-0000-4000-8000-000000000001', 'Card 4000 0000 0000 0002 of jane@example.com was declined');
    await order('00000000-0000-4000-8000-000000000002', 'AMOUNT_MISMATCH', true);
    await order('00000000-0000-4000-8000-000000000003', `refund ${REFUND_ID} failed: ORDER.REFUND_EXCEEDS_REMAINDER: Refund 1500 exceeds the refundable 1000 USD`);
    await order('00000000-0000-4000-8000-000000000004', null);

    await new GatewayFailureCodes1733100000000().up(runner());

    const rows = await db.query(`SELECT order_id, last_failure_code, last_failure FROM gateway.orders ORDER BY order_id`);
    expect(rows).toEqual([
      { order_id: '00000000-0000-4000-8000-000000000001', last_failure_code: 'PAYMENT.DECLINED', last_failure: 'The bank or card issuer declined the payment.' },
      { order_id: '00000000-0000-4000-8000-000000000002', last_failure_code: 'REVIEW.AMOUNT_MISMATCH', last_failure: 'A payment for a different amount arrived; the order is being reviewed.' },
      {
        order_id: '00000000-0000-4000-8000-000000000003', last_failure_code: 'REFUND.EXCEEDS_REMAINDER',
        last_failure: `Refund ${REFUND_ID}: The refund was not made: it was for more than remains to be refunded.`,
      },
      { order_id: '00000000-0000-4000-8000-000000000004', last_failure_code: null, last_failure: null },
    ]);
  });
});
