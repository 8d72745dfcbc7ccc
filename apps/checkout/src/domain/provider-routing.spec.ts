import type { ProviderName } from '@payments/contracts';
import { RoutingRule, chooseProvider } from './provider-routing';

const both = { stripe: true, cashfree: true };
const onlyStripe = { stripe: true, cashfree: false };
const onlyCashfree = { stripe: false, cashfree: true };

describe('chooseProvider', () => {
  it.each<[string, string, Record<ProviderName, boolean>, ProviderName | undefined, ProviderName]>([
    ['routes INR to Cashfree by default', 'INR', both, undefined, 'cashfree'],
    ['routes USD to Stripe by default', 'USD', both, undefined, 'stripe'],
    ['routes JPY and other unlisted currencies to Stripe', 'JPY', both, undefined, 'stripe'],
    ['honours a preference for Stripe on an INR order', 'INR', both, 'stripe', 'stripe'],
    ['falls back to Stripe for INR when Cashfree is disabled', 'INR', onlyStripe, undefined, 'stripe'],
    ['ignores a preference for a disabled provider', 'INR', onlyStripe, 'cashfree', 'stripe'],
    ['ignores a preference for Cashfree on a USD order, which Cashfree cannot charge', 'USD', both, 'cashfree', 'stripe'],
    ['uses Cashfree alone for INR', 'INR', onlyCashfree, 'stripe', 'cashfree'],
  ])('%s', (_label, currency, allowed, preference, expected) => {
    expect(chooseProvider({ currency, allowed, preference })).toBe(expected);
  });

  it('follows configured rules instead of the defaults', () => {
    const rules: RoutingRule[] = [{ currency: 'INR', provider: 'stripe' }];
    expect(chooseProvider({ currency: 'INR', allowed: both, rules })).toBe('stripe');
  });

  it('does not route a currency to a provider that cannot charge it, whatever the rules say', () => {
    const rules: RoutingRule[] = [{ currency: 'USD', provider: 'cashfree' }];
    expect(chooseProvider({ currency: 'USD', allowed: both, rules })).toBe('stripe');
  });

  it.each<[string, string, Record<ProviderName, boolean>]>([
    ['no provider is enabled', 'INR', { stripe: false, cashfree: false }],
    ['only Cashfree is enabled and the order is in USD', 'USD', onlyCashfree],
  ])('refuses when %s', (_label, currency, allowed) => {
    expect(() => chooseProvider({ currency, allowed })).toThrow(
      expect.objectContaining({ code: 'ROUTING.PROVIDER_NOT_AVAILABLE' }),
    );
  });
});
