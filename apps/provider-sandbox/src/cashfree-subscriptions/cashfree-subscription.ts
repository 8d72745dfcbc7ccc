import { addMonths } from '../stripe-billing/billing-period';

export type PlanIntervalType = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
export const PLAN_INTERVAL_TYPES: readonly PlanIntervalType[] = ['DAY', 'WEEK', 'MONTH', 'YEAR'];

/** A PERIODIC plan (the sandbox does not serve ON_DEMAND ones); amounts in paise, INR only. */
export interface PlanRecord {
  readonly planId: string;
  readonly name: string;
  readonly type: 'PERIODIC';
  readonly currency: 'INR';
  readonly recurringAmountMinor: number;
  readonly maxAmountMinor: number;
  /** Null: no limit. */
  readonly maxCycles: number | null;
  readonly intervals: number;
  readonly intervalType: PlanIntervalType;
  readonly note: string | null;
}

/** Subscription statuses the sandbox simulates (Cashfree also has BANK_APPROVAL_PENDING, CUSTOMER_PAUSED, EXPIRED...). */
export type CashfreeSubscriptionStatus = 'INITIALIZED' | 'ACTIVE' | 'ON_HOLD' | 'PAUSED' | 'CANCELLED' | 'COMPLETED';

/** The mandate choices of the authorization page. */
export type MandateMethod = 'upi' | 'enach' | 'card';
export const MANDATE_METHODS: readonly MandateMethod[] = ['upi', 'enach', 'card'];

export interface MandateAuthorization {
  readonly status: 'ACTIVE' | 'FAILED';
  readonly method: MandateMethod;
  /** UMN for UPI Autopay, UMRN for eNACH, the enrollment id for cards. */
  readonly reference: string;
  readonly at: Date;
  readonly paymentId: string;
}

/** One AUTH or CHARGE payment of a subscription; each attempt is its own payment. */
export interface SubscriptionPayment {
  readonly paymentId: string;
  readonly cfPaymentId: string;
  readonly cfTxnId: string;
  readonly type: 'AUTH' | 'CHARGE';
  readonly amountMinor: number;
  readonly method: MandateMethod;
  readonly scheduleDate: Date;
  readonly initiatedDate: Date;
  readonly status: 'SUCCESS' | 'FAILED';
  readonly failureReason: string | null;
  /** 0 for a cycle's first attempt, then 1, 2... for its retries. */
  readonly retryAttempts: number;
  /** Which billing cycle a charge pays, from 0; null for AUTH. */
  readonly cycle: number | null;
}

/** What the merchant sets when creating a subscription, kept as given. */
export interface SubscriptionTerms {
  readonly subscriptionId: string;
  readonly customer: { readonly name: string | null; readonly email: string; readonly phone: string };
  readonly paymentMethods: readonly MandateMethod[];
  readonly authorizationAmountMinor: number;
  readonly returnUrl: string | null;
  readonly firstChargeTime: Date | null;
  readonly expiryTime: Date | null;
  readonly tags: Readonly<Record<string, string>> | null;
}

export interface CashfreeSubscriptionRecord extends SubscriptionTerms {
  readonly cfSubscriptionId: string;
  readonly sessionId: string;
  readonly plan: PlanRecord;
  readonly createdAt: Date;
  readonly status: CashfreeSubscriptionStatus;
  readonly authorization: MandateAuthorization | null;
  /** When the first cycle is charged (the mandate's approval); every later cycle is counted from it. */
  readonly anchor: Date | null;
  readonly cyclesPaid: number;
  readonly payments: readonly SubscriptionPayment[];
}

/** `anchor` plus `cycles` plan intervals; months and years keep the day, or the month's last day (see `addMonths`). */
export function scheduleDate(anchor: Date, plan: Pick<PlanRecord, 'intervals' | 'intervalType'>, cycles: number): Date {
  const steps = plan.intervals * cycles;
  const seconds = anchor.getTime() / 1000;
  switch (plan.intervalType) {
    case 'DAY':
      return new Date((seconds + steps * 86_400) * 1000);
    case 'WEEK':
      return new Date((seconds + steps * 7 * 86_400) * 1000);
    case 'MONTH':
      return new Date(addMonths(seconds, steps) * 1000);
    case 'YEAR':
      return new Date(addMonths(seconds, steps * 12) * 1000);
  }
}

/** The date of the next cycle to charge; null before the mandate is approved or once the plan's cycles are all paid. */
export function nextScheduleDate(subscription: CashfreeSubscriptionRecord): Date | null {
  if (!subscription.anchor) return null;
  if (subscription.plan.maxCycles !== null && subscription.cyclesPaid >= subscription.plan.maxCycles) return null;
  return scheduleDate(subscription.anchor, subscription.plan, subscription.cyclesPaid);
}
