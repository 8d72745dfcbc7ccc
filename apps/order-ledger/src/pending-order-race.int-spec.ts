import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { OrderLedgerUnderTest, opened, paid, startOrderLedger } from './order-ledger-app.fixture';

const ORDERS = 24;

describe('the pending-order sweeper racing a payment that arrives at the same moment', () => {
  let ledger: OrderLedgerUnderTest;

  beforeAll(async () => {
    // Expiry a few hundred milliseconds after placement, swept every 100 ms: payments land right around it.
    ledger = await startOrderLedger({ ORDER_STATUS_CHECK_AFTER_MS: '150', ORDER_EXPIRE_AFTER_MS: '300', ORDER_PENDING_SWEEP_MS: '100' });
  });

  afterAll(async () => {
    await ledger?.stop();
  });

  it('each order is either paid or expired with the payment flagged, never both, and no payment is lost', async () => {
    const orderIds = Array.from({ length: ORDERS }, () => randomUUID());
    await ledger.kafka.publish(Topics.checkoutEvents, orderIds.map(opened));
    // Payments spread over the window in which the sweeper expires these orders.
    await Promise.all(orderIds.map(async (orderId, i) => {
      await new Promise((resolve) => setTimeout(resolve, 200 + i * 40));
      await ledger.kafka.publish(Topics.providerEvents, [paid(orderId)]);
    }));

    const decided = async () => {
      const types = await Promise.all(orderIds.map((orderId) => ledger.streamTypes(orderId)));
      return types.every((stream) => stream.includes('OrderPaid') || stream.includes('LatePaymentEventRecorded')) ? types : undefined;
    };
    const streams = await eventually(decided, 60_000, 'every payment decided');
    let expired = 0;
    for (const stream of streams) {
      const paidOnce = stream.filter((type) => type === 'OrderPaid').length;
      const expiredOnce = stream.filter((type) => type === 'OrderExpired').length;
      expect(paidOnce + expiredOnce).toBe(1);
      if (expiredOnce === 1) {
        expired += 1;
        expect(stream.slice(stream.indexOf('OrderExpired'))).toEqual(['OrderExpired', 'LatePaymentEventRecorded', 'OrderFlaggedForReview']);
      }
    }
    const { rows } = await ledger.db.query(`SELECT count(*)::int AS n FROM order_ledger.invoices WHERE order_id = ANY($1)`, [orderIds]);
    expect(rows[0].n).toBe(ORDERS - expired);
    const books = await ledger.db.query(`SELECT coalesce(sum(amount_minor), 0)::int AS total FROM order_ledger.ledger_postings WHERE order_id = ANY($1)`, [orderIds]);
    expect(books.rows[0].total).toBe(0);
  });
});
