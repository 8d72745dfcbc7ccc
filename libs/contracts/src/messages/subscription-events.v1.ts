import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProviderName } from './common';
import { BillingInterval } from './subscription-checkout.v1';
import { billingInterval as billingIntervalSchema, currency, isoTime, minorUnits, nonEmpty, object, provider, uuid } from './schema-parts';

const subscriptionRef = { subscriptionId: uuid, userId: nonEmpty, planId: nonEmpty };

/** order-ledger placed a subscription (checkout opened it at the provider; nothing paid yet). */
export interface SubscriptionPlacedV1 {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planId: string;
  readonly interval: BillingInterval;
  readonly amountMinor: number;
  readonly currency: string;
  readonly provider: ProviderName;
  readonly placedAt: string;
}

export const SubscriptionPlaced = defineContract<SubscriptionPlacedV1>()({
  type: 'SubscriptionPlaced',
  version: 1,
  topic: Topics.subscriptionsEvents,
  schema: object({ ...subscriptionRef, interval: billingIntervalSchema, amountMinor: minorUnits, currency, provider, placedAt: isoTime }),
});

/**
 * One period of a subscription is paid and booked (journal, invoice number). `periodEnd` is how far
 * access is paid for. `billingReason` `create` is the first period, `cycle` a renewal.
 */
export interface SubscriptionPeriodPaidV1 {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planId: string;
  readonly provider: ProviderName;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly invoiceNumber: string;
  readonly billingReason: 'create' | 'cycle';
  /** How many periods have been paid, this one included. */
  readonly periodsPaid: number;
  readonly paidAt: string;
}

export const SubscriptionPeriodPaid = defineContract<SubscriptionPeriodPaidV1>()({
  type: 'SubscriptionPeriodPaid',
  version: 1,
  topic: Topics.subscriptionsEvents,
  schema: object({
    ...subscriptionRef,
    provider,
    periodStart: isoTime,
    periodEnd: isoTime,
    amountMinor: minorUnits,
    currency,
    invoiceNumber: nonEmpty,
    billingReason: { type: 'string', enum: ['create', 'cycle'] },
    periodsPaid: { type: 'integer', minimum: 1 },
    paidAt: isoTime,
  }),
});

/** A renewal failed; the provider retries. Access runs on until the paid period's end plus the grace. */
export interface SubscriptionPastDueV1 {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planId: string;
  /** The end of the last paid period. */
  readonly paidThrough: string;
  readonly reason: string;
  readonly since: string;
}

export const SubscriptionPastDue = defineContract<SubscriptionPastDueV1>()({
  type: 'SubscriptionPastDue',
  version: 1,
  topic: Topics.subscriptionsEvents,
  schema: object({ ...subscriptionRef, paidThrough: isoTime, reason: nonEmpty, since: isoTime }),
});

/** The subscription will end when its paid period ends (or no longer will, when `scheduled` is false). */
export interface SubscriptionCancellationScheduledV1 {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planId: string;
  readonly scheduled: boolean;
  readonly endsAt?: string;
  readonly changedAt: string;
}

export const SubscriptionCancellationScheduled = defineContract<SubscriptionCancellationScheduledV1>()({
  type: 'SubscriptionCancellationScheduled',
  version: 1,
  topic: Topics.subscriptionsEvents,
  schema: object({ ...subscriptionRef, scheduled: { type: 'boolean' }, endsAt: isoTime, changedAt: isoTime }, ['endsAt']),
});

/** The subscription is over: no more periods, access ends. Final. */
export interface SubscriptionEndedV1 {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planId: string;
  /** A stable code: canceled, payment_failed, ... */
  readonly reason: string;
  readonly endedAt: string;
}

export const SubscriptionEnded = defineContract<SubscriptionEndedV1>()({
  type: 'SubscriptionEnded',
  version: 1,
  topic: Topics.subscriptionsEvents,
  schema: object({ ...subscriptionRef, reason: nonEmpty, endedAt: isoTime }),
});
