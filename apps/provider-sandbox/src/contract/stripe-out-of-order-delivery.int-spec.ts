import { randomUUID } from 'node:crypto';
import { eventually } from '@payments/testing';
import { eventsOf } from './sandbox-harness.fixture';
import { stripeHarness } from './stripe-harness.fixture';
import { controlCall } from './stripe-sandbox-calls.fixture';

describe('out-of-order webhook delivery (the reorder fault)', () => {
  const stripe = stripeHarness();

  /** The order in which the receiver got the given event types of one payment. */
  const arrivalOrder = (paymentIntentId: string, types: string[]) =>
    eventually(async () => {
      const arrived = stripe.receiver.received
        .filter((webhook) => types.includes(webhook.json.type))
        .filter((webhook) => [webhook.json.data.object.id, (webhook.json.data.object as { payment_intent?: string }).payment_intent].includes(paymentIntentId))
        .map((webhook) => webhook.json.type);
      return arrived.length >= types.length ? arrived : undefined;
    }, 15_000, `${types.join(' and ')} of ${paymentIntentId}`);

  it('delivers checkout.session.completed before payment_intent.succeeded when a session is paid with reorder', async () => {
    const orderId = `ord_${randomUUID()}`;
    const { providerReference: sessionId } = await stripe.adapter.openCheckout({
      orderId, amountMinor: 4999, currency: 'USD', customerId: 'user-1', description: 'Course', idempotencyKey: `open-${orderId}`,
      mode: 'hosted_page', successUrl: 'https://shop.example/paid',
    });
    const paid = await controlCall<{ checkout_session: { payment_intent: string } }>(stripe.sandbox, `/_sandbox/stripe/checkout_sessions/${sessionId}/pay`, { faults: { reorder: true } });
    const paymentIntentId = paid.body.checkout_session.payment_intent;
    expect(await arrivalOrder(paymentIntentId, ['payment_intent.succeeded', 'checkout.session.completed'])).toEqual([
      'checkout.session.completed', 'payment_intent.succeeded',
    ]);
    const [held] = await eventsOf(stripe.sandbox, paymentIntentId, 'payment_intent.succeeded');
    expect(held).toMatchObject({ faults: { reorder: true }, status: 'delivered' });
  });

  it('holds a paid PaymentIntent’s event until the next event of that payment, so a refund arrives before the payment it refunds', async () => {
    const orderId = `ord_${randomUUID()}`;
    const opened = await stripe.adapter.openCheckout({ orderId, amountMinor: 4999, currency: 'USD', customerId: 'user-1', description: 'Course', idempotencyKey: `open-${orderId}` });
    await controlCall(stripe.sandbox, `/_sandbox/stripe/payment_intents/${opened.providerReference}/pay`, { faults: { reorder: true } });
    const [held] = await eventsOf(stripe.sandbox, opened.providerReference, 'payment_intent.succeeded');
    expect(held).toMatchObject({ status: 'pending', attempts: [] });
    await stripe.adapter.refund({ providerReference: opened.providerReference, currency: 'USD', orderId, refundId: 'rf_1', idempotencyKey: `refund-${orderId}` });
    const order = await arrivalOrder(opened.providerReference, ['refund.created', 'payment_intent.succeeded']);
    expect(order).toEqual(['refund.created', 'payment_intent.succeeded']);
  });

  it('applies reorder only to events of the same payment: another payment’s events do not release a held one', async () => {
    const first = `ord_${randomUUID()}`;
    const second = `ord_${randomUUID()}`;
    const open = (orderId: string) =>
      stripe.adapter.openCheckout({ orderId, amountMinor: 4999, currency: 'USD', customerId: 'user-1', description: 'Course', idempotencyKey: `open-${orderId}` });
    const held = await open(first);
    const other = await open(second);
    await controlCall(stripe.sandbox, `/_sandbox/stripe/payment_intents/${held.providerReference}/pay`, { faults: { reorder: true } });
    await controlCall(stripe.sandbox, `/_sandbox/stripe/payment_intents/${other.providerReference}/pay`);
    await arrivalOrder(other.providerReference, ['payment_intent.succeeded']);
    const [stillHeld] = await eventsOf(stripe.sandbox, held.providerReference, 'payment_intent.succeeded');
    expect(stillHeld).toMatchObject({ status: 'pending', attempts: [] });
  });
});
