import type { BillingState, SubscriptionCommand } from './subscription.decider';
import { MAX_PAYMENT_ATTEMPTS, SUBSCRIPTION_TRANSITIONS, attemptPayment, decide, nextDue, nextInvoice } from './subscription.decider';
import type { SubscriptionRecord, SubscriptionStatus } from './billing-records';

const at = (iso: string) => Date.parse(iso) / 1000;
const DAY = 86_400;
const anchor = at('2026-01-31T09:00:00Z');
const subscription: SubscriptionRecord = {
  id: 'sub_1', itemId: 'si_1', customerId: 'cus_1', testClockId: 'clock_1', priceId: 'price_1', productId: 'prod_1',
  recurrence: { interval: 'month', intervalCount: 1 }, unitAmount: 1900, quantity: 1, currency: 'usd', metadata: { subscription_id: 'our-1' },
  created: anchor, anchor, cycle: 0, status: 'active', cancelAtPeriodEnd: false, canceledAt: null, endedAt: null, cancellationReason: null,
  latestInvoiceId: 'in_1',
};
const ids = { invoiceId: 'in_2', number: 'SBX-0002', lineId: 'il_2', paymentIntentId: 'pi_2' };
const firstInvoice = attemptPayment(nextInvoice(subscription, { ...ids, invoiceId: 'in_1' }, 'subscription_create', 0, anchor), 'pay', anchor);
const active: BillingState = { subscription, invoice: firstInvoice };
const periodEnd = at('2026-02-28T09:00:00Z');

const with_ = (changes: Partial<SubscriptionRecord>): BillingState => ({ ...active, subscription: { ...subscription, ...changes } });
const ok = (state: BillingState, command: SubscriptionCommand) => {
  const decision = decide(state, command);
  if (!decision.ok) throw new Error(`refused ${command.type}: ${decision.reason}`);
  return decision;
};
const pastDue = ok(active, { type: 'Renew', at: periodEnd, outcome: 'fail', ids }).state;

describe('the subscription state machine', () => {
  it('renews a paid period into the next one with a subscription_cycle invoice paid at once, from the anchor on the 31st to 31 March', () => {
    const renewed = ok(active, { type: 'Renew', at: periodEnd, outcome: 'pay', ids });
    expect(renewed.emits).toEqual(['invoice.paid', 'invoice.payment_succeeded', 'customer.subscription.updated']);
    expect(renewed.newInvoice).toBe(true);
    expect(renewed.state.subscription).toMatchObject({ status: 'active', cycle: 1, latestInvoiceId: 'in_2' });
    expect(renewed.state.invoice).toMatchObject({
      id: 'in_2', billingReason: 'subscription_cycle', status: 'paid', attemptCount: 1, paidAt: periodEnd,
      period: { start: periodEnd, end: at('2026-03-31T09:00:00Z') }, subscriptionMetadata: { subscription_id: 'our-1' },
    });
  });

  it('moves to past_due when the renewal fails, with the next attempt three days later', () => {
    const failed = ok(active, { type: 'Renew', at: periodEnd, outcome: 'fail', ids });
    expect(failed.emits).toEqual(['invoice.payment_failed', 'customer.subscription.updated']);
    expect(failed.state.subscription).toMatchObject({ status: 'past_due', cycle: 1 });
    expect(failed.state.invoice).toMatchObject({ status: 'open', attemptCount: 1, nextPaymentAttempt: periodEnd + 3 * DAY, paidAt: null });
  });

  it('recovers a past_due subscription when a retry pays the open invoice', () => {
    const recovered = ok(pastDue, { type: 'Retry', at: periodEnd + 3 * DAY, outcome: 'pay' });
    expect(recovered.emits).toEqual(['invoice.paid', 'invoice.payment_succeeded', 'customer.subscription.updated']);
    expect(recovered.newInvoice).toBe(false);
    expect(recovered.state.subscription.status).toBe('active');
    expect(recovered.state.invoice).toMatchObject({ id: 'in_2', status: 'paid', attemptCount: 2, nextPaymentAttempt: null });
  });

  it('keeps retrying, then cancels for payment_failed once the third attempt fails', () => {
    const second = ok(pastDue, { type: 'Retry', at: periodEnd + 3 * DAY, outcome: 'fail' });
    expect(second.emits).toEqual(['invoice.payment_failed']);
    expect(second.state.invoice).toMatchObject({ attemptCount: 2, nextPaymentAttempt: periodEnd + 8 * DAY });
    const third = ok(second.state, { type: 'Retry', at: periodEnd + 8 * DAY, outcome: 'fail' });
    expect(MAX_PAYMENT_ATTEMPTS).toBe(3);
    expect(third.emits).toEqual(['invoice.payment_failed', 'customer.subscription.deleted']);
    expect(third.state.subscription).toMatchObject({ status: 'canceled', endedAt: periodEnd + 8 * DAY, cancellationReason: 'payment_failed' });
    expect(third.state.invoice).toMatchObject({ status: 'open', attemptCount: 3, nextPaymentAttempt: null });
  });

  it('schedules and unschedules a cancellation at period end, recording when it was asked for', () => {
    const scheduled = ok(active, { type: 'ScheduleCancel', at: anchor + DAY });
    expect(scheduled.emits).toEqual(['customer.subscription.updated']);
    expect(scheduled.state.subscription).toMatchObject({ cancelAtPeriodEnd: true, canceledAt: anchor + DAY, cancellationReason: 'cancellation_requested', status: 'active' });
    expect(ok(scheduled.state, { type: 'UnscheduleCancel' }).state.subscription).toMatchObject({ cancelAtPeriodEnd: false, canceledAt: null, cancellationReason: null });
  });

  it('ends a subscription set to cancel at the period end, when the period ends, without a new invoice', () => {
    const scheduled = ok(active, { type: 'ScheduleCancel', at: anchor + DAY }).state;
    const ended = ok(scheduled, { type: 'EndAtPeriodEnd', at: periodEnd });
    expect(ended.emits).toEqual(['customer.subscription.deleted']);
    expect(ended.newInvoice).toBe(false);
    expect(ended.state.subscription).toMatchObject({ status: 'canceled', endedAt: periodEnd, canceledAt: anchor + DAY, cycle: 0 });
  });

  it('cancels at once on request', () => {
    expect(ok(pastDue, { type: 'CancelNow', at: periodEnd + DAY }).state.subscription).toMatchObject({
      status: 'canceled', endedAt: periodEnd + DAY, canceledAt: periodEnd + DAY, cancellationReason: 'cancellation_requested',
    });
  });

  const commands: SubscriptionCommand[] = [
    { type: 'ScheduleCancel', at: anchor }, { type: 'UnscheduleCancel' }, { type: 'CancelNow', at: anchor },
    { type: 'Renew', at: periodEnd, outcome: 'pay', ids }, { type: 'EndAtPeriodEnd', at: periodEnd }, { type: 'Retry', at: periodEnd, outcome: 'pay' },
  ];
  const states: Record<SubscriptionStatus, BillingState> = { active, past_due: pastDue, canceled: with_({ status: 'canceled', endedAt: anchor }) };

  it.each(Object.entries(states).flatMap(([status, state]) => commands.map((command) => [status, command.type, state, command] as const)))(
    'in status %s, %s is accepted exactly when the transition table lists it (or refused by its guard)', (status, type, state, command) => {
      const decision = decide(state, command);
      const listed = SUBSCRIPTION_TRANSITIONS[status as SubscriptionStatus].includes(type);
      if (!listed) expect(decision).toMatchObject({ ok: false, reason: 'status', status });
      else if (type === 'EndAtPeriodEnd') expect(decision).toMatchObject({ ok: false, reason: 'cancel_not_scheduled' });
      else expect(decision.ok).toBe(true);
    });

  it('refuses to renew a subscription set to cancel at period end, and to retry a paid invoice', () => {
    const scheduled = ok(active, { type: 'ScheduleCancel', at: anchor }).state;
    expect(decide(scheduled, { type: 'Renew', at: periodEnd, outcome: 'pay', ids })).toMatchObject({ ok: false, reason: 'cancel_scheduled' });
    const recovered = ok(pastDue, { type: 'Retry', at: periodEnd + 3 * DAY, outcome: 'pay' }).state;
    expect(decide({ ...recovered, subscription: { ...recovered.subscription, status: 'past_due' } }, { type: 'Retry', at: periodEnd, outcome: 'pay' }))
      .toMatchObject({ ok: false, reason: 'nothing_to_retry' });
  });

  it('says what is due next: the period end (renew or end), or the open invoice’s retry, or nothing once canceled', () => {
    expect(nextDue(active)).toEqual({ at: periodEnd, type: 'Renew' });
    expect(nextDue(with_({ cancelAtPeriodEnd: true }))).toEqual({ at: periodEnd, type: 'EndAtPeriodEnd' });
    expect(nextDue(pastDue)).toEqual({ at: periodEnd + 3 * DAY, type: 'Retry' });
    expect(nextDue(states.canceled)).toBeNull();
  });
});
