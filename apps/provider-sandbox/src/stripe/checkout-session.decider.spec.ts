import { CheckoutSessionStatus, SandboxCheckoutSession, newCheckoutSession } from './checkout-session';
import { CheckoutSessionCommand, decide } from './checkout-session.decider';

const created = newCheckoutSession('cs_test_1', {
  currency: 'usd', lineItems: [{ name: 'TypeScript 101', unitAmount: 2500, quantity: 2 }], successUrl: 'https://shop.example/paid',
  cancelUrl: null, clientReferenceId: 'ord_1', customerEmail: null, metadata: { order_id: 'ord_1' },
  paymentIntentData: { metadata: { order_id: 'ord_1' }, description: null, receiptEmail: null }, expiresAt: null,
}, 1_732_300_000, 'http://127.0.0.1:4010');
const inStatus = (status: CheckoutSessionStatus): SandboxCheckoutSession => ({ ...created, status });

const attach: CheckoutSessionCommand = { type: 'AttachPaymentIntent', paymentIntentId: 'pi_1' };
const complete: CheckoutSessionCommand = { type: 'Complete' };
const expire: CheckoutSessionCommand = { type: 'Expire' };

describe('the Checkout Session state machine', () => {
  it('creates an open, unpaid session totalling its lines, with no PaymentIntent yet, expiring after 24 hours, with a hosted page', () => {
    expect(created).toMatchObject({
      status: 'open', payment_status: 'unpaid', amount_total: 5000, payment_intent: null, expires_at: 1_732_386_400,
      url: 'http://127.0.0.1:4010/pay/stripe/session/cs_test_1',
    });
  });

  it('given an open session, when the customer first tries to pay, then it names the new PaymentIntent and stays open without an event', () => {
    expect(decide(created, attach)).toMatchObject({ ok: true, emits: null, session: { status: 'open', payment_intent: 'pi_1' } });
  });

  it('given an open session, when its payment succeeds, then it is complete and paid, without a page, and emits checkout.session.completed', () => {
    expect(decide(created, complete)).toMatchObject({
      ok: true, emits: 'checkout.session.completed', session: { status: 'complete', payment_status: 'paid', url: null },
    });
  });

  it('given an open session, when it expires, then it is expired, still unpaid, without a page, and emits checkout.session.expired', () => {
    expect(decide(created, expire)).toMatchObject({
      ok: true, emits: 'checkout.session.expired', session: { status: 'expired', payment_status: 'unpaid', url: null },
    });
  });

  it.each([
    ['complete', attach], ['complete', complete], ['complete', expire],
    ['expired', attach], ['expired', complete], ['expired', expire],
  ] as const)('refuses, in status %s, the command %p', (status, command) => {
    expect(decide(inStatus(status), command)).toEqual({ ok: false, refused: command.type, status });
  });
});
