import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http';
import { watchOrder } from '../api/order-stream';
import { OrderStatusEvent } from '../api/types';
import { FailureExplanation } from '../components/error-notice';
import { Link } from '../components/router';
import { formatMinor } from '../lib/money';

const HEADLINES: Record<string, string> = {
  pending: 'Confirming your payment…',
  paid: 'Paid',
  partially_refunded: 'Paid (partly refunded)',
  refunded: 'Refunded',
  failed: 'Payment failed',
  expired: 'Payment expired',
};

/**
 * Where the provider sends the buyer back. Coming back proves nothing, so the page only asks the
 * gateway for a server-side status check (GET /success) and then shows what the verified webhook
 * or status answer did, live from the order's status stream: confirming, paid, access granted.
 */
export function ReturnPage(props: { orderId: string }) {
  const [state, setState] = useState<OrderStatusEvent | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    const aborter = new AbortController();
    void api(`/success?order_id=${encodeURIComponent(props.orderId)}`).catch(() => undefined);
    void watchOrder(props.orderId, setState, aborter.signal, (status) => setMissing(status === 404 || status === 400));
    return () => aborter.abort();
  }, [props.orderId]);

  if (missing) return <section class="card"><h1>Order not found</h1><p>No order {props.orderId} for this account.</p></section>;
  const order = state?.order;
  const status = order?.status ?? 'pending';
  return (
    <section aria-labelledby="return-title" class="card" data-order-id={props.orderId}>
      <h1 id="return-title">Your order</h1>
      <p class="status" role="status" aria-live="polite" data-status={state ? status : 'connecting'}>{HEADLINES[status] ?? status}</p>
      {order && (
        <dl class="breakdown">
          <dt>Order</dt><dd><code>{order.orderId}</code></dd>
          <dt>Total</dt><dd>{formatMinor(order.amountMinor, order.currency)}</dd>
          <dt>Paid with</dt><dd>{order.provider === 'stripe' ? 'Stripe' : 'Cashfree'}</dd>
          {order.invoiceNumber && <><dt>Invoice</dt><dd>{order.invoiceNumber}</dd></>}
        </dl>
      )}
      {order?.lastFailureCode && <FailureExplanation code={order.lastFailureCode} fallback={order.lastFailure} />}
      {order && order.status !== 'pending' && order.status !== 'failed' && order.status !== 'expired' && (
        <div class="access" aria-live="polite">
          {state && state.access.length > 0 ? (
            <p data-access="granted">Access granted: {state.access.map((grant) => `${grant.productId} (${grant.kind})`).join(', ')}</p>
          ) : (
            <p data-access="pending">Granting access…</p>
          )}
        </div>
      )}
      <p><Link href="/orders">My orders</Link> · <Link href="/access">My access</Link> · <Link href="/">Back to the catalog</Link></p>
    </section>
  );
}
