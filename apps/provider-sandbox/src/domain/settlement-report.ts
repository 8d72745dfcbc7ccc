import { FEE_RULES, FeeRules, PaymentFee, paymentFee } from './settlement-fees';

/** A succeeded payment, as the provider's balance saw it. */
export interface SettledPayment {
  readonly paymentId: string;
  readonly chargeId: string;
  readonly orderId: string | null;
  /** ISO 4217, upper-case. */
  readonly currency: string;
  readonly amountMinor: number;
  /** Unix seconds. */
  readonly at: number;
}

/** A refund that holds money back (pending or succeeded; a failed one gave it back). */
export interface SettledRefund extends SettledPayment {
  readonly refundId: string;
}

/**
 * One line of a day's settlement, amounts in signed integer minor units: a payment is positive, a
 * refund negative. `net = gross - fee - taxOnFee`.
 */
export interface SettlementRow {
  readonly type: 'payment' | 'refund';
  readonly paymentId: string;
  readonly chargeId: string;
  readonly refundId: string | null;
  readonly orderId: string | null;
  readonly currency: string;
  readonly occurredAt: string;
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly taxOnFeeMinor: number;
  readonly netMinor: number;
}

export interface SettlementTotal {
  readonly currency: string;
  readonly payments: number;
  readonly refunds: number;
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly taxOnFeeMinor: number;
  readonly netMinor: number;
}

/** What every provider's row holds whatever its ids: its kind, currency, time and signed amounts. */
export type SettlementAmounts = Pick<SettlementRow, 'type' | 'currency' | 'occurredAt' | 'grossMinor' | 'feeMinor' | 'taxOnFeeMinor' | 'netMinor'>;

/** A day's report; `Row` is `SettlementRow` unless a provider names its rows by its own ids. */
export interface SettlementReport<Row extends SettlementAmounts = SettlementRow> {
  readonly provider: string;
  /** The UTC day, `YYYY-MM-DD`. */
  readonly date: string;
  /** Payments then refunds, each in time order (the order given for the same second). */
  readonly rows: readonly Row[];
  /** One per currency, in alphabetical order. */
  readonly totals: readonly SettlementTotal[];
}

export const SETTLEMENT_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SettlementDateError extends Error {
  readonly code = 'SETTLEMENT.INVALID_DATE' as const;
}

/** The UTC day as [start, end) unix seconds; refuses anything but a real `YYYY-MM-DD`. */
export function dayBounds(date: string): { readonly from: number; readonly to: number } {
  const start = Date.parse(`${date}T00:00:00Z`);
  if (!SETTLEMENT_DATE.test(date) || Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== date) {
    throw new SettlementDateError(`date must be a calendar day as YYYY-MM-DD, got "${date}"`);
  }
  return { from: start / 1000, to: start / 1000 + 86_400 };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** How a provider prices a payment: by currency (Stripe-like, the default), by payment method, or both. */
export type PaymentPricing<P extends SettledPayment = SettledPayment> = (payment: P) => PaymentFee;

/** Pricing by the payment's currency's rule in `rules` (a sandbox's configured rules). */
export const pricingWith = (rules: FeeRules): PaymentPricing => (payment) => paymentFee(payment.amountMinor, payment.currency, rules);

/** The default pricing: the payment's currency's rule in `FEE_RULES`. */
export const pricingByCurrency: PaymentPricing = pricingWith(FEE_RULES);

function paymentRow<P extends SettledPayment>(payment: P, pricing: PaymentPricing<P>): SettlementRow {
  const { feeMinor, taxOnFeeMinor } = pricing(payment);
  return {
    type: 'payment', paymentId: payment.paymentId, chargeId: payment.chargeId, refundId: null, orderId: payment.orderId,
    currency: payment.currency, occurredAt: iso(payment.at), grossMinor: payment.amountMinor, feeMinor, taxOnFeeMinor,
    netMinor: payment.amountMinor - feeMinor - taxOnFeeMinor,
  };
}

/** A refund returns no fee (the provider keeps the original payment's fee), so its net is minus its amount. */
function refundRow(refund: SettledRefund): SettlementRow {
  return {
    type: 'refund', paymentId: refund.paymentId, chargeId: refund.chargeId, refundId: refund.refundId, orderId: refund.orderId,
    currency: refund.currency, occurredAt: iso(refund.at), grossMinor: -refund.amountMinor, feeMinor: 0, taxOnFeeMinor: 0,
    netMinor: -refund.amountMinor,
  };
}

function totalsOf(rows: readonly SettlementRow[]): SettlementTotal[] {
  const byCurrency = new Map<string, SettlementRow[]>();
  for (const row of rows) byCurrency.set(row.currency, [...(byCurrency.get(row.currency) ?? []), row]);
  return [...byCurrency.keys()].sort().map((currency) => {
    const of = byCurrency.get(currency) as SettlementRow[];
    const sum = (field: 'grossMinor' | 'feeMinor' | 'taxOnFeeMinor' | 'netMinor') => of.reduce((total, row) => total + row[field], 0);
    return {
      currency, payments: of.filter((row) => row.type === 'payment').length, refunds: of.filter((row) => row.type === 'refund').length,
      grossMinor: sum('grossMinor'), feeMinor: sum('feeMinor'), taxOnFeeMinor: sum('taxOnFeeMinor'), netMinor: sum('netMinor'),
    };
  });
}

/**
 * What a provider settles for one UTC day: a row per payment and per refund of that day, and totals
 * per currency. Each payment's fee is `pricing(payment)`; by default its currency's `FEE_RULES`.
 */
export function settlementReport<P extends SettledPayment>(
  provider: string, date: string, payments: readonly P[], refunds: readonly SettledRefund[], pricing: PaymentPricing<P> = pricingByCurrency,
): SettlementReport {
  const { from, to } = dayBounds(date);
  const onDay = <T extends { at: number }>(items: readonly T[]) => items.filter((item) => item.at >= from && item.at < to).sort((a, b) => a.at - b.at);
  const rows = [...onDay(payments).map((payment) => paymentRow(payment, pricing)), ...onDay(refunds).map(refundRow)];
  return { provider, date, rows, totals: totalsOf(rows) };
}
