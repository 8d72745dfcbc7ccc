import { orderIdFor, providerOpenKey } from './order-identity';

describe('order identity', () => {
  it('derive the same order id for the same user and key', () => {
    expect(orderIdFor('user-1', 'key-1')).toBe(orderIdFor('user-1', 'key-1'));
  });

  it('derive different order ids for another user or another key', () => {
    const ids = new Set([orderIdFor('user-1', 'key-1'), orderIdFor('user-2', 'key-1'), orderIdFor('user-1', 'key-2')]);
    expect(ids.size).toBe(3);
  });

  it('produce a version 5 UUID', () => {
    expect(orderIdFor('user-1', 'key-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('key the provider call by the order id', () => {
    expect(providerOpenKey('abc')).toBe('order-abc-open');
  });
});
