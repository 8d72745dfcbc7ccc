import type { ProviderName } from '@payments/contracts';

export interface RoutingRule {
  currency: string;
  provider: ProviderName;
}

/** INR goes to Cashfree (UPI, netbanking, wallets); every other currency falls back to Stripe. */
export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = [{ currency: 'INR', provider: 'cashfree' }];
const FALLBACK_PROVIDER: ProviderName = 'stripe';

/** Currencies each provider can charge in; Cashfree PG takes INR only. Omitted = any currency. */
export const PROVIDER_CURRENCIES: Readonly<Partial<Record<ProviderName, readonly string[]>>> = { cashfree: ['INR'] };

export interface ChooseProviderInput {
  currency: string;
  /** The buyer's choice. A hint: when it is disabled or cannot charge the currency, the rules decide. */
  preference?: ProviderName;
  /** Which providers this deployment has configured and enabled. */
  allowed: Record<ProviderName, boolean>;
  /** Currency -> provider; the first match wins. Defaults to DEFAULT_ROUTING_RULES. */
  rules?: readonly RoutingRule[];
}

export class RoutingError extends Error {
  readonly code = 'ROUTING.PROVIDER_NOT_AVAILABLE';

  constructor(message: string) {
    super(message);
    this.name = 'RoutingError';
  }
}

/**
 * Picks the provider for a checkout: the buyer's preference, else the rule for the currency, else
 * Stripe; the first of those that is allowed and can charge the currency. Throws RoutingError
 * when none can.
 */
export function chooseProvider(input: ChooseProviderInput): ProviderName {
  const rules = input.rules ?? DEFAULT_ROUTING_RULES;
  const routed = rules.find((rule) => rule.currency === input.currency)?.provider;
  const candidates = [input.preference, routed, FALLBACK_PROVIDER].filter(
    (provider): provider is ProviderName => provider !== undefined,
  );
  const chosen = candidates.find((provider) => input.allowed[provider] && canCharge(provider, input.currency));
  if (chosen === undefined) {
    throw new RoutingError(`No enabled payment provider can charge ${input.currency} (tried ${[...new Set(candidates)].join(', ')})`);
  }
  return chosen;
}

function canCharge(provider: ProviderName, currency: string): boolean {
  const currencies = PROVIDER_CURRENCIES[provider];
  return currencies === undefined || currencies.includes(currency);
}
