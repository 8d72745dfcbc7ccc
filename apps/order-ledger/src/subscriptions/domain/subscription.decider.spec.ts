import { SubscriptionError } from './subscription.decider';
import { NOW, failure, fact, payment, placeCommand, run, status } from './subscription.fixtures';
import { PlacedSubscription, SubscriptionState, viewOf } from './subscription.view';

const placed = (state: SubscriptionState): PlacedSubscription => {
  if (!state.placed) throw new Error('not placed');
  return state;
};

describe('subscription decider', () => {
  it('places a subscription, incomplete until its first payment', () => {
    const { state, events } = run([placeCommand]);
    expect(events.map((event) => event.type)).toEqual(['SubscriptionPlaced']);
    expect(viewOf(placed(state))).toEqual({ status: 'Incomplete', cancelAtPeriodEnd: false });
  });

  it('is active once the first period is paid and paid through its end', () => {
    const { state } = run([placeCommand, fact(payment(0))]);
    expect(viewOf(placed(state))).toMatchObject({ status: 'Active', paidThrough: '2026-02-01T00:00:00.000Z' });
  });

  it('extends with each renewal', () => {
    const { state, events } = run([placeCommand, fact(payment(0)), fact(payment(1)), fact(payment(2))]);
    expect(events.filter((event) => event.type === 'SubscriptionPeriodPaid')).toHaveLength(3);
    expect(viewOf(placed(state)).paidThrough).toBe('2026-04-01T00:00:00.000Z');
  });

  it('goes past due on a failed renewal and recovers when the retry pays', () => {
    const failed = run([placeCommand, fact(payment(0)), fact(failure(1))]);
    expect(viewOf(placed(failed.state))).toMatchObject({ status: 'PastDue', pastDueReason: 'card_declined', paidThrough: '2026-02-01T00:00:00.000Z' });
    const recovered = run([fact(payment(1, { paidAt: '2026-02-04T00:00:00.000Z' }))], failed.state);
    expect(viewOf(placed(recovered.state))).toMatchObject({ status: 'Active', paidThrough: '2026-03-01T00:00:00.000Z' });
  });

  it('ignores a failure older than the payment that followed it (arriving late)', () => {
    const { state } = run([placeCommand, fact(payment(0)), fact(payment(1, { paidAt: '2026-02-04T00:00:00.000Z' })), fact(failure(1))]);
    expect(viewOf(placed(state)).status).toBe('Active');
  });

  it('takes a failure in the same second as the last payment, for another collection, as the newer fact', () => {
    const paidAt = '2026-02-01T00:05:00.000Z';
    const { state } = run([placeCommand, fact(payment(1, { paidAt })), fact(failure(2, { failedAt: paidAt }))]);
    expect(viewOf(placed(state))).toMatchObject({ status: 'PastDue', pastDueReason: 'card_declined' });
  });

  it('records cancel at period end, and ends when the provider says it ended', () => {
    const scheduled = run([placeCommand, fact(payment(0)), fact(status('evt_s1', '2026-01-10T00:00:00.000Z', { cancelAtPeriodEnd: true }))]);
    expect(viewOf(placed(scheduled.state))).toMatchObject({ status: 'Active', cancelAtPeriodEnd: true });
    const ended = run([fact(status('evt_s2', '2026-02-01T00:00:00.000Z', { status: 'ended', cancelAtPeriodEnd: true }))], scheduled.state);
    expect(viewOf(placed(ended.state))).toMatchObject({ status: 'Ended', endedAt: '2026-02-01T00:00:00.000Z', endReason: 'canceled' });
  });

  it('books a payment that arrives after the end, and stays ended', () => {
    const { state, events } = run([placeCommand, fact(status('evt_end', '2026-03-01T00:00:00.000Z', { status: 'ended', endReason: 'payment_failed' })), fact(payment(1))]);
    expect(events.map((event) => event.type)).toContain('SubscriptionPeriodPaid');
    expect(viewOf(placed(state))).toMatchObject({ status: 'Ended', endReason: 'payment_failed' });
  });

  it('takes a past-due report only when it is newer than the last payment', () => {
    const stale = run([placeCommand, fact(payment(1)), fact(status('evt_pd', '2026-01-20T00:00:00.000Z', { status: 'past_due' }))]);
    expect(viewOf(placed(stale.state)).status).toBe('Active');
    const fresh = run([fact(status('evt_pd2', '2026-02-03T00:00:00.000Z', { status: 'past_due' }))], stale.state);
    expect(viewOf(placed(fresh.state))).toMatchObject({ status: 'PastDue', pastDueReason: 'provider_reported_past_due' });
  });

  it('derives the period from the plan when the provider does not state it', () => {
    const { state } = run([placeCommand, fact(payment(0, { periodStart: undefined, periodEnd: undefined, paidAt: '2026-01-31T09:00:00.000Z' }))]);
    expect(placed(state).paid[0]).toMatchObject({ periodStart: '2026-01-31T09:00:00.000Z', periodEnd: '2026-02-28T09:00:00.000Z' });
  });

  it('records a payment of another amount or currency for review, granting no period', () => {
    const { state, events } = run([placeCommand, fact(payment(0, { amountMinor: 100 }))]);
    expect(events.map((event) => event.type)).toEqual(['SubscriptionPlaced', 'SubscriptionPaymentMismatchRecorded']);
    expect(viewOf(placed(state)).status).toBe('Incomplete');
    expect(run([fact(payment(0, { providerEventId: 'evt_again', amountMinor: 100 }))], state).events).toEqual([]);
  });

  it('yields nothing for a fact seen before, or a payment already booked under another event id', () => {
    const first = run([placeCommand, fact(payment(0))]);
    expect(run([fact(payment(0))], first.state).events).toEqual([]);
    expect(run([fact(payment(0, { providerEventId: 'evt_other' }))], first.state).events).toEqual([]);
  });

  it('keeps facts that arrive before placement and decides them at placement', () => {
    const early = run([fact(payment(0)), fact(payment(0)), fact(failure(1))]);
    expect(early.events.map((event) => event.type)).toEqual(['SubscriptionFactReceivedEarly', 'SubscriptionFactReceivedEarly']);
    const { state, events } = run([placeCommand], early.state);
    expect(events.map((event) => event.type)).toEqual(['SubscriptionPlaced', 'SubscriptionPeriodPaid', 'SubscriptionPaymentFailed']);
    expect(viewOf(placed(state)).status).toBe('PastDue');
  });

  it('takes the same checkout twice as a no-op and refuses a different one', () => {
    const { state } = run([placeCommand]);
    expect(run([placeCommand], state).events).toEqual([]);
    const other = { ...placeCommand, data: { ...placeCommand.data, providerReference: 'cs_other' } } as typeof placeCommand;
    expect(() => run([other], state)).toThrow(SubscriptionError);
  });

  it('stamps placement with the decision time', () => {
    const { events } = run([placeCommand]);
    expect(events[0].data).toMatchObject({ placedAt: NOW.toISOString() });
  });
});
