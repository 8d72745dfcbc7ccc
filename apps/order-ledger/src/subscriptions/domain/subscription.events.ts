import {
  SubscriptionCheckoutOpenedV1, SubscriptionPaymentFailedV1, SubscriptionPaymentSucceededV1, SubscriptionStatusReportedV1,
} from '@payments/contracts';

/*
 * The events of a subscription's stream in order-ledger's event store. Provider facts are recorded
 * as they arrive; the subscription's status is derived from all of them (see subscription.view.ts),
 * so the order they arrive in does not change where it ends.
 */

/** What checkout opened, as the stream records it. */
export type SubscriptionPlacedData = SubscriptionCheckoutOpenedV1 & { readonly placedAt: string };

type FactOf<T> = Omit<T, 'subscriptionId' | 'provider'>;
export type PaymentFact = { readonly kind: 'payment' } & FactOf<SubscriptionPaymentSucceededV1>;
export type FailureFact = { readonly kind: 'failure' } & FactOf<SubscriptionPaymentFailedV1>;
export type StatusFact = { readonly kind: 'status' } & FactOf<SubscriptionStatusReportedV1>;

export type SubscriptionFact = PaymentFact | FailureFact | StatusFact;

export type SubscriptionEvent =
  /** A provider fact for a subscription not placed yet; decided when it is. */
  | { type: 'SubscriptionFactReceivedEarly'; data: { fact: SubscriptionFact; receivedAt: string } }
  | { type: 'SubscriptionPlaced'; data: SubscriptionPlacedData }
  /** One period collected: booked in the ledger with its own invoice. */
  | {
      type: 'SubscriptionPeriodPaid';
      data: {
        providerEventId: string;
        providerPaymentId: string;
        periodStart: string;
        periodEnd: string;
        amountMinor: number;
        currency: string;
        billingReason: 'create' | 'cycle';
        paidAt: string;
      };
    }
  /** Money whose amount or currency is not the plan's: recorded for review, no period granted. */
  | {
      type: 'SubscriptionPaymentMismatchRecorded';
      data: { providerEventId: string; providerPaymentId: string; amountMinor: number; currency: string; paidAt: string; recordedAt: string };
    }
  | { type: 'SubscriptionPaymentFailed'; data: { providerEventId: string; providerPaymentId: string; reason: string; nextAttemptAt?: string; failedAt: string } }
  | { type: 'SubscriptionStatusReported'; data: Omit<StatusFact, 'kind' | 'providerSubscriptionId'> };
