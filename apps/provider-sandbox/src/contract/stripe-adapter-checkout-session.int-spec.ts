import { randomUUID } from 'node:crypto';
import { OpenCheckoutInput, ProviderError } from '@payments/providers';
import { eventually } from '@payments/testing';
import { ReceivedWebhook } from './sandbox-harness.fixture';
import { stripeHarness } from './stripe-harness.fixture';
import { controlCall, getJson } from './stripe-sandbox-calls.fixture';

interface SessionJson {
  id: string;
  status: string;
  payment_status: string;
  payment_intent: string | null;
  amount_total: number;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  url: string | null;
}

const hostedCheckout = (orderId: string, change: Partial<OpenCheckoutInput> = {}): OpenCheckoutInput => ({
  orderId, amountMinor: 4999, currency: 'USD', customerId: 'user-1', customerEmail: 'ada@example.com', description: 'TypeScript 101 x 1',
  idempotencyKey: `open-${orderId}`, mode: 'hosted_page', successUrl: 'https://shop.example/paid?session={CHECKOUT_SESSION_ID}',
  cancelUrl: 'https://shop.example/cart', ...change,
});

describe('Stripe Checkout Sessions through the Stripe adapter and the sandbox', () => {
  const stripe = stripeHarness();

  const sessionsOf = async (orderId: string) => (await getJson<{ data: SessionJson[] }>(stripe.sandbox, `/_sandbox/stripe/checkout_sessions?order_id=${orderId}`)).body.data;
  const act = (sessionId: string, action: 'pay' | 'decline' | 'expire', body: unknown = {}) =>
    controlCall<{ checkout_session: SessionJson; payment_intent: { id: string; status: string } | null }>(stripe.sandbox, `/_sandbox/stripe/checkout_sessions/${sessionId}/${action}`, body);
  const delivered = (objectId: string, type: string): Promise<ReceivedWebhook> =>
    eventually(async () => stripe.receiver.deliveriesOf(objectId, type)[0], 15_000, `${type} of ${objectId}`);

  it('opens a hosted checkout as a Checkout Session carrying our order id, and returns its page to redirect to', async () => {
    const orderId = `ord_${randomUUID()}`;
    const opened = await stripe.adapter.openCheckout(hostedCheckout(orderId));
    expect(opened).toMatchObject({ provider: 'stripe', status: 'open', redirectUrl: `${stripe.sandbox.url}/pay/stripe/session/${opened.providerReference}` });
    expect(opened.providerReference).toMatch(/^cs_test_/);
    expect(opened.clientSecret).toBeUndefined();
    const [session] = await sessionsOf(orderId);
    expect(session).toMatchObject({
      id: opened.providerReference, status: 'open', payment_status: 'unpaid', payment_intent: null, amount_total: 4999,
      client_reference_id: orderId, metadata: { order_id: orderId, customer_id: 'user-1' },
    });
    const page = await fetch(opened.redirectUrl as string);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const action of ['pay', 'decline', 'expire']) expect(html).toContain(`data-action="${action}"`);
  });

  it('replays the same session for the same idempotency key, creating only one, and refuses the key with another amount', async () => {
    const orderId = `ord_${randomUUID()}`;
    const first = await stripe.adapter.openCheckout(hostedCheckout(orderId));
    expect(await stripe.adapter.openCheckout(hostedCheckout(orderId))).toEqual(first);
    const conflict = await stripe.adapter.openCheckout(hostedCheckout(orderId, { amountMinor: 5999 })).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ProviderError);
    expect(conflict).toMatchObject({ code: 'PROVIDER.IDEMPOTENCY_CONFLICT' });
    expect(await sessionsOf(orderId)).toHaveLength(1);
  });

  it('delivers payment_intent.succeeded and checkout.session.completed when the customer pays; both read as one payment of our order', async () => {
    const orderId = `ord_${randomUUID()}`;
    const { providerReference: sessionId } = await stripe.adapter.openCheckout(hostedCheckout(orderId));
    const paid = await act(sessionId, 'pay');
    expect(paid.status).toBe(200);
    expect(paid.body.checkout_session).toMatchObject({ status: 'complete', payment_status: 'paid', url: null });
    const paymentIntentId = paid.body.checkout_session.payment_intent as string;
    expect(paymentIntentId).toMatch(/^pi_/);

    const completed = await delivered(sessionId, 'checkout.session.completed');
    const succeeded = await delivered(paymentIntentId, 'payment_intent.succeeded');
    const fromSession = stripe.adapter.parseWebhook(completed.rawBody, completed.headers);
    const fromIntent = stripe.adapter.parseWebhook(succeeded.rawBody, succeeded.headers);
    const payment = { kind: 'payment.succeeded', providerObjectId: paymentIntentId, orderId, amountMinor: 4999, currency: 'USD' };
    expect(fromSession).toMatchObject({ providerType: 'checkout.session.completed', event: payment });
    expect(fromIntent).toMatchObject({ providerType: 'payment_intent.succeeded', event: payment });
  });

  it('retrieves a session as open before the customer pays, then as its succeeded PaymentIntent', async () => {
    const orderId = `ord_${randomUUID()}`;
    const { providerReference: sessionId } = await stripe.adapter.openCheckout(hostedCheckout(orderId));
    await expect(stripe.adapter.retrievePayment(sessionId)).resolves.toEqual({ status: 'open', amountMinor: 4999, currency: 'USD', orderId, paid: false, paymentId: null });
    await act(sessionId, 'pay');
    await expect(stripe.adapter.retrievePayment(sessionId)).resolves.toEqual({
      status: 'succeeded', amountMinor: 4999, currency: 'USD', orderId, paid: true, paymentId: expect.stringMatching(/^pi_/),
    });
  });

  it('keeps a session open after a declined card, and pays it on the next try with the same PaymentIntent', async () => {
    const orderId = `ord_${randomUUID()}`;
    const { providerReference: sessionId } = await stripe.adapter.openCheckout(hostedCheckout(orderId));
    const declined = await act(sessionId, 'decline', { declineCode: 'insufficient_funds' });
    expect(declined.body.checkout_session).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    const failed = await delivered(declined.body.checkout_session.payment_intent as string, 'payment_intent.payment_failed');
    expect(stripe.adapter.parseWebhook(failed.rawBody, failed.headers)).toMatchObject({ event: { kind: 'payment.failed', orderId } });
    const paid = await act(sessionId, 'pay');
    expect(paid.body.checkout_session.payment_intent).toBe(declined.body.checkout_session.payment_intent);
  });

  it('reads an expired session as payment.abandoned of our order, after which it can no longer be paid', async () => {
    const orderId = `ord_${randomUUID()}`;
    const { providerReference: sessionId } = await stripe.adapter.openCheckout(hostedCheckout(orderId));
    expect((await act(sessionId, 'expire')).body.checkout_session).toMatchObject({ status: 'expired', url: null });
    const expired = await delivered(sessionId, 'checkout.session.expired');
    expect(stripe.adapter.parseWebhook(expired.rawBody, expired.headers)).toMatchObject({
      event: { kind: 'payment.abandoned', providerObjectId: sessionId, orderId, amountMinor: 4999 },
    });
    expect(await act(sessionId, 'pay')).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/status of expired/) } } });
  });

  it('refuses a hosted checkout without a success URL before calling Stripe', async () => {
    const error = await stripe.adapter.openCheckout(hostedCheckout(`ord_${randomUUID()}`, { successUrl: undefined })).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST' });
  });
});
