import { Money, add, allocate, money, subtract } from '@payments/money';

/** The ledger's accounts. After a settled day, provider clearing holds exactly what the provider still owes us. */
export type LedgerAccount =
  /** What the provider holds for us until it pays out: debited when paid, credited when refunded, charged fees, withdrawn for disputes or paid out. */
  | 'provider_clearing'
  /** Sales net of tax. */
  | 'revenue'
  /** Tax collected on behalf of the tax authority (GST in India). */
  | 'tax_payable'
  /** What the providers charged us (processing and dispute fees), tax excluded. */
  | 'provider_fees'
  /** Tax charged on provider fees (Cashfree's GST on its service charge), reclaimable as input tax. */
  | 'fee_tax_receivable'
  /** Money disputes withdrew and have not reinstated. */
  | 'disputes'
  /** Our bank account: credited from clearing by each payout / settlement. */
  | 'bank';

/** One line of a journal entry. `amountMinor` is signed: debit positive, credit negative. */
export interface LedgerPosting {
  readonly account: LedgerAccount;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface PaidAmounts {
  /** What the customer paid, tax included. */
  readonly totalMinor: number;
  /** The tax contained in the total. */
  readonly taxMinor: number;
  readonly currency: string;
}

export interface RefundAmounts extends PaidAmounts {
  readonly refundMinor: number;
  /** Refunds already posted for this order, so a full refund in parts reverses exactly. */
  readonly alreadyRefundedMinor: number;
}

/** OrderPaid: debit provider clearing with the total, credit revenue net of tax and tax payable. */
export function postingsForOrderPaid(paid: PaidAmounts): LedgerPosting[] {
  const total = money(paid.totalMinor, paid.currency);
  const tax = money(paid.taxMinor, paid.currency);
  return journal([
    ['provider_clearing', total, 'debit'],
    ['revenue', subtract(total, tax), 'credit'],
    ['tax_payable', tax, 'credit'],
  ]);
}

/**
 * RefundSucceeded: reverses revenue and tax in proportion to the order's split. The split is taken
 * on cumulative refunds (largest remainder via `allocate`), so the parts of a full refund made in
 * several steps add up to exactly the tax and revenue first posted.
 */
export function postingsForRefund(refund: RefundAmounts): LedgerPosting[] {
  const { currency } = refund;
  const total = money(refund.totalMinor, currency);
  const before = money(refund.alreadyRefundedMinor, currency);
  const after = add(before, money(refund.refundMinor, currency));
  subtract(total, after); // throws MONEY.INVALID_AMOUNT when refunds would exceed what was paid
  const taxPart = (refunded: Money): Money => taxShareOf(refunded, total, money(refund.taxMinor, currency));
  const taxReversed = subtract(taxPart(after), taxPart(before));
  const refunded = subtract(after, before);
  return journal([
    ['revenue', subtract(refunded, taxReversed), 'debit'],
    ['tax_payable', taxReversed, 'debit'],
    ['provider_clearing', refunded, 'credit'],
  ]);
}

/** A dispute opened: the disputed amount leaves provider clearing for the disputes account (`dispute:<id>:withdrawn`). */
export function postingsForDisputeWithdrawn(amountMinor: number, currency: string): LedgerPosting[] {
  return transfer('disputes', 'provider_clearing', money(amountMinor, currency));
}

/** The provider's dispute fee, charged against clearing (`dispute-fee:<id>`); tax excluded. */
export function postingsForDisputeFee(feeMinor: number, currency: string): LedgerPosting[] {
  return transfer('provider_fees', 'provider_clearing', money(feeMinor, currency));
}

/** A dispute won: the withdrawn amount comes back to provider clearing (`dispute:<id>:reinstated`). */
export function postingsForDisputeReinstated(amountMinor: number, currency: string): LedgerPosting[] {
  return transfer('provider_clearing', 'disputes', money(amountMinor, currency));
}

/** True when the postings are in one currency and sum to zero. */
export function isBalanced(postings: readonly LedgerPosting[]): boolean {
  const currencies = new Set(postings.map((posting) => posting.currency));
  return currencies.size <= 1 && postings.reduce((sum, posting) => sum + posting.amountMinor, 0) === 0;
}

function taxShareOf(refunded: Money, total: Money, tax: Money): Money {
  if (refunded.amountMinor === 0) return money(0, refunded.currency);
  const [, taxShare] = allocate(refunded, [subtract(total, tax).amountMinor, tax.amountMinor]);
  return taxShare;
}

function transfer(debit: LedgerAccount, credit: LedgerAccount, amount: Money): LedgerPosting[] {
  return journal([[debit, amount, 'debit'], [credit, amount, 'credit']]);
}

/** Zero lines are left out; a sale with no tax has no tax_payable posting. */
function journal(lines: readonly [LedgerAccount, Money, 'debit' | 'credit'][]): LedgerPosting[] {
  return lines
    .filter(([, amount]) => amount.amountMinor !== 0)
    .map(([account, amount, side]) => ({
      account,
      amountMinor: side === 'debit' ? amount.amountMinor : -amount.amountMinor,
      currency: amount.currency,
    }));
}
