import { randomInt, randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2eSystem, TopicRecorder, messagesAbout, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';
import { Provider, SIGN, WebhookAnswer as Answer, cashfreeEvent, compactId, nowSeconds, postWebhook as post, stripeEvent } from './signed-webhooks.fixture';

const PROVIDERS: readonly Provider[] = ['stripe', 'cashfree'];
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const FORGER_SECRET: Record<Provider, string> = { stripe: 'whsec_forger_0123456789abcdef', cashfree: 'cfsk_test_forger_0123456789' };

const intent = (orderId: string, fields: Record<string, unknown> = {}) => ({
  id: `pi_${compactId()}`, object: 'payment_intent', amount: 4999, amount_received: 4999, currency: 'usd', metadata: { order_id: orderId }, ...fields,
});
const attempt = (fields: Record<string, unknown> = {}) => ({
  cf_payment_id: randomInt(1_000_000, 9_999_999), payment_status: 'SUCCESS', payment_amount: 499.0, payment_currency: 'INR', ...fields,
});

/** A payment of `orderId` that succeeded, as each provider sends it, with `fields` changed in the payment. */
const PAID: Record<Provider, (orderId: string, fields?: Record<string, unknown>) => string> = {
  stripe: (orderId, fields) => stripeEvent('payment_intent.succeeded', intent(orderId, fields)),
  cashfree: (orderId, fields) => cashfreeEvent('PAYMENT_SUCCESS_WEBHOOK', { order: { order_id: orderId, order_amount: 499.0, order_currency: 'INR' }, payment: attempt(fields) }),
};
/** An event with everything but its id and type. */
const UNNAMED: Record<Provider, string> = {
  stripe: JSON.stringify({ object: 'event', created: nowSeconds(), data: { object: intent(randomUUID()) } }),
  cashfree: JSON.stringify({ data: { order: { order_id: randomUUID() }, payment: attempt() }, event_time: new Date().toISOString() }),
};
const PAYMENT_ID: Record<Provider, string> = { stripe: 'id', cashfree: 'cf_payment_id' };
const CURRENCY: Record<Provider, string> = { stripe: 'currency', cashfree: 'payment_currency' };

/** Personal data a provider may put in its free text: a card and its CVC, an email, a UPI VPA, a phone number. */
const PERSONAL = 'Card 4111 1111 1111 1111 cvc 123 declined for asha.verma@example.com, UPI asha@okaxis, call +91 98765 43210';
const TRACES = ['4111 1111', '4111111111111111', 'cvc 123', 'asha.verma@example.com', 'asha@okaxis', '98765'];

/** A declined attempt whose free-text fields carry PERSONAL, and the reason code it must be published with. */
const DECLINED: Record<Provider, (orderId: string) => { body: string; reasonCode: string }> = {
  stripe: (orderId) => ({
    reasonCode: 'insufficient_funds',
    body: stripeEvent('payment_intent.payment_failed', intent(orderId, {
      amount_received: 0, description: PERSONAL, receipt_email: 'asha.verma@example.com', shipping: { name: 'Asha Verma', phone: '+91 98765 43210' },
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: PERSONAL },
    })),
  }),
  cashfree: (orderId) => ({
    reasonCode: 'auth_declined',
    body: cashfreeEvent('PAYMENT_FAILED_WEBHOOK', {
      order: { order_id: orderId, order_amount: 499.0, order_currency: 'INR' },
      payment: attempt({ payment_status: 'FAILED', payment_message: PERSONAL, payment_method: { upi: { channel: 'collect', upi_id: 'asha@okaxis' } } }),
      customer_details: { customer_name: 'Asha Verma', customer_email: 'asha.verma@example.com', customer_phone: '9876543210' },
      error_details: { error_code: 'TRANSACTION_DECLINED', error_description: PERSONAL, error_reason: 'auth_declined', error_source: 'bank' },
    }),
  }),
};

describe('webhook-ingest at its HTTP boundary, against hostile and personal input', () => {
  let e2e: E2eSystem;
  let recorder: TopicRecorder;
  /** Orders named by requests that were refused: nothing may ever be published about them. */
  const refusedOrders: string[] = [];

  beforeAll(async () => {
    e2e = await startE2eSystem();
    recorder = await topicRecorder([Topics.providerEvents]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  const recorded = async () => {
    const { rows } = await e2e.db.query(`SELECT (SELECT count(*) FROM webhook_ingest.provider_events) AS events, (SELECT count(*) FROM webhook_ingest.outbox) AS outbox`);
    return { events: Number(rows[0].events), outbox: Number(rows[0].outbox) };
  };
  /** Sends a request that must be refused with `status` and `code`, and checks that no row or outbox entry came of it. */
  const expectRefused = async (send: () => Promise<Answer>, status: number, code: string) => {
    const before = await recorded();
    expect(await send()).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    expect(await recorded()).toEqual(before);
  };

  describe.each(PROVIDERS)('%s webhooks whose signature does not hold', (provider) => {
    it('refuses a body signed with another secret with 400 WEBHOOK.SIGNATURE_INVALID', async () => {
      const orderId = randomUUID();
      refusedOrders.push(orderId);
      const body = PAID[provider](orderId);
      await expectRefused(() => post(provider, body, SIGN[provider](body, 0, FORGER_SECRET[provider])), 400, 'WEBHOOK.SIGNATURE_INVALID');
    });

    it.each([
      ['ten minutes old', -600],
      ['ten minutes ahead of our clock', 600],
    ])('refuses a correctly signed body dated %s with 400 WEBHOOK.SIGNATURE_INVALID', async (_when, offsetSeconds) => {
      const orderId = randomUUID();
      refusedOrders.push(orderId);
      const body = PAID[provider](orderId);
      await expectRefused(() => post(provider, body, SIGN[provider](body, offsetSeconds)), 400, 'WEBHOOK.SIGNATURE_INVALID');
    });
  });

  describe.each(PROVIDERS)('%s webhooks that are correctly signed but cannot be understood', (provider) => {
    const unreadablePayment = randomUUID();
    const unreadableCurrency = randomUUID();
    refusedOrders.push(unreadablePayment, unreadableCurrency);

    it.each([
      ['an empty JSON object', '{}', JSON_TYPE, 'WEBHOOK.MISSING_FIELD'],
      ['an event without its id and type', UNNAMED[provider], JSON_TYPE, 'WEBHOOK.MISSING_FIELD'],
      ['a form-encoded body', 'id=evt_1&type=payment_intent.succeeded&data[object][id]=pi_1', FORM_TYPE, 'WEBHOOK.UNSUPPORTED_CONTENT_TYPE'],
      ['a form-encoded body labelled as JSON', 'id=evt_1&type=payment_intent.succeeded&data[object][id]=pi_1', JSON_TYPE, 'WEBHOOK.MALFORMED_BODY'],
      ['arrays nested 10,000 deep', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, JSON_TYPE, 'WEBHOOK.TOO_DEEP'],
      ['objects nested 10,000 deep', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, JSON_TYPE, 'WEBHOOK.TOO_DEEP'],
      ['a JSON array', '[{"id":"evt_1","type":"payment_intent.succeeded"}]', JSON_TYPE, 'WEBHOOK.MALFORMED_BODY'],
      ['a payment without its payment id', PAID[provider](unreadablePayment, { [PAYMENT_ID[provider]]: null }), JSON_TYPE, 'WEBHOOK.MISSING_FIELD'],
      ['a payment whose currency is not a currency', PAID[provider](unreadableCurrency, { [CURRENCY[provider]]: 356 }), JSON_TYPE, 'WEBHOOK.INVALID_FIELD'],
    ])('refuses %s with 400, its own code, and records nothing', async (_what, body, contentType, code) => {
      await expectRefused(() => post(provider, body, SIGN[provider](body), contentType), 400, code);
    });

    it('refuses a signed body over 256 kB with 413 WEBHOOK.BODY_TOO_LARGE', async () => {
      const orderId = randomUUID();
      refusedOrders.push(orderId);
      const body = PAID[provider](orderId, { description: 'x'.repeat(300 * 1024) });
      await expectRefused(() => post(provider, body, SIGN[provider](body)), 413, 'WEBHOOK.BODY_TOO_LARGE');
    });
  });

  it.each(PROVIDERS)('stores a valid %s event with personal data in its free text redacted, and publishes it with a reason code only', async (provider) => {
    const orderId = randomUUID();
    const { body, reasonCode } = DECLINED[provider](orderId);
    const answer = await post(provider, body, SIGN[provider](body));
    expect(answer).toMatchObject({ status: 200, body: { received: true, outcome: 'published' } });

    const { rows } = await e2e.db.query(`SELECT payload::text AS payload FROM webhook_ingest.provider_events WHERE provider = $1 AND provider_event_id = $2`, [
      provider, answer.body.providerEventId,
    ]);
    expect(rows).toHaveLength(1);
    for (const trace of TRACES) expect(rows[0].payload).not.toContain(trace);
    expect(rows[0].payload).toEqual(expect.stringContaining('[REDACTED_PAN] cvc [REDACTED_CVC]'));

    const [published] = await eventually(async () => {
      const messages = messagesAbout(recorder, Topics.providerEvents, orderId);
      return messages.length > 0 ? messages : undefined;
    }, 30_000, `the declined attempt of ${orderId} to be published`);
    expect(published).toMatchObject({ type: 'PaymentAttemptFailed', key: orderId, payload: { orderId, provider, reason: reasonCode } });
    const serialized = JSON.stringify(published);
    for (const trace of [...TRACES, 'declined for']) expect(serialized).not.toContain(trace);
  });

  it('has published nothing about any order named by a request it refused, once everything published has been read', async () => {
    expect(refusedOrders.length).toBeGreaterThan(0);
    await waitUntilSettled(e2e, recorder);
    expect(refusedOrders.flatMap((orderId) => messagesAbout(recorder, Topics.providerEvents, orderId))).toEqual([]);
  });
});
