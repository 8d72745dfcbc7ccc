import { idempotencyKeyOf } from './idempotency-key.decorator';

describe('the Idempotency-Key header', () => {
  it('is taken as sent when it is 1-255 printable ASCII characters', () => {
    expect(idempotencyKeyOf('order-2026-11-22T10:00:00Z#1')).toBe('order-2026-11-22T10:00:00Z#1');
    expect(idempotencyKeyOf('k'.repeat(255))).toHaveLength(255);
  });

  it.each([[undefined], ['']])('is required (%p is IDEMPOTENCY.KEY_MISSING)', (header) => {
    expect(() => idempotencyKeyOf(header)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY.KEY_MISSING' }));
  });

  it.each([['has space'], ['k'.repeat(256)], ['naïve'], [['a', 'b']]])('refuses %p as IDEMPOTENCY.KEY_INVALID', (header) => {
    expect(() => idempotencyKeyOf(header)).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY.KEY_INVALID' }));
  });
});
