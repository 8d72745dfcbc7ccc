import type { DeliveryFaults } from '../domain/delivery-faults';
import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import type { SandboxBalanceTransaction } from '../stripe/balance-transaction';
import { NO_API_REQUEST } from '../stripe/stripe-event';
import type { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import type { PayoutDiscrepancies } from './payout-discrepancies';
import { PayoutPlan, planDayPayouts } from './payout.builder';
import type { SandboxPayout } from './payout';
import type { StripeBalance } from './stripe-balance.service';

/** A day paid out: its payouts as made, and the knobs they were made with. */
interface PaidDay {
  readonly date: string;
  readonly discrepancies: PayoutDiscrepancies;
  readonly plans: readonly PayoutPlan[];
}

export type PayDayOutcome =
  | { readonly ok: true; readonly replayed: boolean; readonly payouts: readonly SandboxPayout[] }
  /** The day was paid out already, with other knobs: its payouts cannot be made again. */
  | { readonly ok: false; readonly reason: 'paid_with_other_discrepancies'; readonly payouts: readonly SandboxPayout[]; readonly discrepancies: PayoutDiscrepancies };

/** Newest first; of the same second, the one made last first. */
const newestFirst = <T extends { readonly created: number }>(items: readonly T[]): T[] => [...items].reverse().sort((a, b) => b.created - a.created);

/**
 * The sandbox's automatic payouts, in memory: a day is paid out once, one payout per currency, and
 * stays as paid (a payment made on that day later is in none). Each new payout sends `payout.paid`
 * and `payout.reconciliation_completed`.
 */
export class StripePayouts {
  private readonly days = new Map<string, PaidDay>();

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly balance: StripeBalance,
    private readonly publisher: StripeWebhookPublisher,
  ) {}

  /** Throws `SettlementDateError` for a date that is no day, `PayoutDiscrepancyError` for a knob that changes nothing. */
  payDay(date: string, discrepancies: PayoutDiscrepancies, faults: DeliveryFaults): PayDayOutcome {
    const paid = this.days.get(date);
    if (paid) {
      const payouts = paid.plans.map((plan) => plan.payout);
      if (JSON.stringify(paid.discrepancies) === JSON.stringify(discrepancies)) return { ok: true, replayed: true, payouts };
      return { ok: false, reason: 'paid_with_other_discrepancies', payouts, discrepancies: paid.discrepancies };
    }
    const plans = planDayPayouts({
      date, movements: this.balance.movements(), discrepancies, newId: (prefix) => this.runtime.newId(prefix), now: unixSeconds(this.runtime.now()),
    });
    this.days.set(date, { date, discrepancies, plans });
    for (const { payout } of plans) {
      for (const type of ['payout.paid', 'payout.reconciliation_completed']) this.publisher.publish(type, payout, NO_API_REQUEST, faults);
    }
    return { ok: true, replayed: false, payouts: plans.map((plan) => plan.payout) };
  }

  /** Newest first. */
  list(): SandboxPayout[] {
    return newestFirst(this.plans().map((plan) => plan.payout));
  }

  find(id: string): SandboxPayout | undefined {
    return this.plans().find((plan) => plan.payout.id === id)?.payout;
  }

  /** What a payout paid out, newest first (its own row first); undefined for an unknown payout. */
  transactionsOf(payoutId: string): SandboxBalanceTransaction[] | undefined {
    const plan = this.plans().find((candidate) => candidate.payout.id === payoutId);
    return plan && newestFirst(plan.transactions);
  }

  /** Every balance transaction so far, newest first: as paid out where it was, as the money moved where not yet. */
  transactions(): SandboxBalanceTransaction[] {
    const byId = new Map<string, SandboxBalanceTransaction>();
    for (const { transaction } of this.balance.movements()) byId.set(transaction.id, transaction);
    for (const plan of this.plans()) for (const transaction of plan.transactions) byId.set(transaction.id, transaction);
    return newestFirst([...byId.values()]);
  }

  findTransaction(id: string): SandboxBalanceTransaction | undefined {
    return this.transactions().find((transaction) => transaction.id === id);
  }

  /** A balance transaction with its `source` expanded: the charge, refund, dispute or payout it names. */
  withSource(transaction: SandboxBalanceTransaction): SandboxBalanceTransaction | (Omit<SandboxBalanceTransaction, 'source'> & { source: unknown }) {
    if (transaction.source === null) return transaction;
    const source = transaction.source.startsWith('po_') ? this.find(transaction.source) ?? transaction.source : this.balance.sourceObject(transaction.source);
    return { ...transaction, source };
  }

  private plans(): PayoutPlan[] {
    return [...this.days.values()].flatMap((day) => day.plans);
  }
}
