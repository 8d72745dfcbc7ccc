import { parseCreateOrder, parseCreateRefund, parseTerminateOrder } from './cashfree-order.params';

const now = new Date('2024-11-22T18:00:00Z');
// As express parses the JSON the adapter sends: 588.82 arrives as a number.
const body = {
  order_id: 'ord_3f0c1b9e',
  order_amount: 588.82,
  order_currency: 'INR',
  customer_details: { customer_id: 'user42', customer_phone: '9999999999', customer_email: 'ada@example.com' },
  order_meta: { return_url: 'https://shop.example/return?order_id={order_id}', notify_url: 'http://127.0.0.1:3001/webhooks/cashfree' },
  order_tags: { order_id: 'ord_3f0c1b9e' },
  order_note: 'TypeScript 101 x 1',
};
const errorOf = (result: { ok: boolean; error?: { status: number; body: unknown } }) => (result.ok ? undefined : result.error);

describe('Cashfree create-order parameters', () => {
  it('reads the body the adapter sends, with the amount in paise', () => {
    expect(parseCreateOrder(body, now)).toEqual({
      ok: true,
      params: {
        orderId: 'ord_3f0c1b9e', amountMinor: 58882, currency: 'INR',
        customer: { id: 'user42', phone: '9999999999', email: 'ada@example.com', name: null },
        returnUrl: 'https://shop.example/return?order_id={order_id}', notifyUrl: 'http://127.0.0.1:3001/webhooks/cashfree', paymentMethods: null,
        tags: { order_id: 'ord_3f0c1b9e' }, note: 'TypeScript 101 x 1', expiresAt: null,
      },
    });
  });

  it('accepts an order without an order id, meta, tags or note, and ignores fields it does not simulate', () => {
    const { order_id: _id, order_meta: _meta, order_tags: _tags, order_note: _note, ...minimal } = body;
    expect(parseCreateOrder({ ...minimal, cart_details: { cart_id: '1' } }, now)).toMatchObject({ ok: true, params: { orderId: null, tags: null, note: null } });
  });

  it('accepts a customer id with "_" and "-", and an order id of 50 characters, as Cashfree does', () => {
    const customer = { ...body.customer_details, customer_id: 'node_sdk-test_42' };
    expect(parseCreateOrder({ ...body, order_id: 'o'.repeat(50), customer_details: customer }, now)).toMatchObject({
      ok: true, params: { orderId: 'o'.repeat(50), customer: { id: 'node_sdk-test_42' } },
    });
  });

  it('reads a future expiry time', () => {
    expect(parseCreateOrder({ ...body, order_expiry_time: '2024-11-23T10:20:12+05:30' }, now)).toMatchObject({
      params: { expiresAt: new Date('2024-11-23T04:50:12Z') },
    });
  });

  it.each([
    ['a missing amount', { order_amount: undefined }, 'order_amount_missing'],
    ['an amount with three decimals', { order_amount: 588.825 }, 'order_amount_invalid'],
    ['an amount given as a string', { order_amount: '588.82' }, 'order_amount_invalid'],
    ['an amount below one rupee', { order_amount: 0.99 }, 'order_amount_invalid'],
    ['a currency other than INR', { order_currency: 'USD' }, 'order_currency_invalid'],
    ['missing customer details', { customer_details: undefined }, 'customer_details_missing'],
    ['a customer id with a space', { customer_details: { ...body.customer_details, customer_id: 'user 42' } }, 'customer_details.customer_id_invalid'],
    ['a missing phone', { customer_details: { customer_id: 'user42' } }, 'customer_details.customer_phone_missing'],
    ['a phone of nine digits', { customer_details: { ...body.customer_details, customer_phone: '999999999' } }, 'customer_details.customer_phone_invalid'],
    ['an order id with a space', { order_id: 'ord 1' }, 'order_id_invalid'],
    ['an order id of 51 characters', { order_id: 'o'.repeat(51) }, 'order_id_invalid'],
    ['a notify URL that is not a URL', { order_meta: { notify_url: 'webhooks' } }, 'order_meta.notify_url_invalid'],
    ['eleven tags', { order_tags: Object.fromEntries([...Array(11).keys()].map((key) => [`k${key}`, 'v'])) }, 'order_tags_invalid'],
    ['an expiry in the past', { order_expiry_time: '2024-11-22T10:00:00Z' }, 'order_expiry_time_invalid'],
  ])('refuses %s with a Cashfree-shaped 400', (_label, change, code) => {
    const error = errorOf(parseCreateOrder({ ...body, ...change }, now));
    expect(error?.status).toBe(400);
    expect(error?.body).toMatchObject({ code, type: 'invalid_request_error', message: expect.stringMatching(/ : /) });
  });

  it('refuses a body that is not a JSON object', () => {
    expect(errorOf(parseCreateOrder([1], now))).toMatchObject({ status: 400, body: { message: 'request body : invalid JSON' } });
  });
});

describe('Cashfree refund and terminate parameters', () => {
  it('reads a refund with its id, its amount in paise and the standard speed by default', () => {
    expect(parseCreateRefund({ refund_amount: 100.5, refund_id: 'refund-ord_1-1' })).toEqual({
      ok: true, params: { refundId: 'refund-ord_1-1', amountMinor: 10050, note: null, speed: 'STANDARD' },
    });
  });

  it.each([
    ['a missing refund id', { refund_amount: 1 }, 'refund_id_missing'],
    ['a refund id of 41 characters', { refund_amount: 1, refund_id: 'r'.repeat(41) }, 'refund_id_invalid'],
    ['a zero amount', { refund_amount: 0, refund_id: 'r-1' }, 'refund_amount_invalid'],
    ['an unknown speed', { refund_amount: 1, refund_id: 'r-1', refund_speed: 'FAST' }, 'refund_speed_invalid'],
  ])('refuses %s', (_label, input, code) => {
    expect(errorOf(parseCreateRefund(input))).toMatchObject({ status: 400, body: { code } });
  });

  it('accepts only TERMINATED as the new status of an order', () => {
    expect(parseTerminateOrder({ order_status: 'TERMINATED' })).toEqual({ ok: true, params: { status: 'TERMINATED' } });
    expect(errorOf(parseTerminateOrder({ order_status: 'PAID' }))).toMatchObject({ status: 400, body: { code: 'order_status_invalid' } });
  });
});
