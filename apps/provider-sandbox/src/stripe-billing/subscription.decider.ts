import { periodOf } from './billing-period';
import type { BillingReason, InvoiceRecord, SubscriptionRecord, SubscriptionStatus } from './billing-records';

/** How the next charge of a subscription turns out; set per subscription by a control endpoint. */
export type RenewalOutcome = 'pay' | 'fail';

/** Ids the sandbox draws for a new invoice. */
export interface NewInvoiceIds {
  readonly invoiceId: string;
  readonly number: string;
  readonly lineId: string;
  readonly paymentIntentId: string;
}

/** What the merchant (API) or time (a test clock passing a moment) does to a subscription. */
export type SubscriptionCommand =
  | { readonly type: 'ScheduleCancel'; readonly at: number }
  | { readonly type: 'UnscheduleCancel' }
  | { readonly type: 'CancelNow'; readonly at: number }
  /** The current period ended: bill the next one. */
  | { readonly type: 'Renew'; readonly at: number; readonly outcome: RenewalOutcome; readonly ids: NewInvoiceIds }
  /** The current period ended with `cancel_at_period_end`. */
  | { readonly type: 'EndAtPeriodEnd'; readonly at: number }
  /** The open invoice's next payment attempt is due. */
  | { readonly type: 'Retry'; readonly at: number; readonly outcome: RenewalOutcome };

export type BillingEventType =
  | 'customer.subscription.updated' | 'customer.subscription.deleted' | 'invoice.paid' | 'invoice.payment_succeeded' | 'invoice.payment_failed';

export interface BillingState {
  readonly subscription: SubscriptionRecord;
  /** The subscription's latest invoice. */
  readonly invoice: InvoiceRecord;
}

type CommandType = SubscriptionCommand['type'];

/** Stripe's default Smart Retries stand-in: attempt 1 at renewal, then 3 and 5 days later; after the third failure the subscription is canceled. */
export const RETRY_DELAYS_SECONDS: readonly number[] = [3 * 86_400, 5 * 86_400];
export const MAX_PAYMENT_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/**
 * The commands each status accepts; anything not listed is refused. `canceled` is final. Within a
 * listed command, `Renew` and `EndAtPeriodEnd` also depend on `cancel_at_period_end`, and `Retry`
 * on an open invoice.
 */
export const SUBSCRIPTION_TRANSITIONS: Readonly<Record<SubscriptionStatus, readonly CommandType[]>> = {
  active: ['ScheduleCancel', 'UnscheduleCancel', 'CancelNow', 'Renew', 'EndAtPeriodEnd'],
  past_due: ['ScheduleCancel', 'UnscheduleCancel', 'CancelNow', 'EndAtPeriodEnd', 'Retry'],
  canceled: [],
};

export type SubscriptionDecision =
  | { readonly ok: true; readonly state: BillingState; readonly emits: readonly BillingEventType[]; readonly newInvoice: boolean }
  | { readonly ok: false; readonly refused: CommandType; readonly status: SubscriptionStatus; readonly reason: 'status' | 'cancel_scheduled' | 'cancel_not_scheduled' | 'nothing_to_retry' };

const PAID: readonly BillingEventType[] = ['invoice.paid', 'invoice.payment_succeeded', 'customer.subscription.updated'];

/** The period end of the subscription's current cycle. */
export const currentPeriodEnd = (subscription: SubscriptionRecord): number => periodOf(subscription.anchor, subscription.recurrence, subscription.cycle).end;

export function nextInvoice(subscription: SubscriptionRecord, ids: NewInvoiceIds, reason: BillingReason, cycle: number, at: number): InvoiceRecord {
  return {
    id: ids.invoiceId, number: ids.number, lineId: ids.lineId, paymentIntentId: ids.paymentIntentId, subscriptionId: subscription.id,
    subscriptionItemId: subscription.itemId, customerId: subscription.customerId, testClockId: subscription.testClockId, priceId: subscription.priceId,
    productId: subscription.productId, unitAmount: subscription.unitAmount, quantity: subscription.quantity, currency: subscription.currency,
    subscriptionMetadata: subscription.metadata, billingReason: reason, period: periodOf(subscription.anchor, subscription.recurrence, cycle),
    created: at, status: 'open', attemptCount: 0, nextPaymentAttempt: null, paidAt: null,
  };
}

/** One payment attempt on `invoice` at `at`: paid, or failed with the next attempt scheduled (null when none is left). */
export function attemptPayment(invoice: InvoiceRecord, outcome: RenewalOutcome, at: number): InvoiceRecord {
  const attemptCount = invoice.attemptCount + 1;
  if (outcome === 'pay') return { ...invoice, attemptCount, status: 'paid', paidAt: at, nextPaymentAttempt: null };
  const delay = RETRY_DELAYS_SECONDS[attemptCount - 1];
  return { ...invoice, attemptCount, nextPaymentAttempt: delay === undefined ? null : at + delay };
}

export function decide(state: BillingState, command: SubscriptionCommand): SubscriptionDecision {
  const { subscription } = state;
  const refuse = (reason: Extract<SubscriptionDecision, { ok: false }>['reason']) =>
    ({ ok: false, refused: command.type, status: subscription.status, reason }) as const;
  if (!SUBSCRIPTION_TRANSITIONS[subscription.status].includes(command.type)) return refuse('status');
  if (command.type === 'Renew' && subscription.cancelAtPeriodEnd) return refuse('cancel_scheduled');
  if (command.type === 'EndAtPeriodEnd' && !subscription.cancelAtPeriodEnd) return refuse('cancel_not_scheduled');
  if (command.type === 'Retry' && (state.invoice.status !== 'open' || state.invoice.nextPaymentAttempt === null)) return refuse('nothing_to_retry');
  return { ok: true, ...evolve(state, command) };
}

function canceled(subscription: SubscriptionRecord, endedAt: number, reason: SubscriptionRecord['cancellationReason']): SubscriptionRecord {
  return { ...subscription, status: 'canceled', endedAt, canceledAt: subscription.canceledAt ?? endedAt, cancellationReason: reason };
}

function evolve(state: BillingState, command: SubscriptionCommand): { state: BillingState; emits: readonly BillingEventType[]; newInvoice: boolean } {
  const { subscription, invoice } = state;
  const same = (next: SubscriptionRecord, emits: readonly BillingEventType[], nextInvoiceRecord = invoice, newInvoice = false) =>
    ({ state: { subscription: next, invoice: nextInvoiceRecord }, emits, newInvoice });
  switch (command.type) {
    case 'ScheduleCancel':
      return same({ ...subscription, cancelAtPeriodEnd: true, canceledAt: command.at, cancellationReason: 'cancellation_requested' }, ['customer.subscription.updated']);
    case 'UnscheduleCancel':
      return same({ ...subscription, cancelAtPeriodEnd: false, canceledAt: null, cancellationReason: null }, ['customer.subscription.updated']);
    case 'CancelNow':
      return same(canceled({ ...subscription, canceledAt: command.at }, command.at, 'cancellation_requested'), ['customer.subscription.deleted']);
    case 'EndAtPeriodEnd':
      return same(canceled(subscription, currentPeriodEnd(subscription), 'cancellation_requested'), ['customer.subscription.deleted']);
    case 'Renew': {
      const cycle = subscription.cycle + 1;
      const billed = attemptPayment(nextInvoice(subscription, command.ids, 'subscription_cycle', cycle, command.at), command.outcome, command.at);
      const renewed: SubscriptionRecord = { ...subscription, cycle, latestInvoiceId: billed.id, status: billed.status === 'paid' ? 'active' : 'past_due' };
      return same(renewed, billed.status === 'paid' ? PAID : ['invoice.payment_failed', 'customer.subscription.updated'], billed, true);
    }
    case 'Retry': {
      const retried = attemptPayment(invoice, command.outcome, command.at);
      if (retried.status === 'paid') return same({ ...subscription, status: 'active' }, PAID, retried);
      if (retried.nextPaymentAttempt !== null) return same(subscription, ['invoice.payment_failed'], retried);
      return same(canceled(subscription, command.at, 'payment_failed'), ['invoice.payment_failed', 'customer.subscription.deleted'], retried);
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown subscription command ${JSON.stringify(unknown)}`);
    }
  }
}

/** What a test clock reaching `upTo` makes happen next to this subscription, if anything: the earliest due moment first. */
export function nextDue(state: BillingState): { readonly at: number; readonly type: 'Renew' | 'EndAtPeriodEnd' | 'Retry' } | null {
  const { subscription, invoice } = state;
  if (subscription.status === 'canceled') return null;
  const periodEnd = { at: currentPeriodEnd(subscription), type: subscription.cancelAtPeriodEnd ? 'EndAtPeriodEnd' as const : 'Renew' as const };
  if (subscription.status === 'active') return periodEnd;
  const retry = invoice.status === 'open' && invoice.nextPaymentAttempt !== null ? { at: invoice.nextPaymentAttempt, type: 'Retry' as const } : null;
  if (retry && (retry.at <= periodEnd.at || !subscription.cancelAtPeriodEnd)) return retry;
  return subscription.cancelAtPeriodEnd ? periodEnd : null;
}
