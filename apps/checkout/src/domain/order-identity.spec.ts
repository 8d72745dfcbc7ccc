import { orderIdFor, providerOpenKey, statusCheckMessageId } from './order-identity';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('order identity', () => {
  it('derives the same order id for the same user and key', () => {
    expect(orderIdFor('user-1', 'key-1')).toBe(orderIdFor('user-1', 'key-1'));
  });

  it('derives different order ids for another user or another key', () => {
    const ids = new Set([orderIdFor('user-1', 'key-1'), orderIdFor('user-2', 'key-1'), orderIdFor('user-1', 'key-2')]);
    expect(ids.size).toBe(3);
  });

  it('derives a new order id each time an expired key is taken up again', () => {
    const ids = new Set([orderIdFor('user-1', 'key-1', 0), orderIdFor('user-1', 'key-1', 1), orderIdFor('user-1', 'key-1', 2)]);
    expect(ids.size).toBe(3);
    expect(orderIdFor('user-1', 'key-1', 0)).toBe(orderIdFor('user-1', 'key-1'));
  });

  it('produces version 5 UUIDs', () => {
    expect(orderIdFor('user-1', 'key-1')).toMatch(UUID_V5);
    expect(orderIdFor('user-1', 'key-1', 3)).toMatch(UUID_V5);
    expect(statusCheckMessageId('stripe', 'pi_1')).toMatch(UUID_V5);
  });

  it('keys the provider call by the order id', () => {
    expect(providerOpenKey('abc')).toBe('order-abc-open');
  });

  it('names one status-check report per provider payment', () => {
    expect(statusCheckMessageId('stripe', 'pi_1')).toBe(statusCheckMessageId('stripe', 'pi_1'));
    expect(statusCheckMessageId('stripe', 'pi_1')).not.toBe(statusCheckMessageId('stripe', 'pi_2'));
    expect(statusCheckMessageId('stripe', 'pi_1')).not.toBe(statusCheckMessageId('cashfree', 'pi_1'));
  });

  it('never changes: ids already stored and sent to providers must be derived again the same way', () => {
    expect(orderIdFor('u', 'k')).toBe('b3370e73-b038-56a2-840a-c0964f3080bd');
    expect(orderIdFor('u', 'k', 2)).toBe('b84ebd8a-1018-582a-b0f5-04348e789888');
  });
});
