import type { CreateCheckoutSessionParams } from './checkout-session';
import { CheckoutSessions } from './checkout-sessions.service';
import { PaymentIntents } from './payment-intents.service';
import { recordingSandbox } from './stripe-services.fixture';

const params: CreateCheckoutSessionParams = {
  currency: 'usd', lineItems: [{ name: 'Course', unitAmount: 4999, quantity: 1 }], successUrl: 'https://shop.example/paid', cancelUrl: null,
  clientReferenceId: 'ord_1', customerEmail: null, metadata: { order_id: 'ord_1' },
  paymentIntentData: { metadata: { order_id: 'ord_1' }, description: 'Course', receiptEmail: 'ada@example.com' }, expiresAt: null,
};
const byCustomer = { request: { id: null, idempotency_key: null } };

function setUp() {
  const sandbox = recordingSandbox('2024-11-22T10:00:00Z');
  const intents = new PaymentIntents(sandbox.runtime, sandbox.publisher);
  const sessions = new CheckoutSessions(sandbox.runtime, intents, sandbox.publisher);
  return { ...sandbox, intents, sessions, session: sessions.create(params, 'http://127.0.0.1:4010') };
}

describe('Checkout Sessions in the sandbox', () => {
  it('creates no PaymentIntent and sends no event until the customer pays', () => {
    const { session, published, intents } = setUp();
    expect(session).toMatchObject({ status: 'open', payment_intent: null });
    expect(published).toEqual([]);
    expect(intents.list()).toEqual([]);
  });

  it('pays by creating the PaymentIntent from payment_intent_data, then emits payment_intent.succeeded and checkout.session.completed', () => {
    const { session, sessions, published } = setUp();
    const outcome = sessions.pay(session.id, byCustomer);
    expect(outcome).toMatchObject({ ok: true, session: { status: 'complete', payment_status: 'paid' }, intent: { status: 'succeeded', amount_received: 4999 } });
    expect(published.map((event) => event.type)).toEqual(['payment_intent.created', 'payment_intent.succeeded', 'checkout.session.completed']);
    expect(published[0].object).toMatchObject({ amount: 4999, currency: 'usd', metadata: { order_id: 'ord_1' }, description: 'Course', receipt_email: 'ada@example.com' });
    expect(published[2].object).toMatchObject({ payment_intent: published[0].object.id });
  });

  it('expires a session after a declined attempt and cancels its unpaid PaymentIntent', () => {
    const { session, sessions, published } = setUp();
    sessions.decline(session.id, {}, byCustomer);
    const outcome = sessions.expire(session.id, byCustomer);
    expect(outcome).toMatchObject({ ok: true, session: { status: 'expired' }, intent: { status: 'canceled', cancellation_reason: 'abandoned' } });
    expect(published.map((event) => event.type)).toEqual([
      'payment_intent.created', 'payment_intent.payment_failed', 'checkout.session.expired', 'payment_intent.canceled',
    ]);
  });

  it('expires a session once its expires_at has passed, as Stripe does in the background, and then refuses to pay it', () => {
    const { session, sessions, published, advanceSeconds } = setUp();
    advanceSeconds(24 * 3600);
    expect(sessions.find(session.id)).toMatchObject({ status: 'expired', url: null });
    expect(published).toEqual([expect.objectContaining({ type: 'checkout.session.expired', request: { id: null, idempotency_key: null } })]);
    expect(sessions.pay(session.id, byCustomer)).toMatchObject({ ok: false, reason: 'not_open' });
  });

  it('refuses to pay or expire a session twice, and an unknown session', () => {
    const { session, sessions } = setUp();
    sessions.pay(session.id, byCustomer);
    expect(sessions.pay(session.id, byCustomer)).toMatchObject({ ok: false, reason: 'not_open' });
    expect(sessions.expire(session.id, byCustomer)).toMatchObject({ ok: false, reason: 'not_open' });
    expect(sessions.pay('cs_test_missing', byCustomer)).toEqual({ ok: false, reason: 'not_found' });
  });
});
