import { ProviderError, reasonCodeOf } from '@payments/providers';

/**
 * The `reason` a failed refund is published and stored with: a stable code, never the provider's
 * sentence (it may quote the customer). The details go to the (redacted) log line only.
 */
export type RefundFailure = { readonly reason: string; readonly detail: string };

/** The provider refused the refund call: its own code when it gave one (`charge_already_refunded`), else ours (`provider_invalid_request`). */
export function providerRefusal(error: ProviderError): RefundFailure {
  return { reason: reasonCodeOf(error.providerCode) ?? error.code.toLowerCase().replace(/\./g, '_'), detail: `${error.code}: ${error.message}` };
}

/** The provider accepted the refund, then reported it `failed` or `canceled`. */
export function finalStatusFailure(status: 'failed' | 'canceled'): RefundFailure {
  return { reason: `refund_${status}`, detail: `the provider reported the refund ${status}` };
}

/** Checkout would not ask the provider at all: the payment named is not the order's. */
export function targetRefusal(refused: string): RefundFailure {
  return { reason: 'payment_not_of_order', detail: refused };
}
