import { FeedFact, SubscriptionFacts, expectedAccess, subscriptionViolations } from './chaos-subscription-verdicts';

const GRACE = 3 * 86_400_000;
const end = (period: number) => Date.UTC(2026, period, 1);
const paid = (period: number): FeedFact => ({ kind: 'paid', periodEnd: end(period) });
const booked = (paymentId: string, period: number) => ({ paymentId, periodsRecorded: 1, periodEnd: end(period), invoices: 1, journals: 1, unbalancedJournals: 0 });

/** A Stripe subscription whose three periods were paid, told and booked once each. */
const healthy = (change: Partial<SubscriptionFacts> = {}): SubscriptionFacts => ({
  subscriptionId: 'sub-1',
  provider: 'stripe',
  atProvider: { status: 'active', paid: [{ paymentId: 'in_1', periodEnd: end(1) }, { paymentId: 'in_2', periodEnd: end(2) }, { paymentId: 'in_3', periodEnd: end(3) }] },
  books: [booked('in_1', 1), booked('in_2', 2), booked('in_3', 3)],
  feed: [paid(1), paid(2), paid(3)],
  lms: { grants: [end(1) + GRACE], extensions: [end(2) + GRACE, end(3) + GRACE], suspensions: 0, revokes: 0 },
  gateway: { subscription: { status: 'active', periodsPaid: 3, paidThrough: end(3) }, access: { status: 'active', validUntil: end(3) + GRACE } },
  ...change,
});

describe('what entitlements must tell the LMS, from the ledger feed in order', () => {
  it('grants on the first paid period and extends on each later one', () => {
    expect(expectedAccess([paid(1), paid(2), paid(3)])).toEqual({ grants: 1, extensions: 2, revokes: 0, renewalsOutOfOrder: 0 });
  });

  it('extends nothing for a period that arrives after a later one, or twice', () => {
    expect(expectedAccess([paid(1), paid(3), paid(2), paid(3)])).toEqual({ grants: 1, extensions: 1, revokes: 0, renewalsOutOfOrder: 2 });
  });

  it('revokes once when it ends, and nothing for a period paid after the end', () => {
    expect(expectedAccess([paid(1), { kind: 'ended' }, paid(2), { kind: 'ended' }])).toEqual({ grants: 1, extensions: 0, revokes: 1, renewalsOutOfOrder: 1 });
  });

  it('neither grants nor revokes a subscription that ended before any period reached it', () => {
    expect(expectedAccess([{ kind: 'ended' }, paid(1)])).toEqual({ grants: 0, extensions: 0, revokes: 0, renewalsOutOfOrder: 1 });
  });
});

describe('the violations of one subscription', () => {
  it('finds none in a subscription granted once, extended per renewal, valid to the last paid end plus the grace, booked once each', () => {
    expect(subscriptionViolations(healthy(), GRACE)).toEqual([]);
  });

  it('accepts one extension fewer when a renewal reached entitlements after a later one', () => {
    const reordered = healthy({ feed: [paid(1), paid(3), paid(2)], lms: { grants: [end(1) + GRACE], extensions: [end(3) + GRACE], suspensions: 0, revokes: 0 } });
    expect(subscriptionViolations(reordered, GRACE)).toEqual([]);
  });

  it('names a second grant and a lost extension', () => {
    const lms = { grants: [end(1) + GRACE, end(1) + GRACE], extensions: [end(3) + GRACE], suspensions: 0, revokes: 0 };
    expect(subscriptionViolations(healthy({ lms }), GRACE)).toEqual(['granted 2 times (1 expected)', 'extended 1 times for 2 renewals that extend access']);
  });

  it('names access granted without a paid period', () => {
    const unpaid = healthy({
      atProvider: { status: 'incomplete', paid: [] }, books: [], feed: [],
      lms: { grants: [end(1) + GRACE], extensions: [], suspensions: 0, revokes: 0 },
      gateway: { subscription: { status: 'incomplete', periodsPaid: 0 }, access: { status: 'active', validUntil: end(1) + GRACE } },
    });
    expect(subscriptionViolations(unpaid, GRACE)).toEqual(['granted 1 time(s) without a paid period', 'the gateway shows access (active) without a paid period']);
  });

  it('names access that does not run exactly to the last paid end plus the grace', () => {
    const short = healthy({ gateway: { subscription: { status: 'active', periodsPaid: 3, paidThrough: end(3) }, access: { status: 'active', validUntil: end(3) } } });
    expect(subscriptionViolations(short, GRACE)).toEqual([
      `the gateway shows access active until ${new Date(end(3)).toISOString()}, ${new Date(end(3) + GRACE).toISOString()} expected`,
    ]);
  });

  it('wants an ended subscription revoked once and shown revoked, whatever its validity', () => {
    const ended = healthy({ atProvider: { ...healthy().atProvider, status: 'ended' }, feed: [paid(1), paid(2), paid(3), { kind: 'ended' }] });
    expect(subscriptionViolations(ended, GRACE)).toEqual([
      'revoked 0 times (1 expected)', 'ended, yet the gateway shows access active', 'the gateway says active, the provider ended',
    ]);
    const revoked = healthy({
      ...ended, lms: { ...healthy().lms, revokes: 1 },
      gateway: { subscription: { status: 'ended', periodsPaid: 3, paidThrough: end(3) }, access: { status: 'revoked', validUntil: end(2) + GRACE } },
    });
    expect(subscriptionViolations(revoked, GRACE)).toEqual([]);
  });

  it('names a payment booked twice, one never booked, and one the provider never collected', () => {
    const books = [{ ...booked('in_1', 1), invoices: 2, periodsRecorded: 2 }, booked('in_3', 3), booked('in_9', 4)];
    expect(subscriptionViolations(healthy({ books }), GRACE)).toEqual([
      'in_1 has 2 paid periods in the books (1 expected)', 'in_1 has 2 invoices in the books (1 expected)',
      'in_2, paid at the provider, is not in the books', 'the books hold in_9, which the provider never collected',
    ]);
  });

  it('takes a Cashfree period end from the books, as Cashfree names none', () => {
    const cashfree = healthy({ provider: 'cashfree', atProvider: { status: 'active', paid: [{ paymentId: 'cf_1' }, { paymentId: 'cf_2' }] }, books: [booked('cf_1', 1), booked('cf_2', 2)] });
    const told = { lms: { grants: [end(1) + GRACE], extensions: [end(2) + GRACE], suspensions: 0, revokes: 0 }, feed: [paid(1), paid(2)] };
    const shown = { gateway: { subscription: { status: 'active', periodsPaid: 2, paidThrough: end(2) }, access: { status: 'active', validUntil: end(2) + GRACE } } };
    expect(subscriptionViolations({ ...cashfree, ...told, ...shown }, GRACE)).toEqual([]);
  });
});
