import type { ProviderName } from '@payments/contracts';

export type RefundTarget = { readonly providerReference: string } | { readonly refused: string };

/**
 * What the provider's refund call names as the payment to refund. Stripe refunds a PaymentIntent:
 * the one that paid the order, as order-ledger recorded it; when checkout opened the PaymentIntent
 * itself it must be that one. Cashfree refunds an order's successful payment, addressed by the
 * Cashfree order checkout opened.
 */
export function refundTarget(provider: ProviderName, sessionReference: string, providerPaymentId: string): RefundTarget {
  if (provider === 'cashfree') return { providerReference: sessionReference };
  if (!providerPaymentId.startsWith('pi_')) return { refused: `"${providerPaymentId}" is not a Stripe PaymentIntent` };
  if (sessionReference.startsWith('pi_') && sessionReference !== providerPaymentId) {
    return { refused: `payment ${providerPaymentId} is not the PaymentIntent ${sessionReference} checkout opened for this order` };
  }
  return { providerReference: providerPaymentId };
}
