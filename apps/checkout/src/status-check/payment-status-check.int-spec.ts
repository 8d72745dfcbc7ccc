import { randomUUID } from 'node:crypto';
import { Envelope, Topics, deadLetterTopic } from '@payments/contracts';
import { eventually, uniqueName } from '@payments/testing';
import { CheckoutBody, checkoutRequested, paymentStatusCheckRequested } from '../checkout-messages.fixture';
import { CheckoutHarness } from '../checkout-replica.fixture';

process.env.LOG_LEVEL ??= 'error';
const SANDBOX_PORT = 19520;
/** Nothing listens here: Stripe calls fail to connect, a provider outage. */
const UNREACHABLE_STRIPE = 'http://127.0.0.1:19599';

interface Opened { orderId: string; amountMinor: number; payment: { providerReference: string } }

describe('server-side payment status checks, through Kafka and the sandbox', () => {
  const run = uniqueName('status');
  const group = `checkout_${run}`;
  const replyTo = `test-${run}`;
  /** Users whose status checks go to the replica that cannot reach Stripe, or that Stripe refuses. */
  const unreachable = new Set<string>();
  const refused = new Set<string>();
  const userOf = (name: string) => `user-${run}-${name}-${randomUUID().slice(0, 8)}`;
  const ours = (userId: string) => userId.startsWith(`user-${run}-`) && !unreachable.has(userId) && !refused.has(userId);
  let harness: CheckoutHarness;
  let sandbox: CheckoutHarness['sandbox'];
  let kafka: CheckoutHarness['kafka'];
  let tail: CheckoutHarness['tail'];
  let probe: CheckoutHarness['probe'];

  const startReplica = (consumerGroupId: string, ownsUser: (userId: string) => boolean, overrides: NodeJS.ProcessEnv = {}) =>
    harness.startReplica({ consumerGroupId, ownsUser, overrides });

  beforeAll(async () => {
    const topics = [Topics.checkoutCommands, Topics.checkoutReplies, Topics.providerEvents];
    harness = await CheckoutHarness.start({ name: 'checkout_status', sandboxPort: SANDBOX_PORT, topics, tailed: [...topics, deadLetterTopic(Topics.checkoutCommands)] });
    ({ sandbox, kafka, tail, probe } = harness);
    await startReplica(group, ours);
    await startReplica(`${group}_unreachable`, (userId) => unreachable.has(userId), { STRIPE_API_URL: UNREACHABLE_STRIPE });
    await startReplica(`${group}_refused`, (userId) => refused.has(userId), { STRIPE_SECRET_KEY: 'sk_test_not_the_sandbox_key' });
  });

  afterAll(() => harness?.close());

  const open = async (userId: string, body: CheckoutBody = { productId: 'course-typescript-101', currency: 'USD' }): Promise<Opened> => {
    const reply = await harness.ask(checkoutRequested(userId, randomUUID(), body, replyTo));
    expect(reply.statusCode).toBe(201);
    return JSON.parse(reply.body) as Opened;
  };

  /** Publishes a status check and waits until `consumerGroup` has applied it. */
  const check = async (userId: string, orderId: string, consumerGroup = group): Promise<Envelope> => {
    const request = paymentStatusCheckRequested(userId, orderId);
    await kafka.publish(Topics.checkoutCommands, [request]);
    await eventually(async () => ((await probe.applied(request.id, consumerGroup)) ? true : undefined), 30_000, 'the status check applied');
    return request;
  };

  const sandboxAction = (path: string, body: unknown = {}) =>
    fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const reportsOf = (orderId: string) => probe.outboxFor(orderId, 'PaymentSucceeded');

  it('reports a paid PaymentIntent as PaymentSucceeded once, however often it is checked', async () => {
    const userId = userOf('paid');
    const opened = await open(userId);
    const paymentId = opened.payment.providerReference;
    expect((await sandboxAction(`stripe/payment_intents/${paymentId}/pay`)).status).toBe(200);
    await check(userId, opened.orderId);
    await check(userId, opened.orderId);

    const reports = await reportsOf(opened.orderId);
    expect(reports).toHaveLength(1);
    const published = await eventually(async () => tail.on(Topics.providerEvents).find((envelope) => envelope.id === reports[0].id), 30_000, 'PaymentSucceeded on Kafka');
    expect(published).toMatchObject({
      type: 'PaymentSucceeded',
      key: opened.orderId,
      payload: { orderId: opened.orderId, provider: 'stripe', providerEventId: `status-check:${paymentId}`, providerPaymentId: paymentId, amountMinor: 1900, currency: 'USD' },
    });
  });

  it('reports a Cashfree order paid by UPI, naming the payment as Cashfree\'s webhook does', async () => {
    const userId = userOf('cashfree');
    const opened = await open(userId, { productId: 'course-typescript-101', currency: 'INR' });
    expect((await sandboxAction(`cashfree/orders/${opened.orderId}/pay`, { paymentMethod: 'upi' })).status).toBe(200);
    await check(userId, opened.orderId);

    const [report] = await reportsOf(opened.orderId);
    expect(report.payload.payload).toMatchObject({ provider: 'cashfree', amountMinor: opened.amountMinor, currency: 'INR' });
    expect(report.payload.payload.providerPaymentId).toMatch(/^\d+$/);
    expect(report.payload.payload.providerEventId).toBe(`status-check:${report.payload.payload.providerPaymentId}`);
  });

  it('publishes nothing for a PaymentIntent that is not paid, or was declined', async () => {
    const userId = userOf('unpaid');
    const waiting = await open(userId);
    const declined = await open(userId);
    await sandboxAction(`stripe/payment_intents/${declined.payment.providerReference}/decline`);
    await check(userId, waiting.orderId);
    await check(userId, declined.orderId);

    expect(await reportsOf(waiting.orderId)).toEqual([]);
    expect(await reportsOf(declined.orderId)).toEqual([]);
  });

  it('ignores a check of an unknown order, or of another user\'s order, without retrying or dead-lettering it', async () => {
    const owner = userOf('owner');
    const opened = await open(owner);
    await sandboxAction(`stripe/payment_intents/${opened.payment.providerReference}/pay`);
    const unknown = await check(owner, randomUUID());
    const foreign = await check(userOf('stranger'), opened.orderId);

    expect(await reportsOf(opened.orderId)).toEqual([]);
    const deadLettered = tail.on(deadLetterTopic(Topics.checkoutCommands)).map((envelope) => envelope.id);
    expect(deadLettered).not.toContain(unknown.id);
    expect(deadLettered).not.toContain(foreign.id);
  });

  it('logs and drops a check the provider refuses for good', async () => {
    const userId = userOf('refused');
    const opened = await open(userId);
    refused.add(userId);
    await check(userId, opened.orderId, `${group}_refused`);
    expect(await reportsOf(opened.orderId)).toEqual([]);
  });

  it('retries a check while the provider is unreachable, then dead-letters it', async () => {
    const userId = userOf('outage');
    const opened = await open(userId);
    unreachable.add(userId);
    const request = paymentStatusCheckRequested(userId, opened.orderId);
    await kafka.publish(Topics.checkoutCommands, [request]);

    const deadLetter = await eventually(async () => tail.messages(deadLetterTopic(Topics.checkoutCommands))
      .find((message) => message.envelope.id === request.id), 60_000, 'the check dead-lettered after its retries');
    expect(deadLetter.headers).toMatchObject({ 'dlq-error-code': 'PROVIDER.UNAVAILABLE', 'dlq-consumer-group': `${group}_unreachable` });
    expect(await probe.applied(request.id, `${group}_unreachable`)).toBe(false);
    expect(await reportsOf(opened.orderId)).toEqual([]);
  });
});
