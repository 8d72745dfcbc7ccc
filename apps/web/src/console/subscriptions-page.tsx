import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http';
import { SubscriptionView } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import { CommonFilters, ListFiltersForm, NO_COMMON_FILTERS, useListFilters, useListing } from '../components/list-filters';
import { Link } from '../components/router';
import { HistoryEvent, Journal, StreamHistory } from '../components/stream-history';
import { formatMinor } from '../lib/money';

const STATUSES = ['incomplete', 'active', 'past_due', 'ended'];

interface Filters extends CommonFilters { status: string }
const NONE: Filters = { ...NO_COMMON_FILTERS, status: '' };

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : '-');

/** Subscriptions with filters (GET /api/admin/subscriptions), each linking to its history and journals. */
export function SubscriptionsPage() {
  const filters = useListFilters(NONE);
  const { field } = filters;
  const { items: subscriptions, error } = useListing(filters, '/api/admin/subscriptions', (answer: { subscriptions: SubscriptionView[] }) => answer.subscriptions);
  return (
    <section aria-labelledby="console-subscriptions-title">
      <h1 id="console-subscriptions-title">Subscriptions</h1>
      <ListFiltersForm filters={filters}>
        <label for="filter-status">Status</label>
        <select {...field('status')}><option value="">any</option>{STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}</select>
      </ListFiltersForm>
      <ErrorNotice error={error} />
      {subscriptions && (
        <table>
          <caption>{subscriptions.length} subscriptions, newest first</caption>
          <thead><tr><th scope="col">Subscription</th><th scope="col">User</th><th scope="col">Plan</th><th scope="col">Provider</th><th scope="col">Each period</th><th scope="col">Periods paid</th><th scope="col">Paid through</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {subscriptions.map((subscription) => (
              <tr key={subscription.subscriptionId} data-subscription-id={subscription.subscriptionId}>
                <td><Link href={`/console/subscriptions/${subscription.subscriptionId}`}><code>{subscription.subscriptionId.slice(0, 8)}</code></Link></td>
                <td>{subscription.userId}</td>
                <td>{subscription.planId}</td>
                <td>{subscription.provider}</td>
                <td>{formatMinor(subscription.amountMinor, subscription.currency)} / {subscription.interval}</td>
                <td>{subscription.periodsPaid}</td>
                <td>{day(subscription.paidThrough)}</td>
                <td data-status={subscription.status}>{subscription.status}{subscription.cancelAtPeriodEnd && !subscription.endedAt ? ' (ends with the period)' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface Detail { subscription: SubscriptionView; events: HistoryEvent[]; journals: Journal[] }

/** One subscription for operators: its read model, its stream from order-ledger and one journal per paid period. */
export function SubscriptionDetailPage(props: { subscriptionId: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const load = () => api<Detail>(`/api/admin/subscriptions/${props.subscriptionId}`).then(setDetail, setError);
    void load();
    const timer = setInterval(load, 5_000);
    return () => clearInterval(timer);
  }, [props.subscriptionId]);
  if (!detail) return <section><h1>Subscription {props.subscriptionId}</h1><ErrorNotice error={error} /></section>;
  const { subscription } = detail;
  return (
    <section aria-labelledby="subscription-title" data-subscription-id={subscription.subscriptionId}>
      <h1 id="subscription-title">Subscription <code>{subscription.subscriptionId}</code></h1>
      <dl class="breakdown">
        <dt>Status</dt><dd data-status={subscription.status}>{subscription.status}</dd>
        <dt>User</dt><dd>{subscription.userId}</dd>
        <dt>Plan</dt><dd>{subscription.planId}, {formatMinor(subscription.amountMinor, subscription.currency)} every {subscription.interval}</dd>
        <dt>Provider</dt><dd>{subscription.provider}</dd>
        <dt>Periods paid</dt><dd data-periods-paid={subscription.periodsPaid}>{subscription.periodsPaid}</dd>
        <dt>Paid through</dt><dd>{day(subscription.paidThrough)}</dd>
        <dt>Past due since</dt><dd>{day(subscription.pastDueSince)}</dd>
        <dt>Ends</dt><dd>{subscription.endedAt ? `ended ${day(subscription.endedAt)} (${subscription.endReason ?? 'no reason given'})` : subscription.cancelAtPeriodEnd ? 'with the paid period' : 'renews'}</dd>
      </dl>
      <ErrorNotice error={error} />
      <StreamHistory events={detail.events} journals={detail.journals} />
    </section>
  );
}
