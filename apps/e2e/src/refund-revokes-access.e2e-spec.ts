import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2eSystem, TopicRecorder, bearerFor, messagesAbout, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';
import { COURSE, TRUSTING_LOCAL_PROXY, orderFixtures, refund } from './gateway-http.fixture';

describe('a one-time order refunded in full loses its access, end to end: gateway -> order-ledger -> checkout -> provider -> entitlements -> LMS', () => {
  let e2e: E2eSystem;
  let recorder: TopicRecorder;
  let admin: string;
  const { statusInReadModel, paidOrder } = orderFixtures(() => e2e);

  beforeAll(async () => {
    e2e = await startE2eSystem(TRUSTING_LOCAL_PROXY);
    recorder = await topicRecorder([Topics.ordersEvents, Topics.entitlementGranted, Topics.entitlementRevoked]);
    admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  const reaches = (orderId: string, status: string) =>
    eventually(async () => ((await statusInReadModel(orderId)) === status ? true : undefined), 60_000, `order ${orderId} ${status}`);
  const refunded = (orderId: string) => messagesAbout(recorder, Topics.ordersEvents, orderId).filter((m) => m.type === 'OrderRefunded').length;
  const accessOf = async (orderId: string) =>
    (await e2e.db.query<{ status: string }>(`SELECT status FROM entitlements.entitlements WHERE order_id = $1`, [orderId])).rows.map((row) => row.status);

  it('a full refund puts exactly one EntitlementRevoked for the order on entitlement-revoked, for the entitlement it granted', async () => {
    const order = await paidOrder();
    expect((await refund(admin, order.orderId, randomUUID())).status).toBe(202);
    await reaches(order.orderId, 'refunded');
    await waitUntilSettled(e2e, recorder, async () => refunded(order.orderId) === 1);

    const [granted] = messagesAbout(recorder, Topics.entitlementGranted, order.orderId);
    expect(granted).toMatchObject({ key: order.userId, payload: { productId: COURSE.productId, kind: 'course' } });
    const revoked = messagesAbout(recorder, Topics.entitlementRevoked, order.orderId);
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({
      type: 'EntitlementRevoked', key: order.userId,
      payload: { entitlementId: (granted.payload as { entitlementId: string }).entitlementId, userId: order.userId, productId: COURSE.productId, orderId: order.orderId, reason: 'order-refunded' },
    });
    expect(await accessOf(order.orderId)).toEqual(['revoked']);
  });

  it('a partial refund revokes nothing; refunding the rest then revokes once', async () => {
    const order = await paidOrder();
    expect((await refund(admin, order.orderId, randomUUID(), { amountMinor: 500 })).status).toBe(202);
    await reaches(order.orderId, 'partially_refunded');
    await waitUntilSettled(e2e, recorder, async () => refunded(order.orderId) === 1);
    expect(messagesAbout(recorder, Topics.entitlementGranted, order.orderId)).toHaveLength(1);
    expect(messagesAbout(recorder, Topics.entitlementRevoked, order.orderId)).toEqual([]);
    expect(await accessOf(order.orderId)).toEqual(['active']);

    expect((await refund(admin, order.orderId, randomUUID())).status).toBe(202);
    await reaches(order.orderId, 'refunded');
    await waitUntilSettled(e2e, recorder, async () => refunded(order.orderId) === 2);
    expect(messagesAbout(recorder, Topics.entitlementRevoked, order.orderId).map((m) => (m.payload as { reason: string }).reason)).toEqual(['order-refunded']);
  });
});
