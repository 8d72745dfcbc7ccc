import fc from 'fast-check';
import type { SettlementLineV1, SettlementV1 } from '@payments/contracts';
import {
  LedgerPosting, isBalanced, postingsForDisputeFee, postingsForDisputeReinstated, postingsForDisputeWithdrawn, postingsForOrderPaid, postingsForRefund,
} from '../../domain/ledger-postings';
import { reconcileSettlementDay } from './settlement-matcher';
import { SettlementExpectation, expectationKey } from './settlement-matching.types';
import { disputeFeeJournalId, disputeJournalId } from './settlement-postings';
import { DATE, line } from './settlement.test-fixtures';

/** What can happen at the provider and in the ledger, in any order. */
type Action =
  | { type: 'pay'; currency: string; amountMinor: number; feeMinor: number; taxOnFeeMinor: number }
  | { type: 'refund'; of: number; share: number }
  | { type: 'platform-fee'; currency: string; amountMinor: number }
  | { type: 'dispute'; of: number; feeMinor: number; won: boolean; feeBookedFirst: boolean }
  | { type: 'payout'; paid: boolean };

const currency = fc.constantFrom('USD', 'INR', 'JPY');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant('pay' as const), currency, amountMinor: fc.integer({ min: 1, max: 200_000 }), feeMinor: fc.integer({ min: 0, max: 3_000 }), taxOnFeeMinor: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ type: fc.constant('refund' as const), of: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ type: fc.constant('platform-fee' as const), currency, amountMinor: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({ type: fc.constant('dispute' as const), of: fc.nat(), feeMinor: fc.integer({ min: 0, max: 2_000 }), won: fc.boolean(), feeBookedFirst: fc.boolean() }),
  fc.record({ type: fc.constant('payout' as const), paid: fc.boolean() }),
);

interface Paid { readonly id: string; readonly currency: string; readonly amountMinor: number; refundedMinor: number; disputed: boolean }

/** The ledger and the provider of one day, as the actions leave them. */
class World {
  readonly journals = new Map<string, readonly LedgerPosting[]>();
  readonly expectations: SettlementExpectation[] = [];
  readonly payments: Paid[] = [];
  readonly settlements: SettlementV1[] = [];
  open: SettlementLineV1[] = [];
  private next = 0;

  apply(step: Action): void {
    const id = `${step.type}_${(this.next += 1)}`;
    if (step.type === 'pay') {
      const tax = Math.floor(step.amountMinor / 11);
      this.book(`payment:${id}`, postingsForOrderPaid({ totalMinor: step.amountMinor, taxMinor: tax, currency: step.currency }));
      this.expectations.push({ kind: 'payment', reference: id, orderId: null, currency: step.currency, amountMinor: step.amountMinor });
      this.payments.push({ id, currency: step.currency, amountMinor: step.amountMinor, refundedMinor: 0, disputed: false });
      this.open.push(line('payment', { lineId: `txn_${id}`, paymentId: id, currency: step.currency, grossMinor: step.amountMinor, feeMinor: step.feeMinor, taxOnFeeMinor: step.taxOnFeeMinor }));
    }
    if (step.type === 'refund') this.refund(id, step);
    if (step.type === 'platform-fee') this.open.push(line('fee', { lineId: `txn_${id}`, currency: step.currency, grossMinor: -step.amountMinor }));
    if (step.type === 'dispute') this.dispute(id, step);
    if (step.type === 'payout') this.payout(id, step.paid);
  }

  private refund(id: string, step: Extract<Action, { type: 'refund' }>): void {
    const paid = this.payments[step.of % Math.max(this.payments.length, 1)];
    const remainder = paid ? paid.amountMinor - paid.refundedMinor : 0;
    if (!paid || remainder === 0) return;
    const amountMinor = Math.max(1, Math.floor((remainder * step.share) / 100));
    const totals = { totalMinor: paid.amountMinor, taxMinor: Math.floor(paid.amountMinor / 11), currency: paid.currency };
    this.book(`refund:${id}`, postingsForRefund({ ...totals, refundMinor: amountMinor, alreadyRefundedMinor: paid.refundedMinor }));
    paid.refundedMinor += amountMinor;
    this.expectations.push({ kind: 'refund', reference: id, orderId: null, currency: paid.currency, amountMinor });
    this.open.push(line('refund', { lineId: `txn_${id}`, refundId: id, paymentId: paid.id, currency: paid.currency, grossMinor: -amountMinor }));
  }

  /** The dispute work books the withdrawal (and, when told first, the fee) from the webhook; the provider settles the lines. */
  private dispute(id: string, step: Extract<Action, { type: 'dispute' }>): void {
    const paid = this.payments[step.of % Math.max(this.payments.length, 1)];
    if (!paid || paid.disputed) return;
    paid.disputed = true;
    const { amountMinor, currency } = paid;
    this.book(disputeJournalId(id, 'withdrawn'), postingsForDisputeWithdrawn(amountMinor, currency));
    if (step.feeBookedFirst && step.feeMinor > 0) this.book(disputeFeeJournalId(id), postingsForDisputeFee(step.feeMinor, currency));
    this.open.push(line('dispute', { lineId: `txn_${id}`, disputeId: id, paymentId: paid.id, currency, grossMinor: -amountMinor, feeMinor: step.feeMinor }));
    if (!step.won) return;
    this.book(disputeJournalId(id, 'reinstated'), postingsForDisputeReinstated(amountMinor, currency));
    this.open.push(line('dispute_reversal', { lineId: `txn_${id}_won`, disputeId: id, paymentId: paid.id, currency, grossMinor: amountMinor }));
  }

  /** What is open is settled, one settlement per currency, paid into the bank or still on its way. */
  private payout(id: string, paid: boolean): void {
    for (const cur of [...new Set(this.open.map((each) => each.currency))]) {
      const lines = this.open.filter((each) => each.currency === cur);
      const amountMinor = lines.reduce((sum, each) => sum + each.netMinor, 0);
      this.settlements.push({ settlementId: `${id}_${cur}`, currency: cur, amountMinor, status: paid ? 'paid' : 'pending', paid, settledAt: `${DATE}T20:00:00.000Z`, bankReference: null, lines });
    }
    this.open = [];
  }

  /** Books the day's reconciliation as postOnce does; resolves to how many journals it booked. */
  reconcile(): { booked: number; findings: string[] } {
    const settled = this.settlements.flatMap((each) => each.lines);
    const carried = new Set(settled.map((each) => each.paymentId ?? each.refundId));
    const clearingByJournal = new Map([...this.journals].map(([journalId, postings]) => [journalId, clearing(postings)]));
    const result = reconcileSettlementDay({ provider: 'stripe', date: DATE, settlements: this.settlements }, {
      expectations: new Map(this.expectations.map((each) => [expectationKey(each.kind, each.reference), each])),
      dayExpectations: this.expectations.filter((each) => carried.has(each.reference)),
      clearingByJournal, settledEarlier: new Set(), settledOnOtherDays: new Set(),
    });
    let booked = 0;
    for (const journal of result.journals) if (this.book(journal.journalId, journal.postings)) booked += 1;
    return { booked, findings: result.findings.map((finding) => finding.kind) };
  }

  /**
   * What the provider still owes per currency, as far as the ledger can know it: of what it has not
   * settled, the gross (less a dispute fee the webhook told); of what it settled and has not paid, the net.
   */
  owed(): Map<string, number> {
    const owed = new Map<string, number>();
    const add = (cur: string, amountMinor: number) => owed.set(cur, (owed.get(cur) ?? 0) + amountMinor);
    for (const each of this.open) {
      if (each.kind !== 'fee') add(each.currency, each.grossMinor);
      if (each.kind === 'dispute' && this.journals.has(disputeFeeJournalId(each.disputeId as string))) add(each.currency, -each.feeMinor);
    }
    for (const each of this.settlements) if (!each.paid) each.lines.forEach((l) => add(l.currency, l.netMinor));
    return owed;
  }

  balances(account?: string): Map<string, number> {
    const sums = new Map<string, number>();
    for (const posting of [...this.journals.values()].flat()) {
      if (account === undefined || posting.account === account) sums.set(posting.currency, (sums.get(posting.currency) ?? 0) + posting.amountMinor);
    }
    return sums;
  }

  private book(journalId: string, postings: readonly LedgerPosting[]): boolean {
    if (this.journals.has(journalId)) return false;
    this.journals.set(journalId, postings);
    return true;
  }
}

const clearing = (postings: readonly LedgerPosting[]) => ({
  currency: postings[0]?.currency ?? 'USD',
  amountMinor: postings.filter((posting) => posting.account === 'provider_clearing').reduce((sum, posting) => sum + posting.amountMinor, 0),
});
const nonZero = (sums: Map<string, number>) => new Map([...sums].filter(([, amount]) => amount !== 0));

describe('the books over any sequence of payments, refunds, fees, disputes and payouts', () => {
  it('balance per currency, and provider clearing holds exactly what the provider still owes', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const world = new World();
        actions.forEach((step) => world.apply(step));
        const first = world.reconcile();

        for (const postings of world.journals.values()) expect(isBalanced(postings)).toBe(true);
        expect(nonZero(world.balances())).toEqual(new Map());
        expect(nonZero(world.balances('provider_clearing'))).toEqual(nonZero(world.owed()));
        const feeLines = world.settlements.flatMap((each) => each.lines).filter((each) => each.kind === 'fee').length;
        expect(first.findings).toEqual(Array(feeLines).fill('unexplained-fee'));
        expect(world.reconcile()).toEqual({ booked: 0, findings: first.findings });
      }),
      { numRuns: 400 },
    );
  });
});
