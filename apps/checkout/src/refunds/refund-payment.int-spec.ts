import { randomUUID } from 'node:crypto';
import { Envelope, RefundFailedV1, RefundSucceededV1, Topics, deadLetterTopic } from '@payments/contracts';
import { eventually, uniqueName } from '@payments/testing';
import { CheckoutBody, checkoutRequested, refundPaymentRequested } from '../checkout-messages.fixture';
import { CheckoutHarness } from '../checkout-replica.fixture';

process.env.LOG_LEVEL ??= 'error';
const SANDBOX_PORT = 19540;
const USD_COURSE: CheckoutBody = { productId: 'course-typescript-101', currency: 'USD' };
const INR_COURSE: CheckoutBody = { productId: 'course-typescript-101', currency: 'INR' };

interface Opened { orderId: string; amountMinor: number; currency: string; payment: { providerReference: string } }
interface RefundRow { status: string; provider_refund_id: string | null; failure_reason: string | null; amount_minor: string }

describe('checkout makes the refunds order-ledger asks for, at the provider that took the payment', () => {
  const run = uniqueName('refunds');
  const group = `checkout_${run}`;
  const replyTo = `test-${run}`;
  const userId = `user-${run}`;
  const orders = new Set<string>();
  let harness: CheckoutHarness;

  beforeAll(async () => {
    const topics = [Topics.checkoutCommands, Topics.checkoutReplies, Topics.providerEvents];
    harness = await CheckoutHarness.start({ name: 'checkout_refunds', sandboxPort: SANDBOX_PORT, topics, tailed: [...topics, deadLetterTopic(Topics.checkoutCommands)] });
    await harness.startReplica({
      consumerGroupId: group, ownsUser: (user) => user === userId, ownsOrder: (orderId) => orders.has(orderId),
      // Pending refunds quiet for a second are looked up again, five times a second.
      overrides: { CHECKOUT_REFUND_RECHECK_AFTER_MS: '1000', CHECKOUT_REFUND_SWEEP_MS: '200' },
    });
  });

  afterAll(() => harness?.close());

  const sandbox = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${harness.sandbox.url}${path}`, {
      method: init.method ?? 'GET', headers: { 'content-type': 'application/json' }, body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  /** An order opened through checkout and paid at the sandbox; for Stripe, the PaymentIntent that paid it. */
  const paidOrder = async (body: CheckoutBody): Promise<Opened & { providerPaymentId: string }> => {
    const reply = await harness.ask(checkoutRequested(userId, randomUUID(), body, replyTo));
    expect(reply.statusCode).toBe(201);
    const opened = JSON.parse(reply.body) as Opened;
    orders.add(opened.orderId);
    const reference = opened.payment.providerReference;
    const pay = body.currency === 'INR'
      ? await sandbox(`/_sandbox/cashfree/orders/${opened.orderId}/pay`, { method: 'POST', body: { paymentMethod: 'upi' } })
      : await sandbox(`/_sandbox/stripe/payment_intents/${reference}/pay`, { method: 'POST', body: {} });
    expect(pay.status).toBe(200);
    // Cashfree refunds address the order; the attempt's id is what order-ledger would have recorded.
    return { ...opened, providerPaymentId: body.currency === 'INR' ? 'cashfree-attempt' : reference };
  };

  /** Publishes the command and waits until the replica has applied it. */
  const refund = async (command: Envelope): Promise<void> => {
    await harness.kafka.publish(Topics.checkoutCommands, [command]);
    await eventually(async () => ((await harness.probe.applied(command.id, group)) ? true : undefined), 30_000, `refund command ${command.id} applied`);
  };

  const outcomesOf = async (orderId: string) => ({
    succeeded: (await harness.probe.outboxFor(orderId, 'RefundSucceeded')).map((row) => row.payload.payload as unknown as RefundSucceededV1),
    failed: (await harness.probe.outboxFor(orderId, 'RefundFailed')).map((row) => row.payload.payload as unknown as RefundFailedV1),
  });

  const refundRow = async (refundId: string): Promise<RefundRow> =>
    (await harness.probe.pool.query<RefundRow>(`SELECT status, provider_refund_id, failure_reason, amount_minor FROM checkout.refunds WHERE refund_id = $1`, [refundId])).rows[0];

  const stripeRefundsOf = async (paymentIntent: string) =>
    ((await (await sandbox(`/_sandbox/stripe/refunds?payment_intent=${paymentIntent}`)).json()) as { data: { id: string; amount: number; status: string }[] }).data;

  it('refunds part of a Stripe payment once, however often the command is delivered, and reports RefundSucceeded on Kafka', async () => {
    const order = await paidOrder(USD_COURSE);
    const refundId = randomUUID();
    const command = { orderId: order.orderId, refundId, providerPaymentId: order.providerPaymentId, amountMinor: 500, currency: 'USD' };
    await refund(refundPaymentRequested(command));
    await refund(refundPaymentRequested(command));

    const refunds = await stripeRefundsOf(order.providerPaymentId);
    expect(refunds).toMatchObject([{ amount: 500, status: 'succeeded' }]);
    const { succeeded, failed } = await outcomesOf(order.orderId);
    expect(failed).toEqual([]);
    expect(succeeded).toEqual([expect.objectContaining({
      orderId: order.orderId, refundId, provider: 'stripe', providerRefundId: refunds[0].id, providerEventId: `refund-call:${refunds[0].id}`, amountMinor: 500, currency: 'USD',
    })]);
    const [message] = await harness.probe.outboxFor(order.orderId, 'RefundSucceeded');
    const published = await eventually(async () => harness.tail.on(Topics.providerEvents).find((envelope) => envelope.id === message.id), 30_000, 'RefundSucceeded on Kafka');
    expect(published).toMatchObject({ type: 'RefundSucceeded', key: order.orderId });
    expect(await refundRow(refundId)).toMatchObject({ status: 'succeeded', provider_refund_id: refunds[0].id, amount_minor: '500' });
  });

  it('reports RefundFailed, with no provider refund, when the provider refuses more than what is left', async () => {
    const order = await paidOrder(USD_COURSE);
    const refundId = randomUUID();
    await refund(refundPaymentRequested({ orderId: order.orderId, refundId, providerPaymentId: order.providerPaymentId, amountMinor: order.amountMinor + 1, currency: 'USD' }));

    expect(await stripeRefundsOf(order.providerPaymentId)).toEqual([]);
    const { succeeded, failed } = await outcomesOf(order.orderId);
    expect(succeeded).toEqual([]);
    expect(failed).toEqual([expect.objectContaining({ orderId: order.orderId, refundId, provider: 'stripe', reason: 'amount_too_large' })]);
    expect(failed[0].providerRefundId).toBeUndefined();
    expect(await refundRow(refundId)).toMatchObject({ status: 'failed', provider_refund_id: null });
  });

  it('reports a refund the card network fails after accepting it as RefundFailed with the provider refund id, once asked again', async () => {
    const order = await paidOrder(USD_COURSE);
    expect((await sandbox('/_sandbox/stripe/refunds/next_outcome', { method: 'POST', body: { outcome: 'fail' } })).status).toBe(200);
    const refundId = randomUUID();
    const command = { orderId: order.orderId, refundId, providerPaymentId: order.providerPaymentId, amountMinor: order.amountMinor, currency: 'USD' };
    await refund(refundPaymentRequested(command));
    expect(await refundRow(refundId)).toMatchObject({ status: 'pending' });
    await refund(refundPaymentRequested(command));

    const [providerRefund] = await stripeRefundsOf(order.providerPaymentId);
    expect(providerRefund.status).toBe('failed');
    const { failed } = await outcomesOf(order.orderId);
    expect(failed).toEqual([expect.objectContaining({ refundId, providerRefundId: providerRefund.id, reason: 'refund_failed' })]);
  });

  it('refuses to refund a payment that is not the PaymentIntent checkout opened for the order', async () => {
    const order = await paidOrder(USD_COURSE);
    const other = await paidOrder(USD_COURSE);
    const refundId = randomUUID();
    await refund(refundPaymentRequested({ orderId: order.orderId, refundId, providerPaymentId: other.providerPaymentId, amountMinor: 100, currency: 'USD' }));

    expect(await stripeRefundsOf(other.providerPaymentId)).toEqual([]);
    expect((await outcomesOf(order.orderId)).failed).toEqual([expect.objectContaining({ refundId, reason: 'payment_not_of_order' })]);
  });

  it('records a Cashfree refund as pending, publishes nothing until it is final, then reports it from the status API when asked again', async () => {
    const order = await paidOrder(INR_COURSE);
    const refundId = randomUUID();
    const command = { orderId: order.orderId, refundId, providerPaymentId: order.providerPaymentId, amountMinor: 1000, currency: 'INR' };
    await refund(refundPaymentRequested(command));

    expect(await refundRow(refundId)).toMatchObject({ status: 'pending', provider_refund_id: `${order.orderId}:${refundId}` });
    expect(await outcomesOf(order.orderId)).toEqual({ succeeded: [], failed: [] });

    expect((await sandbox(`/_sandbox/cashfree/orders/${order.orderId}/refunds/${refundId}/succeed`, { method: 'POST', body: {} })).status).toBe(200);
    await refund(refundPaymentRequested(command));

    const { succeeded } = await outcomesOf(order.orderId);
    expect(succeeded).toEqual([expect.objectContaining({ refundId, provider: 'cashfree', providerRefundId: `${order.orderId}:${refundId}`, amountMinor: 1000, currency: 'INR' })]);
    const attempts = ((await (await sandbox(`/_sandbox/cashfree/orders?order_id=${order.orderId}`)).json()) as { data: { refunds: unknown[] }[] }).data;
    expect(attempts[0].refunds).toHaveLength(1);
  });

  it('looks a quiet pending refund up again by itself, so a lost refund webhook cannot leave it pending', async () => {
    const order = await paidOrder(INR_COURSE);
    const refundId = randomUUID();
    await refund(refundPaymentRequested({ orderId: order.orderId, refundId, providerPaymentId: order.providerPaymentId, amountMinor: 2500, currency: 'INR' }));
    expect(await refundRow(refundId)).toMatchObject({ status: 'pending' });

    // The provider settles it; its webhook goes nowhere (no webhook-ingest here).
    expect((await sandbox(`/_sandbox/cashfree/orders/${order.orderId}/refunds/${refundId}/succeed`, { method: 'POST', body: {} })).status).toBe(200);
    const [reported] = await eventually(async () => {
      const { succeeded } = await outcomesOf(order.orderId);
      return succeeded.length > 0 ? succeeded : undefined;
    }, 30_000, 'the refund reported after the recheck');
    expect(reported).toMatchObject({ refundId, provider: 'cashfree', amountMinor: 2500, currency: 'INR' });
    expect(await refundRow(refundId)).toMatchObject({ status: 'succeeded' });
  });

  it('sends a command that names an earlier refund id with another amount to the dead-letter topic, refunding nothing more', async () => {
    const order = await paidOrder(USD_COURSE);
    const refundId = randomUUID();
    await refund(refundPaymentRequested({ orderId: order.orderId, refundId, providerPaymentId: order.providerPaymentId, amountMinor: 300, currency: 'USD' }));
    const conflicting = refundPaymentRequested({ orderId: order.orderId, refundId, providerPaymentId: order.providerPaymentId, amountMinor: 900, currency: 'USD' });
    await harness.kafka.publish(Topics.checkoutCommands, [conflicting]);

    const dead = await eventually(
      async () => harness.tail.messages(deadLetterTopic(Topics.checkoutCommands)).find((message) => message.envelope.id === conflicting.id),
      60_000, 'the conflicting command dead-lettered',
    );
    expect(dead.headers['dlq-error-code']).toBe('REFUND.CONFLICT');
    expect(await stripeRefundsOf(order.providerPaymentId)).toMatchObject([{ amount: 300 }]);
    expect((await outcomesOf(order.orderId)).succeeded).toHaveLength(1);
  });
});
