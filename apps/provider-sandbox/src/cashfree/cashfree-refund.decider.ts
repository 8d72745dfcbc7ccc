import { Refund, RefundStatus, SandboxCashfreeOrder, refundableRemainder } from './cashfree-order';
import type { CreateRefundParams } from './cashfree-order.params';

export type RefundRequestDecision =
  | { readonly ok: true; readonly order: SandboxCashfreeOrder; readonly refund: Refund }
  | { readonly ok: false; readonly reason: 'order_not_paid' | 'refund_exists' | 'exceeds_remainder' };

export type RefundSettlementDecision =
  | { readonly ok: true; readonly order: SandboxCashfreeOrder; readonly refund: Refund }
  | { readonly ok: false; readonly reason: 'refund_not_found' | 'refund_not_pending' };

/** The final statuses a PENDING refund may reach; SUCCESS and CANCELLED are final. */
export const REFUND_TRANSITIONS: Readonly<Record<RefundStatus, readonly RefundStatus[]>> = {
  PENDING: ['SUCCESS', 'CANCELLED'],
  SUCCESS: [],
  CANCELLED: [],
};

const DESCRIPTIONS: Readonly<Record<RefundStatus, string>> = {
  PENDING: 'Refund is being processed',
  SUCCESS: 'Refund processed successfully',
  CANCELLED: 'Refund cancelled: the bank could not credit the customer',
};

/** A refund of a PAID order, never more than is left to refund; it starts PENDING, as at Cashfree. */
export function requestRefund(order: SandboxCashfreeOrder, params: CreateRefundParams, cfRefundId: string, now: Date): RefundRequestDecision {
  if (order.status !== 'PAID') return { ok: false, reason: 'order_not_paid' };
  if (order.refunds.some((refund) => refund.refundId === params.refundId)) return { ok: false, reason: 'refund_exists' };
  if (params.amountMinor > refundableRemainder(order)) return { ok: false, reason: 'exceeds_remainder' };
  const paid = order.attempts.find((attempt) => attempt.status === 'SUCCESS');
  const refund: Refund = {
    cfRefundId, refundId: params.refundId, cfPaymentId: paid?.cfPaymentId ?? '', amountMinor: params.amountMinor, status: 'PENDING',
    note: params.note, speed: params.speed, createdAt: now, processedAt: null, description: DESCRIPTIONS.PENDING,
  };
  return { ok: true, order: { ...order, refunds: [...order.refunds, refund] }, refund };
}

/** Settles a PENDING refund as SUCCESS or CANCELLED (a cancelled refund's amount is refundable again). */
export function settleRefund(order: SandboxCashfreeOrder, refundId: string, to: 'SUCCESS' | 'CANCELLED', now: Date): RefundSettlementDecision {
  const current = order.refunds.find((refund) => refund.refundId === refundId);
  if (!current) return { ok: false, reason: 'refund_not_found' };
  if (!REFUND_TRANSITIONS[current.status].includes(to)) return { ok: false, reason: 'refund_not_pending' };
  const refund: Refund = { ...current, status: to, processedAt: now, description: DESCRIPTIONS[to] };
  return { ok: true, order: { ...order, refunds: order.refunds.map((r) => (r.refundId === refundId ? refund : r)) }, refund };
}
