import { canonicalHash, nameBasedUuid, requireIdempotencyKey } from './idempotency-key';

describe('idempotency keys', () => {
  it('refuse a missing, empty, spaced or over-long key with a 400 code', () => {
    expect(() => requireIdempotencyKey(undefined)).toThrow(expect.objectContaining({ response: { error: expect.objectContaining({ code: 'IDEMPOTENCY.KEY_MISSING' }) } }));
    expect(() => requireIdempotencyKey('has space')).toThrow(expect.objectContaining({ response: { error: expect.objectContaining({ code: 'IDEMPOTENCY.KEY_INVALID' }) } }));
    expect(() => requireIdempotencyKey('x'.repeat(256))).toThrow();
    expect(requireIdempotencyKey('order-7f1d:attempt-1')).toBe('order-7f1d:attempt-1');
  });

  it('hash equal requests equally, and treat an absent field like null', () => {
    expect(canonicalHash({ a: 1, b: undefined })).toBe(canonicalHash({ a: 1, b: null }));
    expect(canonicalHash({ a: 1, b: 2 })).not.toBe(canonicalHash({ a: 1, b: 3 }));
  });

  it('derive the same refund id for the same admin and key, and another for another key', () => {
    expect(nameBasedUuid('refund', 'admin-1', 'k1')).toBe(nameBasedUuid('refund', 'admin-1', 'k1'));
    expect(nameBasedUuid('refund', 'admin-1', 'k1')).not.toBe(nameBasedUuid('refund', 'admin-1', 'k2'));
    expect(nameBasedUuid('refund', 'admin-1', 'k1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
