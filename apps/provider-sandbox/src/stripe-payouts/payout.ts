/** The bank account every sandbox payout goes to. */
export const SANDBOX_BANK_ACCOUNT = 'ba_1SandboxBankAccount000000';

/** An automatic Payout as Stripe's API returns it, paid and reconciled (its balance transactions can be listed). */
export interface SandboxPayout {
  readonly id: string;
  readonly object: 'payout';
  /** Minor units: the sum of its balance transactions' `net`. */
  readonly amount: number;
  readonly application_fee: null;
  readonly application_fee_amount: null;
  /** Midnight (UTC) of the day it reached the bank, in unix seconds. */
  readonly arrival_date: number;
  readonly automatic: true;
  /** Its own balance transaction (`type: 'payout'`). */
  readonly balance_transaction: string;
  readonly created: number;
  /** Lower-case, as Stripe stores it. */
  readonly currency: string;
  readonly description: 'STRIPE PAYOUT';
  readonly destination: string;
  readonly failure_balance_transaction: null;
  readonly failure_code: null;
  readonly failure_message: null;
  readonly livemode: false;
  readonly metadata: Readonly<Record<string, string>>;
  readonly method: 'standard';
  readonly original_payout: null;
  readonly payout_method: null;
  readonly reconciliation_status: 'completed';
  readonly reversed_by: null;
  readonly source_type: 'card';
  readonly statement_descriptor: null;
  readonly status: 'paid';
  /** What the bank statement shows. */
  readonly trace_id: { readonly status: 'supported'; readonly value: string };
  readonly type: 'bank_account';
}

export interface NewPayout {
  readonly id: string;
  readonly amount: number;
  readonly currency: string;
  /** `YYYY-MM-DD`, the UTC day it arrives. */
  readonly date: string;
  readonly arrivalDate: number;
  readonly createdAt: number;
  readonly balanceTransaction: string;
}

/** The trace id of a day's payout in one currency: one per day and currency, so it names the payout on a statement. */
export const payoutTraceId = (date: string, currency: string) => `SBX-${date}-${currency.toUpperCase()}`;

export function newPayout(payout: NewPayout): SandboxPayout {
  return {
    id: payout.id,
    object: 'payout',
    amount: payout.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: payout.arrivalDate,
    automatic: true,
    balance_transaction: payout.balanceTransaction,
    created: payout.createdAt,
    currency: payout.currency.toLowerCase(),
    description: 'STRIPE PAYOUT',
    destination: SANDBOX_BANK_ACCOUNT,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: {},
    method: 'standard',
    original_payout: null,
    payout_method: null,
    reconciliation_status: 'completed',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: null,
    status: 'paid',
    trace_id: { status: 'supported', value: payoutTraceId(payout.date, payout.currency) },
    type: 'bank_account',
  };
}
