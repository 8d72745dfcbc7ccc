import fc from 'fast-check';
import { DecisionContext, Entitlement } from './entitlement';
import { SubscriptionAccessFact, decideSubscriptionAccess } from './subscription-access.decider';
import { DAY_MS, GRACE_MS, checkValidity, contextAt, periodPaid, replay, subscriptionEnded } from './subscription-access.test-fixtures';

const START = Date.parse('2026-01-01T00:00:00.000Z');
/** Three monthly periods, paid one after the other. */
const PERIOD_ENDS = ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'];
const PAID = PERIOD_ENDS.map(periodPaid);

/** Some of the periods paid, perhaps the end; each delivered at least once, some again, in any order, with sweeps between. */
const deliveriesOf = (ended: fc.Arbitrary<boolean>) => fc
  .record({
    paid: fc.subarray(PAID, { minLength: 1 }),
    ended,
    repeats: fc.array(fc.nat(), { maxLength: 5 }),
    sweeps: fc.nat({ max: 4 }),
    /** One sort key per delivery: 3 periods + the end + 5 repeats + 4 sweeps at most. */
    sortKeys: fc.array(fc.nat(), { minLength: 13, maxLength: 13 }),
    /** The clock, in days from START, one reading per delivery, sorted: time only goes forward. */
    days: fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 16, maxLength: 16 }),
  })
  .map(({ paid, ended, repeats, sweeps, sortKeys, days }) => {
    const facts: SubscriptionAccessFact[] = [...paid, ...(ended ? [subscriptionEnded] : [])];
    const messages = [...facts, ...repeats.map((i) => facts[i % facts.length]), ...Array.from({ length: sweeps }, () => checkValidity)];
    const shuffled = messages.map((fact, i) => ({ fact, sortKey: sortKeys[i] })).sort((a, b) => a.sortKey - b.sortKey).map(({ fact }) => fact);
    const clock = [...days].sort((a, b) => a - b).map((day) => new Date(START + day * DAY_MS));
    return { facts, paid, ended, deliveries: shuffled, clock };
  });

/** Decides each delivery at its own clock reading (there are more readings than deliveries), then the sweeper looks once more at the last. */
function deliver(deliveries: readonly SubscriptionAccessFact[], clock: readonly Date[]) {
  let entitlement: Entitlement | undefined;
  let issued = 0;
  const types: string[] = [];
  const steps = [...deliveries, checkValidity];
  steps.forEach((fact, i) => {
    const now = i < deliveries.length ? clock[i] : clock[clock.length - 1];
    const ctx: DecisionContext = { ...contextAt(now), newEntitlementId: () => `00000000-0000-4000-8000-${String(++issued).padStart(12, '0')}` };
    const decision = decideSubscriptionAccess(entitlement, fact, ctx);
    entitlement = decision.entitlement;
    if (decision.message) types.push(decision.message.type);
  });
  return { entitlement, types, count: (type: string) => types.filter((t) => t === type).length };
}

describe('a subscription\'s access told its facts in any order, any number of times', () => {
  it('ends in the same status and validity as in order, with at most one grant and at most one revoke', () => {
    fc.assert(
      fc.property(deliveriesOf(fc.boolean()), ({ facts, paid, ended, deliveries, clock }) => {
        const last = clock[clock.length - 1];
        const inOrder = deliver(facts, clock.map(() => last));
        const result = deliver(deliveries, clock);
        expect(result.entitlement?.status).toBe(inOrder.entitlement?.status);
        expect(result.entitlement?.validUntil).toEqual(inOrder.entitlement?.validUntil);
        expect(result.count('EntitlementGranted')).toBeLessThanOrEqual(1);
        expect(result.count('EntitlementRevoked')).toBeLessThanOrEqual(1);
        // A revoke only ever follows a grant, and nothing follows a revoke.
        expect(result.count('EntitlementRevoked')).toBeLessThanOrEqual(result.count('EntitlementGranted'));
        if (result.types.includes('EntitlementRevoked')) expect(result.types.at(-1)).toBe('EntitlementRevoked');
        if (result.types.length > 0) expect(result.types[0]).toBe('EntitlementGranted');

        const paidThrough = Math.max(...paid.map((fact) => (fact.type === 'PeriodPaid' ? fact.data.periodEnd.getTime() : 0))) + GRACE_MS;
        expect(result.entitlement?.validUntil?.getTime()).toBe(paidThrough);
        const expected = ended ? 'revoked' : paidThrough > last.getTime() ? 'active' : 'suspended';
        expect(result.entitlement?.status).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('without an end, access is granted exactly once and never revoked', () => {
    fc.assert(
      fc.property(deliveriesOf(fc.constant(false)), ({ deliveries, clock }) => {
        const result = deliver(deliveries, clock);
        expect(result.count('EntitlementGranted')).toBe(1);
        expect(result.count('EntitlementRevoked')).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('in order, every period after the first is one extension, and the end one revoke', () => {
    const { messages } = replay([...PAID, subscriptionEnded], contextAt('2026-01-15T00:00:00.000Z'));
    expect(messages.map((m) => [m.type, 'reason' in m.payload ? m.payload.reason : null])).toEqual([
      ['EntitlementGranted', null], ['EntitlementValidityChanged', 'renewal-paid'], ['EntitlementValidityChanged', 'renewal-paid'], ['EntitlementRevoked', 'subscription-ended'],
    ]);
  });
});
