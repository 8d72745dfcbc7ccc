import { randomInt, randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { Topics } from '@payments/contracts';
import { eventually, findPii, kafkaBrokers, piiCanaries, scanDatabaseForPii, scanFilesForPii, scanKafkaForPii } from '@payments/testing';
import { E2E_URLS, E2eSystem, TopicRecorder, bearerFor, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';
import { Answer, COURSE, TRUSTING_LOCAL_PROXY, call, checkout, newUser, orderFixtures, refund } from './gateway-http.fixture';
import { SIGN, cashfreeEvent, compactId, postWebhook, stripeEvent } from './signed-webhooks.fixture';

const canaries = piiCanaries();
const { pan, groupedPan, numericPan, cvc, vpa, email, phone } = canaries;
/** A provider's or a person's free text quoting every canary: a card and its code, an email, a VPA, a phone number. */
const PERSONAL = `Card ${groupedPan} cvc ${cvc} declined for ${email}, UPI ${vpa}, call ${phone}`;
const PERSONAL_TOO = `card ${pan} cvv: ${cvc} (${email.toUpperCase()} / ${vpa} / ${phone.replace(/ /g, '')})`;
const asJson = { 'content-type': 'application/json' };

const sandboxPost = (path: string, body: unknown) =>
  fetch(`${E2E_URLS.sandbox}${path}`, { method: 'POST', headers: asJson, body: JSON.stringify(body) });

/**
 * Canary personal data pushed through every way text enters the system: the checkout body, coupon
 * codes, both providers' webhooks and decline texts, refund reasons. Afterwards no table, no topic,
 * no log line and no API answer holds any of it.
 */
describe('personal data given to the system, found nowhere afterwards', () => {
  let e2e: E2eSystem;
  let recorder: TopicRecorder;
  let admin: string;
  const { pendingOrder, paidOrder, statusInReadModel } = orderFixtures(() => e2e);
  /** Every order the inputs touched, with a token of its owner, for the API answers at the end. */
  const orders: { orderId: string; token: string }[] = [];
  const answers: { what: string; text: string }[] = [];
  const expectNoCanaryIn = (what: string, answer: Answer) => {
    answers.push({ what, text: answer.text });
    expect(findPii(answer.text, canaries.all, what)).toEqual([]);
  };

  beforeAll(async () => {
    e2e = await startE2eSystem(TRUSTING_LOCAL_PROXY);
    recorder = await topicRecorder([Topics.providerEvents, Topics.ordersEvents]);
    admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  describe('the checkout body', () => {
    it.each<[string, unknown]>([
      ['names and notes as extra fields', { ...COURSE, name: 'Asha Verma', note: PERSONAL, email, phone }],
      ['a card number as a JSON number and a security code', { ...COURSE, card: { number: numericPan, cvc: Number(cvc) }, cardNumber: numericPan }],
      ['a property named by a card number', { ...COURSE, [pan]: PERSONAL_TOO }],
      ['a card number as the product', { productId: pan }],
      ['a phone number as the product', { productId: phone.replace(/\D/g, '').slice(2), currency: 'INR' }],
      ['personal data as the currency', { ...COURSE, currency: PERSONAL }],
    ])('is refused with %s, echoing none of it', async (what, body) => {
      const answer = await checkout(await bearerFor(newUser()), randomUUID(), body);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expectNoCanaryIn(`checkout with ${what}`, answer);
    });

    it('is refused as malformed JSON holding personal data, echoing none of it', async () => {
      const answer = await call('POST', '/api/payments/checkout', { token: await bearerFor(newUser()), key: randomUUID(), raw: `{"productId":"${pan}","note":"${PERSONAL}",` });
      expect(answer.status).toBe(400);
      expectNoCanaryIn('checkout with malformed JSON', answer);
    });
  });

  describe('coupon codes', () => {
    it.each([
      ['a card number', pan],
      ['a phone number', phone.replace(/\D/g, '').slice(2)],
      ['a phone number with its country code', phone.replace(/\D/g, '')],
      ['free text with every canary', PERSONAL],
      ['an email', email],
    ])('that are %s are refused, echoing none of it', async (what, couponCode) => {
      const answer = await checkout(await bearerFor(newUser()), randomUUID(), { ...COURSE, couponCode });
      expect([400, 404]).toContain(answer.status);
      expectNoCanaryIn(`coupon code ${what}`, answer);
    });
  });

  describe('Stripe', () => {
    it('takes a decline whose message quotes the customer, through the sandbox', async () => {
      const { userId, orderId, paymentIntent } = await pendingOrder();
      orders.push({ orderId, token: await bearerFor(userId) });
      const declined = await sandboxPost(`/_sandbox/stripe/payment_intents/${paymentIntent}/decline`, { message: PERSONAL, declineCode: 'card_declined' });
      expect(declined.status).toBe(200);
      // The provider's own event quotes the customer: the canaries really were sent to us.
      const events = await (await fetch(`${E2E_URLS.sandbox}/_sandbox/stripe/events?payment_intent=${paymentIntent}`)).text();
      expect(findPii(events, canaries.all, 'the sandbox').map((hit) => hit.kind)).toEqual(['pan', 'cvc', 'vpa', 'email', 'phone']);
      await eventually(async () => {
        const { rows } = await e2e.db.query(`SELECT last_failure_code FROM gateway.orders WHERE order_id = $1`, [orderId]);
        return rows[0]?.last_failure_code ?? undefined;
      }, 60_000, 'the declined attempt in the read model');
    });

    it('takes a signed payment_intent.payment_failed with personal data in every free-text field', async () => {
      const { userId, orderId } = await pendingOrder();
      orders.push({ orderId, token: await bearerFor(userId) });
      const body = stripeEvent('payment_intent.payment_failed', {
        id: `pi_${compactId()}`, object: 'payment_intent', amount: 1900, amount_received: 0, currency: 'usd',
        description: PERSONAL_TOO, receipt_email: email, metadata: { order_id: orderId, card: numericPan, phone, note: `cvv: ${cvc}` },
        shipping: { name: 'Asha Verma', phone, address: { line1: PERSONAL } },
        last_payment_error: {
          type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: PERSONAL,
          payment_method: { billing_details: { email, phone, name: 'Asha Verma' }, card: { last4: pan.slice(-4), number: pan, cvc } },
        },
      });
      const answer = await postWebhook('stripe', body, SIGN.stripe(body));
      expect(answer).toMatchObject({ status: 200, body: { outcome: 'published' } });
    });

    it('takes an admin refund whose reason quotes the customer, and a refund the bank fails with the same words', async () => {
      const order = await paidOrder();
      orders.push({ orderId: order.orderId, token: await bearerFor(order.userId) });
      const next = await sandboxPost('/_sandbox/stripe/refunds/next_outcome', { outcome: 'pending' });
      expect(next.status).toBe(200);
      const accepted = await refund(admin, order.orderId, randomUUID(), { amountMinor: 500, reason: PERSONAL });
      expect(accepted.status).toBe(202);
      expectNoCanaryIn('the refund answer', accepted);
      const pending = await eventually(async () => {
        const listed = await fetch(`${E2E_URLS.sandbox}/_sandbox/stripe/refunds?payment_intent=${order.paymentIntent}`);
        const { data } = (await listed.json()) as { data: { id: string; status: string }[] };
        return data.find((candidate) => candidate.status === 'pending');
      }, 60_000, 'the refund pending at the sandbox');
      const failed = await sandboxPost(`/_sandbox/stripe/refunds/${pending.id}/fail`, { failureReason: PERSONAL_TOO });
      expect(failed.status).toBe(200);
      await eventually(async () => {
        const { rows } = await e2e.db.query(`SELECT last_failure_code FROM gateway.orders WHERE order_id = $1`, [order.orderId]);
        return rows[0]?.last_failure_code ?? undefined;
      }, 60_000, 'the failed refund in the read model');
    });
  });

  describe('Cashfree', () => {
    async function cashfreeOrder() {
      const userId = newUser();
      const token = await bearerFor(userId);
      const opened = await checkout(token, randomUUID(), { productId: 'course-typescript-101', currency: 'INR' });
      expect(opened.status).toBe(201);
      const orderId = opened.body.orderId as string;
      orders.push({ orderId, token });
      await eventually(async () => ((await statusInReadModel(orderId)) === 'pending' ? true : undefined), 30_000, 'the order in the read model');
      return orderId;
    }

    it('takes a declined UPI attempt whose bank message quotes the customer, through the sandbox', async () => {
      const orderId = await cashfreeOrder();
      const declined = await sandboxPost(`/_sandbox/cashfree/orders/${orderId}/decline`, { paymentMethod: 'upi', errorDescription: PERSONAL });
      expect(declined.status).toBe(200);
      await eventually(async () => {
        const { rows } = await e2e.db.query(`SELECT last_failure_code FROM gateway.orders WHERE order_id = $1`, [orderId]);
        return rows[0]?.last_failure_code ?? undefined;
      }, 60_000, 'the declined attempt in the read model');
    });

    it('takes a signed PAYMENT_FAILED_WEBHOOK with personal data in the customer, the payment method and the error', async () => {
      const orderId = await cashfreeOrder();
      const body = cashfreeEvent('PAYMENT_FAILED_WEBHOOK', {
        order: { order_id: orderId, order_amount: 588.82, order_currency: 'INR', order_tags: { note: PERSONAL_TOO } },
        payment: {
          cf_payment_id: randomInt(1_000_000, 9_999_999), payment_status: 'FAILED', payment_amount: 588.82, payment_currency: 'INR', payment_message: PERSONAL,
          payment_method: { upi: { channel: 'collect', upi_id: vpa }, card: { card_number: numericPan, card_cvv: cvc, channel: 'link' } },
        },
        customer_details: { customer_name: 'Asha Verma', customer_email: email, customer_phone: phone.replace(/\D/g, '').slice(2) },
        error_details: { error_code: 'TRANSACTION_DECLINED', error_description: PERSONAL, error_reason: 'auth_declined', error_source: 'bank' },
      });
      const answer = await postWebhook('cashfree', body, SIGN.cashfree(body));
      expect(answer).toMatchObject({ status: 200, body: { outcome: 'published' } });
    });
  });

  describe('once everything has settled', () => {
    beforeAll(async () => {
      await waitUntilSettled(e2e, recorder);
    });

    it('shows none of it in any API answer about the orders', async () => {
      expect(orders.length).toBeGreaterThan(0);
      for (const { orderId, token } of orders) {
        expectNoCanaryIn(`GET /api/orders/${orderId}`, await call('GET', `/api/orders/${orderId}`, { token }));
        expectNoCanaryIn('GET /api/orders', await call('GET', '/api/orders', { token }));
        expectNoCanaryIn(`GET /success?order_id=${orderId}`, await call('GET', `/success?order_id=${orderId}`, { token }));
      }
    });

    it('keeps none of it in any row of any table of any schema', async () => {
      const scan = await scanDatabaseForPii(e2e.db, canaries.all);
      expect(scan.scanned).toBeGreaterThan(0);
      expect(scan.hits).toEqual([]);
    });

    it('carries none of it in any message of any topic, dead-letter topics included', async () => {
      const scan = await scanKafkaForPii(kafkaBrokers(), canaries.all);
      expect(scan.scanned).toBeGreaterThanOrEqual(recorder.on(Topics.providerEvents).length);
      expect(scan.hits).toEqual([]);
    });

    it('writes none of it to any log line of any app', async () => {
      const logDirectories = [...new Set(e2e.system.instances().map((instance) => dirname(instance.logFile)))];
      expect(logDirectories).toHaveLength(1);
      const scan = await scanFilesForPii(logDirectories, canaries.all);
      expect(scan.scanned).toBeGreaterThan(0);
      expect(scan.hits).toEqual([]);
    });
  });
});
