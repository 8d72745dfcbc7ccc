import type { DiscrepancyKind, ReconciliationDiscrepancyFoundV1, SettlementLineV1 } from '@payments/contracts';

/** What the ledger expects a provider to settle: a payment or a refund it booked. */
export interface SettlementExpectation {
  readonly kind: 'payment' | 'refund';
  /** The provider's payment id (Stripe `pi_...`, Cashfree `cf_payment_id`) or refund id, as settlement lines name them. */
  readonly reference: string;
  readonly orderId: string | null;
  readonly currency: string;
  /** What the ledger booked, positive (a refund's amount, not its sign). */
  readonly amountMinor: number;
}

/** What the ledger knows that a settlement day is matched against. */
export interface LedgerFacts {
  /** Expectations of the lines' payments and refunds, by `expectationKey`. */
  readonly expectations: ReadonlyMap<string, SettlementExpectation>;
  /** The provider's expectations whose day is the run's day: each must be carried by a line. */
  readonly dayExpectations: readonly SettlementExpectation[];
  /** Provider clearing as booked by a journal (the dispute work's), by journal id. */
  readonly clearingByJournal: ReadonlyMap<string, { readonly currency: string; readonly amountMinor: number }>;
  /** `settledKey`s a settlement of an earlier day carried already. */
  readonly settledEarlier: ReadonlySet<string>;
  /** `settledKey`s a settlement of any other day carried. */
  readonly settledOnOtherDays: ReadonlySet<string>;
}

/**
 * One difference between the provider's day and the ledger, in the contract's terms: what the
 * provider settled and what the ledger holds are both signed as the provider's lines are.
 */
export type Finding = Pick<ReconciliationDiscrepancyFoundV1, 'kind' | 'reference' | 'orderId' | 'currency' | 'providerMinor' | 'ledgerMinor'>;

export interface LineOutcome {
  readonly settlementId: string;
  readonly line: SettlementLineV1;
  /** What the line was matched by: a payment, refund or dispute id; the line id when it names none. */
  readonly reference: string;
  /** `matched`, or the discrepancy the line raised. */
  readonly outcome: 'matched' | DiscrepancyKind;
  /** The journal the line books (its fee), if any. */
  readonly journalId: string | null;
}

export const expectationKey = (kind: SettlementExpectation['kind'], reference: string): string => `${kind}:${reference}`;

/** Identifies what a line settles: the same payment, refund or dispute movement has the same key. */
export const settledKey = (kind: SettlementLineV1['kind'], reference: string): string => `${kind}:${reference}`;
