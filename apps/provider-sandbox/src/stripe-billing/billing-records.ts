import type { BillingPeriod, Recurrence } from './billing-period';

/** The statuses the sandbox's subscriptions take (Stripe also has incomplete, trialing, unpaid, paused). */
export type SubscriptionStatus = 'active' | 'past_due' | 'canceled';

export type CancellationReason = 'cancellation_requested' | 'payment_failed';

/** What the sandbox knows of one subscription; `subscriptionView` renders it as Stripe's object. */
export interface SubscriptionRecord {
  readonly id: string;
  readonly itemId: string;
  readonly customerId: string;
  readonly testClockId: string;
  readonly priceId: string;
  readonly productId: string;
  readonly recurrence: Recurrence;
  readonly unitAmount: number;
  readonly quantity: number;
  readonly currency: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly created: number;
  /** The billing cycle anchor (clock time): every period is counted from it. */
  readonly anchor: number;
  /** Which period is current, from 0. */
  readonly cycle: number;
  readonly status: SubscriptionStatus;
  readonly cancelAtPeriodEnd: boolean;
  readonly canceledAt: number | null;
  readonly endedAt: number | null;
  readonly cancellationReason: CancellationReason | null;
  readonly latestInvoiceId: string;
}

export type BillingReason = 'subscription_create' | 'subscription_cycle';

/** One invoice of a subscription: one line, its period, and the payment attempts so far. */
export interface InvoiceRecord {
  readonly id: string;
  readonly number: string;
  readonly lineId: string;
  readonly subscriptionId: string;
  readonly subscriptionItemId: string;
  readonly customerId: string;
  readonly testClockId: string;
  readonly priceId: string;
  readonly productId: string;
  readonly unitAmount: number;
  readonly quantity: number;
  readonly currency: string;
  /** A snapshot of the subscription's metadata when the invoice was finalized. */
  readonly subscriptionMetadata: Readonly<Record<string, string>>;
  readonly billingReason: BillingReason;
  /** The service period the line pays for. */
  readonly period: BillingPeriod;
  readonly created: number;
  readonly status: 'open' | 'paid';
  readonly attemptCount: number;
  readonly nextPaymentAttempt: number | null;
  readonly paidAt: number | null;
  /** The PaymentIntent `payments` names; the sandbox does not model invoice PaymentIntents further. */
  readonly paymentIntentId: string;
}

export const invoiceTotal = (invoice: Pick<InvoiceRecord, 'unitAmount' | 'quantity'>): number => invoice.unitAmount * invoice.quantity;
