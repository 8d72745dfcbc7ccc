import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { uniqueName } from '@payments/testing';
import { CheckoutBody, checkoutRequested } from '../checkout-messages.fixture';
import { CheckoutHarness } from '../checkout-replica.fixture';

process.env.LOG_LEVEL ??= 'error';
const SANDBOX_PORT = 19530;
const TAX_RULES = 'INR:1800:exclusive:GST 18%,JPY:1000:inclusive:Consumption tax 10%';

type Breakdown = [subtotal: number, discount: number, tax: number, total: number];

describe('checkout prices on the server, routes by configuration, and stores the breakdown it returns', () => {
  const run = uniqueName('pricing');
  const replyTo = `test-${run}`;
  const userId = `user-${run}`;
  let harness: CheckoutHarness;
  let probe: CheckoutHarness['probe'];

  beforeAll(async () => {
    harness = await CheckoutHarness.start({
      name: 'checkout_pricing', sandboxPort: SANDBOX_PORT, topics: [Topics.checkoutCommands, Topics.checkoutReplies], tailed: [Topics.checkoutReplies],
    });
    probe = harness.probe;
    await harness.startReplica({ consumerGroupId: `checkout_${run}`, ownsUser: (user) => user === userId, overrides: { CHECKOUT_TAX_RULES: TAX_RULES } });
  });

  afterAll(() => harness?.close());

  const ask = async (body: CheckoutBody, key = randomUUID()) => {
    const reply = await harness.ask(checkoutRequested(userId, key, body, replyTo));
    return { statusCode: reply.statusCode, body: JSON.parse(reply.body) };
  };

  it('replaces the seeded tax rules with CHECKOUT_TAX_RULES at start', async () => {
    const rules = await probe.pool.query(`SELECT currency, rate_basis_points, inclusive, label FROM checkout.tax_rules ORDER BY currency`);
    expect(rules.rows).toEqual([
      { currency: 'INR', rate_basis_points: 1800, inclusive: false, label: 'GST 18%' },
      { currency: 'JPY', rate_basis_points: 1000, inclusive: true, label: 'Consumption tax 10%' },
    ]);
  });

  it.each<[string, CheckoutBody, string, Breakdown, string | null]>([
    ['INR to Cashfree by the routing rule, GST on top', { productId: 'course-typescript-101', currency: 'INR' }, 'cashfree', [49900, 0, 8982, 58882], 'GST 18%'],
    ['INR to Stripe when the buyer prefers it', { productId: 'course-typescript-101', currency: 'INR', providerPreference: 'stripe' }, 'stripe', [49900, 0, 8982, 58882], 'GST 18%'],
    ['USD to Stripe although the buyer prefers Cashfree, which cannot charge USD', { productId: 'course-typescript-101', currency: 'USD', providerPreference: 'cashfree' }, 'stripe', [1900, 0, 0, 1900], null],
    ['JPY x3 with 20% off, tax included', { productId: 'course-typescript-101', currency: 'JPY', quantity: 3, couponCode: 'LAUNCH20' }, 'stripe', [8700, 1740, 633, 6960], 'Consumption tax 10%'],
    ['a yearly plan in KWD (3 decimals) with 20% off', { productId: 'plan-pro-yearly', currency: 'KWD', couponCode: 'LAUNCH20' }, 'stripe', [90000, 18000, 0, 72000], null],
  ])('prices and opens %s', async (_label, body, provider, [subtotal, discount, tax, total], taxLabel) => {
    const answer = await ask(body);

    expect(answer.statusCode).toBe(201);
    expect(answer.body).toMatchObject({
      provider, amountMinor: total, currency: body.currency,
      lines: [{ productId: body.productId, quantity: body.quantity ?? 1 }],
      breakdown: { subtotalMinor: subtotal, discountMinor: discount, taxMinor: tax, totalMinor: total, taxLabel, couponCode: body.couponCode ?? null },
    });
    const order = (await probe.ordersOf(userId)).find((row) => row.order_id === answer.body.orderId);
    expect(order).toMatchObject({
      status: 'open', provider, currency: body.currency, subtotal_minor: String(subtotal), discount_minor: String(discount),
      tax_minor: String(tax), total_minor: String(total), tax_label: taxLabel, coupon_code: body.couponCode ?? null,
      provider_reference: answer.body.payment.providerReference,
    });
  });

  it.each<[string, CheckoutBody, number, string]>([
    ['a product not in the catalog', { productId: 'course-cobol' }, 404, 'CATALOG.PRODUCT_NOT_FOUND'],
    ['a currency the product is not sold in', { productId: 'course-typescript-101', currency: 'EUR' }, 422, 'PRICING.CURRENCY_NOT_OFFERED'],
    ['a coupon for another currency', { productId: 'course-typescript-101', currency: 'USD', couponCode: 'FLAT100INR' }, 422, 'PRICING.COUPON_CURRENCY_MISMATCH'],
    ['a product no longer sold', { productId: 'course-angularjs-legacy', currency: 'USD' }, 422, 'PRICING.PRODUCT_INACTIVE'],
  ])('refuses %s, and keeps the key free for a corrected request', async (_label, body, statusCode, code) => {
    const key = randomUUID();
    const refused = await ask(body, key);
    const corrected = await ask({ productId: 'course-typescript-101', currency: 'USD' }, key);

    expect(refused).toMatchObject({ statusCode, body: { error: { code } } });
    expect(corrected.statusCode).toBe(201);
  });

  it.each([
    ['an unknown code holding a card number', '4242424242424242', '4242424242424242'],
    ['a code no coupon could have (a NUL byte)', 'ZQXNUL\u0000CODE', 'ZQXNUL'],
  ])('answers 404 PRICING.COUPON_NOT_FOUND naming the field for %s, and stores nothing of the code', async (_label, couponCode, fragment) => {
    const key = randomUUID();
    const request = checkoutRequested(userId, key, { productId: 'course-typescript-101', currency: 'USD', couponCode }, replyTo);
    const reply = await harness.ask(request);

    expect(reply.statusCode).toBe(404);
    expect(JSON.parse(reply.body)).toEqual({ error: { code: 'PRICING.COUPON_NOT_FOUND', message: 'couponCode does not name a coupon that can be used' } });
    const stored = await probe.pool.query(
      `SELECT (SELECT count(*) FROM checkout.outbox WHERE payload::text LIKE '%' || $1 || '%') AS outbox,
              (SELECT count(*) FROM checkout.idempotency_keys WHERE idempotency_key = $2) AS keys`,
      [fragment, key],
    );
    expect(stored.rows[0]).toEqual({ outbox: '0', keys: '0' });
  });
});
