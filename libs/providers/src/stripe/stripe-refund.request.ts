import type Stripe from 'stripe';
import { isKnownCurrency } from '@payments/money';
import { assertMinorUnits } from '../port/minor-units';
import type { RefundInput, RefundResult, RefundStatus, RetrievedRefund } from '../port/payment-provider.port';
import { invalidRequest } from './stripe-checkout.request';

/** Checks a refund request before it reaches Stripe: a PaymentIntent, a positive integer amount, our ids and key. */
export function assertRefundInput(input: RefundInput): void {
  if (!input.providerReference.startsWith('pi_')) throw invalidRequest(`not a PaymentIntent id: "${input.providerReference}"`);
  if (input.amountMinor !== undefined && assertMinorUnits(input.amountMinor, 'amountMinor') === 0) {
    throw invalidRequest('a refund of 0 refunds nothing; omit amountMinor to refund the whole remainder');
  }
  if (!isKnownCurrency(input.currency)) throw invalidRequest(`currency must be an upper-case ISO 4217 code, got "${input.currency}"`);
  if (!input.orderId || !input.refundId) throw invalidRequest('a refund needs our order id and refund id');
  if (!input.idempotencyKey) throw invalidRequest('an idempotency key derived from our refund id is required');
}

export function refundParams(input: RefundInput): Stripe.RefundCreateParams {
  return {
    payment_intent: input.providerReference,
    ...(input.amountMinor === undefined ? {} : { amount: input.amountMinor }),
    metadata: { order_id: input.orderId, refund_id: input.refundId },
    ...(input.reason ? { reason: input.reason } : {}),
  };
}

/** Stripe's `requires_action` (and a missing status) is not final yet: `pending`. */
export function refundStatusOf(status: string | null): RefundStatus {
  return status === 'succeeded' || status === 'failed' || status === 'canceled' ? status : 'pending';
}

export function toRefundResult(refund: Stripe.Refund): RefundResult {
  return { providerRefundId: refund.id, status: refundStatusOf(refund.status), amountMinor: refund.amount, currency: refund.currency.toUpperCase() };
}

export function toRetrievedRefund(refund: Stripe.Refund): RetrievedRefund {
  const paymentIntent = refund.payment_intent;
  return {
    ...toRefundResult(refund),
    providerReference: (typeof paymentIntent === 'string' ? paymentIntent : paymentIntent?.id) ?? null,
    orderId: refund.metadata?.order_id || null,
    refundId: refund.metadata?.refund_id || null,
    ...(refund.failure_reason ? { failureReason: refund.failure_reason } : {}),
  };
}
