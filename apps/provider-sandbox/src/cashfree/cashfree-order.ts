/** The order statuses the sandbox simulates (Cashfree also has TERMINATION_REQUESTED, which it never needs). */
export type CashfreeOrderStatus = 'ACTIVE' | 'PAID' | 'EXPIRED' | 'TERMINATED';

/** What one payment attempt came to. PENDING is never left behind: the sandbox settles attempts at once. */
export type AttemptStatus = 'SUCCESS' | 'FAILED' | 'USER_DROPPED' | 'PENDING';

/** The choice on the hosted page; Cashfree reports wallets as `app` payments of the `wallet` group. */
export type PaymentMethodChoice = 'upi' | 'netbanking' | 'wallet';
export const PAYMENT_METHOD_CHOICES: readonly PaymentMethodChoice[] = ['upi', 'netbanking', 'wallet'];

/** Cashfree's `payment_group` values the sandbox knows: the three it offers, and cards, which it prices but does not offer yet. */
export type CashfreePaymentGroup = 'upi' | 'net_banking' | 'wallet' | 'credit_card' | 'debit_card';
export const CASHFREE_PAYMENT_GROUPS: readonly CashfreePaymentGroup[] = ['upi', 'net_banking', 'wallet', 'credit_card', 'debit_card'];

export type RefundStatus = 'PENDING' | 'SUCCESS' | 'CANCELLED';

export interface AttemptError {
  readonly code: string;
  readonly description: string;
  readonly reason: string;
  readonly source: 'customer' | 'bank';
}

/** One try to pay an order, with its own `cf_payment_id`. Amounts are integer paise. */
export interface PaymentAttempt {
  readonly cfPaymentId: string;
  readonly status: AttemptStatus;
  readonly amountMinor: number;
  readonly method: PaymentMethodChoice;
  readonly message: string;
  readonly at: Date;
  readonly bankReference: string | null;
  readonly error: AttemptError | null;
}

export interface Refund {
  readonly cfRefundId: string;
  /** The merchant's id for the refund (`refund_id`), unique per order. */
  readonly refundId: string;
  readonly cfPaymentId: string;
  readonly amountMinor: number;
  readonly status: RefundStatus;
  readonly note: string | null;
  readonly speed: 'STANDARD' | 'INSTANT';
  readonly createdAt: Date;
  readonly processedAt: Date | null;
  readonly description: string;
}

export interface CustomerDetails {
  readonly id: string;
  readonly phone: string;
  readonly email: string | null;
  readonly name: string | null;
}

/** A Cashfree order as the sandbox keeps it: plain data, amounts in paise, INR only. */
export interface SandboxCashfreeOrder {
  readonly cfOrderId: string;
  readonly orderId: string;
  readonly amountMinor: number;
  readonly currency: 'INR';
  readonly status: CashfreeOrderStatus;
  readonly paymentSessionId: string;
  readonly customer: CustomerDetails;
  readonly returnUrl: string | null;
  readonly notifyUrl: string | null;
  readonly paymentMethods: string | null;
  readonly tags: Readonly<Record<string, string>> | null;
  readonly note: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly attempts: readonly PaymentAttempt[];
  readonly refunds: readonly Refund[];
}

export interface CreateOrderParams {
  readonly orderId: string | null;
  readonly amountMinor: number;
  readonly currency: 'INR';
  readonly customer: CustomerDetails;
  readonly returnUrl: string | null;
  readonly notifyUrl: string | null;
  readonly paymentMethods: string | null;
  readonly tags: Readonly<Record<string, string>> | null;
  readonly note: string | null;
  readonly expiresAt: Date | null;
}

/** Cashfree's default: an order can be paid for 30 days. */
export const DEFAULT_ORDER_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface NewOrderIds {
  readonly orderId: string;
  readonly cfOrderId: string;
  readonly paymentSessionId: string;
}

export function newCashfreeOrder(ids: NewOrderIds, params: CreateOrderParams, now: Date): SandboxCashfreeOrder {
  return {
    ...ids,
    amountMinor: params.amountMinor,
    currency: params.currency,
    status: 'ACTIVE',
    customer: params.customer,
    returnUrl: params.returnUrl,
    notifyUrl: params.notifyUrl,
    paymentMethods: params.paymentMethods,
    tags: params.tags,
    note: params.note,
    createdAt: now,
    expiresAt: params.expiresAt ?? new Date(now.getTime() + DEFAULT_ORDER_LIFETIME_MS),
    attempts: [],
    refunds: [],
  };
}

/** Paise refunded or being refunded; a cancelled refund gives its amount back. */
export function refundableRemainder(order: SandboxCashfreeOrder): number {
  const paid = order.attempts.find((attempt) => attempt.status === 'SUCCESS')?.amountMinor ?? 0;
  const committed = order.refunds.filter((refund) => refund.status !== 'CANCELLED').reduce((sum, refund) => sum + refund.amountMinor, 0);
  return paid - committed;
}

/** Cashfree writes times in IST: `2024-11-22T23:56:40+05:30`. */
export function istTime(date: Date): string {
  const shifted = new Date(date.getTime() + 330 * 60 * 1000);
  return `${shifted.toISOString().slice(0, 19)}+05:30`;
}
