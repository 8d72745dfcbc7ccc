import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http';
import { ErrorNotice } from '../components/error-notice';
import { SubscriptionView as Subscription } from '../api/types';
import { formatMinor } from '../lib/money';

function CancelButton(props: { subscription: Subscription; onDone: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [asked, setAsked] = useState(false);
  const cancel = async () => {
    setError(null);
    try {
      await api(`/api/subscriptions/${props.subscription.subscriptionId}/cancel`, { method: 'POST', body: { mode: 'at-period-end' } });
      setAsked(true);
      props.onDone();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <button type="button" onClick={cancel} disabled={asked}>Cancel {props.subscription.planId} at the end of the paid period</button>
      {asked && <p role="status">Cancellation sent; it shows here once the provider confirms it.</p>}
      <ErrorNotice error={error} />
    </>
  );
}

const POLL_MS = 2_000;
const POLL_FOR_MS = 120_000;

/** The subscription the provider's page came back with (`?subscription_id=`), until the provider confirms it. */
function awaitedSubscription(): string | null {
  return new URLSearchParams(location.search).get('subscription_id');
}

/**
 * The buyer's subscriptions (GET /api/subscriptions), each cancellable at the end of its paid
 * period. Back from the provider's page, it asks again every 2 s until that subscription is active
 * (the provider's webhook is what makes it so, never the redirect).
 */
export function MySubscriptionsPage() {
  const [subscriptions, setSubscriptions] = useState<Subscription[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const awaited = awaitedSubscription();
  const load = () => api<{ subscriptions: Subscription[] }>('/api/subscriptions').then((answer) => setSubscriptions(answer.subscriptions), setError);
  useEffect(() => void load(), []);
  const confirmed = subscriptions?.some((s) => s.subscriptionId === awaited && s.status !== 'incomplete') ?? false;
  useEffect(() => {
    if (!awaited || confirmed) return undefined;
    const started = Date.now();
    const timer = setInterval(() => (Date.now() - started > POLL_FOR_MS ? clearInterval(timer) : void load()), POLL_MS);
    return () => clearInterval(timer);
  }, [awaited, confirmed]);
  return (
    <section aria-labelledby="subscriptions-title">
      <h1 id="subscriptions-title">My subscriptions</h1>
      {awaited && !confirmed && <p role="status" data-awaiting={awaited}>Waiting for the provider to confirm your subscription...</p>}
      <ErrorNotice error={error} />
      {subscriptions?.length === 0 && <p>No subscriptions.</p>}
      <ul class="cards">{subscriptions?.map((subscription) => (
        <li key={subscription.subscriptionId} class="card" data-subscription-id={subscription.subscriptionId} data-status={subscription.status}>
          <h2>{subscription.planId}</h2>
          <p>
            {formatMinor(subscription.amountMinor, subscription.currency)} every {subscription.interval} via {subscription.provider}: {subscription.status}
            {subscription.paidThrough ? `, paid through ${new Date(subscription.paidThrough).toLocaleDateString()}` : ''}
            {subscription.cancelAtPeriodEnd ? ', ends with the paid period' : ''}.
          </p>
          {!subscription.cancelAtPeriodEnd && !subscription.endedAt && <CancelButton subscription={subscription} onDone={load} />}
        </li>
      ))}</ul>
    </section>
  );
}
