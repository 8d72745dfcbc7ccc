import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Topics, nameBasedUuid } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, startE2eSystem, topicRecorder } from './e2e-system';
import { Answer, COURSE, TRUSTING_LOCAL_PROXY, call, checkout, newUser, orderFixtures, randomIp } from './gateway-http.fixture';

const COUPON_FAILURES_PER_USER = 3;
const COUPON_FAILURES_PER_IP = 5;
const deepJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A request exactly as a hostile client sends it: any body bytes, any headers. */
async function send(path: string, options: { token?: string; body?: string | Buffer; headers?: Record<string, string>; method?: string }): Promise<Answer> {
  const headers = { 'x-forwarded-for': randomIp(), 'idempotency-key': randomUUID(), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
  const response = await fetch(`${E2E_URLS.gateway}${path}`, { method: options.method ?? 'POST', headers, body: options.body });
  const text = await response.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, text, body };
}

describe('the gateway, against hostile input over real HTTP', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;
  let admin: string;
  const { pendingOrder } = orderFixtures(() => e2e);

  beforeAll(async () => {
    e2e = await startE2eSystem({
      ...TRUSTING_LOCAL_PROXY,
      RATE_LIMIT_COUPON_FAILURES_PER_MINUTE: String(COUPON_FAILURES_PER_USER),
      RATE_LIMIT_COUPON_FAILURES_PER_IP_PER_MINUTE: String(COUPON_FAILURES_PER_IP),
    });
    recorder = await topicRecorder([Topics.checkoutCommands]);
    admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  const count = async (sql: string, values: unknown[]) => Number((await e2e.db.query(sql, values)).rows[0].count);

  /** Nothing of the user's reached checkout: no message on checkout.commands, no idempotency record, no order. */
  async function expectNothingWrittenFor(userId: string): Promise<void> {
    await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 30_000, 'the recorder caught up');
    expect(recorder.on(Topics.checkoutCommands).filter((message) => (message.payload as { userId?: string }).userId === userId)).toEqual([]);
    expect(await count(`SELECT count(*) FROM checkout.idempotency_keys WHERE user_id = $1`, [userId])).toBe(0);
    expect(await count(`SELECT count(*) FROM checkout.orders WHERE user_id = $1`, [userId])).toBe(0);
  }

  const course = JSON.stringify(COURSE);
  const asJson = { 'content-type': 'application/json' };

  describe('POST /api/payments/checkout', () => {
    it.each<[string, string | Buffer, Record<string, string>, number, string, RegExp]>([
      ['JSON nested 3,000 deep in an extra field', `{"productId":"course-typescript-101","extra":${deepJson(3000)}}`, asJson, 400, 'REQUEST.INVALID', /nests deeper than 16 levels/],
      ['malformed JSON holding a card number', '{"productId":"4242424242424242",', asJson, 400, 'REQUEST.INVALID', /^the body is not valid JSON$/],
      ['an array where an object is expected', `[${course}]`, asJson, 400, 'REQUEST.INVALID', /must be a JSON object/],
      ['a __proto__ property', '{"productId":"course-typescript-101","__proto__":{"admin":true}}', asJson, 400, 'REQUEST.INVALID', /__proto__ is not allowed/],
      ['a number too large for a double', '{"productId":"course-typescript-101","quantity":1e400}', asJson, 400, 'REQUEST.INVALID', /quantity/],
      ['a 30-digit integer', '{"productId":"course-typescript-101","quantity":123456789012345678901234567890}', asJson, 400, 'REQUEST.INVALID', /quantity/],
      ['a product id in other scripts and a lone surrogate', '{"productId":"курс-\\ud800"}', asJson, 400, 'REQUEST.INVALID', /productId/],
      ['a coupon code with a NUL byte', '{"productId":"course-typescript-101","couponCode":"LAUNCH\\u000020"}', asJson, 400, 'REQUEST.INVALID', /couponCode/],
      ['an array as the coupon code', '{"productId":"course-typescript-101","couponCode":["LAUNCH20"]}', asJson, 400, 'REQUEST.INVALID', /couponCode/],
      ['a text/plain body', course, { 'content-type': 'text/plain' }, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', /application\/json/],
      ['a form body', 'productId=course-typescript-101', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', /application\/json/],
      ['UTF-16 JSON', Buffer.from(course, 'utf16le'), { 'content-type': 'application/json; charset=utf-16le' }, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', /UTF-8/],
      ['a gzip body that does not inflate', 'not gzip', { ...asJson, 'content-encoding': 'gzip' }, 400, 'REQUEST.INVALID', /could not be read/],
      ['an unknown Content-Encoding', course, { ...asJson, 'content-encoding': 'zstd-ish' }, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', /Content-Encoding/],
    ])('answers a body with %s with a clear 4xx, and nothing reaches checkout', async (_, body, headers, status, code, message) => {
      const userId = newUser();
      const answer = await send('/api/payments/checkout', { token: await bearerFor(userId), body, headers });
      expect(answer.status).toBe(status);
      expect(answer.body.error?.code).toBe(code);
      expect(answer.body.error?.message).toMatch(message);
      expect(answer.text).not.toContain('4242424242424242');
      await expectNothingWrittenFor(userId);
    });

    it('still reads a gzip-compressed JSON body', async () => {
      const answer = await send('/api/payments/checkout', { token: await bearerFor(newUser()), body: gzipSync(course), headers: { ...asJson, 'content-encoding': 'gzip' } });
      expect(answer.status).toBe(201);
    });
  });

  it.each<[string, string, number, string]>([
    ['a path parameter that is not percent-decodable', '/api/orders/%E0%A4%A', 400, 'REQUEST.INVALID'],
    ['a path parameter of 5,000 characters', `/api/orders/${'a'.repeat(5000)}`, 400, 'REQUEST.INVALID'],
    ['order_id given twice', `/success?order_id=${randomUUID()}&order_id=${randomUUID()}`, 400, 'REQUEST.INVALID'],
    ['order_id as an object', '/success?order_id[a]=b', 400, 'REQUEST.INVALID'],
    ['a failure code that is a prototype key', '/api/payment-failures/__proto__', 404, 'PAYMENT_FAILURE.NOT_FOUND'],
  ])('answers %s with a clear 4xx', async (_, path, status, code) => {
    const answer = await call('GET', path, { token: await bearerFor(newUser()) });
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(code);
  });

  it('refuses hostile refund bodies and enqueues nothing, nor stores the key', async () => {
    const orderId = randomUUID();
    for (const body of [`{"amountMinor":1,"reason":${deepJson(3000)}}`, '[{"amountMinor":1}]', '{"amountMinor":1e400}']) {
      const key = randomUUID();
      const answer = await send(`/api/orders/${orderId}/refunds`, { token: admin, body, headers: { ...asJson, 'idempotency-key': key } });
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe('REQUEST.INVALID');
      expect(await count(`SELECT count(*) FROM gateway.idempotency_keys WHERE idempotency_key = $1`, [key])).toBe(0);
    }
    expect(await count(`SELECT count(*) FROM gateway.outbox WHERE message_key = $1`, [orderId])).toBe(0);
  });

  describe('order ids and the return page', () => {
    it('derives an order id nobody can compute from the user id and the key, the same one on every retry', async () => {
      const userId = newUser();
      const token = await bearerFor(userId);
      const key = randomUUID();
      const [first, retry] = [await checkout(token, key, COURSE), await checkout(token, key, COURSE)];
      expect(first.status).toBe(201);
      expect(retry.body.orderId).toBe(first.body.orderId);
      expect(first.body.orderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(first.body.orderId).not.toBe(nameBasedUuid(['checkout', userId, key].join('\u0000')));
    });

    it("answers a signed-in caller asking for another user's order exactly as for an unknown order, and asks no status check", async () => {
      const { orderId } = await pendingOrder();
      const intruder = await bearerFor(newUser());
      const unknownId = randomUUID();
      const [theirs, unknown] = [await call('GET', `/success?order_id=${orderId}`, { token: intruder }), await call('GET', `/success?order_id=${unknownId}`, { token: intruder })];
      expect(theirs).toMatchObject({ status: 404, body: { error: { code: 'ORDER.NOT_FOUND', message: `no order ${orderId}` } } });
      expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'ORDER.NOT_FOUND', message: `no order ${unknownId}` } } });
      expect(theirs.text.replace(orderId, 'ID')).toBe(unknown.text.replace(unknownId, 'ID'));
      const checks = `SELECT count(*) FROM gateway.outbox WHERE payload->>'type' = 'PaymentStatusCheckRequested' AND payload->'payload'->>'orderId' = $1`;
      expect(await count(checks, [orderId])).toBe(0);
      expect((await call('GET', `/success?order_id=${orderId}`, { token: 'not-a-jwt' })).status).toBe(401);
      // The buyer's browser, back from the provider with no token, still sees its order.
      expect((await call('GET', `/success?order_id=${orderId}`)).body).toMatchObject({ orderId, status: 'pending', statusCheckRequested: true });
    });
  });

  describe('failed coupon lookups', () => {
    const cardNumbers = ['4000000000000002', '4000000000009995', '4000000000000069'];

    it('are limited per user with 429 and Retry-After, never echoed nor stored, and checkouts without a coupon go on', async () => {
      const userId = newUser();
      const token = await bearerFor(userId);
      for (const couponCode of cardNumbers.slice(0, COUPON_FAILURES_PER_USER)) {
        const refused = await checkout(token, randomUUID(), { ...COURSE, couponCode });
        expect(refused.status).toBe(404);
        expect(refused.body.error).toEqual({ code: 'PRICING.COUPON_NOT_FOUND', message: 'couponCode does not name a coupon that can be used' });
      }
      const key = randomUUID();
      const limited = await checkout(token, key, { ...COURSE, couponCode: 'LAUNCH20' });
      expect(limited.status).toBe(429);
      expect(limited.body.error?.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await checkout(token, randomUUID(), COURSE)).status).toBe(201);

      await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 30_000, 'the recorder caught up');
      expect(recorder.on(Topics.checkoutCommands).filter((message) => (message.payload as { idempotencyKey?: string }).idempotencyKey === key)).toEqual([]);
      for (const code of cardNumbers) expect(await count(`SELECT count(*) FROM checkout.outbox WHERE payload::text LIKE $1`, [`%${code}%`])).toBe(0);
    });

    it('are limited per client address, whoever is signed in', async () => {
      const ip = randomIp();
      for (let i = 0; i < COUPON_FAILURES_PER_IP; i += 1) {
        const refused = await call('POST', '/api/payments/checkout', { ip, token: await bearerFor(newUser()), key: randomUUID(), body: { ...COURSE, couponCode: `NOPE${i}` } });
        expect(refused.status).toBe(404);
      }
      const newcomer = await bearerFor(newUser());
      const limited = await call('POST', '/api/payments/checkout', { ip, token: newcomer, key: randomUUID(), body: { ...COURSE, couponCode: 'LAUNCH20' } });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await call('POST', '/api/payments/checkout', { token: newcomer, key: randomUUID(), body: { ...COURSE, couponCode: 'LAUNCH20' } })).status).toBe(201);
    });
  });

  describe('payment failures', () => {
    it("shows a declined payment as a stable code and our own sentence, never the provider's words", async () => {
      const { userId, orderId, paymentIntent } = await pendingOrder();
      const providerWords = 'Card 4000 0000 0000 0002 of jane@example.com was declined: call 555-0100';
      const declined = await fetch(`${E2E_URLS.sandbox}/_sandbox/stripe/payment_intents/${paymentIntent}/decline`, {
        method: 'POST', headers: asJson, body: JSON.stringify({ message: providerWords, declineCode: 'card_declined' }),
      });
      expect(declined.status).toBe(200);
      const row = await eventually(async () => {
        const { rows } = await e2e.db.query(`SELECT last_failure_code, last_failure FROM gateway.orders WHERE order_id = $1`, [orderId]);
        return rows[0]?.last_failure_code ? rows[0] : undefined;
      }, 60_000, 'the declined attempt in the read model');
      expect(row).toEqual({ last_failure_code: 'PAYMENT.DECLINED', last_failure: 'The bank or card issuer declined the payment.' });
      const view = await call('GET', `/api/orders/${orderId}`, { token: await bearerFor(userId) });
      expect(view.body).toMatchObject({ status: 'pending', lastFailureCode: 'PAYMENT.DECLINED', lastFailure: 'The bank or card issuer declined the payment.' });
      expect(view.text).not.toMatch(/4000|jane@example\.com|555-0100/);
    });

    it('explains each code at GET /api/payment-failures/:code, documented in OpenAPI, and answers 404 for an unknown code', async () => {
      const explained = await call('GET', '/api/payment-failures/PAYMENT.DECLINED');
      expect(explained.status).toBe(200);
      expect(explained.body).toEqual({
        code: 'PAYMENT.DECLINED', message: 'The bank or card issuer declined the payment.', meaning: expect.any(String), payerAction: expect.any(String),
      });
      expect((await call('GET', '/api/payment-failures/PAYMENT.NOT_A_CODE')).body.error?.code).toBe('PAYMENT_FAILURE.NOT_FOUND');
      const document = (await call('GET', '/docs-json')).body as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
      expect(Object.keys(document.paths['/api/payment-failures/{code}'].get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404']));
    });
  });
});
