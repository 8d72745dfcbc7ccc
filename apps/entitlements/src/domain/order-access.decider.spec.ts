import { decideOnFullRefund, grantForPaidOrder } from './order-access.decider';
import { contextAt } from './subscription-access.test-fixtures';

const NOW = '2026-02-01T10:00:00.000Z';
const ORDER_ID = '3b8f6a0e-2c4d-4e9b-8f1a-6d5c4b3a2e10';
const grant = { userId: 'user-1', productId: 'course-typescript-101', kind: 'course' as const, orderId: ORDER_ID };

describe('access bought with a one-time order', () => {
  it('a paid order grants for good: no validity, no subscription, the message as before', () => {
    const { entitlement, change, message } = grantForPaidOrder(grant, contextAt(NOW));
    expect(entitlement).toMatchObject({ status: 'active', validUntil: null, subscriptionId: null, sequence: 1 });
    expect(change).toEqual({ sequence: 1, change: 'granted', reason: 'order-paid', at: new Date(NOW) });
    expect(message).toEqual({
      type: 'EntitlementGranted',
      payload: { entitlementId: '00000000-0000-4000-8000-000000000001', ...grant, grantedAt: NOW },
    });
  });

  it('a full refund revokes it with reason order-refunded when the policy says so', () => {
    const granted = grantForPaidOrder(grant, contextAt(NOW)).entitlement!;
    const { entitlement, change, message } = decideOnFullRefund(granted, contextAt('2026-02-03T00:00:00.000Z'));
    expect(entitlement).toMatchObject({ status: 'revoked', sequence: 2 });
    expect(change).toMatchObject({ sequence: 2, change: 'revoked', reason: 'order-refunded' });
    expect(message).toEqual({
      type: 'EntitlementRevoked',
      payload: { entitlementId: granted.entitlementId, ...grant, reason: 'order-refunded', revokedAt: '2026-02-03T00:00:00.000Z' },
    });
  });

  it('a full refund keeps access when the policy keeps it', () => {
    const granted = grantForPaidOrder(grant, contextAt(NOW)).entitlement!;
    expect(decideOnFullRefund(granted, contextAt(NOW, false))).toEqual({ entitlement: granted });
  });

  it('a refund told twice revokes once', () => {
    const granted = grantForPaidOrder(grant, contextAt(NOW)).entitlement!;
    const revoked = decideOnFullRefund(granted, contextAt(NOW)).entitlement!;
    expect(decideOnFullRefund(revoked, contextAt(NOW))).toEqual({ entitlement: revoked });
  });
});
