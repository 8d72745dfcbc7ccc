import { orderIdFor } from './order-identity';
import { providerSubscriptionCancelKey, providerSubscriptionOpenKey, subscriptionIdFor } from './subscription-identity';

const secret = 'subscription-identity-tests-secret-0123456789';

describe('subscription identity', () => {
  it('derives the same subscription id from the same user, key and generation, and another for anything else', () => {
    const id = subscriptionIdFor(secret, 'user-1', 'key-1');
    expect(subscriptionIdFor(secret, 'user-1', 'key-1', 0)).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const other of [subscriptionIdFor(secret, 'user-2', 'key-1'), subscriptionIdFor(secret, 'user-1', 'key-2'), subscriptionIdFor(secret, 'user-1', 'key-1', 1),
      subscriptionIdFor(`${secret}-rotated`, 'user-1', 'key-1')]) {
      expect(other).not.toBe(id);
    }
  });

  it('never gives a subscription the id an order of the same user and key has', () => {
    expect(subscriptionIdFor(secret, 'user-1', 'key-1')).not.toBe(orderIdFor(secret, 'user-1', 'key-1'));
  });

  it('keys each provider call by the subscription, and each cancel by its mode', () => {
    const id = subscriptionIdFor(secret, 'user-1', 'key-1');
    expect(providerSubscriptionOpenKey(id)).toBe(`subscription-${id}-open`);
    expect(providerSubscriptionCancelKey(id, 'at-period-end')).not.toBe(providerSubscriptionCancelKey(id, 'immediately'));
  });
});
