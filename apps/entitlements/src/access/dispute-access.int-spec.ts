import { randomUUID } from 'node:crypto';
import { Envelope, EntitlementAccess, EntitlementAccessMessage, OrderDisputeChanged, Topics, applyEntitlementMessage, buildMessage, hasAccess } from '@payments/contracts';
import { EntitlementsUnderTest, orderPaid, startEntitlements } from '../entitlements-app.fixture';

const changed = (orderId: string, userId: string, disputeId: string, stage: 'opened' | 'won' | 'lost'): Envelope => buildMessage(OrderDisputeChanged, {
  key: orderId, origin: { correlationId: 'dispute-access-test' }, occurredAt: new Date(),
  payload: { orderId, userId, disputeId, provider: 'stripe', stage, amountMinor: 1900, currency: 'USD', feeMinor: 1500, changedAt: new Date().toISOString() },
});
const summary = (messages: Envelope[]) => messages.map((m) => {
  const payload = m.payload as { status?: string; reason?: string; sequence?: number };
  return [m.type, payload.status ?? null, payload.reason ?? null];
});
/** What an LMS consumer ends up with after applying them all. */
const accessAfter = (messages: Envelope[]) =>
  (messages as EntitlementAccessMessage[]).reduce<EntitlementAccess | undefined>((access, message) => applyEntitlementMessage(access, message), undefined);

describe.each([
  ['suspend-while-open'], ['revoke-when-lost'],
])('a dispute against a one-time order, ENTITLEMENTS_DISPUTE_POLICY=%s, through the topics', (policy) => {
  let service: EntitlementsUnderTest;

  beforeAll(async () => {
    service = await startEntitlements({ ENTITLEMENTS_DISPUTE_POLICY: policy });
  });

  afterAll(async () => {
    await service?.stop();
  });

  const paidOrder = async () => {
    const order = { orderId: randomUUID(), userId: `user-${randomUUID()}`, disputeId: `du_${randomUUID()}` };
    await service.deliver(Topics.ordersEvents, [orderPaid(order.orderId, order.userId)]);
    return order;
  };

  it('a dispute opened (told twice) and won leaves access in place, telling the LMS what the policy says', async () => {
    const { orderId, userId, disputeId } = await paidOrder();
    const opened = changed(orderId, userId, disputeId, 'opened');
    await service.deliver(Topics.ordersEvents, [opened, { ...opened, id: randomUUID() }, changed(orderId, userId, disputeId, 'won')]);

    const published = await service.published(orderId);
    const expected = policy === 'suspend-while-open'
      ? [['EntitlementGranted', null, null], ['EntitlementValidityChanged', 'suspended', 'dispute-opened'], ['EntitlementValidityChanged', 'active', 'dispute-won']]
      : [['EntitlementGranted', null, null]];
    expect(summary(published)).toEqual(expected);
    if (policy === 'suspend-while-open') {
      expect(published[1].payload).toEqual({
        entitlementId: (published[0].payload as { entitlementId: string }).entitlementId, userId, productId: 'course-typescript-101', kind: 'course', orderId,
        status: 'suspended', reason: 'dispute-opened', sequence: 2, changedAt: expect.any(String),
      });
    }
    expect(hasAccess(accessAfter(published), new Date())).toBe(true);
    expect((await service.entitlements(orderId))[0]).toMatchObject({ status: 'active', sequence: policy === 'suspend-while-open' ? 3 : 1 });
  });

  it('a dispute lost revokes access with reason dispute-lost, once; a win told after it changes nothing', async () => {
    const { orderId, userId, disputeId } = await paidOrder();
    const lost = changed(orderId, userId, disputeId, 'lost');
    await service.deliver(Topics.ordersEvents, [changed(orderId, userId, disputeId, 'opened'), lost, { ...lost, id: randomUUID() }, changed(orderId, userId, disputeId, 'won')]);

    const published = await service.published(orderId);
    expect(summary(published)).toEqual([
      ['EntitlementGranted', null, null],
      ...(policy === 'suspend-while-open' ? [['EntitlementValidityChanged', 'suspended', 'dispute-opened']] : []),
      ['EntitlementRevoked', null, 'dispute-lost'],
    ]);
    expect(hasAccess(accessAfter(published), new Date())).toBe(false);
    const [row] = await service.entitlements(orderId);
    expect(row.status).toBe('revoked');
    expect((await service.changes(row.entitlement_id)).map(([, change, reason]) => [change, reason]).at(-1)).toEqual(['revoked', 'dispute-lost']);
  });

  it('with two disputes open on one order, access comes back only once both are won', async () => {
    const { orderId, userId, disputeId } = await paidOrder();
    const second = `${disputeId}_2`;
    await service.deliver(Topics.ordersEvents, [
      changed(orderId, userId, disputeId, 'opened'), changed(orderId, userId, second, 'opened'), changed(orderId, userId, disputeId, 'won'),
    ]);
    expect((await service.entitlements(orderId))[0].status).toBe(policy === 'suspend-while-open' ? 'suspended' : 'active');
    await service.deliver(Topics.ordersEvents, [changed(orderId, userId, second, 'won')]);
    expect((await service.entitlements(orderId))[0].status).toBe('active');
  });
});
