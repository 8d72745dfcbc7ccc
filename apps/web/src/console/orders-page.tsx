import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api/http';
import { OrderView } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/router';
import { formatMinor } from '../lib/money';

const STATUSES = ['pending', 'paid', 'partially_refunded', 'refunded', 'failed', 'expired'];

interface Filters { status: string; provider: string; currency: string; userId: string; from: string; to: string; needsReview: string }
const NONE: Filters = { status: '', provider: '', currency: '', userId: '', from: '', to: '', needsReview: '' };

const isoOf = (day: string) => (day ? new Date(`${day}T00:00:00Z`).toISOString() : undefined);

/** Orders with filters (GET /api/admin/orders), each linking to its history and journals. */
export function OrdersPage() {
  const [filters, setFilters] = useState<Filters>(NONE);
  const [applied, setApplied] = useState<Filters>(NONE);
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    api<{ orders: OrderView[] }>(`/api/admin/orders${query({ ...applied, from: isoOf(applied.from), to: isoOf(applied.to) })}`)
      .then((answer) => setOrders(answer.orders), setError);
  }, [applied]);
  const field = (name: keyof Filters) => ({ id: `filter-${name}`, name, value: filters[name], onInput: (e: Event) => setFilters({ ...filters, [name]: (e.currentTarget as HTMLInputElement).value }) });
  return (
    <section aria-labelledby="console-orders-title">
      <h1 id="console-orders-title">Orders</h1>
      <form class="filters" onSubmit={(event) => { event.preventDefault(); setApplied(filters); }}>
        <label for="filter-status">Status</label>
        <select {...field('status')}><option value="">any</option>{STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}</select>
        <label for="filter-provider">Provider</label>
        <select {...field('provider')}><option value="">any</option><option value="stripe">stripe</option><option value="cashfree">cashfree</option></select>
        <label for="filter-currency">Currency</label>
        <input {...field('currency')} maxLength={3} size={4} pattern="[A-Z]{3}" />
        <label for="filter-userId">User</label>
        <input {...field('userId')} maxLength={255} />
        <label for="filter-from">Placed from</label>
        <input type="date" {...field('from')} />
        <label for="filter-to">Placed before</label>
        <input type="date" {...field('to')} />
        <label for="filter-needsReview">Review flag</label>
        <select {...field('needsReview')}><option value="">any</option><option value="true">flagged</option><option value="false">not flagged</option></select>
        <button type="submit">Search</button>
        <button type="button" onClick={() => { setFilters(NONE); setApplied(NONE); }}>Clear</button>
      </form>
      <ErrorNotice error={error} />
      {orders && (
        <table>
          <caption>{orders.length} orders, newest first</caption>
          <thead><tr><th scope="col">Order</th><th scope="col">User</th><th scope="col">Provider</th><th scope="col">Total</th><th scope="col">Refunded</th><th scope="col">Status</th><th scope="col">Placed</th></tr></thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.orderId} data-order-id={order.orderId}>
                <td><Link href={`/console/orders/${order.orderId}`}><code>{order.orderId.slice(0, 8)}</code></Link>{order.needsReview && <span class="flag"> review</span>}</td>
                <td>{order.userId}</td>
                <td>{order.provider}</td>
                <td>{formatMinor(order.amountMinor, order.currency)}</td>
                <td>{formatMinor(order.refundedMinor, order.currency)}</td>
                <td data-status={order.status}>{order.status}</td>
                <td>{order.placedAt ? new Date(order.placedAt).toLocaleString() : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
