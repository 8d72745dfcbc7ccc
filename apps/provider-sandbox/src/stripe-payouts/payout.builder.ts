import { dayBounds } from '../domain/settlement-report';
import { SandboxBalanceTransaction, balanceTransaction } from '../stripe/balance-transaction';
import type { PayoutDiscrepancies } from './payout-discrepancies';
import { SandboxPayout, newPayout } from './payout';

/** A balance transaction the sandbox's money made, with the payment it is about (none for a fee). */
export interface BalanceMovement {
  readonly transaction: SandboxBalanceTransaction;
  readonly paymentIntentId: string | null;
}

/** One payout and what it paid out, oldest first, its own `payout` row last. */
export interface PayoutPlan {
  readonly payout: SandboxPayout;
  readonly transactions: readonly SandboxBalanceTransaction[];
}

export interface DayPayoutsInput {
  /** `YYYY-MM-DD`, UTC. */
  readonly date: string;
  /** Every movement so far; those of the day are paid out. */
  readonly movements: readonly BalanceMovement[];
  readonly discrepancies: PayoutDiscrepancies;
  readonly newId: (prefix: string) => string;
  /** Unix seconds: when the payouts are made. */
  readonly now: number;
}

/** A knob that names a payment with no charge on the day: it would change nothing, so it is refused. */
export class PayoutDiscrepancyError extends Error {
  readonly code = 'PAYOUT.DISCREPANCY_NOT_APPLICABLE' as const;

  constructor(readonly param: string, message: string) {
    super(message);
  }
}

function chargeRows(movement: BalanceMovement, knobs: PayoutDiscrepancies, newId: (prefix: string) => string): SandboxBalanceTransaction[] {
  const row = movement.transaction;
  const payment = movement.paymentIntentId;
  if (knobs.dropPayment === payment) return [];
  if (knobs.changeAmount?.paymentId === payment) {
    const by = knobs.changeAmount.byMinor;
    return [{ ...row, amount: row.amount + by, net: row.net + by }];
  }
  if (knobs.settleTwice === payment) return [row, { ...row, id: newId('txn') }];
  return [row];
}

function refuseKnobsWithoutCharge(date: string, charges: readonly BalanceMovement[], knobs: PayoutDiscrepancies): void {
  const named: [string, string | undefined][] = [
    ['discrepancies.dropPayment', knobs.dropPayment], ['discrepancies.changeAmount.paymentId', knobs.changeAmount?.paymentId], ['discrepancies.settleTwice', knobs.settleTwice],
  ];
  for (const [param, payment] of named) {
    if (payment !== undefined && !charges.some((charge) => charge.paymentIntentId === payment)) {
      throw new PayoutDiscrepancyError(param, `${payment} has no charge paid out on ${date}`);
    }
  }
}

/** The unexplained fee, in the currency asked, else the day's only currency (USD on a day without any). */
function unknownFeeRow(input: DayPayoutsInput, rows: readonly SandboxBalanceTransaction[], from: number, to: number): SandboxBalanceTransaction[] {
  const fee = input.discrepancies.unknownFee;
  if (!fee) return [];
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  if (!fee.currency && currencies.length > 1) {
    throw new PayoutDiscrepancyError('discrepancies.unknownFee.currency', `${input.date} has payouts in ${currencies.join(', ')}: name the currency of the fee`);
  }
  const currency = fee.currency ?? currencies[0] ?? 'usd';
  return [balanceTransaction({
    id: input.newId('txn'), type: 'stripe_fee', reportingCategory: 'fee', amount: -fee.amountMinor, currency,
    created: Math.min(Math.max(input.now, from), to - 1), description: 'Stripe fee', source: null,
  })];
}

/**
 * The automatic payouts of one UTC day, one per currency (alphabetical): each pays out that day's
 * balance transactions in its currency (as the discrepancy knobs change them) and arrives at the
 * day's midnight, for the sum of their nets. A currency without movements that day has no payout.
 */
export function planDayPayouts(input: DayPayoutsInput): PayoutPlan[] {
  const { from, to } = dayBounds(input.date);
  const onDay = input.movements.filter(({ transaction }) => transaction.created >= from && transaction.created < to)
    .sort((a, b) => a.transaction.created - b.transaction.created);
  refuseKnobsWithoutCharge(input.date, onDay.filter((movement) => movement.transaction.type === 'charge'), input.discrepancies);
  const rows = onDay.flatMap((movement) => (movement.transaction.type === 'charge' ? chargeRows(movement, input.discrepancies, input.newId) : [movement.transaction]));
  const paidOut = [...rows, ...unknownFeeRow(input, rows, from, to)];
  const currencies = [...new Set(paidOut.map((row) => row.currency))].sort();
  return currencies.map((currency) => {
    const transactions = paidOut.filter((row) => row.currency === currency);
    const amount = transactions.reduce((sum, row) => sum + row.net, 0);
    const id = input.newId('po');
    const own = balanceTransaction({ id: input.newId('txn'), type: 'payout', reportingCategory: 'payout', amount: -amount, currency, created: input.now, description: 'STRIPE PAYOUT', source: id });
    const payout = newPayout({ id, amount, currency, date: input.date, arrivalDate: from, createdAt: input.now, balanceTransaction: own.id });
    return { payout, transactions: [...transactions, own] };
  });
}
