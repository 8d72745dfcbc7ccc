import { assertMinorUnits } from '../port/minor-units';
import type { RefundInput, RefundResult, RefundStatus, RetrievedRefund } from '../port/payment-provider.port';
import { ProviderError } from '../port/provider.errors';
import { minorFromCashfreeAmount, toCashfreeAmount } from './cashfree-amount';
import type { CashfreeRefundEntity } from './cashfree-api.types';
import { writeCashfreeJson } from './cashfree-json.writer';
import { CASHFREE_CURRENCIES } from './cashfree-order.request';

const ORDER_ID = /^[A-Za-z0-9_-]{3,45}$/;
const REFUND_ID = /^[A-Za-z0-9_-]{3,40}$/;
const invalid = (message: string) => new ProviderError('PROVIDER.INVALID_REQUEST', message);

/**
 * Cashfree addresses a refund by order and refund id (`/orders/{order_id}/refunds/{refund_id}`);
 * `cf_refund_id` addresses nothing. The provider refund id is therefore `<order_id>:<refund_id>`,
 * and the refund webhook's `providerObjectId` is the same string. Neither part may hold a colon.
 */
export function cashfreeRefundReference(orderId: string, refundId: string): string {
  return `${orderId}:${refundId}`;
}

export function parseRefundReference(reference: string): { orderId: string; refundId: string } {
  const [orderId, refundId, ...rest] = reference.split(':');
  if (rest.length > 0 || !ORDER_ID.test(orderId ?? '') || !REFUND_ID.test(refundId ?? '')) {
    throw invalid(`not a Cashfree refund reference "<order_id>:<refund_id>": "${reference}"`);
  }
  return { orderId, refundId };
}

/**
 * Checks a refund before it reaches Cashfree. Our refund id is sent as Cashfree's `refund_id`
 * (3-40 letters, digits, "_" or "-"; our ids are UUIDs): Cashfree refuses a second refund with
 * it, and its webhook names the refund by it.
 */
export function assertRefundableInput(input: RefundInput): void {
  if (!ORDER_ID.test(input.providerReference)) throw invalid(`not a Cashfree order id: "${input.providerReference}"`);
  if (input.amountMinor !== undefined && assertMinorUnits(input.amountMinor, 'amountMinor') === 0) {
    throw invalid('a refund of 0 refunds nothing; omit amountMinor to refund the whole remainder');
  }
  if (!CASHFREE_CURRENCIES.includes(input.currency)) throw invalid(`Cashfree refunds ${CASHFREE_CURRENCIES.join(', ')} only, not "${input.currency}"`);
  if (!REFUND_ID.test(input.refundId)) throw invalid(`refund id "${input.refundId}" is not 3-40 letters, digits, "_" or "-" as Cashfree requires`);
  if (!input.idempotencyKey) throw invalid('an idempotency key derived from our refund id is required');
}

export function createRefundBody(input: RefundInput, amountMinor: number): string {
  return writeCashfreeJson({
    refund_amount: toCashfreeAmount(amountMinor, input.currency),
    refund_id: input.refundId,
    refund_note: input.reason,
    refund_speed: 'STANDARD',
  });
}

/** PENDING and ONHOLD are not final yet. */
export function refundStatusOf(status: string): RefundStatus {
  if (status === 'SUCCESS') return 'succeeded';
  if (status === 'CANCELLED') return 'canceled';
  if (status === 'FAILED') return 'failed';
  return 'pending';
}

export function toRefundResult(refund: CashfreeRefundEntity): RefundResult {
  const currency = (refund.refund_currency ?? 'INR').toUpperCase();
  return {
    providerRefundId: cashfreeRefundReference(refund.order_id, refund.refund_id),
    status: refundStatusOf(refund.refund_status),
    amountMinor: minorFromCashfreeAmount(refund.refund_amount, currency, 'refund_amount'),
    currency,
  };
}

export function toRetrievedRefund(refund: CashfreeRefundEntity): RetrievedRefund {
  const result = toRefundResult(refund);
  const failed = result.status === 'failed' || result.status === 'canceled';
  return {
    ...result,
    providerReference: refund.order_id,
    orderId: refund.order_id,
    refundId: refund.refund_id,
    ...(failed && refund.status_description ? { failureReason: refund.status_description } : {}),
  };
}
