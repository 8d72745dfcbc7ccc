import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2eSystem, bearerFor, sandboxControl, startE2eSystem, topicRecorder } from './e2e-system';
import { TRUSTING_LOCAL_PROXY, call, newUser, orderFixtures } from './gateway-http.fixture';

describe('admin dispute actions through the gateway, against the running system', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;
  let admin: string;
  const { paidOrder } = orderFixtures(() => e2e);

  beforeAll(async () => {
    e2e = await startE2eSystem(TRUSTING_LOCAL_PROXY);
    recorder = await topicRecorder([Topics.checkoutCommands, Topics.checkoutEvents]);
    admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  const act = (token: string, orderId: string, disputeId: string, action: 'accept' | 'evidence', key: string | undefined, body?: unknown) =>
    call('POST', `/api/admin/orders/${orderId}/disputes/${disputeId}/${action}`, { token, key, body });
  const disputeStatus = async (orderId: string) =>
    (await e2e.db.query(`SELECT dispute_status FROM order_ledger.order_summaries WHERE order_id = $1`, [orderId])).rows[0]?.dispute_status as string | null | undefined;

  /** A paid order whose payment the customer's bank disputes at the sandbox, once order-ledger holds the dispute. */
  async function disputedOrder() {
    const order = await paidOrder();
    const disputeId = (await sandboxControl<{ dispute: { id: string } }>(`/_sandbox/stripe/payment_intents/${order.paymentIntent}/dispute`)).dispute.id;
    await eventually(async () => ((await disputeStatus(order.orderId)) === 'opened' ? true : undefined), 30_000, 'the dispute on the order');
    return { ...order, disputeId };
  }

  it('answers 403 to a non-admin, 404 for an unknown order or dispute, and 400 for a bad key, id or body', async () => {
    const order = await paidOrder();
    const forbidden = await act(await bearerFor(newUser()), order.orderId, 'du_1', 'accept', randomUUID());
    expect([forbidden.status, forbidden.body.error?.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const unknownOrder = await act(admin, randomUUID(), 'du_1', 'accept', randomUUID());
    expect([unknownOrder.status, unknownOrder.body.error?.code]).toEqual([404, 'ORDER.NOT_FOUND']);
    const unknownDispute = await act(admin, order.orderId, 'du_none', 'evidence', randomUUID(), { explanation: 'delivered' });
    expect([unknownDispute.status, unknownDispute.body.error?.code]).toEqual([404, 'DISPUTE.NOT_FOUND']);

    expect((await act(admin, order.orderId, 'du_1', 'accept', undefined)).body.error?.code).toBe('IDEMPOTENCY.KEY_MISSING');
    expect((await act(admin, 'not-a-uuid', 'du_1', 'accept', randomUUID())).status).toBe(400);
    expect((await act(admin, order.orderId, 'du%20one', 'accept', randomUUID())).body.error?.code).toBe('REQUEST.INVALID');
    for (const body of [{}, { explanation: '' }, { explanation: '   ' }, { explanation: 5 }, { explanation: 'x'.repeat(5001) }, { explanation: 'ok', extra: 1 }]) {
      const answer = await act(admin, order.orderId, 'du_1', 'evidence', randomUUID(), body);
      expect([answer.status, answer.body.error?.code]).toEqual([400, 'REQUEST.INVALID']);
    }
    const acceptWithBody = await act(admin, order.orderId, 'du_1', 'accept', randomUUID(), { explanation: 'no' });
    expect([acceptWithBody.status, acceptWithBody.body.error?.code]).toEqual([400, 'REQUEST.INVALID']);
  });

  it('takes evidence for an open dispute once, carries it to the provider and onto the order, and answers 409 DISPUTE.CLOSED once the dispute is lost', async () => {
    const { orderId, disputeId, userId } = await disputedOrder();
    const key = randomUUID();
    const body = { explanation: 'The customer watched every lesson; write to asha@example.com for the logs' };
    const accepted = await act(admin, orderId, disputeId, 'evidence', key, body);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ requestId: expect.any(String), orderId, disputeId, action: 'submit-evidence', status: 'requested' });
    const replay = await act(admin, orderId, disputeId, 'evidence', key, body);
    expect([replay.status, replay.text, replay.headers.get('idempotent-replayed')]).toEqual([202, accepted.text, 'true']);
    const reused = await act(admin, orderId, disputeId, 'accept', key);
    expect([reused.status, reused.body.error?.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);

    const requestId = accepted.body.requestId as string;
    await eventually(async () => (recorder.on(Topics.checkoutEvents).some((m) => (m.payload as { requestId?: string }).requestId === requestId) ? true : undefined), 30_000, 'DisputeActionCompleted');
    await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 60_000, 'the recorder caught up');
    const requested = recorder.on(Topics.checkoutCommands).filter((m) => m.type === 'DisputeActionRequested' && m.key === orderId);
    expect(requested).toHaveLength(1);
    expect(requested[0].payload).toMatchObject({ requestId, orderId, provider: 'stripe', disputeId, action: 'submit-evidence', requestedBy: expect.stringMatching(/^admin-/) });
    // Free text travels with personal data redacted.
    expect(JSON.stringify(requested[0].payload)).not.toContain('asha@example.com');
    await eventually(async () => {
      const { rows } = await e2e.db.query(`SELECT data FROM order_ledger.events WHERE stream_id = $1 AND type = 'DisputeActionRecorded'`, [`order-${orderId}`]);
      return rows.length === 1 && rows[0].data.requestId === requestId ? true : undefined;
    }, 30_000, 'the action recorded on the order');
    const { rows: audit } = await e2e.db.query(`SELECT action, subject, status_code FROM gateway.admin_actions WHERE idempotency_key = $1`, [key]);
    expect(audit).toEqual([{ action: 'dispute.submit-evidence', subject: `order:${orderId}`, status_code: 202 }]);

    const completed = recorder.on(Topics.checkoutEvents).find((m) => (m.payload as { requestId?: string }).requestId === requestId);
    expect(completed?.payload).toMatchObject({ outcome: 'done', status: 'under_review' });

    await sandboxControl(`/_sandbox/stripe/disputes/${disputeId}/resolve`, { outcome: 'lost' });
    await eventually(async () => ((await disputeStatus(orderId)) === 'lost' ? true : undefined), 30_000, 'the dispute lost');
    // The default policy: suspended while open, revoked once lost.
    await eventually(async () => {
      const { rows } = await e2e.db.query(`SELECT status, status_reason FROM gateway.entitlements WHERE order_id = $1 AND user_id = $2`, [orderId, userId]);
      return rows[0]?.status === 'revoked' ? rows[0] : undefined;
    }, 30_000, 'access revoked').then((row) => expect(row).toEqual({ status: 'revoked', status_reason: 'dispute-lost' }));
    const closed = await act(admin, orderId, disputeId, 'accept', randomUUID());
    expect([closed.status, closed.body.error?.code]).toEqual([409, 'DISPUTE.CLOSED']);
  });
});
