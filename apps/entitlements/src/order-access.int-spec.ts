import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { COURSE, EntitlementsUnderTest, orderPaid, orderRefunded, startEntitlements } from './entitlements-app.fixture';

const types = (messages: { type: string }[]) => messages.map((m) => m.type);

describe('one-time orders: access granted on payment, revoked on a full refund (the default policy)', () => {
  let service: EntitlementsUnderTest;

  beforeAll(async () => {
    service = await startEntitlements();
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('grants each product of a paid order once, however often the payment is told', async () => {
    const orderId = randomUUID();
    const userId = `user-${randomUUID()}`;
    const paid = orderPaid(orderId, userId, [COURSE, 'plan-pro-yearly']);
    await service.deliver(Topics.ordersEvents, [paid, paid, orderPaid(orderId, userId, [COURSE, 'plan-pro-yearly'])]);

    const published = await service.published(orderId);
    expect(published.map((m) => [m.type, m.key, (m.payload as { productId: string }).productId])).toEqual([
      ['EntitlementGranted', userId, COURSE], ['EntitlementGranted', userId, 'plan-pro-yearly'],
    ]);
    expect(published[0].payload).not.toHaveProperty('validUntil');
    expect(published[0].payload).not.toHaveProperty('subscriptionId');
    const rows = await service.entitlements(orderId);
    expect(rows.map((row) => [row.status, row.valid_until, row.sequence])).toEqual([['active', null, 1], ['active', null, 1]]);
    expect(await service.changes(rows[0].entitlement_id)).toEqual([[1, 'granted', 'order-paid']]);
  });

  it('a partial refund keeps access; the refund of the rest revokes it, once, with reason order-refunded', async () => {
    const orderId = randomUUID();
    const userId = `user-${randomUUID()}`;
    await service.deliver(Topics.ordersEvents, [orderPaid(orderId, userId)]);
    await service.deliver(Topics.ordersEvents, [orderRefunded(orderId, userId, 500, 500)]);
    expect(types(await service.published(orderId))).toEqual(['EntitlementGranted']);
    expect((await service.entitlements(orderId))[0].status).toBe('active');

    const rest = orderRefunded(orderId, userId, 1400, 1900);
    await service.deliver(Topics.ordersEvents, [rest, rest]);
    const published = await service.published(orderId);
    expect(types(published)).toEqual(['EntitlementGranted', 'EntitlementRevoked']);
    const granted = published[0].payload as { entitlementId: string };
    expect(published[1]).toMatchObject({
      key: userId, causationId: rest.id,
      payload: { entitlementId: granted.entitlementId, userId, productId: COURSE, kind: 'course', orderId, reason: 'order-refunded' },
    });
    const [row] = await service.entitlements(orderId);
    expect([row.status, row.sequence]).toEqual(['revoked', 2]);
    expect(await service.changes(row.entitlement_id)).toEqual([[1, 'granted', 'order-paid'], [2, 'revoked', 'order-refunded']]);
  });

  it('keeps the change log append-only', async () => {
    const orderId = randomUUID();
    await service.deliver(Topics.ordersEvents, [orderPaid(orderId, `user-${randomUUID()}`)]);
    const [row] = await service.entitlements(orderId);
    await expect(service.db.query(`UPDATE entitlements.entitlement_changes SET reason = 'x' WHERE entitlement_id = $1`, [row.entitlement_id])).rejects.toThrow(/append-only/);
    await expect(service.db.query(`DELETE FROM entitlements.entitlement_changes WHERE entitlement_id = $1`, [row.entitlement_id])).rejects.toThrow(/append-only/);
  });
});

describe('one-time orders with ENTITLEMENTS_REVOKE_ON_FULL_REFUND=false', () => {
  let service: EntitlementsUnderTest;

  beforeAll(async () => {
    service = await startEntitlements({ ENTITLEMENTS_REVOKE_ON_FULL_REFUND: 'false' });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('a full refund keeps access and publishes nothing', async () => {
    const orderId = randomUUID();
    const userId = `user-${randomUUID()}`;
    await service.deliver(Topics.ordersEvents, [orderPaid(orderId, userId)]);
    await service.deliver(Topics.ordersEvents, [orderRefunded(orderId, userId, 1900, 1900)]);
    expect(types(await service.published(orderId))).toEqual(['EntitlementGranted']);
    const [row] = await service.entitlements(orderId);
    expect([row.status, row.sequence]).toEqual(['active', 1]);
  });
});
