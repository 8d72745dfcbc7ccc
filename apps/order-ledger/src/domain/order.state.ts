import { ProviderFact } from './order.commands';
import type { DisputeRecord, DisputeReport } from '../disputes/domain/dispute.events';
import { OrderPlaced, ReviewReason } from './order.events';

export type OrderStatus = 'Initial' | 'Pending' | 'Paid' | 'PartiallyRefunded' | 'Refunded' | 'Failed' | 'Expired';

/**
 * Review is a flag, not a status: a mismatched payment (Pending), a second payment (Paid) or a
 * payment after closing (Expired/Failed) each need a human, but the order's lifecycle stays where
 * it is, so one flag list serves every status.
 */
export interface ReviewFlag {
  readonly reason: ReviewReason;
  /** The payment concerned (the refund id for UNKNOWN_REFUND). */
  readonly providerPaymentId: string;
  readonly flaggedAt: string;
}

export interface Refund {
  readonly refundId: string;
  readonly amountMinor: number;
  readonly status: 'pending' | 'succeeded' | 'failed';
}

export interface OrderFacts extends Readonly<OrderPlaced['data']> {
  /** Provider events already decided on: the same event id again yields no events. */
  readonly seenProviderEventIds: readonly string[];
  /** Payments whose success is on record (applied, mismatched, duplicate or late). */
  readonly seenPaymentIds: readonly string[];
  readonly failedAttempts: number;
  readonly reviewFlags: readonly ReviewFlag[];
  /** Disputes against the order's payment, in the order first reported (a flag-like list, not a status). */
  readonly disputes: readonly DisputeRecord[];
  /** Dispute reports that came before the order was paid: decided when it is. */
  readonly disputesAwaitingPayment: readonly DisputeReport[];
}

export interface Settlement {
  readonly providerPaymentId: string;
  readonly paidAt: string;
  readonly refunds: readonly Refund[];
}

type Settled<S extends OrderStatus> = Readonly<{ status: S }> & OrderFacts & Settlement;

/**
 * No order yet, but perhaps facts about it: provider events that overtook checkout's CheckoutOpened.
 * They are applied, in the order received, the moment the order is placed.
 */
export interface Unplaced {
  readonly status: 'Initial';
  readonly earlyFacts: readonly ProviderFact[];
  readonly firstFactAt?: string;
  /** When the facts were surfaced as unmatched (no order after the window). */
  readonly unmatchedAt?: string;
}

export type OrderState =
  | Unplaced
  | (Readonly<{ status: 'Pending' }> & OrderFacts)
  | (Readonly<{ status: 'Expired'; closedAt: string }> & OrderFacts)
  | (Readonly<{ status: 'Failed'; closedAt: string; failureReason: string }> & OrderFacts)
  | Settled<'Paid'>
  | Settled<'PartiallyRefunded'>
  | Settled<'Refunded'>;

export type PlacedOrder = Exclude<OrderState, { status: 'Initial' }>;
export type SettledOrder = Extract<OrderState, Settlement>;

export const initialState = (): OrderState => ({ status: 'Initial', earlyFacts: [] });

export const isSettled = (order: OrderState): order is SettledOrder => 'refunds' in order;

const refundsTotal = (order: SettledOrder, statuses: readonly Refund['status'][]): number =>
  order.refunds.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r.amountMinor, 0);

/** What has been refunded successfully so far. */
export const refundedMinor = (order: SettledOrder): number => refundsTotal(order, ['succeeded']);

/** What may still be refunded: paid - refunded - refunds still pending. */
export const refundableRemainder = (order: SettledOrder): number =>
  order.amountMinor - refundsTotal(order, ['succeeded', 'pending']);
