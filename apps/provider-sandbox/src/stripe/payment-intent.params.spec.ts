import { parseCancelPaymentIntent, parseCreatePaymentIntent } from './payment-intent.params';

// Parameters as express's qs parser reads stripe-node's form body.
const form = { amount: '4999', currency: 'usd', description: 'Course x 1', metadata: { order_id: 'ord_1' }, automatic_payment_methods: { enabled: 'true' } };
const errorOf = (result: ReturnType<typeof parseCreatePaymentIntent>) => (result.ok ? undefined : result.error);

describe('PaymentIntent create parameters', () => {
  it('reads the form body stripe-node sends', () => {
    expect(parseCreatePaymentIntent({ ...form, receipt_email: 'ada@example.com' })).toEqual({
      ok: true,
      params: {
        amount: 4999, currency: 'usd', description: 'Course x 1', metadata: { order_id: 'ord_1' }, receiptEmail: 'ada@example.com',
        automaticPaymentMethods: true, paymentMethodTypes: [],
      },
    });
  });

  it('accepts an upper-case currency and stores it lower-case, as Stripe does', () => {
    expect(parseCreatePaymentIntent({ ...form, currency: 'INR' })).toMatchObject({ ok: true, params: { currency: 'inr' } });
  });

  it.each([
    ['a missing amount', { amount: undefined }, 400, 'parameter_missing', 'amount'],
    ['a fractional amount', { amount: '49.99' }, 400, 'parameter_invalid_integer', 'amount'],
    ['a non-numeric amount', { amount: 'lots' }, 400, 'parameter_invalid_integer', 'amount'],
    ['a zero amount', { amount: '0' }, 400, 'parameter_invalid_integer', 'amount'],
    ['a negative amount', { amount: '-5' }, 400, 'parameter_invalid_integer', 'amount'],
    ['an amount above eight digits', { amount: '100000000' }, 400, 'amount_too_large', 'amount'],
    ['a missing currency', { currency: undefined }, 400, 'parameter_missing', 'currency'],
    ['an unknown currency', { currency: 'xyz' }, 400, undefined, 'currency'],
    ['metadata that is not an object', { metadata: 'order' }, 400, 'parameter_invalid_object', 'metadata'],
    ['a metadata key over 40 characters', { metadata: { ['k'.repeat(41)]: 'v' } }, 400, 'parameter_invalid_string', `metadata[${'k'.repeat(41)}]`],
    ['an invalid receipt email', { receipt_email: 'not-an-email' }, 400, 'email_invalid', 'receipt_email'],
    ['a non-boolean automatic_payment_methods', { automatic_payment_methods: { enabled: 'maybe' } }, 400, 'parameter_invalid_boolean', 'automatic_payment_methods[enabled]'],
    ['an unknown parameter', { customer: 'user-1' }, 400, 'parameter_unknown', 'customer'],
  ])('refuses %s with a Stripe-shaped 400', (_label, change, status, code, param) => {
    const error = errorOf(parseCreatePaymentIntent({ ...form, ...change }));
    expect(error?.status).toBe(status);
    expect(error?.body).toMatchObject({ error: { type: 'invalid_request_error', param } });
    expect((error?.body as { error: { code?: string } }).error.code).toBe(code);
  });

  it('drops metadata keys set to an empty value', () => {
    expect(parseCreatePaymentIntent({ ...form, metadata: { order_id: 'ord_1', note: '' } })).toMatchObject({ params: { metadata: { order_id: 'ord_1' } } });
  });
});

describe('PaymentIntent cancel parameters', () => {
  it('accepts no reason or one of Stripe’s reasons', () => {
    expect(parseCancelPaymentIntent({})).toEqual({ ok: true, params: { reason: null } });
    expect(parseCancelPaymentIntent({ cancellation_reason: 'abandoned' })).toEqual({ ok: true, params: { reason: 'abandoned' } });
  });

  it('refuses any other reason', () => {
    expect(parseCancelPaymentIntent({ cancellation_reason: 'bored' })).toMatchObject({ ok: false, error: { status: 400 } });
  });
});
