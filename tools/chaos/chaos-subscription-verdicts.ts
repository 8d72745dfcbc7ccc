/*
 * What each subscription must look like once the system has settled, judged from facts read from
 * outside (chaos-subscription-checks.ts). Pure: the facts in, the violations out. Times are epoch ms.
 */

/** The provider's status, in the gateway's words. */
export type ProviderStatus = 'incomplete' | 'active' | 'past_due' | 'ended';

/** A collection the provider made (Stripe: a paid invoice; Cashfree: a successful charge). */
export interface ProviderPayment {
  readonly paymentId: string;
  /** Stripe's period end for the invoice; Cashfree names none (the books count a month from the charge). */
  readonly periodEnd?: number;
}

/** One provider payment in the ledger tables. */
export interface BookedPayment {
  readonly paymentId: string;
  /** SubscriptionPeriodPaid events for it in the event store. */
  readonly periodsRecorded: number;
  /** The latest period end those events record. */
  readonly periodEnd?: number;
  readonly invoices: number;
  readonly journals: number;
  readonly unbalancedJournals: number;
}

/** What entitlements reads about the subscription on subscriptions.events, in order, each message once. */
export type FeedFact = { readonly kind: 'paid'; readonly periodEnd: number } | { readonly kind: 'ended' };

export interface SubscriptionFacts {
  readonly subscriptionId: string;
  readonly provider: 'stripe' | 'cashfree';
  /** The sandbox's own view. */
  readonly atProvider: { readonly status: ProviderStatus; readonly paid: readonly ProviderPayment[] };
  readonly books: readonly BookedPayment[];
  readonly feed: readonly FeedFact[];
  /** The LMS topics, each message once: `validUntil` of every grant and extension. */
  readonly lms: { readonly grants: readonly number[]; readonly extensions: readonly number[]; readonly suspensions: number; readonly revokes: number };
  /** The gateway's API: the subscription and the plan's entitlement, when it shows them. */
  readonly gateway: {
    readonly subscription?: { readonly status: string; readonly periodsPaid: number; readonly paidThrough?: number };
    readonly access?: { readonly status: string; readonly validUntil?: number };
  };
}

/** The LMS messages entitlements' rules make of the feed: access runs to the latest period end seen, a period ending no later extends nothing, the end is final. */
export interface ExpectedAccess {
  readonly grants: number;
  readonly extensions: number;
  readonly revokes: number;
  /** Paid periods that reached entitlements after a later one, ending no later than one before, or after the end: they extend nothing. */
  readonly renewalsOutOfOrder: number;
}

export function expectedAccess(feed: readonly FeedFact[]): ExpectedAccess {
  let validUntil: number | undefined;
  let ended = false;
  let extensions = 0;
  let revokes = 0;
  let renewalsOutOfOrder = 0;
  for (const fact of feed) {
    if (fact.kind === 'ended') {
      if (validUntil !== undefined && !ended) revokes = 1;
      ended = true;
    } else if (ended || (validUntil !== undefined && fact.periodEnd <= validUntil)) {
      renewalsOutOfOrder += 1;
    } else {
      if (validUntil !== undefined) extensions += 1;
      validUntil = fact.periodEnd;
    }
  }
  return { grants: validUntil === undefined ? 0 : 1, extensions, revokes, renewalsOutOfOrder };
}

const iso = (ms: number | undefined) => (ms === undefined ? 'none' : new Date(ms).toISOString());

function booksViolations(facts: SubscriptionFacts): string[] {
  const found: string[] = [];
  for (const payment of facts.atProvider.paid) {
    const booked = facts.books.find((entry) => entry.paymentId === payment.paymentId);
    if (!booked) {
      found.push(`${payment.paymentId}, paid at the provider, is not in the books`);
      continue;
    }
    const counts = { 'paid periods': booked.periodsRecorded, invoices: booked.invoices, journals: booked.journals };
    for (const [what, count] of Object.entries(counts)) if (count !== 1) found.push(`${payment.paymentId} has ${count} ${what} in the books (1 expected)`);
    if (booked.unbalancedJournals > 0) found.push(`the journal of ${payment.paymentId} does not balance`);
    if (payment.periodEnd !== undefined && booked.periodEnd !== payment.periodEnd) {
      found.push(`the books end the period of ${payment.paymentId} at ${iso(booked.periodEnd)}, the provider at ${iso(payment.periodEnd)}`);
    }
  }
  const paidIds = new Set(facts.atProvider.paid.map((payment) => payment.paymentId));
  for (const booked of facts.books) if (!paidIds.has(booked.paymentId)) found.push(`the books hold ${booked.paymentId}, which the provider never collected`);
  return found;
}

/** The end of the last paid period: the provider's (Stripe), else the books' for that payment (Cashfree). */
export function lastPaidEnd(facts: SubscriptionFacts): number | undefined {
  const ends = facts.atProvider.paid.flatMap((payment) => payment.periodEnd ?? facts.books.find((booked) => booked.paymentId === payment.paymentId)?.periodEnd ?? []);
  return ends.length === 0 ? undefined : Math.max(...ends);
}

function accessViolations(facts: SubscriptionFacts, graceMs: number): string[] {
  const { atProvider, lms, gateway } = facts;
  const found: string[] = [];
  if (atProvider.paid.length === 0) {
    if (lms.grants.length > 0) found.push(`granted ${lms.grants.length} time(s) without a paid period`);
    if (gateway.access && gateway.access.status !== 'revoked') found.push(`the gateway shows access (${gateway.access.status}) without a paid period`);
  }
  const expected = expectedAccess(facts.feed);
  if (atProvider.paid.length > 0 && lms.grants.length !== expected.grants) found.push(`granted ${lms.grants.length} times (${expected.grants} expected)`);
  if (lms.extensions.length !== expected.extensions) found.push(`extended ${lms.extensions.length} times for ${expected.extensions} renewals that extend access`);
  if (lms.revokes !== expected.revokes) found.push(`revoked ${lms.revokes} times (${expected.revokes} expected)`);
  const ended = atProvider.status === 'ended';
  if (ended && !facts.feed.some((fact) => fact.kind === 'ended')) found.push('ended at the provider, never ended in the books');
  const paidThrough = lastPaidEnd(facts);
  if (ended || paidThrough === undefined) {
    if (ended && expected.grants > 0 && gateway.access?.status !== 'revoked') found.push(`ended, yet the gateway shows access ${gateway.access?.status ?? 'none'}`);
    return found;
  }
  const validUntil = paidThrough + graceMs;
  const toldLms = Math.max(...lms.grants, ...lms.extensions);
  if (toldLms !== validUntil) found.push(`the LMS was told access until ${iso(Number.isFinite(toldLms) ? toldLms : undefined)}, paid through ${iso(paidThrough)} plus the grace is ${iso(validUntil)}`);
  if (gateway.access?.status !== 'active' || gateway.access.validUntil !== validUntil) {
    found.push(`the gateway shows access ${gateway.access?.status ?? 'none'} until ${iso(gateway.access?.validUntil)}, ${iso(validUntil)} expected`);
  }
  return found;
}

function gatewayViolations(facts: SubscriptionFacts): string[] {
  const shown = facts.gateway.subscription;
  if (!shown) return ['the gateway does not show the subscription'];
  const found: string[] = [];
  const { status, paid } = facts.atProvider;
  if (shown.status !== status) found.push(`the gateway says ${shown.status}, the provider ${status}`);
  if (shown.periodsPaid !== paid.length) found.push(`the gateway counts ${shown.periodsPaid} paid periods, the provider ${paid.length}`);
  const paidThrough = lastPaidEnd(facts);
  if (paid.length > 0 && shown.paidThrough !== paidThrough) found.push(`the gateway shows paid through ${iso(shown.paidThrough)}, ${iso(paidThrough)} expected`);
  return found;
}

/**
 * Everything wrong with one subscription: access against the provider's paid periods and the
 * ledger's feed (one grant, one extension per renewal that extends, one revoke when ended, access
 * until the last paid end plus `graceMs`, none without a payment), the books (each payment one
 * period, one invoice, one balanced journal) and the gateway's view.
 */
export function subscriptionViolations(facts: SubscriptionFacts, graceMs: number): string[] {
  return [...accessViolations(facts, graceMs), ...booksViolations(facts), ...gatewayViolations(facts)];
}
