import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { Topics } from '@payments/contracts';
import { DEV_SECRETS, eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, startE2eSystem, topicRecorder } from './e2e-system';
import { COURSE, COURSE_USD_MINOR, TRUSTING_LOCAL_PROXY, call, checkout, newUser, orderFixtures, randomIp } from './gateway-http.fixture';

const USER_LIMIT = 30;
const IP_LIMIT = 40;
const course = COURSE;
const sandbox = E2E_URLS.sandbox;

describe('the gateway HTTP API, against the running system', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;
  let admin: string;
  const { pendingOrder } = orderFixtures(() => e2e);

  beforeAll(async () => {
    e2e = await startE2eSystem({ ...TRUSTING_LOCAL_PROXY, RATE_LIMIT_PER_MINUTE: String(USER_LIMIT), RATE_LIMIT_PER_IP_PER_MINUTE: String(IP_LIMIT) });
    recorder = await topicRecorder([Topics.checkoutCommands]);
    admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  describe('authentication', () => {
    it('answers 401 AUTH.UNAUTHENTICATED without a token, or with a non-bearer, garbage, expired, foreign-key or alg-none token', async () => {
      const secret = new TextEncoder().encode(DEV_SECRETS.JWT_SECRET);
      const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuedAt(1_600_000_000).setExpirationTime(1_600_000_060).sign(secret);
      const foreign = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(48)));
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u","exp":9999999999}').toString('base64url')}.`;
      const answers = [
        await call('GET', '/api/orders'),
        await call('GET', '/api/orders', { headers: { authorization: 'Basic dTpw' } }),
        await call('GET', '/api/orders', { token: 'not-a-jwt' }),
        await call('GET', '/api/orders', { token: expired }),
        await call('GET', '/api/orders', { token: foreign }),
        await call('GET', '/api/orders', { token: unsigned }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.body.error?.code).toBe('AUTH.UNAUTHENTICATED');
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
      expect(answers[3].body.error?.message).toMatch(/expired/);
    });
  });

  describe('POST /api/payments/checkout', () => {
    it.each([
      ['no Idempotency-Key', undefined, 'IDEMPOTENCY.KEY_MISSING'],
      ['an Idempotency-Key with a space', 'has space', 'IDEMPOTENCY.KEY_INVALID'],
      ['an Idempotency-Key over 255 characters', 'k'.repeat(256), 'IDEMPOTENCY.KEY_INVALID'],
    ])('answers 400 for %s', async (_, key, code) => {
      const answer = await checkout(await bearerFor(newUser()), key, course);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe(code);
    });

    it.each([
      ['an amount', { ...course, amount: 1 }, 'property amount should not exist'],
      ['an amountMinor', { ...course, amountMinor: 1 }, 'property amountMinor should not exist'],
      ['quantity 0', { ...course, quantity: 0 }, 'quantity'],
      ['quantity 101', { ...course, quantity: 101 }, 'quantity'],
      ['a fractional quantity', { ...course, quantity: 1.5 }, 'quantity'],
      ['no product', { currency: 'USD' }, 'productId'],
      ['an unknown provider', { ...course, provider: 'paypal' }, 'provider'],
    ])('answers 400 REQUEST.INVALID naming the property for a body with %s', async (_, body, named) => {
      const answer = await checkout(await bearerFor(newUser()), randomUUID(), body);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe('REQUEST.INVALID');
      expect(answer.body.error?.message).toContain(named);
    });

    it('answers 404 for a product that is not in the catalog', async () => {
      const answer = await checkout(await bearerFor(newUser()), randomUUID(), { productId: 'course-does-not-exist', currency: 'USD' });
      expect(answer.status).toBe(404);
      expect(answer.body.error?.code).toBe('CATALOG.PRODUCT_NOT_FOUND');
    });

    it('refuses a client-sent amount before anything reaches checkout, and prices the same key from the catalog', async () => {
      const token = await bearerFor(newUser());
      const key = randomUUID();
      expect((await checkout(token, key, { ...course, quantity: 2, amount: 1 })).status).toBe(400);
      const priced = await checkout(token, key, { ...course, quantity: 2 });
      expect(priced.status).toBe(201);
      expect(priced.body).toMatchObject({ status: 'pending', provider: 'stripe', currency: 'USD', amountMinor: 2 * COURSE_USD_MINOR });
      expect(priced.body.payment).toMatchObject({ providerReference: expect.stringMatching(/^pi_/), clientSecret: expect.stringMatching(/_secret_/) });
      await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 30_000, 'the recorder caught up');
      const requests = recorder.on(Topics.checkoutCommands).filter((message) => (message.payload as { idempotencyKey?: string }).idempotencyKey === key);
      expect(requests).toHaveLength(1);
      expect(requests[0].payload).not.toHaveProperty('amount');
    });

    it('replays a retry byte for byte and answers 422 IDEMPOTENCY.KEY_REUSED for the key with another body', async () => {
      const token = await bearerFor(newUser());
      const key = randomUUID();
      const first = await checkout(token, key, course);
      const replay = await checkout(token, key, { ...course, quantity: 1 });
      expect(replay.status).toBe(first.status);
      expect(replay.text).toBe(first.text);
      const changed = await checkout(token, key, { ...course, quantity: 3 });
      expect(changed.status).toBe(422);
      expect(changed.body.error?.code).toBe('IDEMPOTENCY.KEY_REUSED');
    });

    it('opens one order and one PaymentIntent for identical requests sent at the same moment', async () => {
      const userId = newUser();
      const token = await bearerFor(userId);
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: 4 }, () => checkout(token, key, course)));
      const opened = answers.filter((answer) => answer.status === 201);
      expect(opened.length).toBeGreaterThan(0);
      expect(new Set(opened.map((answer) => answer.text)).size).toBe(1);
      for (const other of answers.filter((answer) => answer.status !== 201)) {
        expect(other).toMatchObject({ status: 409, body: { error: { code: 'IDEMPOTENCY.IN_FLIGHT' } } });
      }
      const orderId = opened[0].body.orderId as string;
      const { rows } = await e2e.db.query(`SELECT order_id FROM checkout.orders WHERE user_id = $1`, [userId]);
      expect(rows).toEqual([{ order_id: orderId }]);
      const intents = (await (await fetch(`${sandbox}/_sandbox/stripe/payment_intents?order_id=${orderId}`)).json()) as { data: unknown[] };
      expect(intents.data).toHaveLength(1);
    });

    it('answers 400 for a body that is not JSON and 413 REQUEST.TOO_LARGE for one over 16 kB', async () => {
      const token = await bearerFor(newUser());
      const broken = await call('POST', '/api/payments/checkout', { token, key: randomUUID(), raw: '{"productId":' });
      expect(broken.status).toBe(400);
      expect(broken.body.error?.code).toBe('REQUEST.INVALID');
      const huge = await call('POST', '/api/payments/checkout', { token, key: randomUUID(), raw: JSON.stringify({ ...course, pad: 'p'.repeat(20_000) }) });
      expect(huge.status).toBe(413);
      expect(huge.body.error?.code).toBe('REQUEST.TOO_LARGE');
    });
  });

  describe('orders', () => {
    it("answers 404 for another user's order, lists only the caller's own, lets admins see it, and answers 400 for a non-UUID id", async () => {
      const { orderId } = await pendingOrder();
      const intruder = await bearerFor(newUser());
      const read = await call('GET', `/api/orders/${orderId}`, { token: intruder });
      expect(read.status).toBe(404);
      expect(read.body.error?.code).toBe('ORDER.NOT_FOUND');
      expect((await call('GET', '/api/orders', { token: intruder })).body.orders).toEqual([]);
      expect((await call('GET', `/api/orders/${orderId}`, { token: admin })).body).toMatchObject({ orderId, status: 'pending' });
      const malformed = await call('GET', '/api/orders/not-a-uuid', { token: intruder });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toMatchObject({ code: 'REQUEST.INVALID', message: 'id must be a UUID' });
    });
  });

  describe('rate limits', () => {
    it('answers 429 RATE_LIMITED with Retry-After once a user passes the per-user limit, from whatever address', async () => {
      const token = await bearerFor(newUser());
      for (let i = 0; i < USER_LIMIT; i += 1) expect((await call('GET', '/api/orders', { token })).status).toBe(200);
      const limited = await call('GET', '/api/orders', { token });
      expect(limited.status).toBe(429);
      expect(limited.body.error?.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await call('GET', '/api/orders', { token: await bearerFor(newUser()) })).status).toBe(200);
    });

    it('answers 429 once one address passes the per-address limit, signed in or not, but never for health and metrics', async () => {
      const ip = randomIp();
      for (let i = 0; i < IP_LIMIT; i += 1) expect((await call('GET', `/success?order_id=${randomUUID()}`, { ip })).status).toBe(404);
      const limited = await call('GET', `/success?order_id=${randomUUID()}`, { ip });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await call('GET', '/api/orders', { ip, token: await bearerFor(newUser()) })).status).toBe(429);
      expect((await call('GET', '/health/live', { ip })).status).toBe(200);
      expect((await call('GET', '/metrics', { ip })).status).toBe(200);
    });
  });

  describe('operations', () => {
    it('documents every route with its bearer security at /docs', async () => {
      const document = (await call('GET', '/docs-json')).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([
        '/api/payments/checkout', '/api/orders', '/api/orders/{id}', '/api/entitlements', '/api/orders/{id}/refunds', '/success',
      ]));
      expect(document.paths['/api/orders/{id}/refunds'].post.security).toEqual([{ bearer: [] }]);
      expect(document.paths['/success'].get.security).toBeUndefined();
    });

    it('counts requests in /metrics by route pattern, never by raw URL', async () => {
      await call('GET', `/api/orders/${randomUUID()}`, { token: await bearerFor(newUser()) });
      const metrics = (await call('GET', '/metrics')).text;
      expect(metrics).toMatch(/payments_http_requests_total\{[^}]*route="\/api\/orders\/:id"[^}]*status="404"/);
      expect(metrics).toMatch(/payments_http_request_duration_seconds_bucket\{[^}]*route="\/api\/orders\/:id"/);
      expect(metrics).not.toMatch(/route="\/api\/orders\/[0-9a-f]{8}-/);
    });
  });
});
