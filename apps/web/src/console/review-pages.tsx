import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http';
import { OrderView } from '../api/types';
import { ResolveForm } from '../components/admin-action';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/router';
import { formatMinor } from '../lib/money';

interface Resolution { resolvedBy: string; note: string; resolvedAt: string }
type State = 'open' | 'resolved' | 'all';

function useListing<T>(path: (state: State) => string, pick: (answer: never) => T[]) {
  const [state, setState] = useState<State>('open');
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => api<never>(path(state)).then((answer) => setItems(pick(answer)), setError);
  useEffect(() => void load(), [state]);
  return { state, setState, items, error, load };
}

function StatePicker(props: { id: string; state: State; onChange: (state: State) => void }) {
  return (
    <p class="toolbar">
      <label for={props.id}>Show</label>
      <select id={props.id} value={props.state} onChange={(e) => props.onChange(e.currentTarget.value as State)}>
        <option value="open">open</option><option value="resolved">resolved</option><option value="all">all</option>
      </select>
    </p>
  );
}

const Resolved = (props: { resolution: Resolution }) => (
  <p class="resolved" data-resolved="true">Resolved by {props.resolution.resolvedBy} on {new Date(props.resolution.resolvedAt).toLocaleString()}: {props.resolution.note}</p>
);

/** Orders order-ledger flagged for manual review, with their resolutions. */
export function ReviewFlagsPage() {
  const list = useListing<{ order: OrderView; resolution: Resolution | null }>((state) => `/api/admin/review-flags?state=${state}`, (answer: { flags: never[] }) => answer.flags);
  return (
    <section aria-labelledby="flags-title">
      <h1 id="flags-title">Review flags</h1>
      <StatePicker id="flags-state" state={list.state} onChange={list.setState} />
      <ErrorNotice error={list.error} />
      {list.items?.length === 0 && <p>Nothing to review.</p>}
      <ul class="cards">{list.items?.map(({ order, resolution }) => (
        <li key={order.orderId} class="card" data-order-id={order.orderId}>
          <h2><Link href={`/console/orders/${order.orderId}`}><code>{order.orderId.slice(0, 8)}</code></Link> {order.lastFailureCode}</h2>
          <p>{order.lastFailure} {formatMinor(order.amountMinor, order.currency)} via {order.provider}, {order.status}.</p>
          {resolution ? <Resolved resolution={resolution} /> : <ResolveForm path={`/api/admin/review-flags/${order.orderId}/resolve`} subject={order.orderId} onResolved={list.load} />}
        </li>
      ))}</ul>
    </section>
  );
}

interface Unmatched {
  orderId: string; firstReceivedAt: string; facts: number; kinds: string[]; paymentsMinor: number; currency: string | null;
  providerPaymentIds: string[]; surfacedAt: string | null; matchedAt: string | null; resolution: Resolution | null;
}

/** Provider payments without their order (order-ledger's listing), with their resolutions. */
export function UnmatchedPage() {
  const list = useListing<Unmatched>((state) => `/api/admin/unmatched-payments?state=${state}`, (answer: { items: never[] }) => answer.items);
  return (
    <section aria-labelledby="unmatched-title" aria-busy={list.items === null && list.error === null ? 'true' : 'false'}>
      <h1 id="unmatched-title">Unmatched payments</h1>
      <StatePicker id="unmatched-state" state={list.state} onChange={list.setState} />
      <ErrorNotice error={list.error} />
      {list.items?.length === 0 && <p>No unmatched payments.</p>}
      <ul class="cards">{list.items?.map((item) => (
        <li key={item.orderId} class="card" data-unmatched-order-id={item.orderId}>
          <h2>Order id <code>{item.orderId}</code></h2>
          <p>
            {item.facts} fact(s): {item.kinds.join(', ')}; payments {item.currency ? formatMinor(item.paymentsMinor, item.currency) : '-'}
            {' '}({item.providerPaymentIds.join(', ')}). First seen {new Date(item.firstReceivedAt).toLocaleString()}
            {item.surfacedAt ? `, surfaced ${new Date(item.surfacedAt).toLocaleString()}` : ', not surfaced yet'}
            {item.matchedAt ? `, its order turned up ${new Date(item.matchedAt).toLocaleString()}` : ''}.
          </p>
          {item.resolution ? <Resolved resolution={item.resolution} /> : <ResolveForm path={`/api/admin/unmatched-payments/${item.orderId}/resolve`} subject={item.orderId} onResolved={list.load} />}
        </li>
      ))}</ul>
    </section>
  );
}
