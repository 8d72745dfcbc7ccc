import { randomUUID } from 'node:crypto';
import { DisputeActionCompletedV1, DisputeActionRequestedV1, Topics } from '@payments/contracts';
import { DATABASE } from '@payments/nest-runtime';
import { Database } from '@payments/persistence';
import { uniqueName } from '@payments/testing';
import { INestApplication } from '@nestjs/common';
import { CheckoutBody, checkoutRequested } from '../checkout-messages.fixture';
import { CheckoutHarness } from '../checkout-replica.fixture';
import { nameBasedUuid } from '../domain/order-identity';
import { DisputeActionService } from './dispute-action.service';

process.env.LOG_LEVEL ??= 'error';
const SANDBOX_PORT = 19541;

interface Opened { orderId: string; payment: { providerReference: string } }

describe("checkout carries out admins' dispute actions with the real adapters, against the sandbox", () => {
  const run = uniqueName('disputes');
  const userId = `user-${run}`;
  const replyTo = `test-${run}`;
  let harness: CheckoutHarness;
  let replica: INestApplication;

  beforeAll(async () => {
    const topics = [Topics.checkoutCommands, Topics.checkoutReplies, Topics.checkoutEvents, Topics.providerEvents];
    harness = await CheckoutHarness.start({ name: 'checkout_disputes', sandboxPort: SANDBOX_PORT, topics, tailed: [Topics.checkoutReplies] });
    replica = await harness.startReplica({ consumerGroupId: `checkout_${run}`, ownsUser: (user) => user === userId });
  });

  afterAll(() => harness?.close());

  const sandbox = async <T>(path: string, body: unknown = {}): Promise<T> => {
    const response = await fetch(`${harness.sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 200) throw new Error(`the sandbox answered ${response.status} to ${path}: ${await response.text()}`);
    return (await response.json()) as T;
  };

  /** An order paid at the sandbox and disputed by the customer's bank there. */
  async function disputedOrder(body: CheckoutBody): Promise<{ orderId: string; disputeId: string }> {
    const reply = await harness.ask(checkoutRequested(userId, randomUUID(), body, replyTo));
    expect(reply.statusCode).toBe(201);
    const opened = JSON.parse(reply.body) as Opened;
    if (body.currency === 'INR') {
      await sandbox(`/_sandbox/cashfree/orders/${opened.orderId}/pay`, { paymentMethod: 'upi' });
      const disputed = await sandbox<{ dispute: { dispute_id: string | number } }>(`/_sandbox/cashfree/orders/${opened.orderId}/dispute`, { type: 'CHARGEBACK' });
      return { orderId: opened.orderId, disputeId: String(disputed.dispute.dispute_id) };
    }
    await sandbox(`/_sandbox/stripe/payment_intents/${opened.payment.providerReference}/pay`);
    const disputed = await sandbox<{ dispute: { id: string } }>(`/_sandbox/stripe/payment_intents/${opened.payment.providerReference}/dispute`);
    return { orderId: opened.orderId, disputeId: disputed.dispute.id };
  }

  const request = (order: { orderId: string; disputeId: string }, provider: 'stripe' | 'cashfree', fields: Partial<DisputeActionRequestedV1> = {}): DisputeActionRequestedV1 => ({
    requestId: randomUUID(), orderId: order.orderId, provider, disputeId: order.disputeId, action: 'accept',
    requestedBy: 'admin-1', requestedAt: new Date().toISOString(), ...fields,
  });

  /** Runs the action as the consumer does, in one transaction; what checkout enqueued on checkout.events for it. */
  async function act(action: DisputeActionRequestedV1): Promise<DisputeActionCompletedV1[]> {
    const db = replica.get<Database>(DATABASE);
    await db.transaction((sql) => replica.get(DisputeActionService).act(sql, action, { correlationId: `test-${action.requestId}` }));
    const rows = await db.query<{ id: string; payload: { payload: DisputeActionCompletedV1 } }>(
      `SELECT id, payload FROM checkout.outbox WHERE topic = $1 AND payload->'payload'->>'requestId' = $2`, [Topics.checkoutEvents, action.requestId],
    );
    expect(rows.every((row) => row.id === nameBasedUuid('dispute-action', action.requestId))).toBe(true);
    return rows.map((row) => row.payload.payload);
  }

  it('accepts a Stripe dispute: done, the dispute lost at the provider; asked again, the same single outcome', async () => {
    const order = await disputedOrder({ productId: 'course-typescript-101', currency: 'USD' });
    const accept = request(order, 'stripe');
    const [completed] = await act(accept);
    expect(completed).toEqual({
      requestId: accept.requestId, orderId: order.orderId, provider: 'stripe', disputeId: order.disputeId, action: 'accept', outcome: 'done', status: 'lost',
      completedAt: expect.any(String),
    });
    expect(await act(accept)).toHaveLength(1);
  });

  it('submits evidence on a Stripe dispute, then refuses (with the provider code) accepting it once it is under review', async () => {
    const order = await disputedOrder({ productId: 'course-typescript-101', currency: 'USD' });
    const [evidence] = await act(request(order, 'stripe', { action: 'submit-evidence', explanation: 'The course was delivered and watched.' }));
    expect(evidence).toMatchObject({ outcome: 'done', status: 'under_review' });
    const [accept] = await act(request(order, 'stripe'));
    expect(accept).toMatchObject({ outcome: 'refused', errorCode: expect.stringMatching(/^[A-Za-z_.]+$/) });
    expect(accept).not.toHaveProperty('status');
  });

  it('submits evidence on a Cashfree chargeback and reports the status Cashfree answers', async () => {
    const order = await disputedOrder({ productId: 'course-typescript-101', currency: 'INR' });
    const [evidence] = await act(request(order, 'cashfree', { action: 'submit-evidence', explanation: 'Delivered: the learner finished every lesson.' }));
    expect(evidence).toMatchObject({ provider: 'cashfree', outcome: 'done', status: expect.stringMatching(/^CHARGEBACK_/) });
  });

  it('reports a refusal, not a retry, for a dispute the provider does not know', async () => {
    const [refused] = await act(request({ orderId: randomUUID(), disputeId: 'du_unknown' }, 'stripe'));
    expect(refused).toMatchObject({ outcome: 'refused', errorCode: expect.any(String) });
  });
});
