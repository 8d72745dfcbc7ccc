import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { createKafka, listDeadLetters } from '@payments/messaging';
import { kafkaBrokers } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, messagesAbout, openCheckout, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';

interface Opened {
  orderId: string;
  payment: { providerReference: string };
}

const ORDERS = 50;
const sandbox = E2E_URLS.sandbox;

/** Pays in the sandbox as the customer would, the moment checkout answered. */
function pay(currency: 'USD' | 'INR', opened: Opened): Promise<Response> {
  if (currency === 'USD') return fetch(`${sandbox}/_sandbox/stripe/payment_intents/${opened.payment.providerReference}/pay`, { method: 'POST' });
  return fetch(`${sandbox}/_sandbox/cashfree/orders/${opened.orderId}/pay`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentMethod: 'upi' }),
  });
}

describe('payers who do not wait', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;
  const consumed = [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersEvents, Topics.ordersCommands, Topics.checkoutCommands];

  beforeAll(async () => {
    e2e = await startE2eSystem();
    recorder = await topicRecorder([Topics.entitlementGranted, Topics.ordersEvents]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  it(`${ORDERS} orders on both providers, all at once, each paid the instant checkout answers: every one Paid and granted once`, async () => {
    const results = await Promise.all(Array.from({ length: ORDERS }, async (_, i) => {
      const currency = i % 2 === 0 ? 'USD' : 'INR';
      const userId = `user-${randomUUID()}`;
      const opened = await openCheckout<Opened>(await bearerFor(userId), { productId: 'course-typescript-101', currency });
      expect(opened.status).toBe(201);
      const paid = await pay(currency, opened.body);
      expect(paid.status).toBe(200);
      return { orderId: opened.body.orderId, userId };
    }));
    const orderIds = results.map((result) => result.orderId);

    // order-ledger's summaries are a catch-up projection of its event store: settled once it shows them too.
    await waitUntilSettled(e2e, recorder, async () => {
      const { rows } = await e2e.db.query(
        `SELECT (SELECT count(*)::int FROM gateway.orders WHERE order_id = ANY($1) AND status = 'paid') AS gateway,
                (SELECT count(*)::int FROM order_ledger.order_summaries WHERE order_id = ANY($1) AND status = 'Paid') AS ledger`,
        [orderIds],
      );
      return rows[0].gateway === ORDERS && rows[0].ledger === ORDERS;
    });

    const ledger = await e2e.db.query(`SELECT status, count(*)::int AS n FROM order_ledger.order_summaries WHERE order_id = ANY($1) GROUP BY status`, [orderIds]);
    expect(ledger.rows).toEqual([{ status: 'Paid', n: ORDERS }]);
    for (const { orderId } of results) {
      expect(messagesAbout(recorder, Topics.entitlementGranted, orderId)).toHaveLength(1);
      expect(messagesAbout(recorder, Topics.ordersEvents, orderId).filter((m) => m.type === 'OrderPaid')).toHaveLength(1);
    }
    // The broker is shared with earlier tests (some dead-letter on purpose): only this test's keys count.
    const listings = await listDeadLetters(createKafka({ clientId: 'e2e-dlq-check', brokers: kafkaBrokers() }), { topics: consumed });
    const keys = new Set(results.flatMap(({ orderId, userId }) => [orderId, userId]));
    const ours = listings.flatMap((listing) => listing.deadLetters).filter((letter) => letter.key !== null && keys.has(letter.key));
    expect(ours).toEqual([]);
    const books = await e2e.db.query(`SELECT currency, sum(amount_minor)::bigint AS total FROM order_ledger.ledger_postings GROUP BY currency`);
    for (const row of books.rows) expect(Number(row.total)).toBe(0);
    const invoices = await e2e.db.query(`SELECT invoice_number FROM order_ledger.invoices WHERE order_id = ANY($1)`, [orderIds]);
    expect(invoices.rows).toHaveLength(ORDERS);
  });
});
