import { JsonSchema, defineContract } from '../contract';
import { SETTLEMENT_LINES_PER_PART } from '../settlement-parts';
import { Topics } from '../topics';
import { ProviderName } from './common';
import { currency, isoTime, minorUnits, nonEmpty, object, provider, uuid } from './schema-parts';

/** A settlement day, `YYYY-MM-DD` (UTC). */
const settlementDate: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
/** Signed integer minor units: money the provider owes us positive, money it takes back negative. */
const signedMinor: JsonSchema = { type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });


/**
 * A provider reported a payout / settlement paid into the bank (Stripe `payout.paid`,
 * `payout.reconciliation_completed`; Cashfree `SETTLEMENT_SUCCESS`): order-ledger reconciles its
 * day. Keyed `<provider>:<date>`.
 */
export interface SettlementPaidV1 {
  readonly provider: ProviderName;
  readonly providerEventId: string;
  readonly settlementId: string;
  readonly date: string;
  readonly reportedAt: string;
}

export const SettlementPaid = defineContract<SettlementPaidV1>()({
  type: 'SettlementPaid',
  version: 1,
  topic: Topics.providerEvents,
  schema: object({ provider, providerEventId: nonEmpty, settlementId: nonEmpty, date: settlementDate, reportedAt: isoTime }),
});

/**
 * order-ledger asks checkout, which makes every provider call, to fetch what the provider settled
 * on one day (a reconciliation run: nightly, on demand, or after a settlement webhook). Keyed
 * `<provider>:<date>`.
 */
export interface SettlementFetchRequestedV1 {
  readonly runId: string;
  readonly provider: ProviderName;
  readonly date: string;
  readonly requestedAt: string;
}

export const SettlementFetchRequested = defineContract<SettlementFetchRequestedV1>()({
  type: 'SettlementFetchRequested',
  version: 1,
  topic: Topics.checkoutCommands,
  schema: object({ runId: uuid, provider, date: settlementDate, requestedAt: isoTime }),
});

/** What one settlement line is (the provider port reads lines into these). */
export type SettlementLineKindV1 =
  /** A payment captured (Stripe `charge`/`payment`; Cashfree `PAYMENT`). Gross positive. */
  | 'payment'
  /** A refund of a payment (Stripe `refund`/`payment_refund`; Cashfree `REFUND`). Gross negative. */
  | 'refund'
  /** A refund that failed and gave the money back (Stripe `refund_failure`; Cashfree `REFUND_REVERSAL`). Gross positive. */
  | 'refund_reversal'
  /** Funds withdrawn for a dispute (Stripe adjustment `dispute`; Cashfree `DISPUTE`/`CHARGEBACK`). Gross negative; the dispute fee is its `feeMinor`. */
  | 'dispute'
  /** Funds reinstated after a won dispute (Stripe adjustment `dispute_reversal`; Cashfree `*_REVERSAL`). Gross positive. */
  | 'dispute_reversal'
  /** A charge with no payment behind it (Stripe `stripe_fee`; Cashfree `OTHER_ADJUSTMENT`). Gross is the (negative) amount. */
  | 'fee'
  /** Anything else the provider moved; reconciliation reports it, it never books it silently. */
  | 'other';

/** One line of a settlement: one balance transaction (Stripe) or recon event (Cashfree). */
export interface SettlementLineV1 {
  /** The provider's id of the line, unique per provider: Stripe `txn_...`; Cashfree recon `event_id`. */
  readonly lineId: string;
  readonly kind: SettlementLineKindV1;
  /**
   * The payment as our ledger knows it, exactly as the payment's success webhook names it
   * (`NeutralProviderEvent.providerObjectId` of `payment.succeeded`): Stripe `pi_...`, Cashfree
   * `cf_payment_id`. Null for a line about no payment (a platform fee).
   */
  readonly paymentId: string | null;
  /** Refund lines: the refund as our ledger knows it (Stripe `re_...`; Cashfree `<order_id>:<refund_id>`). */
  readonly refundId: string | null;
  /** Dispute lines: the provider's dispute id (Stripe `du_...`; Cashfree `dispute_id`). */
  readonly disputeId: string | null;
  /** Our order id when the provider's object carries it (metadata / Cashfree `order_id`). */
  readonly orderId: string | null;
  /** ISO 4217, upper-case. */
  readonly currency: string;
  /** What moved, signed. */
  readonly grossMinor: number;
  /** The provider's fee on this line, tax excluded, positive when charged (a fee refunded is negative). */
  readonly feeMinor: number;
  /** Tax on the fee (Cashfree GST `service_tax`; Stripe `fee_details` of type `tax`), positive when charged. */
  readonly taxOnFeeMinor: number;
  /** `grossMinor - feeMinor - taxOnFeeMinor`. */
  readonly netMinor: number;
  /** When the underlying money moved (ISO 8601). */
  readonly occurredAt: string;
}

/** One transfer to our bank (Stripe payout `po_...`; Cashfree settlement `cf_settlement_id`) and what it settled. */
export interface SettlementV1 {
  readonly settlementId: string;
  /** ISO 4217, upper-case; a payout is in one currency. */
  readonly currency: string;
  /** What reached the bank: the sum of the lines' `netMinor` as the provider states it. */
  readonly amountMinor: number;
  /** Provider status: Stripe `paid`/`in_transit`/...; Cashfree `SUCCESS`/`PENDING`/... */
  readonly status: string;
  /** True once the money is in the bank (Stripe `paid`; Cashfree `SUCCESS`). Only paid settlements are booked as payouts. */
  readonly paid: boolean;
  /** When it reached (or will reach) the bank (ISO 8601). */
  readonly settledAt: string;
  /** The UTR / trace id, for the bank statement. */
  readonly bankReference: string | null;
  readonly lines: readonly SettlementLineV1[];
}

/**
 * What the provider settled on the day, as checkout fetched it for run `runId`. A day with more
 * than `SETTLEMENT_LINES_PER_PART` lines comes in `parts` messages (`part` 1..parts; a settlement
 * may span parts, each part repeating its header); order-ledger reconciles once every part is in.
 * A fetch the provider refused is one part with `error` and no settlements. Keyed `<provider>:<date>`.
 */
export interface SettlementReportedV1 {
  readonly runId: string;
  readonly provider: ProviderName;
  readonly date: string;
  readonly part: number;
  readonly parts: number;
  readonly settlements: readonly SettlementV1[];
  /** The provider refused or failed the fetch: its error code. */
  readonly error?: string;
  readonly fetchedAt: string;
}

const settlementLine = object({
  lineId: nonEmpty,
  kind: { type: 'string', enum: ['payment', 'refund', 'refund_reversal', 'dispute', 'dispute_reversal', 'fee', 'other'] },
  paymentId: nullable(nonEmpty),
  refundId: nullable(nonEmpty),
  disputeId: nullable(nonEmpty),
  orderId: nullable(nonEmpty),
  currency,
  grossMinor: signedMinor,
  feeMinor: signedMinor,
  taxOnFeeMinor: signedMinor,
  netMinor: signedMinor,
  occurredAt: isoTime,
});

export const SettlementReported = defineContract<SettlementReportedV1>()({
  type: 'SettlementReported',
  version: 1,
  topic: Topics.settlementReports,
  schema: object(
    {
      runId: uuid,
      provider,
      date: settlementDate,
      part: { type: 'integer', minimum: 1, maximum: 10_000 },
      parts: { type: 'integer', minimum: 1, maximum: 10_000 },
      settlements: {
        type: 'array',
        maxItems: SETTLEMENT_LINES_PER_PART,
        items: object({
          settlementId: nonEmpty,
          currency,
          amountMinor: signedMinor,
          status: nonEmpty,
          paid: { type: 'boolean' },
          settledAt: isoTime,
          bankReference: nullable(nonEmpty),
          lines: { type: 'array', items: settlementLine, maxItems: SETTLEMENT_LINES_PER_PART },
        }),
      },
      error: nonEmpty,
      fetchedAt: isoTime,
    },
    ['error'],
  ),
});

/** Every way the books and the provider can disagree. */
export type DiscrepancyKind =
  /** The provider settled a payment, refund or dispute our ledger has no record of. */
  | 'missing-in-ledger'
  /** Our ledger booked a payment or refund on the day that no settlement of the day carries. */
  | 'missing-at-provider'
  | 'amount-mismatch'
  | 'currency-mismatch'
  /** The same payment or refund settled twice (in one settlement, or on two days). */
  | 'settled-twice'
  /** A fee line with no payment, refund or dispute behind it. */
  | 'unexplained-fee';

/**
 * One difference found by reconciling a provider's settlement day against the ledger. Found once per
 * (provider, date, kind, reference); resolved (`ReconciliationDiscrepancyResolved`) when a later run
 * of the day no longer finds it. Keyed `<provider>:<date>`.
 */
export interface ReconciliationDiscrepancyFoundV1 {
  readonly discrepancyId: string;
  readonly provider: ProviderName;
  readonly date: string;
  readonly kind: DiscrepancyKind;
  /** What it is about: the provider's payment, refund, dispute or line id. */
  readonly reference: string;
  readonly orderId: string | null;
  readonly currency: string;
  /** What the provider settled (null: nothing). */
  readonly providerMinor: number | null;
  /** What the ledger holds (null: nothing). */
  readonly ledgerMinor: number | null;
  readonly runId: string;
  readonly foundAt: string;
}

const discrepancyKind: JsonSchema = {
  type: 'string',
  enum: ['missing-in-ledger', 'missing-at-provider', 'amount-mismatch', 'currency-mismatch', 'settled-twice', 'unexplained-fee'],
};

export const ReconciliationDiscrepancyFound = defineContract<ReconciliationDiscrepancyFoundV1>()({
  type: 'ReconciliationDiscrepancyFound',
  version: 1,
  topic: Topics.reconciliationEvents,
  schema: object({
    discrepancyId: uuid,
    provider,
    date: settlementDate,
    kind: discrepancyKind,
    reference: nonEmpty,
    orderId: nullable(nonEmpty),
    currency,
    providerMinor: nullable(signedMinor),
    ledgerMinor: nullable(signedMinor),
    runId: uuid,
    foundAt: isoTime,
  }),
});

export interface ReconciliationDiscrepancyResolvedV1 {
  readonly discrepancyId: string;
  readonly provider: ProviderName;
  readonly date: string;
  readonly kind: DiscrepancyKind;
  readonly reference: string;
  readonly runId: string;
  readonly resolvedAt: string;
}

export const ReconciliationDiscrepancyResolved = defineContract<ReconciliationDiscrepancyResolvedV1>()({
  type: 'ReconciliationDiscrepancyResolved',
  version: 1,
  topic: Topics.reconciliationEvents,
  schema: object({ discrepancyId: uuid, provider, date: settlementDate, kind: discrepancyKind, reference: nonEmpty, runId: uuid, resolvedAt: isoTime }),
});

/** A run of one provider's day finished: what it matched, booked and left open. Keyed `<provider>:<date>`. */
export interface SettlementDayReconciledV1 {
  readonly runId: string;
  readonly provider: ProviderName;
  readonly date: string;
  readonly matchedLines: number;
  /** Journals booked by this run (fees, payouts); a re-run of a booked day books 0. */
  readonly journalsBooked: number;
  readonly openDiscrepancies: number;
  readonly resolvedDiscrepancies: number;
  readonly reconciledAt: string;
}

export const SettlementDayReconciled = defineContract<SettlementDayReconciledV1>()({
  type: 'SettlementDayReconciled',
  version: 1,
  topic: Topics.reconciliationEvents,
  schema: object({
    runId: uuid,
    provider,
    date: settlementDate,
    matchedLines: minorUnits,
    journalsBooked: minorUnits,
    openDiscrepancies: minorUnits,
    resolvedDiscrepancies: minorUnits,
    reconciledAt: isoTime,
  }),
});
