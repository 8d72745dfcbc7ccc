import fc from 'fast-check';
import { SubscriptionCommand } from './subscription.decider';
import { failure, fact, payment, placeCommand, run, status } from './subscription.fixtures';
import { viewOf } from './subscription.view';

/*
 * However a subscription's facts are ordered and duplicated - placement included - it ends in the
 * same status, paid through the same date, with each period booked once.
 */
const facts: SubscriptionCommand[] = [
  fact(payment(0)),
  fact(payment(1)),
  fact(failure(2)),
  fact(payment(2, { paidAt: '2026-03-03T00:00:00.000Z' })),
  fact(status('evt_cancel', '2026-03-10T00:00:00.000Z', { cancelAtPeriodEnd: true })),
  fact(status('evt_pd', '2026-03-02T00:00:00.000Z', { status: 'past_due' })),
  fact(status('evt_end', '2026-04-01T00:00:00.000Z', { status: 'ended', cancelAtPeriodEnd: true })),
];

const outcome = (commands: readonly SubscriptionCommand[]) => {
  const { state, events } = run(commands);
  if (!state.placed) throw new Error('not placed');
  const booked = events.filter((event) => event.type === 'SubscriptionPeriodPaid').map((event) => (event.data as { providerPaymentId: string }).providerPaymentId);
  return { view: viewOf(state), booked: [...booked].sort() };
};

describe('subscription facts in any order', () => {
  const expected = outcome([placeCommand, ...facts]);

  it('ends as the in-order run does', () => {
    expect(expected.view).toMatchObject({ status: 'Ended', paidThrough: '2026-04-01T00:00:00.000Z', cancelAtPeriodEnd: true });
    expect(expected.booked).toEqual(['in_0', 'in_1', 'in_2']);
  });

  it('for every permutation with duplicates', () => {
    const withDuplicates = fc
      .array(fc.integer({ min: 0, max: facts.length - 1 }), { maxLength: 5 })
      .map((extra) => [placeCommand, ...facts, ...extra.map((index) => facts[index])]);
    fc.assert(
      fc.property(withDuplicates.chain((commands) => fc.shuffledSubarray(commands, { minLength: commands.length, maxLength: commands.length })), (commands) => {
        expect(outcome(commands)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('for every prefix: never active without a paid period', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([placeCommand, ...facts], { minLength: 1 }), (commands) => {
        const { state } = run(commands);
        if (!state.placed) return;
        const view = viewOf(state);
        if (view.status === 'Active' || view.status === 'PastDue') expect(state.paid.length).toBeGreaterThan(0);
      }),
    );
  });
});
