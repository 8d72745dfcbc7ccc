import { randomUUID } from 'node:crypto';
import { ProviderError, RefundInput } from '@payments/providers';
import { eventually } from '@payments/testing';
import { ReceivedWebhook } from './sandbox-harness.fixture';
import { stripeHarness } from './stripe-harness.fixture';
import { controlCall, getJson } from './stripe-sandbox-calls.fixture';

interface RefundsView {
  data: { id: string; amount: number; status: string }[];
  charge: { id: string; amount_refunded: number; refunded: boolean } | null;
}

async function providerErrorOf(call: Promise<unknown>): Promise<ProviderError> {
  const error = await call.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('Stripe refunds through the Stripe adapter and the sandbox', () => {
  const stripe = stripeHarness();

  /** A paid order: its id and PaymentIntent. */
  async function paidOrder(amountMinor = 4999, currency = 'USD') {
    const orderId = `ord_${randomUUID()}`;
    const opened = await stripe.adapter.openCheckout({ orderId, amountMinor, currency, customerId: 'user-1', description: 'Course', idempotencyKey: `open-${orderId}` });
    expect((await controlCall(stripe.sandbox, `/_sandbox/stripe/payment_intents/${opened.providerReference}/pay`)).status).toBe(200);
    return { orderId, paymentIntentId: opened.providerReference };
  }

  const refundOf = (order: { orderId: string; paymentIntentId: string }, refundId: string, amountMinor?: number): RefundInput => ({
    providerReference: order.paymentIntentId, amountMinor, currency: 'USD', orderId: order.orderId, refundId, idempotencyKey: `refund-${refundId}`,
  });
  const refundsOf = async (paymentIntentId: string) => (await getJson<RefundsView>(stripe.sandbox, `/_sandbox/stripe/refunds?payment_intent=${paymentIntentId}`)).body;
  const delivered = (objectId: string, type: string): Promise<ReceivedWebhook> =>
    eventually(async () => stripe.receiver.deliveriesOf(objectId, type)[0], 15_000, `${type} of ${objectId}`);

  it('refunds a whole payment when no amount is given, and a retry with the same key returns that refund instead of a second one', async () => {
    const order = await paidOrder(4999);
    const refund = await stripe.adapter.refund(refundOf(order, 'rf_full'));
    expect(refund).toEqual({ providerRefundId: expect.stringMatching(/^re_/), status: 'succeeded', amountMinor: 4999, currency: 'USD' });
    expect(await stripe.adapter.refund(refundOf(order, 'rf_full'))).toEqual(refund);
    const view = await refundsOf(order.paymentIntentId);
    expect(view.data).toHaveLength(1);
    expect(view.charge).toMatchObject({ amount_refunded: 4999, refunded: true });
  });

  it('refunds part of a payment twice, replays the first refund for its key, and counts each refund once', async () => {
    const order = await paidOrder(4999);
    const first = await stripe.adapter.refund(refundOf(order, 'rf_part_1', 1000));
    const second = await stripe.adapter.refund(refundOf(order, 'rf_part_2', 1500));
    expect([first.amountMinor, second.amountMinor]).toEqual([1000, 1500]);
    expect(await stripe.adapter.refund(refundOf(order, 'rf_part_1', 1000))).toEqual(first);
    const view = await refundsOf(order.paymentIntentId);
    expect(view.data.map((refund) => refund.id)).toEqual([first.providerRefundId, second.providerRefundId]);
    expect(view.charge).toMatchObject({ amount_refunded: 2500, refunded: false });
  });

  it('reports a refund beyond what is left as an invalid request naming Stripe’s code, and refunds nothing', async () => {
    const order = await paidOrder(4999);
    await stripe.adapter.refund(refundOf(order, 'rf_most', 4000));
    const tooLarge = await providerErrorOf(stripe.adapter.refund(refundOf(order, 'rf_too_much', 1000)));
    expect(tooLarge).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', retryable: false, providerCode: 'amount_too_large' });
    await stripe.adapter.refund(refundOf(order, 'rf_rest'));
    const again = await providerErrorOf(stripe.adapter.refund(refundOf(order, 'rf_again')));
    expect(again).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'charge_already_refunded' });
    expect((await refundsOf(order.paymentIntentId)).charge).toMatchObject({ amount_refunded: 4999 });
  });

  it('refuses the same key with another amount as an idempotency conflict', async () => {
    const order = await paidOrder(4999);
    await stripe.adapter.refund(refundOf(order, 'rf_key', 1000));
    await expect(providerErrorOf(stripe.adapter.refund(refundOf(order, 'rf_key', 2000)))).resolves.toMatchObject({ code: 'PROVIDER.IDEMPOTENCY_CONFLICT' });
  });

  it('refuses to refund a payment that has not succeeded', async () => {
    const orderId = `ord_${randomUUID()}`;
    const opened = await stripe.adapter.openCheckout({ orderId, amountMinor: 4999, currency: 'USD', customerId: 'user-1', description: 'Course', idempotencyKey: `open-${orderId}` });
    const error = await providerErrorOf(stripe.adapter.refund(refundOf({ orderId, paymentIntentId: opened.providerReference }, 'rf_unpaid')));
    expect(error).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'payment_intent_unexpected_state' });
  });

  it('delivers refund.created, which the adapter reads as refund.succeeded of our order and payment, and charge.refunded, which it ignores', async () => {
    const order = await paidOrder(4999);
    const refund = await stripe.adapter.refund(refundOf(order, 'rf_hook', 1200));
    const created = await delivered(refund.providerRefundId, 'refund.created');
    expect(stripe.adapter.parseWebhook(created.rawBody, created.headers)).toMatchObject({
      event: {
        kind: 'refund.succeeded', providerObjectId: refund.providerRefundId, providerPaymentReference: order.paymentIntentId,
        orderId: order.orderId, amountMinor: 1200, currency: 'USD',
      },
    });
    const chargeId = (await refundsOf(order.paymentIntentId)).charge?.id as string;
    const chargeRefunded = await delivered(chargeId, 'charge.refunded');
    expect(JSON.parse(chargeRefunded.rawBody.toString('utf8')).data.object).toMatchObject({ amount_refunded: 1200, refunded: false });
    expect(stripe.adapter.parseWebhook(chargeRefunded.rawBody, chargeRefunded.headers)).toMatchObject({ ignored: true });
  });

  it('makes the next refund fail when told to: pending when answered, then refund.failed, and retrieved as failed with its reason', async () => {
    const order = await paidOrder(4999);
    expect((await controlCall(stripe.sandbox, '/_sandbox/stripe/refunds/next_outcome', { outcome: 'fail', failureReason: 'lost_or_stolen_card' })).status).toBe(200);
    const refund = await stripe.adapter.refund(refundOf(order, 'rf_fails', 1000));
    expect(refund.status).toBe('pending');
    const failed = await delivered(refund.providerRefundId, 'refund.failed');
    expect(stripe.adapter.parseWebhook(failed.rawBody, failed.headers)).toMatchObject({ event: { kind: 'refund.failed', orderId: order.orderId, reason: 'lost_or_stolen_card' } });
    await expect(stripe.adapter.retrieveRefund(refund.providerRefundId)).resolves.toEqual({
      providerRefundId: refund.providerRefundId, status: 'failed', amountMinor: 1000, currency: 'USD', providerReference: order.paymentIntentId,
      orderId: order.orderId, refundId: 'rf_fails', failureReason: 'lost_or_stolen_card',
    });
    expect((await refundsOf(order.paymentIntentId)).charge).toMatchObject({ amount_refunded: 0 });
  });

  it('keeps a refund pending when told to, until the network settles it', async () => {
    const order = await paidOrder(4999);
    await controlCall(stripe.sandbox, '/_sandbox/stripe/refunds/next_outcome', { outcome: 'pending' });
    const refund = await stripe.adapter.refund(refundOf(order, 'rf_slow', 1000));
    const created = await delivered(refund.providerRefundId, 'refund.created');
    expect(stripe.adapter.parseWebhook(created.rawBody, created.headers)).toMatchObject({ ignored: true });
    await expect(stripe.adapter.retrieveRefund(refund.providerRefundId)).resolves.toMatchObject({ status: 'pending' });
    expect((await controlCall(stripe.sandbox, `/_sandbox/stripe/refunds/${refund.providerRefundId}/succeed`)).status).toBe(200);
    const updated = await delivered(refund.providerRefundId, 'refund.updated');
    expect(stripe.adapter.parseWebhook(updated.rawBody, updated.headers)).toMatchObject({ event: { kind: 'refund.succeeded', amountMinor: 1000 } });
    expect((await controlCall(stripe.sandbox, `/_sandbox/stripe/refunds/${refund.providerRefundId}/fail`)).status).toBe(400);
  });
});
