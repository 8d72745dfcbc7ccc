/** The refund statuses the sandbox simulates (Stripe also has `requires_action` and `canceled`). */
export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

/** A Refund as Stripe's API returns it. `failure_*` appear only once it failed, as at Stripe. */
export interface SandboxRefund {
  readonly id: string;
  readonly object: 'refund';
  readonly amount: number;
  readonly balance_transaction: string | null;
  readonly charge: string;
  readonly created: number;
  readonly currency: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly payment_intent: string;
  readonly reason: RefundReason | null;
  readonly receipt_number: null;
  readonly source_transfer_reversal: null;
  readonly status: RefundStatus;
  readonly transfer_reversal: null;
  readonly failure_reason?: string;
  readonly failure_balance_transaction?: string;
}

export interface CreateRefundParams {
  /** The PaymentIntent to refund, or its charge. */
  readonly target: { readonly paymentIntent: string } | { readonly charge: string };
  /** Null refunds what is left. */
  readonly amount: number | null;
  readonly reason: RefundReason | null;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface NewRefund {
  readonly id: string;
  readonly amount: number;
  readonly chargeId: string;
  readonly paymentIntentId: string;
  readonly currency: string;
  readonly reason: RefundReason | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly status: 'pending' | 'succeeded';
  readonly balanceTransaction: string;
  readonly createdAt: number;
}

export function newRefund(refund: NewRefund): SandboxRefund {
  return {
    id: refund.id,
    object: 'refund',
    amount: refund.amount,
    balance_transaction: refund.balanceTransaction,
    charge: refund.chargeId,
    created: refund.createdAt,
    currency: refund.currency,
    metadata: refund.metadata,
    payment_intent: refund.paymentIntentId,
    reason: refund.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: refund.status,
    transfer_reversal: null,
  };
}

/** Refunds still holding money back from the charge: pending and succeeded ones (a failed refund gives it back). */
export const refundedAmount = (refunds: readonly SandboxRefund[]): number =>
  refunds.filter((refund) => refund.status !== 'failed').reduce((sum, refund) => sum + refund.amount, 0);
