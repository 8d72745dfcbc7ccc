import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProviderName } from './common';
import { currency, isoTime, minorUnits, nonEmpty, object, provider, uuid } from './schema-parts';

/** Where a dispute stands, in our words. */
export type DisputeStage = 'opened' | 'updated' | 'won' | 'lost';

/**
 * A verified provider webhook about a dispute (chargeback) against one of our payments (Stripe
 * `charge.dispute.*`, Cashfree `DISPUTE_*`). Delivered in any order and more than once: consumers
 * apply each stage once per `disputeId`. Keyed by our order id when the provider names it (Cashfree
 * does), else by `providerPaymentId` (Stripe's dispute carries no metadata of ours): order-ledger
 * finds the order by its payment.
 */
export interface DisputeReportedV1 {
  readonly orderId?: string;
  readonly provider: ProviderName;
  readonly providerEventId: string;
  readonly disputeId: string;
  /** The payment disputed, as its success webhook named it (Stripe `pi_...`, Cashfree `cf_payment_id`). */
  readonly providerPaymentId: string;
  readonly stage: DisputeStage;
  /** The provider's own status (Stripe `needs_response`, `lost`; Cashfree `CHARGEBACK_CREATED`). */
  readonly status: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** The provider's dispute fee when the event states it. */
  readonly feeMinor?: number;
  /** An inquiry / retrieval request: no money moves. */
  readonly inquiry: boolean;
  /** A stable reason code (`fraudulent`, `product_not_received`); never the provider's free text. */
  readonly reasonCode?: string;
  readonly respondBy?: string;
  readonly reportedAt: string;
}

export const DisputeReported = defineContract<DisputeReportedV1>()({
  type: 'DisputeReported',
  version: 1,
  topic: Topics.providerEvents,
  schema: object(
    {
      orderId: uuid,
      provider,
      providerEventId: nonEmpty,
      disputeId: nonEmpty,
      providerPaymentId: nonEmpty,
      stage: { type: 'string', enum: ['opened', 'updated', 'won', 'lost'] },
      status: nonEmpty,
      amountMinor: minorUnits,
      currency,
      feeMinor: minorUnits,
      inquiry: { type: 'boolean' },
      reasonCode: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' },
      respondBy: isoTime,
      reportedAt: isoTime,
    },
    ['orderId', 'feeMinor', 'reasonCode', 'respondBy'],
  ),
});

/**
 * order-ledger's record of a dispute on an order, for entitlements (access policy), the gateway and
 * the LMS: opened (funds withdrawn, fee booked), won (funds reinstated) or lost (final). Each
 * appears once per dispute, in this order, whatever order the provider's webhooks came in. Keyed
 * by our order id.
 */
export interface OrderDisputeChangedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly disputeId: string;
  readonly provider: ProviderName;
  readonly stage: 'opened' | 'won' | 'lost';
  readonly amountMinor: number;
  readonly currency: string;
  readonly feeMinor: number;
  readonly changedAt: string;
}

export const OrderDisputeChanged = defineContract<OrderDisputeChangedV1>()({
  type: 'OrderDisputeChanged',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object({
    orderId: uuid,
    userId: nonEmpty,
    disputeId: nonEmpty,
    provider,
    stage: { type: 'string', enum: ['opened', 'won', 'lost'] },
    amountMinor: minorUnits,
    currency,
    feeMinor: minorUnits,
    changedAt: isoTime,
  }),
});

/** What names one admin action on a dispute, in the request and its outcome. */
const disputeActionSubject = {
  requestId: uuid,
  orderId: uuid,
  provider,
  disputeId: nonEmpty,
  action: { type: 'string', enum: ['accept', 'submit-evidence'] },
};

/**
 * An admin's decision on an open dispute, for checkout to carry out at the provider: accept it
 * (closed lost) or submit evidence. The provider call is keyed by `requestId`. Keyed by our order id.
 */
export interface DisputeActionRequestedV1 {
  readonly requestId: string;
  readonly orderId: string;
  readonly provider: ProviderName;
  readonly disputeId: string;
  readonly action: 'accept' | 'submit-evidence';
  /** Evidence only: the merchant's explanation. */
  readonly explanation?: string;
  /** The admin, for the audit trail. */
  readonly requestedBy: string;
  readonly requestedAt: string;
}

export const DisputeActionRequested = defineContract<DisputeActionRequestedV1>()({
  type: 'DisputeActionRequested',
  version: 1,
  topic: Topics.checkoutCommands,
  schema: object(
    {
      ...disputeActionSubject,
      explanation: { type: 'string', minLength: 1, maxLength: 5000 },
      requestedBy: nonEmpty,
      requestedAt: isoTime,
    },
    ['explanation'],
  ),
});

/** What checkout's provider call for a `DisputeActionRequested` came to. Keyed by our order id. */
export interface DisputeActionCompletedV1 {
  readonly requestId: string;
  readonly orderId: string;
  readonly provider: ProviderName;
  readonly disputeId: string;
  readonly action: 'accept' | 'submit-evidence';
  readonly outcome: 'done' | 'refused';
  /** The provider's dispute status afterwards, when done. */
  readonly status?: string;
  /** Refused: the provider's error code. */
  readonly errorCode?: string;
  readonly completedAt: string;
}

export const DisputeActionCompleted = defineContract<DisputeActionCompletedV1>()({
  type: 'DisputeActionCompleted',
  version: 1,
  topic: Topics.checkoutEvents,
  schema: object(
    {
      ...disputeActionSubject,
      outcome: { type: 'string', enum: ['done', 'refused'] },
      status: nonEmpty,
      errorCode: nonEmpty,
      completedAt: isoTime,
    },
    ['status', 'errorCode'],
  ),
});
