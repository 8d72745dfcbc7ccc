import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProviderName } from './common';
import { currency, isoTime, minorUnits, nonEmpty, object, provider, uuid } from './schema-parts';

/** What every subscription fact from a provider names: our subscription, the provider, its ids. */
const subscriptionFact = {
  subscriptionId: uuid,
  provider,
  providerEventId: nonEmpty,
  providerSubscriptionId: nonEmpty,
};

/**
 * A provider collected one period of a subscription (Stripe `invoice.paid`, Cashfree
 * `SUBSCRIPTION_PAYMENT_SUCCESS`). Keyed by our subscription id. The service period is given when the
 * provider states it (Stripe's invoice line period); otherwise order-ledger derives it from the plan.
 */
export interface SubscriptionPaymentSucceededV1 {
  readonly subscriptionId: string;
  readonly provider: ProviderName;
  readonly providerEventId: string;
  readonly providerSubscriptionId: string;
  /** The provider's id for this collection (Stripe invoice id, Cashfree payment id). */
  readonly providerPaymentId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  /** `create`: the first period; `cycle`: a renewal. */
  readonly billingReason: 'create' | 'cycle';
  readonly paidAt: string;
}

export const SubscriptionPaymentSucceeded = defineContract<SubscriptionPaymentSucceededV1>()({
  type: 'SubscriptionPaymentSucceeded',
  version: 1,
  topic: Topics.providerEvents,
  schema: object(
    {
      ...subscriptionFact,
      providerPaymentId: nonEmpty,
      amountMinor: minorUnits,
      currency,
      periodStart: isoTime,
      periodEnd: isoTime,
      billingReason: { type: 'string', enum: ['create', 'cycle'] },
      paidAt: isoTime,
    },
    ['periodStart', 'periodEnd'],
  ),
});

/** A provider failed to collect a period (Stripe `invoice.payment_failed`, Cashfree `SUBSCRIPTION_PAYMENT_FAILED`). */
export interface SubscriptionPaymentFailedV1 {
  readonly subscriptionId: string;
  readonly provider: ProviderName;
  readonly providerEventId: string;
  readonly providerSubscriptionId: string;
  readonly providerPaymentId: string;
  /** A stable code, never the provider's free text. */
  readonly reason: string;
  readonly nextAttemptAt?: string;
  readonly failedAt: string;
}

export const SubscriptionPaymentFailed = defineContract<SubscriptionPaymentFailedV1>()({
  type: 'SubscriptionPaymentFailed',
  version: 1,
  topic: Topics.providerEvents,
  schema: object(
    {
      ...subscriptionFact,
      providerPaymentId: nonEmpty,
      reason: { type: 'string', pattern: '^[a-z0-9_.-]{1,64}$' },
      nextAttemptAt: isoTime,
      failedAt: isoTime,
    },
    ['nextAttemptAt'],
  ),
});

/** The subscription's state at the provider, in our terms. */
export type ProviderSubscriptionStatus = 'active' | 'past_due' | 'ended';

/**
 * A provider reported the subscription's state (Stripe `customer.subscription.updated|deleted`,
 * Cashfree `SUBSCRIPTION_STATUS_CHANGED`).
 */
export interface SubscriptionStatusReportedV1 {
  readonly subscriptionId: string;
  readonly provider: ProviderName;
  readonly providerEventId: string;
  readonly providerSubscriptionId: string;
  readonly status: ProviderSubscriptionStatus;
  readonly cancelAtPeriodEnd: boolean;
  /** When the current paid period ends, when the provider says. */
  readonly currentPeriodEnd?: string;
  /** A stable code for why it ended, when it did. */
  readonly endReason?: string;
  readonly reportedAt: string;
}

export const SubscriptionStatusReported = defineContract<SubscriptionStatusReportedV1>()({
  type: 'SubscriptionStatusReported',
  version: 1,
  topic: Topics.providerEvents,
  schema: object(
    {
      ...subscriptionFact,
      status: { type: 'string', enum: ['active', 'past_due', 'ended'] },
      cancelAtPeriodEnd: { type: 'boolean' },
      currentPeriodEnd: isoTime,
      endReason: { type: 'string', pattern: '^[a-z0-9_.-]{1,64}$' },
      reportedAt: isoTime,
    },
    ['currentPeriodEnd', 'endReason'],
  ),
});
