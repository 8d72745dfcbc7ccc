import { randomUUID } from 'node:crypto';
import { CashfreeAdapter } from '@payments/providers';
import { cashfreeAdapterFor, cashfreeControl, inrCheckout, providerErrorOf, sandboxCashfreeOrder } from './cashfree-harness.fixture';
import { RunningSandbox, startTestSandbox } from './sandbox-harness.fixture';

describe('the Cashfree adapter against the sandbox', () => {
  let sandbox: RunningSandbox;
  let adapter: CashfreeAdapter;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    adapter = cashfreeAdapterFor(sandbox);
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  async function paidOrder(amountMinor = 58882) {
    const orderId = randomUUID();
    await adapter.openCheckout(inrCheckout(orderId, { amountMinor }));
    await cashfreeControl(sandbox, `/orders/${orderId}/pay`, { paymentMethod: 'upi' });
    return orderId;
  }

  it('opens a checkout as a Cashfree order named by our order id, with a payment session', async () => {
    const orderId = randomUUID();
    const opened = await adapter.openCheckout(inrCheckout(orderId));
    expect(opened).toEqual({ provider: 'cashfree', providerReference: orderId, paymentSessionId: expect.stringMatching(/^session_/), status: 'ACTIVE' });
    expect(await sandboxCashfreeOrder(sandbox, orderId)).toMatchObject({
      order_id: orderId, order_amount: 588.82, order_currency: 'INR', order_note: 'TypeScript 101 x 1', order_tags: { order_id: orderId },
      customer_details: { customer_id: expect.stringMatching(/^user42[0-9a-f]{16}$/), customer_phone: '9999999999', customer_email: 'ada@example.com' },
    });
  });

  it('replays the same order for the same idempotency key and input, creating only one', async () => {
    const orderId = randomUUID();
    const first = await adapter.openCheckout(inrCheckout(orderId));
    expect(await adapter.openCheckout(inrCheckout(orderId))).toEqual(first);
  });

  it('continues with the order it created earlier when the order id is taken and the order is the one asked for', async () => {
    const orderId = randomUUID();
    const first = await adapter.openCheckout(inrCheckout(orderId));
    const underAnotherKey = await adapter.openCheckout(inrCheckout(orderId, { idempotencyKey: `order-${orderId}-open-again` }));
    expect(underAnotherKey).toEqual(first);
  });

  it('refuses the same key with another amount, and a taken order id for another amount, as idempotency conflicts', async () => {
    const orderId = randomUUID();
    await adapter.openCheckout(inrCheckout(orderId));
    expect(await providerErrorOf(adapter.openCheckout(inrCheckout(orderId, { amountMinor: 59000 })))).toMatchObject({
      code: 'PROVIDER.IDEMPOTENCY_CONFLICT', retryable: false, providerCode: 'request_invalid',
    });
    const otherKey = inrCheckout(orderId, { amountMinor: 59000, idempotencyKey: `order-${orderId}-other` });
    expect(await providerErrorOf(adapter.openCheckout(otherKey))).toMatchObject({ code: 'PROVIDER.IDEMPOTENCY_CONFLICT', providerCode: 'order_already_exists' });
  });

  it('reports wrong credentials as an authentication error that is not worth retrying, without the secret in the message', async () => {
    const error = await providerErrorOf(cashfreeAdapterFor(sandbox, { secretKey: 'cfsk_test_not_ours_0123' }).openCheckout(inrCheckout(randomUUID())));
    expect(error).toMatchObject({ code: 'PROVIDER.AUTHENTICATION', retryable: false, providerCode: 'request_failed' });
    expect(error.message).not.toContain('cfsk_test_not_ours_0123');
  });

  it('refuses a USD checkout before calling Cashfree', async () => {
    expect(await providerErrorOf(adapter.openCheckout(inrCheckout(randomUUID(), { currency: 'USD' })))).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST' });
  });

  it('reports an unreachable Cashfree as unavailable and worth retrying', async () => {
    const unreachable = new CashfreeAdapter({ appId: 'app', secretKey: 'secret', baseUrl: 'http://127.0.0.1:9/pg', maxRetries: 1, timeoutMs: 2_000 }, { sleep: async () => undefined });
    expect(await providerErrorOf(unreachable.retrievePayment('ord_1'))).toMatchObject({ code: 'PROVIDER.UNAVAILABLE', retryable: true, providerCode: 'network_error' });
  });

  it('reads an order as ACTIVE for its amount, still ACTIVE after a declined attempt, and PAID for what the successful attempt paid', async () => {
    const orderId = randomUUID();
    await adapter.openCheckout(inrCheckout(orderId));
    expect(await adapter.retrievePayment(orderId)).toEqual({ status: 'ACTIVE', amountMinor: 58882, currency: 'INR', orderId, paid: false, paymentId: null });

    expect((await cashfreeControl(sandbox, `/orders/${orderId}/decline`, { paymentMethod: 'upi' })).status).toBe(200);
    expect(await adapter.retrievePayment(orderId)).toMatchObject({ status: 'ACTIVE' });

    expect((await cashfreeControl(sandbox, `/orders/${orderId}/pay`, { paymentMethod: 'netbanking' })).status).toBe(200);
    expect(await adapter.retrievePayment(orderId)).toEqual({
      status: 'PAID', amountMinor: 58882, currency: 'INR', orderId, paid: true, paymentId: expect.stringMatching(/^\d+$/),
    });
    const order = await sandboxCashfreeOrder(sandbox, orderId);
    expect(order?.payments.map((payment) => payment.payment_status)).toEqual(['FAILED', 'SUCCESS']);
  });

  it('reports an unknown order as an invalid request', async () => {
    expect(await providerErrorOf(adapter.retrievePayment('ord_missing'))).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'order_not_found' });
  });

  it('refunds part of a paid order under our refund id, pending until Cashfree processes it, and reads it back', async () => {
    const orderId = await paidOrder();
    const refundId = randomUUID();
    const input = { providerReference: orderId, amountMinor: 8882, currency: 'INR', orderId, refundId, idempotencyKey: `refund-${refundId}` };
    const refund = await adapter.refund(input);
    expect(refund).toEqual({ providerRefundId: `${orderId}:${refundId}`, status: 'pending', amountMinor: 8882, currency: 'INR' });
    expect(await adapter.refund(input)).toEqual(refund);

    await cashfreeControl(sandbox, `/orders/${orderId}/refunds/${refundId}/succeed`);
    expect(await adapter.retrieveRefund(refund.providerRefundId)).toEqual({
      ...refund, status: 'succeeded', providerReference: orderId, orderId, refundId,
    });
  });

  it('refunds the whole remainder when no amount is given, and gives the same refund to a retry after it was made', async () => {
    const orderId = await paidOrder(10000);
    const first = randomUUID();
    await adapter.refund({ providerReference: orderId, amountMinor: 2500, currency: 'INR', orderId, refundId: first, idempotencyKey: `refund-${first}` });
    const rest = randomUUID();
    const input = { providerReference: orderId, currency: 'INR', orderId, refundId: rest, idempotencyKey: `refund-${rest}` };
    const remainder = await adapter.refund(input);
    expect(remainder).toMatchObject({ amountMinor: 7500, status: 'pending' });
    expect(await adapter.refund(input)).toEqual(remainder);
  });

  it('reports a cancelled refund with Cashfree’s reason', async () => {
    const orderId = await paidOrder();
    const refundId = randomUUID();
    const refund = await adapter.refund({ providerReference: orderId, amountMinor: 100, currency: 'INR', orderId, refundId, idempotencyKey: `refund-${refundId}` });
    await cashfreeControl(sandbox, `/orders/${orderId}/refunds/${refundId}/cancel`);
    expect(await adapter.retrieveRefund(refund.providerRefundId)).toMatchObject({ status: 'canceled', failureReason: expect.stringMatching(/cancelled/) });
  });

  it('refuses a refund of more than is left, and of an order that is not paid', async () => {
    const orderId = await paidOrder(10000);
    const refundId = randomUUID();
    const tooMuch = { providerReference: orderId, amountMinor: 10001, currency: 'INR', orderId, refundId, idempotencyKey: `refund-${refundId}` };
    expect(await providerErrorOf(adapter.refund(tooMuch))).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'refund_amount_invalid' });
    const unpaid = randomUUID();
    await adapter.openCheckout(inrCheckout(unpaid));
    const early = { providerReference: unpaid, amountMinor: 100, currency: 'INR', orderId: unpaid, refundId, idempotencyKey: `refund-${refundId}-x` };
    expect(await providerErrorOf(adapter.refund(early))).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'order_not_paid' });
  });
});
