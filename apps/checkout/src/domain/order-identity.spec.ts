import { orderIdFor, providerOpenKey, statusCheckMessageId } from './order-identity';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const secret = 'order-id-secret-for-these-tests-0123456789';

describe('order identity', () => {
  it('derives the same order id for the same user and key', () => {
    expect(orderIdFor(secret, 'user-1', 'key-1')).toBe(orderIdFor(secret, 'user-1', 'key-1'));
  });

  it('derives different order ids for another user or another key', () => {
    const ids = new Set([orderIdFor(secret, 'user-1', 'key-1'), orderIdFor(secret, 'user-2', 'key-1'), orderIdFor(secret, 'user-1', 'key-2')]);
    expect(ids.size).toBe(3);
  });

  it('derives a new order id each time an expired key is taken up again', () => {
    const ids = new Set([0, 1, 2].map((generation) => orderIdFor(secret, 'user-1', 'key-1', generation)));
    expect(ids.size).toBe(3);
    expect(orderIdFor(secret, 'user-1', 'key-1', 0)).toBe(orderIdFor(secret, 'user-1', 'key-1'));
  });

  it('cannot be derived from the user and key alone: another secret gives another id', () => {
    expect(orderIdFor(`${secret}-other`, 'user-1', 'key-1')).not.toBe(orderIdFor(secret, 'user-1', 'key-1'));
  });

  it('produces UUIDs, so the uuid columns and message schemas take them', () => {
    expect(orderIdFor(secret, 'user-1', 'key-1')).toMatch(UUID_V8);
    expect(orderIdFor(secret, 'user-1', 'key-1', 3)).toMatch(UUID_V8);
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
    expect(orderIdFor(secret, 'u', 'k')).toBe('68f0f3d9-24dc-873c-b94a-39eeb91ec4b8');
    expect(orderIdFor(secret, 'u', 'k', 2)).toBe('1c3c9709-492b-84a9-b69f-4c97bd355d0c');
  });
});
