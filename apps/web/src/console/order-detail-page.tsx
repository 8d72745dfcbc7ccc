import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, newIdempotencyKey } from '../api/http';
import { watchOrder } from '../api/order-stream';
import { OrderView } from '../api/types';
import { ErrorNotice, FailureExplanation } from '../components/error-notice';
import { HistoryEvent, Journal, StreamHistory } from '../components/stream-history';
import { formatMinor } from '../lib/money';

interface Detail { order: OrderView; events: HistoryEvent[]; journals: Journal[] }

/** Refunds as the stream tells them: asked for, then booked or refused. */
function refundsOf(events: readonly HistoryEvent[]) {
  const refunds = new Map<string, { refundId: string; amountMinor: number | null; state: string }>();
  for (const event of events) {
    const refundId = typeof event.data.refundId === 'string' ? event.data.refundId : null;
    if (!refundId || !/^Refund/.test(event.type)) continue;
    const known = refunds.get(refundId) ?? { refundId, amountMinor: null, state: 'requested' };
    const amount = typeof event.data.amountMinor === 'number' ? event.data.amountMinor : known.amountMinor;
    refunds.set(refundId, { refundId, amountMinor: amount, state: event.type.replace(/^Refund/, '').toLowerCase() || known.state });
  }
  return [...refunds.values()];
}

function RefundForm(props: { order: OrderView; onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = useRef<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    key.current ??= newIdempotencyKey();
    setError(null);
    try {
      const answer = await api<{ refundId: string }>(`/api/orders/${props.order.orderId}/refunds`, {
        method: 'POST', idempotencyKey: key.current, body: { ...(amount ? { amountMinor: Number(amount) } : {}), ...(reason ? { reason } : {}) },
      });
      setResult(`Refund ${answer.refundId} requested.`);
      key.current = null;
      setAmount('');
      setReason('');
      props.onDone();
    } catch (failure) {
      // A definite refusal frees the key; a timeout or an outage keeps it, so a retry cannot refund twice.
      if (failure instanceof ApiError && failure.status >= 400 && failure.status < 500 && failure.code !== 'IDEMPOTENCY.IN_FLIGHT') key.current = null;
      setError(failure);
    }
  };
  return (
    <form class="refund" onSubmit={submit} aria-labelledby="refund-title">
      <h2 id="refund-title">Refund</h2>
      <label for="refund-amount">Amount in minor units of {props.order.currency} (empty: the whole remainder)</label>
      <input id="refund-amount" name="amountMinor" inputMode="numeric" pattern="[0-9]{1,15}" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
      <label for="refund-reason">Reason</label>
      <input id="refund-reason" name="reason" maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      <button type="submit">Issue refund</button>
      {result && <p role="status">{result}</p>}
      <ErrorNotice error={error} />
    </form>
  );
}

/** One order for operators: its read model, refunds, the full event history from order-ledger and its journals, live. */
export function OrderDetailPage(props: { orderId: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => api<Detail>(`/api/admin/orders/${props.orderId}`).then(setDetail, setError);
  useEffect(() => {
    const aborter = new AbortController();
    void load();
    // The stream says when the order changed; the history is read again then (order-ledger appends first).
    void watchOrder(props.orderId, () => void load(), aborter.signal);
    const timer = setInterval(load, 5_000);
    return () => {
      aborter.abort();
      clearInterval(timer);
    };
  }, [props.orderId]);
  if (!detail) return <section><h1>Order {props.orderId}</h1><ErrorNotice error={error} /></section>;
  const { order, events, journals } = detail;
  const money = (minor: number) => formatMinor(minor, order.currency);
  return (
    <section aria-labelledby="order-title" data-order-id={order.orderId}>
      <h1 id="order-title">Order <code>{order.orderId}</code></h1>
      <dl class="breakdown">
        <dt>Status</dt><dd data-status={order.status}>{order.status}</dd>
        <dt>User</dt><dd>{order.userId}</dd>
        <dt>Provider</dt><dd>{order.provider}</dd>
        <dt>Total</dt><dd>{money(order.amountMinor)}</dd>
        <dt>Refunded</dt><dd data-refunded-minor={order.refundedMinor}>{money(order.refundedMinor)}</dd>
        <dt>Invoice</dt><dd>{order.invoiceNumber ?? '-'}</dd>
      </dl>
      {order.lastFailureCode && <FailureExplanation code={order.lastFailureCode} fallback={order.lastFailure} />}
      <ErrorNotice error={error} />
      <RefundForm order={order} onDone={() => void load()} />
      <h2>Refunds</h2>
      <ul class="refunds">{refundsOf(events).map((refund) => (
        <li key={refund.refundId} data-refund-state={refund.state}><code>{refund.refundId.slice(0, 8)}</code> {refund.amountMinor === null ? 'remainder' : money(refund.amountMinor)}: {refund.state}</li>
      ))}</ul>
      <StreamHistory events={events} journals={journals} />
    </section>
  );
}
