import type Stripe from 'stripe';
import type { ProviderSettlement, SettlementLine, SettlementLineKind } from '../port/settlement.port';
import { invalidRequest } from './stripe-checkout.request';

/*
 * Stripe's automatic payouts as our settlements: a payout is one settlement, each of its balance
 * transactions (listed with `expand[]=data.source`) one line. The payout's own `payout` row is the
 * transfer itself, not a line of it.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day `date` as unix seconds [gte, lt), for `arrival_date`; refuses anything but a real `YYYY-MM-DD`. */
export function arrivalDayRange(date: string): { readonly gte: number; readonly lt: number } {
  const start = Date.parse(`${date}T00:00:00Z`);
  if (!DAY.test(date) || Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== date) {
    throw invalidRequest(`a settlement day is a calendar day as YYYY-MM-DD, got "${date}"`);
  }
  return { gte: start / 1000, lt: start / 1000 + 86_400 };
}

type Source = Stripe.BalanceTransaction['source'];
type Expanded = { id: string; object?: string; payment_intent?: unknown; metadata?: Stripe.Metadata | null };

const expanded = (source: Source): Expanded | null => (typeof source === 'object' && source !== null ? (source as unknown as Expanded) : null);
const sourceId = (source: Source): string | null => (typeof source === 'string' ? source : expanded(source)?.id ?? null);
const idOf = (ref: unknown): string | null =>
  typeof ref === 'string' ? ref : typeof ref === 'object' && ref !== null && typeof (ref as { id?: unknown }).id === 'string' ? (ref as { id: string }).id : null;
const orderIdOf = (source: Source): string | null => {
  const orderId = expanded(source)?.metadata?.order_id;
  return typeof orderId === 'string' && orderId !== '' ? orderId : null;
};

/** What a balance transaction is in our terms: by `type`, and for adjustments by `reporting_category`. */
export function lineKindOf(transaction: Pick<Stripe.BalanceTransaction, 'type' | 'reporting_category'>): SettlementLineKind {
  switch (transaction.type) {
    case 'charge':
    case 'payment':
      return 'payment';
    case 'refund':
    case 'payment_refund':
      return 'refund';
    case 'refund_failure':
      return 'refund_reversal';
    case 'stripe_fee':
      return 'fee';
    case 'adjustment':
      return transaction.reporting_category === 'dispute' ? 'dispute' : transaction.reporting_category === 'dispute_reversal' ? 'dispute_reversal' : 'other';
    default:
      return 'other';
  }
}

/** The ids a line names, from its (expanded) source: a Charge, a Refund or a Dispute, each naming its PaymentIntent. */
function idsOf(kind: SettlementLineKind, source: Source): Pick<SettlementLine, 'paymentId' | 'refundId' | 'disputeId'> {
  const paymentIntent = idOf(expanded(source)?.payment_intent);
  switch (kind) {
    case 'payment':
      return { paymentId: paymentIntent, refundId: null, disputeId: null };
    case 'refund':
    case 'refund_reversal':
      return { paymentId: paymentIntent, refundId: sourceId(source), disputeId: null };
    case 'dispute':
    case 'dispute_reversal':
      return { paymentId: paymentIntent, refundId: null, disputeId: sourceId(source) };
    default:
      return { paymentId: paymentIntent, refundId: null, disputeId: null };
  }
}

/** One balance transaction as a settlement line: Stripe's `fee` includes the tax on it, which we keep apart. */
export function toSettlementLine(transaction: Stripe.BalanceTransaction): SettlementLine {
  const kind = lineKindOf(transaction);
  const taxOnFeeMinor = (transaction.fee_details ?? []).filter((detail) => detail.type === 'tax').reduce((sum, detail) => sum + detail.amount, 0);
  return {
    lineId: transaction.id,
    kind,
    ...idsOf(kind, transaction.source),
    orderId: orderIdOf(transaction.source),
    currency: transaction.currency.toUpperCase(),
    grossMinor: transaction.amount,
    feeMinor: transaction.fee - taxOnFeeMinor,
    taxOnFeeMinor,
    netMinor: transaction.net,
    occurredAt: new Date(transaction.created * 1000).toISOString(),
  };
}

/** A payout and its balance transactions as one settlement; the payout's own row is left out. */
export function toProviderSettlement(payout: Stripe.Payout, transactions: readonly Stripe.BalanceTransaction[]): ProviderSettlement {
  return {
    settlementId: payout.id,
    currency: payout.currency.toUpperCase(),
    amountMinor: payout.amount,
    status: payout.status,
    paid: payout.status === 'paid',
    settledAt: new Date(payout.arrival_date * 1000).toISOString(),
    bankReference: payout.trace_id?.value || null,
    lines: transactions.filter((transaction) => transaction.type !== 'payout').map(toSettlementLine),
  };
}
