import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CheckoutRepliedV1, Envelope, Topics } from '@payments/contracts';
import { eventually, uniqueName } from '@payments/testing';
import { CheckoutBody, checkoutRequested, requestHashOf } from '../checkout-messages.fixture';
import { AdjustableClock, CheckoutHarness } from '../checkout-replica.fixture';

process.env.LOG_LEVEL ??= 'error';
const SANDBOX_PORT = 19510;
const DAY_MS = 24 * 60 * 60 * 1000;
const USD_COURSE: CheckoutBody = { productId: 'course-typescript-101', currency: 'USD' };

describe('checkout idempotency, Stripe semantics, through Kafka and the sandbox', () => {
  const run = uniqueName('idem');
  const group = `checkout_${run}`;
  const misconfiguredGroup = `checkout_${run}_bad`;
  const replyTo = `test-${run}`;
  const clock = new AdjustableClock();
  /** Users whose requests the replica with a wrong Stripe key serves. */
  const misconfigured = new Set<string>();
  const userOf = (name: string) => `user-${run}-${name}-${randomUUID().slice(0, 8)}`;
  const ours = (userId: string) => userId.startsWith(`user-${run}-`) && !misconfigured.has(userId);
  let harness: CheckoutHarness;
  let database: CheckoutHarness['database'];
  let sandbox: CheckoutHarness['sandbox'];
  let kafka: CheckoutHarness['kafka'];
  let probe: CheckoutHarness['probe'];

  const startReplica = (consumerGroupId: string, ownsUser: (userId: string) => boolean, overrides: NodeJS.ProcessEnv = {}) =>
    harness.startReplica({ consumerGroupId, ownsUser, overrides, clock });

  beforeAll(async () => {
    harness = await CheckoutHarness.start({
      name: 'checkout_idem', sandboxPort: SANDBOX_PORT, topics: [Topics.checkoutCommands, Topics.checkoutReplies], tailed: [Topics.checkoutReplies],
    });
    ({ database, sandbox, kafka, probe } = harness);
    await startReplica(group, ours);
    await startReplica(misconfiguredGroup, (userId) => misconfigured.has(userId), { STRIPE_SECRET_KEY: 'sk_test_not_the_sandbox_key' });
  });

  afterAll(() => harness?.close());

  afterEach(() => clock.reset());

  const replyFor = (request: Envelope) => harness.replyTo(request);

  const ask = async (userId: string, key: string, body: CheckoutBody) => {
    const request = checkoutRequested(userId, key, body, replyTo);
    return { request, reply: await harness.ask(request) };
  };

  const paymentIntentsOf = async (orderId: string) => {
    const response = await fetch(`${sandbox.url}/_sandbox/stripe/payment_intents?order_id=${orderId}`);
    return ((await response.json()) as { data: { id: string; amount: number }[] }).data;
  };

  const orderIdIn = (reply: CheckoutRepliedV1) => (JSON.parse(reply.body) as { orderId: string }).orderId;
  const errorCodeIn = (reply: CheckoutRepliedV1) => (JSON.parse(reply.body) as { error: { code: string } }).error.code;

  it('replays the stored response byte for byte, and opens one PaymentIntent for the key', async () => {
    const userId = userOf('replay');
    const first = await ask(userId, 'key-1', USD_COURSE);
    const replay = await ask(userId, 'key-1', USD_COURSE);

    expect(first.reply.statusCode).toBe(201);
    expect(replay.reply).toMatchObject({ statusCode: 201, body: first.reply.body });
    const orderId = orderIdIn(first.reply);
    expect(await paymentIntentsOf(orderId)).toHaveLength(1);
    expect(await probe.ordersOf(userId)).toMatchObject([{ order_id: orderId, status: 'open', total_minor: '1900' }]);
  });

  it('answers two identical requests published at once with one body, and opens one PaymentIntent', async () => {
    const userId = userOf('twins');
    const [one, two] = [checkoutRequested(userId, 'key-1', USD_COURSE, replyTo), checkoutRequested(userId, 'key-1', USD_COURSE, replyTo)];
    await kafka.publish(Topics.checkoutCommands, [one, two]);
    const [replyOne, replyTwo] = await Promise.all([replyFor(one), replyFor(two)]);

    expect(replyOne.statusCode).toBe(201);
    expect(replyTwo).toEqual({ ...replyOne, requestId: two.id });
    expect(await paymentIntentsOf(orderIdIn(replyOne))).toHaveLength(1);
    expect(await probe.ordersOf(userId)).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY.KEY_REUSED, and keeps the first answer', async () => {
    const userId = userOf('reuse');
    const first = await ask(userId, 'key-1', USD_COURSE);
    const changed = await ask(userId, 'key-1', { ...USD_COURSE, quantity: 2 });
    const original = await ask(userId, 'key-1', USD_COURSE);

    expect(changed.reply.statusCode).toBe(422);
    expect(errorCodeIn(changed.reply)).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(original.reply.body).toBe(first.reply.body);
    expect(await probe.ordersOf(userId)).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY.IN_FLIGHT while another transaction holds the key, and serves the retry once it is free', async () => {
    const userId = userOf('in-flight');
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      // Another replica's request with this key, still running: its claim is not committed.
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO checkout.idempotency_keys (user_id, idempotency_key, request_hash, state, created_at, expires_at)
         VALUES ($1, 'key-1', $2, 'in_flight', now(), now() + interval '1 day')`,
        [userId, requestHashOf(USD_COURSE)],
      );
      const blocked = await ask(userId, 'key-1', USD_COURSE);
      expect(blocked.reply.statusCode).toBe(409);
      expect(errorCodeIn(blocked.reply)).toBe('IDEMPOTENCY.IN_FLIGHT');
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    const retried = await ask(userId, 'key-1', USD_COURSE);

    expect(retried.reply.statusCode).toBe(201);
    expect(await paymentIntentsOf(orderIdIn(retried.reply))).toHaveLength(1);
    expect(await probe.ordersOf(userId)).toHaveLength(1);
  });

  it('treats a key whose record expired after 24 hours as new, even with another body', async () => {
    const userId = userOf('expired');
    const first = await ask(userId, 'key-1', USD_COURSE);
    clock.advance(DAY_MS + 1_000);
    const later = await ask(userId, 'key-1', { ...USD_COURSE, quantity: 2 });
    const replayOfLater = await ask(userId, 'key-1', { ...USD_COURSE, quantity: 2 });

    expect(later.reply.statusCode).toBe(201);
    expect(orderIdIn(later.reply)).not.toBe(orderIdIn(first.reply));
    expect(replayOfLater.reply.body).toBe(later.reply.body);
    expect(await paymentIntentsOf(orderIdIn(later.reply))).toMatchObject([{ amount: 3800 }]);
    expect(await probe.ordersOf(userId)).toHaveLength(2);
  });

  it('records a session the provider refused as failed_to_open, answers 502, and replays that failure without a provider session', async () => {
    const userId = userOf('refused');
    misconfigured.add(userId);
    const body: CheckoutBody = { ...USD_COURSE, couponCode: 'LAUNCH20' };
    const redemptionsBefore = await probe.couponRedemptions('LAUNCH20');
    const failed = await ask(userId, 'key-1', body);

    expect(failed.reply.statusCode).toBe(502);
    expect(errorCodeIn(failed.reply)).toBe('PROVIDER.AUTHENTICATION');
    const [order] = await probe.ordersOf(userId);
    expect(order).toMatchObject({ status: 'failed_to_open', failure_code: 'PROVIDER.AUTHENTICATION', provider_reference: null, discount_minor: '380' });
    expect(order.failure_reason).toMatch(/API Key/);
    expect(await probe.couponRedemptions('LAUNCH20')).toBe(redemptionsBefore);

    // The configuration is fixed (the well-configured replica serves the user from now on): the key still replays its failure.
    await eventually(async () => ((await probe.applied(failed.request.id, group)) ? true : undefined), 30_000, 'the request seen by both replicas');
    misconfigured.delete(userId);
    const retried = await ask(userId, 'key-1', body);
    expect(retried.reply).toMatchObject({ statusCode: 502, body: failed.reply.body });
    expect(await paymentIntentsOf(order.order_id)).toHaveLength(0);

    const withNewKey = await ask(userId, 'key-2', body);
    expect(withNewKey.reply.statusCode).toBe(201);
    expect(await paymentIntentsOf(orderIdIn(withNewKey.reply))).toHaveLength(1);
    expect(await probe.couponRedemptions('LAUNCH20')).toBe(redemptionsBefore + 1);
  });

  it('opens one session when two replicas of one consumer group get the same request at once, answering the later one 409', async () => {
    await startReplica(group, ours);
    const members = await eventually(async () => {
      const assigned = await kafka.assignments(group, Topics.checkoutCommands);
      return assigned.length === 2 && assigned.every((partitions) => partitions.length > 0) ? assigned : undefined;
    }, 60_000, 'two replicas sharing the partitions');
    const userId = userOf('replicas');
    const body: CheckoutBody = { ...USD_COURSE, couponCode: 'LAUNCH20' };
    const [one, two] = [checkoutRequested(userId, 'key-1', body, replyTo), checkoutRequested(userId, 'key-1', body, replyTo)];
    // Whichever replica claims the key first then waits for the coupon's row lock, which the test
    // holds: its request stays in flight while the other replica meets the claimed key.
    const couponHolder = new Client({ connectionString: database.url });
    await couponHolder.connect();
    let inFlight: CheckoutRepliedV1;
    try {
      await couponHolder.query('BEGIN');
      await couponHolder.query(`SELECT 1 FROM checkout.coupons WHERE code = 'LAUNCH20' FOR UPDATE`);
      await Promise.all([kafka.publish(Topics.checkoutCommands, [one], members[0][0]), kafka.publish(Topics.checkoutCommands, [two], members[1][0])]);
      inFlight = await Promise.race([replyFor(one), replyFor(two)]);
      await couponHolder.query('COMMIT');
    } finally {
      await couponHolder.end();
    }
    const answers = await Promise.all([replyFor(one), replyFor(two)]);

    expect(errorCodeIn(inFlight)).toBe('IDEMPOTENCY.IN_FLIGHT');
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
    const opened = answers.find((answer) => answer.statusCode === 201) as CheckoutRepliedV1;
    const retried = await ask(userId, 'key-1', body);
    expect(retried.reply).toMatchObject({ statusCode: 201, body: opened.body });
    expect(await paymentIntentsOf(orderIdIn(opened))).toHaveLength(1);
    expect(await probe.ordersOf(userId)).toHaveLength(1);
  });
});
