import { OrderView } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import { CommonFilters, ListFiltersForm, NO_COMMON_FILTERS, useListFilters, useListing } from '../components/list-filters';
import { Link } from '../components/router';
import { formatMinor } from '../lib/money';

const STATUSES = ['pending', 'paid', 'partially_refunded', 'refunded', 'failed', 'expired'];

interface Filters extends CommonFilters { status: string; needsReview: string }
const NONE: Filters = { ...NO_COMMON_FILTERS, status: '', needsReview: '' };

/** Orders with filters (GET /api/admin/orders), each linking to its history and journals. */
export function OrdersPage() {
  const filters = useListFilters(NONE);
  const { field } = filters;
  const { items: orders, error } = useListing(filters, '/api/admin/orders', (answer: { orders: OrderView[] }) => answer.orders);
  return (
    <section aria-labelledby="console-orders-title">
      <h1 id="console-orders-title">Orders</h1>
      <ListFiltersForm filters={filters}>
        <label for="filter-status">Status</label>
        <select {...field('status')}><option value="">any</option>{STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}</select>
        <label for="filter-needsReview">Review flag</label>
        <select {...field('needsReview')}><option value="">any</option><option value="true">flagged</option><option value="false">not flagged</option></select>
      </ListFiltersForm>
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
