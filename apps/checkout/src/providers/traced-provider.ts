import { tracedCalls } from '@payments/observability';
import { PaymentProviderPort } from '@payments/providers';

/** Every outbound call checkout makes to a provider, each one a client span `provider.<name>.<call>`. */
const PROVIDER_CALLS = ['openCheckout', 'retrievePayment', 'refund', 'retrieveRefund', 'openSubscriptionCheckout', 'cancelSubscription', 'listSettlements', 'actOnDispute'] as const satisfies readonly (keyof PaymentProviderPort)[];

export function tracedProvider<P extends PaymentProviderPort>(provider: P): P {
  return tracedCalls(provider, `provider.${provider.name}`, [...PROVIDER_CALLS]);
}
