import type { PaymentFee } from '../domain/settlement-fees';

/** The balance transaction types the sandbox makes (Stripe has many more). */
export type BalanceTransactionType = 'charge' | 'refund' | 'adjustment' | 'stripe_fee' | 'payout';

/** What Stripe's reports file a balance transaction under; it splits `adjustment` into disputes and their reversals. */
export type ReportingCategory = 'charge' | 'refund' | 'dispute' | 'dispute_reversal' | 'fee' | 'payout';

export interface FeeDetail {
  readonly amount: number;
  readonly application: null;
  readonly currency: string;
  readonly description: string;
  readonly type: 'stripe_fee' | 'tax';
}

/** A BalanceTransaction as Stripe's API returns it; `source` is an id (or the expanded object). */
export interface SandboxBalanceTransaction {
  readonly id: string;
  readonly object: 'balance_transaction';
  /** Signed minor units: money in positive, money out negative. */
  readonly amount: number;
  readonly available_on: number;
  readonly balance_type: 'payments';
  readonly created: number;
  /** Lower-case, as Stripe stores it. */
  readonly currency: string;
  readonly description: string | null;
  readonly exchange_rate: null;
  /** The sum of `fee_details`, tax included. */
  readonly fee: number;
  readonly fee_details: readonly FeeDetail[];
  /** `amount - fee`. */
  readonly net: number;
  readonly reporting_category: ReportingCategory;
  readonly source: string | null;
  readonly status: 'available';
  readonly type: BalanceTransactionType;
}

export interface NewBalanceTransaction {
  readonly id: string;
  readonly type: BalanceTransactionType;
  readonly reportingCategory: ReportingCategory;
  readonly amount: number;
  readonly currency: string;
  readonly feeDetails?: readonly FeeDetail[];
  /** Unix seconds; the money is available at once. */
  readonly created: number;
  readonly description: string | null;
  readonly source: string | null;
}

export function balanceTransaction(input: NewBalanceTransaction): SandboxBalanceTransaction {
  const feeDetails = input.feeDetails ?? [];
  const fee = feeDetails.reduce((sum, detail) => sum + detail.amount, 0);
  return {
    id: input.id,
    object: 'balance_transaction',
    amount: input.amount,
    available_on: input.created,
    balance_type: 'payments',
    created: input.created,
    currency: input.currency.toLowerCase(),
    description: input.description,
    exchange_rate: null,
    fee,
    fee_details: feeDetails,
    net: input.amount - fee,
    reporting_category: input.reportingCategory,
    source: input.source,
    status: 'available',
    type: input.type,
  };
}

const feeDetail = (amount: number, currency: string, type: FeeDetail['type'], description: string): FeeDetail =>
  ({ amount, application: null, currency: currency.toLowerCase(), description, type });

/** A payment's processing fee as Stripe itemizes it: the fee, then the tax on it (GST in India) when there is one. */
export function processingFeeDetails(fee: PaymentFee, currency: string): FeeDetail[] {
  return [
    ...(fee.feeMinor > 0 ? [feeDetail(fee.feeMinor, currency, 'stripe_fee', 'Stripe processing fees')] : []),
    ...(fee.taxOnFeeMinor > 0 ? [feeDetail(fee.taxOnFeeMinor, currency, 'tax', 'Tax on Stripe processing fees')] : []),
  ];
}

/** The fee withdrawn with a dispute's funds. */
export function disputeFeeDetails(feeMinor: number, currency: string): FeeDetail[] {
  return feeMinor > 0 ? [feeDetail(feeMinor, currency, 'stripe_fee', 'Dispute fee')] : [];
}
