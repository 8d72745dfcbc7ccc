import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http';
import { Entitlement, OrderView } from '../api/types';
import { ErrorNotice, FailureExplanation } from '../components/error-notice';
import { Link } from '../components/router';
import { formatMinor } from '../lib/money';

/** The buyer's orders (GET /api/orders), each failure as its code and our sentence. */
export function MyOrdersPage() {
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ orders: OrderView[] }>('/api/orders').then((answer) => setOrders(answer.orders), setError);
  }, []);
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">My orders</h1>
      <ErrorNotice error={error} />
      {orders?.length === 0 && <p>No orders yet.</p>}
      {orders && orders.length > 0 && (
        <table>
          <thead><tr><th scope="col">Order</th><th scope="col">Products</th><th scope="col">Total</th><th scope="col">Status</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.orderId} data-order-id={order.orderId}>
                <td><Link href={`/return?order_id=${order.orderId}`}><code>{order.orderId.slice(0, 8)}</code></Link></td>
                <td>{order.lines.map((line) => line.productId).join(', ')}</td>
                <td>{formatMinor(order.amountMinor, order.currency)}</td>
                <td data-status={order.status}>{order.status}</td>
                <td>{order.lastFailureCode ? <FailureExplanation code={order.lastFailureCode} fallback={order.lastFailure} /> : order.invoiceNumber ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What the buyer may access (GET /api/entitlements). */
export function MyAccessPage() {
  const [access, setAccess] = useState<Entitlement[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ entitlements: Entitlement[] }>('/api/entitlements').then((answer) => setAccess(answer.entitlements), setError);
  }, []);
  return (
    <section aria-labelledby="access-title">
      <h1 id="access-title">My access</h1>
      <ErrorNotice error={error} />
      {access?.length === 0 && <p>Nothing yet: buy a course or a plan.</p>}
      <ul class="access-list">
        {access?.map((grant) => (
          <li key={grant.entitlementId} class="card" data-product-id={grant.productId}>
            <strong>{grant.productId}</strong> ({grant.kind}){grant.status && grant.status !== 'active' ? `, ${grant.status}` : ''}
            {grant.validUntil ? `, until ${new Date(grant.validUntil).toLocaleDateString()}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
