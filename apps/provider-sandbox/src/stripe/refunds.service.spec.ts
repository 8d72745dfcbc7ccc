import { PaymentIntents } from './payment-intents.service';
import { Refunds } from './refunds.service';
import { recordingSandbox } from './stripe-services.fixture';

const byApi = { request: { id: 'req_1', idempotency_key: 'refund-rf_1' } };

function setUp() {
  const sandbox = recordingSandbox('2024-11-22T10:00:00Z');
  const intents = new PaymentIntents(sandbox.runtime, sandbox.publisher);
  const refunds = new Refunds(sandbox.runtime, intents, sandbox.publisher);
  const { intent } = intents.create({
    amount: 4999, currency: 'usd', description: null, metadata: { order_id: 'ord_1' }, receiptEmail: null, automaticPaymentMethods: true, paymentMethodTypes: [],
  }, byApi);
  intents.pay(intent.id, byApi);
  sandbox.published.length = 0;
  const refund = (amount: number | null) => refunds.create({ target: { paymentIntent: intent.id }, amount, reason: null, metadata: { order_id: 'ord_1' } }, byApi);
  return { ...sandbox, refunds, intent, refund };
}

describe('refunds in the sandbox', () => {
  it('succeeds a refund at once by default, emitting refund.created and charge.refunded with the new refunded amount', () => {
    const { refund, published } = setUp();
    expect(refund(1000)).toMatchObject({ ok: true, refund: { status: 'succeeded', amount: 1000, currency: 'usd' } });
    expect(published.map((event) => [event.type, event.object.status, event.object.amount_refunded])).toEqual([
      ['refund.created', 'succeeded', undefined], ['charge.refunded', 'succeeded', 1000],
    ]);
  });

  it('fails the next refund when told to: created pending, then refund.updated and refund.failed, and the charge gets the money back', () => {
    const { refund, refunds, intent, published } = setUp();
    refunds.setNextOutcome({ kind: 'fail', failureReason: 'expired_or_canceled_card' });
    const created = refund(1000);
    expect(created).toMatchObject({ ok: true, refund: { status: 'pending' } });
    expect(published.map((event) => event.type)).toEqual(['refund.created', 'charge.refunded', 'refund.updated', 'refund.failed']);
    expect(published[3]).toMatchObject({ object: { status: 'failed', failure_reason: 'expired_or_canceled_card' }, request: { id: null } });
    expect(refunds.chargeOfIntent(intent.id)).toMatchObject({ amount_refunded: 0 });
  });

  it('applies the outcome knob to one refund only', () => {
    const { refund, refunds } = setUp();
    refunds.setNextOutcome({ kind: 'pending' });
    expect(refund(1000)).toMatchObject({ refund: { status: 'pending' } });
    expect(refund(1000)).toMatchObject({ refund: { status: 'succeeded' } });
  });

  it('counts a pending refund against what is left to refund', () => {
    const { refund, refunds } = setUp();
    refunds.setNextOutcome({ kind: 'pending' });
    refund(4000);
    expect(refund(1000)).toMatchObject({ ok: false, reason: 'amount_too_large', requested: 1000, remaining: 999 });
  });

  it('refunds what is left when no amount is given, then refuses any further refund', () => {
    const { refund } = setUp();
    refund(1000);
    expect(refund(null)).toMatchObject({ ok: true, refund: { amount: 3999 } });
    expect(refund(null)).toMatchObject({ ok: false, reason: 'already_refunded' });
  });
});
