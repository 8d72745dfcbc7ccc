import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2eSystem, bearerFor, startE2eSystem, topicRecorder } from './e2e-system';
import { TRUSTING_LOCAL_PROXY, call, newUser, orderFixtures, refund } from './gateway-http.fixture';

describe('admin refunds and the return from the provider, against the running system', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;
  let admin: string;
  const { statusInReadModel, pendingOrder, paidOrder } = orderFixtures(() => e2e);

  beforeAll(async () => {
    e2e = await startE2eSystem(TRUSTING_LOCAL_PROXY);
    recorder = await topicRecorder([Topics.ordersCommands, Topics.checkoutCommands]);
    admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  describe('POST /api/orders/:id/refunds', () => {
    it("answers 403 AUTH.FORBIDDEN to a non-admin asking to refund any order, their own or another user's", async () => {
      const { userId, orderId } = await pendingOrder();
      for (const token of [await bearerFor(userId), await bearerFor(newUser())]) {
        const answer = await refund(token, orderId, randomUUID());
        expect(answer.status).toBe(403);
        expect(answer.body.error?.code).toBe('AUTH.FORBIDDEN');
      }
    });

    it('answers 404 for an unknown order, 409 ORDER.NOT_REFUNDABLE for an unpaid one, and 400 for a bad key, amount or property', async () => {
      expect((await refund(admin, randomUUID(), randomUUID())).body.error?.code).toBe('ORDER.NOT_FOUND');
      const { orderId } = await pendingOrder();
      const unpaid = await refund(admin, orderId, randomUUID());
      expect(unpaid.status).toBe(409);
      expect(unpaid.body.error?.code).toBe('ORDER.NOT_REFUNDABLE');
      expect((await refund(admin, orderId, undefined)).body.error?.code).toBe('IDEMPOTENCY.KEY_MISSING');
      expect((await refund(admin, 'not-a-uuid', randomUUID())).status).toBe(400);
      for (const body of [{ amountMinor: 0 }, { amountMinor: -5 }, { amountMinor: 1.5 }, { amountMinor: '5' }, { amount: 5 }]) {
        const answer = await refund(admin, orderId, randomUUID(), body);
        expect(answer.status).toBe(400);
        expect(answer.body.error?.code).toBe('REQUEST.INVALID');
      }
    });

    it('answers 422 REFUND.EXCEEDS_REMAINDER past what was paid, then accepts a refund once, replays it byte for byte and puts one command on orders.commands', async () => {
      const order = await paidOrder();
      const tooMuch = await refund(admin, order.orderId, randomUUID(), { amountMinor: order.amountMinor + 1 });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.error?.code).toBe('REFUND.EXCEEDS_REMAINDER');

      const key = randomUUID();
      const requestId = `req-${randomUUID()}`;
      const accepted = await refund(admin, order.orderId, key, { amountMinor: 500, reason: 'asked within 14 days' }, { 'x-request-id': requestId });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toEqual({ refundId: expect.any(String), orderId: order.orderId, amountMinor: 500, status: 'requested' });
      const replay = await refund(admin, order.orderId, key, { reason: 'asked within 14 days', amountMinor: 500 });
      expect(replay.status).toBe(202);
      expect(replay.text).toBe(accepted.text);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const reused = await refund(admin, order.orderId, key, { amountMinor: 600 });
      expect(reused.status).toBe(422);
      expect(reused.body.error?.code).toBe('IDEMPOTENCY.KEY_REUSED');

      await eventually(async () => (recorder.on(Topics.ordersCommands).some((m) => m.key === order.orderId) ? true : undefined), 30_000, 'RefundRequested');
      await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 30_000, 'the recorder caught up');
      const commands = recorder.on(Topics.ordersCommands).filter((message) => message.key === order.orderId);
      expect(commands).toHaveLength(1);
      expect(commands[0]).toMatchObject({
        type: 'RefundRequested', correlationId: requestId,
        payload: { orderId: order.orderId, refundId: accepted.body.refundId, amountMinor: 500, reason: 'asked within 14 days', requestedBy: expect.stringMatching(/^admin-/) },
      });
      const { rows } = await e2e.db.query(`SELECT headers FROM gateway.outbox WHERE id = $1`, [commands[0].id]);
      expect(rows[0].headers['correlation-id']).toBe(requestId);
    });

    it('requests the whole remainder when the request has no body at all', async () => {
      const order = await paidOrder();
      const accepted = await call('POST', `/api/orders/${order.orderId}/refunds`, { token: admin, key: randomUUID() });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toMatchObject({ orderId: order.orderId, amountMinor: null, status: 'requested' });
    });

    it('lets one of several simultaneous requests with one key through; the others replay its answer or are told it is in flight', async () => {
      const order = await paidOrder();
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: 6 }, () => refund(admin, order.orderId, key, { amountMinor: 100 })));
      const accepted = answers.filter((answer) => answer.status === 202);
      expect(new Set(accepted.map((answer) => answer.text)).size).toBe(1);
      for (const answer of answers.filter((candidate) => candidate.status !== 202)) {
        expect(answer).toMatchObject({ status: 409, body: { error: { code: 'IDEMPOTENCY.IN_FLIGHT' } } });
      }
      await eventually(async () => (recorder.on(Topics.ordersCommands).some((m) => m.key === order.orderId) ? true : undefined), 30_000, 'RefundRequested');
      await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 30_000, 'the recorder caught up');
      expect(recorder.on(Topics.ordersCommands).filter((message) => message.key === order.orderId)).toHaveLength(1);
    });
  });

  describe('GET /success', () => {
    it('answers 400 for a missing or malformed order_id and 404 for an unknown order', async () => {
      expect((await call('GET', '/success')).body.error?.code).toBe('REQUEST.INVALID');
      expect((await call('GET', '/success?order_id=nope')).status).toBe(400);
      expect((await call('GET', `/success?order_id=${randomUUID()}`)).body.error?.code).toBe('ORDER.NOT_FOUND');
    });

    it('asks checkout once for a status check of a pending order, shows only its status, and leaves it pending', async () => {
      const { userId, orderId } = await pendingOrder();
      const page = await call('GET', `/success?order_id=${orderId}`);
      expect(page.status).toBe(200);
      expect(page.body).toEqual({ orderId, status: 'pending', statusCheckRequested: true });
      const html = await call('GET', `/success?order_id=${orderId}`, { headers: { accept: 'text/html' } });
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
      expect(html.text).toContain('data-status="pending"');

      const checks = () => recorder.on(Topics.checkoutCommands).filter((m) => m.type === 'PaymentStatusCheckRequested' && (m.payload as { orderId: string }).orderId === orderId);
      await eventually(async () => (checks().length > 0 ? true : undefined), 30_000, 'PaymentStatusCheckRequested');
      await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 30_000, 'the recorder caught up');
      expect(checks()).toHaveLength(1);
      expect(checks()[0]).toMatchObject({ key: userId, payload: { orderId, userId, trigger: 'success-redirect' } });
      expect(await statusInReadModel(orderId)).toBe('pending');
    });
  });

});
