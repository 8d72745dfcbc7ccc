import { refundIdFor, refundRequestHash } from './refund-identity';

const orderId = '7f1d2c9e-9a1b-4c1e-8e5f-0a1b2c3d4e5f';

describe('refund identity', () => {
  it('names the same refund for the same admin and Idempotency-Key, and different refunds otherwise', () => {
    const refundId = refundIdFor('admin-1', 'key-1');
    expect(refundId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(refundIdFor('admin-1', 'key-1')).toBe(refundId);
    expect(refundIdFor('admin-2', 'key-1')).not.toBe(refundId);
    expect(refundIdFor('admin-1', 'key-2')).not.toBe(refundId);
  });

  it('cannot be confused by ids that run into each other', () => {
    expect(refundIdFor('admin-1', 'key')).not.toBe(refundIdFor('admin-1k', 'ey'));
  });

  it('hashes a refund request the same however its properties are ordered, and tells order, amount and reason apart', () => {
    const hash = refundRequestHash(orderId, { amountMinor: 500, reason: 'r' });
    expect(refundRequestHash(orderId, { reason: 'r', amountMinor: 500 })).toBe(hash);
    expect(refundRequestHash(orderId, { amountMinor: 501, reason: 'r' })).not.toBe(hash);
    expect(refundRequestHash(orderId, { amountMinor: 500 })).not.toBe(hash);
    expect(refundRequestHash('00000000-0000-4000-8000-000000000000', { amountMinor: 500, reason: 'r' })).not.toBe(hash);
    expect(refundRequestHash(orderId, {})).not.toBe(refundRequestHash(orderId, { amountMinor: 1 }));
  });
});
