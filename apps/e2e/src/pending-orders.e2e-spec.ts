import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, TopicRecorder, bearerFor, messagesAbout, orderView, startE2eSystem, topicRecorder } from './e2e-system';
import { COURSE, TRUSTING_LOCAL_PROXY, checkout } from './gateway-http.fixture';

const sandbox = E2E_URLS.sandbox;

interface OrderView { orderId: string; status: string; needsReview: boolean }

describe('orders left pending: a server-side status check, then expiry', () => {
  let e2e: E2eSystem;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    // Short clocks: quiet for 1 s -> status check; quiet for 4 s after a check had time to answer -> expired.
    e2e = await startE2eSystem({
      ...TRUSTING_LOCAL_PROXY, ORDER_STATUS_CHECK_AFTER_MS: '1000', ORDER_EXPIRE_AFTER_MS: '4000', ORDER_PENDING_SWEEP_MS: '250',
    });
    recorder = await topicRecorder([Topics.ordersEvents, Topics.checkoutCommands, Topics.providerEvents]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  const open = async () => {
    const token = await bearerFor(`user-${randomUUID()}`);
    const opened = await checkout(token, randomUUID(), COURSE);
    expect(opened.status).toBe(201);
    return { token, orderId: opened.body.orderId as string, paymentIntent: (opened.body.payment as { providerReference: string }).providerReference };
  };
  const statusChecksFor = (orderId: string) => messagesAbout(recorder, Topics.checkoutCommands, orderId)
    .filter((message) => message.type === 'PaymentStatusCheckRequested' && (message.payload as { trigger: string }).trigger === 'pending-timeout');

  it('pays an order whose webhook is held back, through the status check it asks for, and never expires it', async () => {
    const { token, orderId, paymentIntent } = await open();
    const pay = await fetch(`${sandbox}/_sandbox/stripe/payment_intents/${paymentIntent}/pay`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults: { delayMs: 30_000 } }),
    });
    expect(pay.status).toBe(200);

    const paid = await eventually(async () => {
      const view = await orderView<OrderView>(token, orderId);
      return view?.status === 'paid' ? view : undefined;
    }, 30_000, 'the order paid through the status check');
    expect(paid.needsReview).toBe(false);
    expect(statusChecksFor(orderId).length).toBeGreaterThanOrEqual(1);
    const report = messagesAbout(recorder, Topics.providerEvents, orderId).find((message) => message.type === 'PaymentSucceeded');
    expect(report?.payload).toMatchObject({ providerEventId: `status-check:${paymentIntent}` });
    expect(messagesAbout(recorder, Topics.ordersEvents, orderId).map((message) => message.type)).not.toContain('OrderExpired');
  });

  it('expires an order nobody pays once its status check found nothing, and flags a payment that comes after', async () => {
    const { token, orderId, paymentIntent } = await open();

    const expired = await eventually(async () => {
      const view = await orderView<OrderView>(token, orderId);
      return view?.status === 'expired' ? view : undefined;
    }, 60_000, 'the order expired');
    expect(expired.needsReview).toBe(false);
    expect(statusChecksFor(orderId).length).toBeGreaterThanOrEqual(1);
    await eventually(async () => (messagesAbout(recorder, Topics.ordersEvents, orderId).some((m) => m.type === 'OrderExpired') ? true : undefined), 30_000, 'OrderExpired');
    const { rows } = await e2e.db.query(`SELECT type FROM order_ledger.events WHERE stream_id = 'order-' || $1 ORDER BY stream_version`, [orderId]);
    expect(rows.map((row) => row.type)).toEqual(['OrderPlaced', 'OrderExpired']);

    // The customer pays the expired order after all: recorded and flagged for a person, never applied.
    expect((await fetch(`${sandbox}/_sandbox/stripe/payment_intents/${paymentIntent}/pay`, { method: 'POST' })).status).toBe(200);
    const flagged = await eventually(async () => {
      const view = await orderView<OrderView>(token, orderId);
      return view?.needsReview ? view : undefined;
    }, 30_000, 'the late payment flagged');
    expect(flagged.status).toBe('expired');
  });

  it('fails an order whose payment the provider closed (PaymentIntent canceled), and the sweeper leaves it alone', async () => {
    const { token, orderId, paymentIntent } = await open();
    const abandoned = await fetch(`${sandbox}/_sandbox/stripe/payment_intents/${paymentIntent}/abandon`, { method: 'POST' });
    expect(abandoned.status).toBe(200);

    const failed = await eventually(async () => {
      const view = await orderView<OrderView>(token, orderId);
      return view?.status === 'failed' ? view : undefined;
    }, 30_000, 'the order failed');
    expect(failed.needsReview).toBe(false);
    const closed = await eventually(async () => messagesAbout(recorder, Topics.providerEvents, orderId).find((m) => m.type === 'PaymentSessionClosed'), 30_000, 'PaymentSessionClosed');
    expect(closed.payload).toMatchObject({ provider: 'stripe', providerPaymentId: paymentIntent });
    await eventually(async () => (messagesAbout(recorder, Topics.ordersEvents, orderId).some((m) => m.type === 'OrderFailed') ? true : undefined), 30_000, 'OrderFailed');
    // Long past the expiry time of this suite, the stream still ends with the failure.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const { rows } = await e2e.db.query(`SELECT type FROM order_ledger.events WHERE stream_id = 'order-' || $1 ORDER BY stream_version`, [orderId]);
    expect(rows.map((row) => row.type)).toEqual(['OrderPlaced', 'OrderFailed']);
  });
});
