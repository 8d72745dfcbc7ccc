import type { BillingInterval, ProviderName } from '@payments/contracts';
import type { CancelSubscriptionResult, OpenSubscriptionCheckoutResult, ProviderError, SubscriptionCancelMode } from '@payments/providers';
import type { PriceQuote } from '../domain/pricing';
import type { StoredResponse } from '../idempotency.repository';
import { errorResponse, jsonResponse, statusForCode } from '../open-checkout/checkout-response';

/** Why a subscription command was refused, beyond the pricing, routing and provider codes. */
export type SubscriptionErrorCode =
  /** No subscription checkout of ours has this id. */
  | 'SUBSCRIPTION.NOT_FOUND'
  /** The provider never opened it, or the customer never completed its checkout: there is nothing to cancel. */
  | 'SUBSCRIPTION.NOT_STARTED'
  /** The provider it was opened at is not configured in this deployment. */
  | 'SUBSCRIPTION.PROVIDER_NOT_CONFIGURED';

const SUBSCRIPTION_STATUS: Readonly<Record<SubscriptionErrorCode, number>> = {
  'SUBSCRIPTION.NOT_FOUND': 404,
  'SUBSCRIPTION.NOT_STARTED': 409,
  'SUBSCRIPTION.PROVIDER_NOT_CONFIGURED': 503,
};

export function subscriptionErrorResponse(code: SubscriptionErrorCode, message: string): StoredResponse {
  return errorResponse(SUBSCRIPTION_STATUS[code], code, message);
}

export interface OpenedSubscription {
  readonly subscriptionId: string;
  readonly provider: ProviderName;
  readonly planId: string;
  readonly interval: BillingInterval;
  readonly quote: PriceQuote;
}

/**
 * 201 for an opened subscription checkout: `status` is ours (`incomplete` until the first period is
 * paid), the price is per period, and `redirectUrl` is where to send the customer (Stripe's
 * Checkout page, Cashfree's mandate authorization page when configured; otherwise Cashfree's JS
 * checkout takes `subscriptionSessionId`).
 */
export function subscriptionOpenedResponse(opened: OpenedSubscription, session: OpenSubscriptionCheckoutResult): StoredResponse {
  const { quote } = opened;
  return jsonResponse(201, {
    subscriptionId: opened.subscriptionId,
    status: 'incomplete',
    provider: opened.provider,
    planId: opened.planId,
    interval: opened.interval,
    amountMinor: quote.totalMinor,
    currency: quote.currency,
    breakdown: { subtotalMinor: quote.subtotalMinor, discountMinor: quote.discountMinor, taxMinor: quote.taxMinor, totalMinor: quote.totalMinor, taxLabel: quote.taxLabel ?? null },
    redirectUrl: session.redirectUrl ?? null,
    subscriptionSessionId: session.subscriptionSessionId ?? null,
    providerReference: session.providerReference,
  });
}

/** 202: the provider accepted the cancel; `mode` is when it ends there (Cashfree ends it at once whatever was asked). */
export function subscriptionCancelAcceptedResponse(
  subscriptionId: string, provider: ProviderName, requestedMode: SubscriptionCancelMode, result: CancelSubscriptionResult,
): StoredResponse {
  return jsonResponse(202, { subscriptionId, provider, requestedMode, mode: result.mode, providerStatus: result.status });
}

/**
 * A provider that refused or failed: 402 declined, 503 unavailable or throttling us, 502 anything
 * else; a cancel of a checkout the customer never completed is 409 SUBSCRIPTION.NOT_STARTED. The
 * provider's own words are logged and stored, not answered.
 */
export function subscriptionProviderFailureResponse(subscriptionId: string, error: ProviderError, what: 'open' | 'cancel'): StoredResponse {
  if (error.providerCode === 'subscription_not_started') {
    return subscriptionErrorResponse('SUBSCRIPTION.NOT_STARTED', `subscription ${subscriptionId} was never completed by the customer; there is nothing to cancel`);
  }
  const statusCode = statusForCode(error.code);
  const why = statusCode === 402 ? 'declined' : statusCode === 503 ? 'is unavailable' : `refused to ${what === 'open' ? 'open' : 'cancel'}`;
  const retry = what === 'open' ? '; to try again, send a new Idempotency-Key' : '; try again later';
  return errorResponse(statusCode, error.code, `the payment provider ${why} subscription ${subscriptionId}${retry}`);
}
