import { parseCreateRefund } from './refund.params';

const form = { payment_intent: 'pi_1', amount: '1000', metadata: { order_id: 'ord_1', refund_id: 'rf_1' } };
const errorOf = (result: ReturnType<typeof parseCreateRefund>) => (result.ok ? undefined : result.error);

describe('refund create parameters', () => {
  it('reads the form body stripe-node sends', () => {
    expect(parseCreateRefund({ ...form, reason: 'requested_by_customer' })).toEqual({
      ok: true,
      params: { target: { paymentIntent: 'pi_1' }, amount: 1000, reason: 'requested_by_customer', metadata: { order_id: 'ord_1', refund_id: 'rf_1' } },
    });
  });

  it('reads a refund without an amount as one of whatever is left, and accepts a charge instead of a PaymentIntent', () => {
    expect(parseCreateRefund({ charge: 'ch_1' })).toEqual({ ok: true, params: { target: { charge: 'ch_1' }, amount: null, reason: null, metadata: {} } });
  });

  it.each([
    ['neither a PaymentIntent nor a charge', { payment_intent: undefined }, 'payment_intent'],
    ['both a PaymentIntent and a charge', { charge: 'ch_1' }, 'payment_intent'],
    ['a zero amount', { amount: '0' }, 'amount'],
    ['a fractional amount', { amount: '10.5' }, 'amount'],
    ['an unknown reason', { reason: 'changed_mind' }, 'reason'],
    ['an unknown parameter', { refund_application_fee: 'true' }, 'refund_application_fee'],
  ])('refuses %s with a Stripe-shaped 400', (_label, change, param) => {
    const error = errorOf(parseCreateRefund({ ...form, ...change }));
    expect(error).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error', param } } });
  });
});
