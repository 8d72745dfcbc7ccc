import { BillingInterval } from '@payments/contracts';
import { periodEnd } from './billing-period';
import { PaymentFact, SubscriptionEvent, SubscriptionFact, SubscriptionPlacedData } from './subscription.events';

export type SubscriptionStatus = 'Incomplete' | 'Active' | 'PastDue' | 'Ended';

export interface PaidPeriod {
  readonly providerPaymentId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly paidAt: string;
}

export interface UnplacedSubscription {
  readonly placed: false;
  readonly earlyFacts: readonly SubscriptionFact[];
}

export interface PlacedSubscription extends SubscriptionPlacedData {
  readonly placed: true;
  readonly seenProviderEventIds: readonly string[];
  readonly paid: readonly PaidPeriod[];
  readonly mismatchedPaymentIds: readonly string[];
  readonly failures: readonly { providerPaymentId: string; reason: string; failedAt: string }[];
  /** Every status the provider reported, with its time; the newest one counts. */
  readonly reports: readonly { status: 'active' | 'past_due' | 'ended'; cancelAtPeriodEnd: boolean; endReason?: string; reportedAt: string }[];
}

export type SubscriptionState = UnplacedSubscription | PlacedSubscription;

export const initialSubscriptionState = (): SubscriptionState => ({ placed: false, earlyFacts: [] });

/** What a subscription is, derived from everything recorded, whatever order it arrived in. */
export interface SubscriptionView {
  readonly status: SubscriptionStatus;
  /** End of the latest paid period; access is paid up to here. */
  readonly paidThrough?: string;
  readonly cancelAtPeriodEnd: boolean;
  readonly endedAt?: string;
  readonly endReason?: string;
  readonly pastDueReason?: string;
}

const latest = (times: readonly string[]): string | undefined => (times.length === 0 ? undefined : times.reduce((a, b) => (a > b ? a : b)));

export function viewOf(state: PlacedSubscription): SubscriptionView {
  const paidThrough = latest(state.paid.map((period) => period.periodEnd));
  const lastPaidAt = latest(state.paid.map((period) => period.paidAt));
  const newestReport = [...state.reports].sort((a, b) => (a.reportedAt < b.reportedAt ? 1 : a.reportedAt > b.reportedAt ? -1 : 0))[0];
  const cancelAtPeriodEnd = newestReport?.cancelAtPeriodEnd ?? false;
  const ended = state.reports.filter((report) => report.status === 'ended').sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : 1))[0];
  if (ended) return { status: 'Ended', paidThrough, cancelAtPeriodEnd, endedAt: ended.reportedAt, endReason: ended.endReason ?? 'canceled' };
  const paidIds = new Set(state.paid.map((period) => period.providerPaymentId));
  // A failure counts until a payment made after it: an older failure is history, not the present.
  // Providers stamp events to the second (Cashfree), so a failure in the same second as the last
  // payment, for a collection that payment was not, is the newer one.
  const openFailure = state.failures
    .filter((failure) => !paidIds.has(failure.providerPaymentId) && (lastPaidAt === undefined || failure.failedAt >= lastPaidAt))
    .sort((a, b) => (a.failedAt < b.failedAt ? 1 : -1))[0];
  if (lastPaidAt === undefined) return { status: 'Incomplete', cancelAtPeriodEnd };
  if (openFailure) return { status: 'PastDue', paidThrough, cancelAtPeriodEnd, pastDueReason: openFailure.reason };
  const pastDueReport = state.reports.find((report) => report.status === 'past_due' && report.reportedAt >= lastPaidAt);
  if (pastDueReport) return { status: 'PastDue', paidThrough, cancelAtPeriodEnd, pastDueReason: 'provider_reported_past_due' };
  return { status: 'Active', paidThrough, cancelAtPeriodEnd };
}

/** The service period a payment pays for: the provider's when it states one, else one interval from its start. */
export function periodOf(fact: PaymentFact, interval: BillingInterval): { periodStart: string; periodEnd: string } {
  const start = fact.periodStart ?? fact.paidAt;
  const end = fact.periodEnd ?? periodEnd(new Date(start), interval).toISOString();
  return { periodStart: new Date(start).toISOString(), periodEnd: new Date(end).toISOString() };
}

export function evolveSubscription(state: SubscriptionState, event: SubscriptionEvent): SubscriptionState {
  if (event.type === 'SubscriptionFactReceivedEarly') {
    if (state.placed) return state;
    return { ...state, earlyFacts: [...state.earlyFacts, event.data.fact] };
  }
  if (event.type === 'SubscriptionPlaced') {
    return { placed: true, ...event.data, seenProviderEventIds: [], paid: [], mismatchedPaymentIds: [], failures: [], reports: [] };
  }
  if (!state.placed) throw new Error(`${event.type} on a subscription that is not placed`);
  const seen = [...state.seenProviderEventIds, event.data.providerEventId];
  switch (event.type) {
    case 'SubscriptionPeriodPaid': {
      const { providerPaymentId, periodStart, periodEnd: end, paidAt } = event.data;
      return { ...state, seenProviderEventIds: seen, paid: [...state.paid, { providerPaymentId, periodStart, periodEnd: end, paidAt }] };
    }
    case 'SubscriptionPaymentMismatchRecorded':
      return { ...state, seenProviderEventIds: seen, mismatchedPaymentIds: [...state.mismatchedPaymentIds, event.data.providerPaymentId] };
    case 'SubscriptionPaymentFailed': {
      const { providerPaymentId, reason, failedAt } = event.data;
      return { ...state, seenProviderEventIds: seen, failures: [...state.failures, { providerPaymentId, reason, failedAt }] };
    }
    case 'SubscriptionStatusReported': {
      const { status, cancelAtPeriodEnd, endReason, reportedAt } = event.data;
      const report = endReason === undefined ? { status, cancelAtPeriodEnd, reportedAt } : { status, cancelAtPeriodEnd, endReason, reportedAt };
      return { ...state, seenProviderEventIds: seen, reports: [...state.reports, report] };
    }
  }
}
