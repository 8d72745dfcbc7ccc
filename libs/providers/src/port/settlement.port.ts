import type { SettlementLineKindV1, SettlementLineV1, SettlementV1 } from '@payments/contracts';

/**
 * What a provider paid out, and the disputes a payment can meet. Amounts are signed integer minor
 * units of the line's currency: money the provider owes us is positive, money it takes back negative.
 */

/** What one settlement line is, one balance transaction (Stripe) or recon event (Cashfree), and one payout. */
export type SettlementLineKind = SettlementLineKindV1;
export type SettlementLine = SettlementLineV1;
export type ProviderSettlement = SettlementV1;

/**
 * A settlement day: every settlement that reached (or is due to reach) the bank on that UTC day -
 * Stripe payouts by `arrival_date`, Cashfree settlements by settlement date.
 */
export interface SettlementDayQuery {
  /** `YYYY-MM-DD`, UTC. */
  readonly date: string;
}

/** What an admin does with an open dispute. */
export type DisputeAction =
  /** Concede: the provider closes it lost (Stripe `POST /v1/disputes/{id}/close`; Cashfree `PUT /disputes/{id}/accept`). */
  | { readonly action: 'accept'; readonly disputeId: string; readonly idempotencyKey: string }
  /** Contest: send evidence (Stripe `POST /v1/disputes/{id}` with `evidence[...]`, `submit=true`; Cashfree `POST /disputes/{id}/documents`). */
  | { readonly action: 'submit-evidence'; readonly disputeId: string; readonly idempotencyKey: string; readonly explanation: string };

export interface DisputeActionResult {
  readonly disputeId: string;
  /** The provider's dispute status afterwards (Stripe `lost`/`under_review`; Cashfree `CHARGEBACK_MERCHANT_ACCEPTED`/`..._DOCS_RECEIVED`). */
  readonly status: string;
}

/** Settlements and disputes. Calls throw `ProviderError`, as the payment port's do. */
export interface SettlementProviderPort {
  /** Every settlement of the day with all its lines (pages followed to the end). */
  listSettlements(query: SettlementDayQuery): Promise<ProviderSettlement[]>;
  /** Accepts a dispute or submits evidence for it. */
  actOnDispute(action: DisputeAction): Promise<DisputeActionResult>;
}
