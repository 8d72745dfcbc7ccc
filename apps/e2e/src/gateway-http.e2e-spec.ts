import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2E_PORTS, E2eSystem, bearerFor, startE2eSystem, topicRecorder } from './e2e-system';

const gateway = `http://127.0.0.1:${E2E_PORTS.gateway}`;
const sandbox = `http://127.0.0.1:${E2E_PORTS.sandbox}`;
const USER_LIMIT = 40;

interface Answer { status: number; body: { error?: { code: string; message: string }; [name: string]: unknown }; text: string }

async function call(method: string, path: string, options: { token?: string; key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${gateway}${path}`, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
  const text = await response.text();
  let body: Answer['body'] = {};
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, body, text };
}

const checkout = (token: string, key: string, body: unknown) => call('POST', '/api/payments/checkout', { token, key, body });

describe('the gateway HTTP API', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;

  beforeAll(async () => {
    e2e = await startE2eSystem({ RATE_LIMIT_PER_MINUTE: String(USER_LIMIT), RATE_LIMIT_PER_IP_PER_MINUTE: '100000' });
    recorder = await topicRecorder([Topics.ordersCommands, Topics.checkoutCommands]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  async function paidOrder(userId: string): Promise<{ orderId: string; amountMinor: number; token: string }> {
    const token = await bearerFor(userId);
    const opened = await checkout(token, randomUUID(), { productId: 'course-typescript-101', currency: 'USD' });
    expect(opened.status).toBe(201);
    const payment = opened.body.payment as { providerReference: string };
    await fetch(`${sandbox}/_sandbox/stripe/payment_intents/${payment.providerReference}/pay`, { method: 'POST' });
    const orderId = opened.body.orderId as string;
    await eventually(async () => ((await call('GET', `/api/orders/${orderId}`, { token })).body.status === 'paid' ? true : undefined), 30_000, 'order paid');
    return { orderId, amountMinor: opened.body.amountMinor as number, token };
  }

  describe('authentication', () => {
    it('answers 401 without a token, with a malformed header, a garbage token, an expired token or a token signed with another key', async () => {
      const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuedAt(1_600_000_000).setExpirationTime(1_600_000_060)
        .sign(new TextEncoder().encode('dev-only-jwt-secret-change-me-0123456789abcdef'));
      const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(48)));
      const answers = [
        await call('GET', '/api/orders'),
        await call('GET', '/api/orders', { headers: { authorization: 'Basic abc' } }),
        await call('GET', '/api/orders', { token: 'not-a-jwt' }),
        await call('GET', '/api/orders', { token: expired }),
        await call('GET', '/api/orders', { token: forged }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.body.error?.code).toBe('AUTH.UNAUTHENTICATED');
      }
    });

    it('answers 403 when a non-admin asks for a refund', async () => {
      const answer = await call('POST', `/api/orders/${randomUUID()}/refunds`, { token: await bearerFor(`user-${randomUUID()}`), key: 'k', body: {} });
      expect(answer.status).toBe(403);
      expect(answer.body.error?.code).toBe('AUTH.FORBIDDEN');
    });
  });

  describe('POST /api/payments/checkout', () => {
    it.each([
      ['a missing Idempotency-Key', undefined, 'IDEMPOTENCY.KEY_MISSING'],
      ['an Idempotency-Key with spaces', 'has space', 'IDEMPOTENCY.KEY_INVALID'],
      ['an over-long Idempotency-Key', 'k'.repeat(256), 'IDEMPOTENCY.KEY_INVALID'],
    ])('answers 400 for %s', async (_, key, code) => {
      const answer = await checkout(await bearerFor(`user-${randomUUID()}`), key as string, { productId: 'course-typescript-101' });
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe(code);
    });

    it.each([
      ['a client-sent amount', { productId: 'course-typescript-101', amount: 1 }, 'amount'],
      ['a client-sent amountMinor', { productId: 'course-typescript-101', amountMinor: 1 }, 'amountMinor'],
      ['quantity 0', { productId: 'course-typescript-101', quantity: 0 }, 'quantity'],
      ['quantity 101', { productId: 'course-typescript-101', quantity: 101 }, 'quantity'],
      ['a fractional quantity', { productId: 'course-typescript-101', quantity: 1.5 }, 'quantity'],
      ['a missing product', { quantity: 1 }, 'productId'],
      ['an unknown provider', { productId: 'course-typescript-101', provider: 'paypal' }, 'provider'],
      ['a lower-case currency', { productId: 'course-typescript-101', currency: 'usd' }, 'currency'],
    ])('answers 400 naming the field for %s', async (_, body, field) => {
      const answer = await checkout(await bearerFor(`user-${randomUUID()}`), randomUUID(), body);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe('REQUEST.INVALID');
      expect(answer.body.error?.message).toContain(field);
    });

    it('answers 400 for a body that is not JSON, and 413 for a body over the size limit', async () => {
      const token = await bearerFor(`user-${randomUUID()}`);
      const broken = await call('POST', '/api/payments/checkout', { token, key: randomUUID(), raw: '{"productId":' });
      expect(broken.status).toBe(400);
      const huge = await call('POST', '/api/payments/checkout', { token, key: randomUUID(), raw: JSON.stringify({ productId: 'x', pad: 'p'.repeat(40_000) }) });
      expect(huge.status).toBe(413);
      expect(huge.body.error?.code).toBe('REQUEST.TOO_LARGE');
    });

    it('answers 404 for a product not in the catalog', async () => {
      const answer = await checkout(await bearerFor(`user-${randomUUID()}`), randomUUID(), { productId: 'course-does-not-exist' });
      expect(answer.status).toBe(404);
      expect(answer.body.error?.code).toBe('CATALOG.PRODUCT_NOT_FOUND');
    });

    it('prices from the catalog whatever the client believes, replays a retry byte for byte, and refuses the key with another body', async () => {
      const token = await bearerFor(`user-${randomUUID()}`);
      const key = randomUUID();
      const first = await checkout(token, key, { productId: 'course-typescript-101', currency: 'USD', quantity: 2 });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ amountMinor: 3800, currency: 'USD', provider: 'stripe', status: 'pending' });
      const replay = await checkout(token, key, { productId: 'course-typescript-101', currency: 'USD', quantity: 2 });
      expect(replay.status).toBe(201);
      expect(replay.text).toBe(first.text);
      const changed = await checkout(token, key, { productId: 'course-typescript-101', currency: 'USD', quantity: 3 });
      expect(changed.status).toBe(422);
      expect(changed.body.error?.code).toBe('IDEMPOTENCY.KEY_REUSED');
    });

    it('counts requests per user and answers 429 past the limit', async () => {
      const token = await bearerFor(`user-${randomUUID()}`);
      const statuses: number[] = [];
      for (let i = 0; i <= USER_LIMIT; i += 1) statuses.push((await call('GET', '/api/orders', { token })).status);
      expect(statuses.slice(0, USER_LIMIT).every((status) => status === 200)).toBe(true);
      const limited = await call('GET', '/api/orders', { token });
      expect(limited.status).toBe(429);
      expect(limited.body.error?.code).toBe('RATE_LIMITED');
      expect((await call('GET', '/api/orders', { token: await bearerFor(`user-${randomUUID()}`) })).status).toBe(200);
    });
  });

  describe('orders', () => {
    it("answers 404 for another user's order, for reads and for refunds alike, and 400 for an id that is not a UUID", async () => {
      const owner = `user-${randomUUID()}`;
      const opened = await checkout(await bearerFor(owner), randomUUID(), { productId: 'course-typescript-101', currency: 'USD' });
      const orderId = opened.body.orderId as string;
      await eventually(async () => ((await call('GET', `/api/orders/${orderId}`, { token: await bearerFor(owner) })).status === 200 ? true : undefined), 30_000, 'order projected');
      const intruder = await bearerFor(`user-${randomUUID()}`);
      const read = await call('GET', `/api/orders/${orderId}`, { token: intruder });
      expect(read.status).toBe(404);
      expect(read.body.error?.code).toBe('ORDER.NOT_FOUND');
      expect((await call('GET', '/api/orders', { token: intruder })).body.orders).toEqual([]);
      expect((await call('GET', '/api/orders/not-a-uuid', { token: intruder })).status).toBe(400);
      const admin = await call('GET', `/api/orders/${orderId}`, { token: await bearerFor('admin-1', ['admin']) });
      expect(admin.status).toBe(200);
    });
  });

  describe('POST /api/orders/:id/refunds', () => {
    it('refuses a refund of an unpaid order (409) and of more than was paid (422), then accepts one, replays it and puts one command on orders.commands', async () => {
      const admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);
      const unpaid = await checkout(await bearerFor(`user-${randomUUID()}`), randomUUID(), { productId: 'course-typescript-101', currency: 'USD' });
      await eventually(async () => ((await call('GET', `/api/orders/${unpaid.body.orderId}`, { token: admin })).status === 200 ? true : undefined), 30_000, 'order projected');
      const notPaid = await call('POST', `/api/orders/${unpaid.body.orderId}/refunds`, { token: admin, key: randomUUID(), body: {} });
      expect(notPaid.status).toBe(409);
      expect(notPaid.body.error?.code).toBe('ORDER.NOT_REFUNDABLE');

      const paid = await paidOrder(`user-${randomUUID()}`);
      const tooMuch = await call('POST', `/api/orders/${paid.orderId}/refunds`, { token: admin, key: randomUUID(), body: { amountMinor: paid.amountMinor + 1 } });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.error?.code).toBe('REFUND.EXCEEDS_REMAINDER');
      expect((await call('POST', `/api/orders/${paid.orderId}/refunds`, { token: admin, body: {} })).status).toBe(400);
      expect((await call('POST', `/api/orders/${randomUUID()}/refunds`, { token: admin, key: randomUUID(), body: {} })).status).toBe(404);

      const key = randomUUID();
      const accepted = await call('POST', `/api/orders/${paid.orderId}/refunds`, { token: admin, key, body: { amountMinor: 500, reason: 'requested by customer' } });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toMatchObject({ orderId: paid.orderId, amountMinor: 500, status: 'requested' });
      const replay = await call('POST', `/api/orders/${paid.orderId}/refunds`, { token: admin, key, body: { amountMinor: 500, reason: 'requested by customer' } });
      expect(replay.text).toBe(accepted.text);
      const reused = await call('POST', `/api/orders/${paid.orderId}/refunds`, { token: admin, key, body: { amountMinor: 600 } });
      expect(reused.status).toBe(422);

      const commands = await eventually(async () => {
        const found = recorder.on(Topics.ordersCommands).filter((message) => (message.payload as { orderId: string }).orderId === paid.orderId);
        return found.length > 0 ? found : undefined;
      }, 30_000, 'RefundRequested on orders.commands');
      expect(commands).toHaveLength(1);
      expect(commands[0]).toMatchObject({ type: 'RefundRequested', key: paid.orderId, payload: { refundId: accepted.body.refundId, amountMinor: 500 } });
    });
  });

  describe('GET /success', () => {
    it('answers 400 for a bad order id and 404 for an unknown one', async () => {
      expect((await call('GET', '/success?order_id=nope')).status).toBe(400);
      expect((await call('GET', `/success?order_id=${randomUUID()}`)).status).toBe(404);
    });

    it('leaves a pending order pending and asks checkout for a server-side status check', async () => {
      const userId = `user-${randomUUID()}`;
      const token = await bearerFor(userId);
      const opened = await checkout(token, randomUUID(), { productId: 'course-typescript-101', currency: 'USD' });
      const orderId = opened.body.orderId as string;
      await eventually(async () => ((await call('GET', `/api/orders/${orderId}`, { token })).status === 200 ? true : undefined), 30_000, 'order projected');
      const answer = await call('GET', `/success?order_id=${orderId}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ orderId, status: 'pending', statusCheckRequested: true });
      expect(answer.body).not.toHaveProperty('userId');
      const check = await eventually(async () => recorder.on(Topics.checkoutCommands)
        .find((message) => message.type === 'PaymentStatusCheckRequested' && (message.payload as { orderId: string }).orderId === orderId), 30_000, 'status check requested');
      expect(check.payload).toMatchObject({ orderId, userId, trigger: 'success-redirect' });
      expect((await call('GET', `/api/orders/${orderId}`, { token })).body.status).toBe('pending');
    });
  });
});
