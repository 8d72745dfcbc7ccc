import { EntitlementError } from './entitlement.errors';
import { SubscriptionAccessFact, SubscriptionAccessStatus, TRANSITIONS, decideSubscriptionAccess } from './subscription-access.decider';
import { ENTITLEMENT_ID, GRACE_MS, SUBSCRIPTION, accessIn, checkValidity, contextAt, periodPaid, replay, subscriptionEnded } from './subscription-access.test-fixtures';

const STATUSES = Object.keys(TRANSITIONS) as SubscriptionAccessStatus[];
/** Every entitlement in the table is valid until here; the clock reads BEFORE or AFTER it. */
const VALID_UNTIL = '2026-03-10T00:00:00.000Z';
const BEFORE = '2026-03-01T00:00:00.000Z';
const AFTER = '2026-03-11T00:00:00.000Z';

/** [status after, change log row, message published]; null: none. */
type Outcome = readonly [SubscriptionAccessStatus, string | null, string | null];

/** Every fact against every status. */
const FACTS: Record<string, [SubscriptionAccessFact, string, Record<SubscriptionAccessStatus, Outcome>]> = {
  'a period paid beyond the validity': [periodPaid('2026-04-07T00:00:00.000Z'), BEFORE, {
    none: ['active', 'granted', 'EntitlementGranted'],
    active: ['active', 'extended', 'EntitlementValidityChanged'],
    suspended: ['active', 'reinstated', 'EntitlementValidityChanged'],
    revoked: ['revoked', 'extended', null],
  }],
  'a period already covered (a duplicate or an older one)': [periodPaid('2026-02-07T00:00:00.000Z'), BEFORE, {
    none: ['active', 'granted', 'EntitlementGranted'],
    active: ['active', null, null],
    suspended: ['suspended', null, null],
    revoked: ['revoked', null, null],
  }],
  'the subscription ended': [subscriptionEnded, BEFORE, {
    none: ['revoked', 'revoked', null],
    active: ['revoked', 'revoked', 'EntitlementRevoked'],
    suspended: ['revoked', 'revoked', 'EntitlementRevoked'],
    revoked: ['revoked', null, null],
  }],
  'the sweeper looks while the validity runs': [checkValidity, BEFORE, {
    none: ['none', null, null], active: ['active', null, null], suspended: ['suspended', null, null], revoked: ['revoked', null, null],
  }],
  'the sweeper looks once the validity has passed': [checkValidity, AFTER, {
    none: ['none', null, null],
    active: ['suspended', 'suspended', 'EntitlementValidityChanged'],
    suspended: ['suspended', null, null],
    revoked: ['revoked', null, null],
  }],
};

const MATRIX = Object.entries(FACTS).flatMap(([name, [fact, now, outcomes]]) => STATUSES.map((status) => [name, status, fact, now, outcomes[status]] as const));

describe('a subscription\'s access, every fact against every status', () => {
  it.each(MATRIX)('%s, on %s', (_name, status, fact, now, [after, change, message]) => {
    const decision = decideSubscriptionAccess(accessIn(status, VALID_UNTIL), fact, contextAt(now));
    expect([decision.entitlement?.status ?? 'none', decision.change?.change ?? null, decision.message?.type ?? null]).toEqual([after, change, message]);
  });

  it('every status change the table shows is one TRANSITIONS allows', () => {
    for (const [, status, , , [after]] of MATRIX) {
      if (after !== status) expect(TRANSITIONS[status]).toContain(after);
    }
  });
});

describe('a subscription\'s access', () => {
  it('the first paid period grants the plan, keyed to the subscription, valid to the period end plus the grace', () => {
    const { entitlement, message, change } = decideSubscriptionAccess(undefined, periodPaid('2026-02-01T00:00:00.000Z'), contextAt('2026-01-01T00:00:00.000Z'));
    expect(message).toEqual({
      type: 'EntitlementGranted',
      payload: {
        entitlementId: ENTITLEMENT_ID, userId: SUBSCRIPTION.userId, productId: SUBSCRIPTION.planId, kind: 'plan',
        orderId: SUBSCRIPTION.subscriptionId, subscriptionId: SUBSCRIPTION.subscriptionId,
        validUntil: new Date(Date.parse('2026-02-01T00:00:00.000Z') + GRACE_MS).toISOString(), grantedAt: '2026-01-01T00:00:00.000Z',
      },
    });
    expect(entitlement).toMatchObject({ status: 'active', sequence: 1 });
    expect(change).toEqual({ sequence: 1, change: 'granted', reason: 'period-paid', at: new Date('2026-01-01T00:00:00.000Z') });
  });

  it('a renewal extends the validity and tells the LMS with the next sequence and reason renewal-paid', () => {
    const { message } = decideSubscriptionAccess(accessIn('active', VALID_UNTIL, 4), periodPaid('2026-04-07T00:00:00.000Z'), contextAt(BEFORE));
    expect(message).toEqual({
      type: 'EntitlementValidityChanged',
      payload: {
        entitlementId: ENTITLEMENT_ID, userId: SUBSCRIPTION.userId, productId: SUBSCRIPTION.planId, kind: 'plan', subscriptionId: SUBSCRIPTION.subscriptionId,
        status: 'active', validUntil: '2026-04-10T00:00:00.000Z', reason: 'renewal-paid', sequence: 5, changedAt: BEFORE,
      },
    });
  });

  it('a payment for a suspended subscription reinstates it with reason payment-recovered', () => {
    const { message } = decideSubscriptionAccess(accessIn('suspended', VALID_UNTIL), periodPaid('2026-04-07T00:00:00.000Z'), contextAt(AFTER));
    expect(message?.payload).toMatchObject({ status: 'active', reason: 'payment-recovered', validUntil: '2026-04-10T00:00:00.000Z' });
  });

  it('a late payment that still leaves the validity in the past keeps the access suspended', () => {
    const { entitlement, message } = decideSubscriptionAccess(accessIn('suspended', VALID_UNTIL), periodPaid('2026-03-08T00:00:00.000Z'), contextAt('2026-03-20T00:00:00.000Z'));
    expect(entitlement).toMatchObject({ status: 'suspended', validUntil: new Date('2026-03-11T00:00:00.000Z') });
    expect(message?.payload).toMatchObject({ status: 'suspended', reason: 'renewal-paid' });
  });

  it('a suspension tells the LMS the validity that passed, with reason past-due-beyond-grace', () => {
    const { message } = decideSubscriptionAccess(accessIn('active', VALID_UNTIL), checkValidity, contextAt(AFTER));
    expect(message?.payload).toMatchObject({ status: 'suspended', validUntil: VALID_UNTIL, reason: 'past-due-beyond-grace', sequence: 4, changedAt: AFTER });
  });

  it('the end revokes with reason subscription-ended, naming the subscription as the purchase', () => {
    const { message } = decideSubscriptionAccess(accessIn('suspended', VALID_UNTIL), subscriptionEnded, contextAt(AFTER));
    expect(message).toEqual({
      type: 'EntitlementRevoked',
      payload: {
        entitlementId: ENTITLEMENT_ID, userId: SUBSCRIPTION.userId, productId: SUBSCRIPTION.planId, kind: 'plan',
        orderId: SUBSCRIPTION.subscriptionId, subscriptionId: SUBSCRIPTION.subscriptionId, reason: 'subscription-ended', revokedAt: AFTER,
      },
    });
  });

  it('an end that overtakes the first paid period is final: the period is recorded, never granted', () => {
    const { entitlement, messages, changes } = replay([subscriptionEnded, periodPaid('2026-02-01T00:00:00.000Z')], contextAt('2026-01-05T00:00:00.000Z'));
    expect(messages).toEqual([]);
    expect(entitlement).toMatchObject({ status: 'revoked', grantedAt: null, validUntil: new Date('2026-02-04T00:00:00.000Z') });
    expect(changes.map((c) => [c.sequence, c.change, c.reason])).toEqual([[1, 'revoked', 'subscription-ended'], [2, 'extended', 'paid-after-end']]);
  });

  it('a renewal that overtakes the first period grants with the later validity; the first period then changes nothing', () => {
    const { messages } = replay([periodPaid('2026-03-01T00:00:00.000Z'), periodPaid('2026-02-01T00:00:00.000Z')], contextAt('2026-02-15T00:00:00.000Z'));
    expect(messages).toMatchObject([{ type: 'EntitlementGranted', payload: { validUntil: '2026-03-04T00:00:00.000Z' } }]);
  });

  it('refuses a subscription fact about a one-time order\'s entitlement', () => {
    const oneTime = { ...(accessIn('active', VALID_UNTIL) as NonNullable<ReturnType<typeof accessIn>>), subscriptionId: null, validUntil: null };
    expect(() => decideSubscriptionAccess(oneTime, subscriptionEnded, contextAt(BEFORE))).toThrow(EntitlementError);
  });
});
