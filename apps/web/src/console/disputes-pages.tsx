import { useState } from 'preact/hooks';
import { DisputeActionAccepted, DisputedOrder, OrderDispute, OrderDisputes } from '../api/types';
import { useAdminAction } from '../components/admin-action';
import { Amount, when } from '../components/amount';
import { ErrorNotice } from '../components/error-notice';
import { Link } from '../components/router';
import { useResource } from '../components/use-resource';
import {
  ACTION_LABELS, DISPUTE_STAGE_FILTERS, DisputeFilters, EXPLANATION_MAX_LENGTH, daysToRespond, disputeActionPath, disputesPath, explanationProblem,
  isDisputeClosed, orderDisputesPath, pendingRequests,
} from '../lib/disputes';
import { SETTLEMENT_PROVIDERS } from '../lib/reconciliation';

/** Orders with a dispute (GET /api/admin/disputes), newest change first, by stage and provider; read again every few seconds. */
export function DisputesPage() {
  const none: DisputeFilters = { stage: 'all', provider: '' };
  const [draft, setDraft] = useState(none);
  const [applied, setApplied] = useState(none);
  const path = disputesPath(applied);
  const { data, error, reload } = useResource<{ items: DisputedOrder[] }>(path, 5_000);
  return (
    <section aria-labelledby="disputes-title">
      <h1 id="disputes-title">Disputes</h1>
      <form class="filters" aria-label="Dispute filters" onSubmit={(event) => { event.preventDefault(); setApplied(draft); if (disputesPath(draft) === path) reload(); }}>
        <label for="dispute-stage">Stage</label>
        <select id="dispute-stage" name="stage" value={draft.stage} onChange={(e) => setDraft({ ...draft, stage: e.currentTarget.value })}>
          {DISPUTE_STAGE_FILTERS.map((stage) => <option key={stage} value={stage}>{stage === 'all' ? 'any' : stage}</option>)}
        </select>
        <label for="dispute-provider">Provider</label>
        <select id="dispute-provider" name="provider" value={draft.provider} onChange={(e) => setDraft({ ...draft, provider: e.currentTarget.value })}>
          <option value="">any</option>{SETTLEMENT_PROVIDERS.map((provider) => <option key={provider} value={provider}>{provider}</option>)}
        </select>
        <button type="submit">Search</button>
        <button type="button" onClick={() => { setDraft(none); setApplied(none); }}>Clear</button>
      </form>
      <ErrorNotice error={error} />
      {data?.items.length === 0 && <p>No disputed orders.</p>}
      {data && data.items.length > 0 && (
        <table class="disputes">
          <caption>{data.items.length} disputed orders, latest change first</caption>
          <thead><tr>
            <th scope="col">Order</th><th scope="col">User</th><th scope="col">Provider</th><th scope="col">Total</th><th scope="col">Paid</th>
            <th scope="col">Refunded</th><th scope="col">Order status</th><th scope="col">Dispute</th><th scope="col">Changed</th><th scope="col">Order page</th>
          </tr></thead>
          <tbody>{data.items.map((order) => (
            <tr key={order.orderId} data-order-id={order.orderId} data-dispute-stage={order.disputeStage}>
              <td><Link href={`/console/disputes/${order.orderId}`}><code class="short">{order.orderId.slice(0, 8)}</code><span class="visually-hidden"> disputes</span></Link></td>
              <td>{order.userId}</td>
              <td>{order.provider}</td>
              <td><Amount minor={order.amountMinor} currency={order.currency} /></td>
              <td><Amount minor={order.paidMinor} currency={order.currency} /></td>
              <td><Amount minor={order.refundedMinor} currency={order.currency} /></td>
              <td>{order.status}</td>
              <td class={order.disputeStage === 'lost' ? 'flag' : order.disputeStage === 'won' ? 'good' : ''} data-stage={order.disputeStage}>{order.disputeStage}</td>
              <td>{when(order.updatedAt)}</td>
              <td><Link href={`/console/orders/${order.orderId}`}>Order details<span class="visually-hidden"> of {order.orderId}</span></Link></td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

/** Contest the dispute: the explanation goes to the provider as evidence. */
function EvidenceForm(props: { orderId: string; dispute: OrderDispute; onRequested: (answer: DisputeActionAccepted) => void }) {
  const [explanation, setExplanation] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAdminAction<DisputeActionAccepted>(disputeActionPath(props.orderId, props.dispute.disputeId, 'evidence'));
  const id = `evidence-${props.dispute.disputeId}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const wrong = explanationProblem(explanation);
    setProblem(wrong);
    setDone(null);
    if (wrong) return;
    const answer = await action.run({ explanation });
    if (!answer) return;
    setExplanation('');
    setDone(`Evidence submitted: request ${answer.requestId.slice(0, 8)} is with the provider; its outcome shows under actions taken.`);
    props.onRequested(answer);
  };
  return (
    <form class="evidence" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Contest with evidence</h3>
      <label for={id}>Explanation for the provider</label>
      <textarea id={id} name="explanation" rows={5} required maxLength={EXPLANATION_MAX_LENGTH} aria-describedby={`${id}-hint`} value={explanation}
        onInput={(e) => setExplanation(e.currentTarget.value)} />
      <p id={`${id}-hint`} class="hint">{explanation.length} of {EXPLANATION_MAX_LENGTH} characters. Personal data in it is redacted before it leaves.</p>
      <button type="submit">Submit evidence</button>
      {problem && <p class="error" role="alert">{problem}</p>}
      {done && <p role="status">{done}</p>}
      <ErrorNotice error={action.error} />
    </form>
  );
}

/** Accept the dispute: the provider closes it lost, the funds stay withdrawn. Asks for a tick first. */
function AcceptForm(props: { orderId: string; dispute: OrderDispute; onRequested: (answer: DisputeActionAccepted) => void }) {
  const [sure, setSure] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = useAdminAction<DisputeActionAccepted>(disputeActionPath(props.orderId, props.dispute.disputeId, 'accept'));
  const id = `accept-${props.dispute.disputeId}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    const answer = await action.run();
    if (!answer) return;
    setSure(false);
    setDone(`Accepted: request ${answer.requestId.slice(0, 8)} is with the provider.`);
    props.onRequested(answer);
  };
  return (
    <form class="accept" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Accept</h3>
      <label class="check" for={id}>
        <input id={id} name="confirm" type="checkbox" required checked={sure} onChange={(e) => setSure(e.currentTarget.checked)} />
        {props.dispute.inquiry
          ? ' Accepting closes the inquiry lost.'
          : <> Accepting closes the dispute lost: the <Amount minor={props.dispute.amountMinor} currency={props.dispute.currency} /> withdrawn stays with the customer.</>}
      </label>
      <button type="submit">Accept dispute</button>
      {done && <p role="status">{done}</p>}
      <ErrorNotice error={action.error} />
    </form>
  );
}

function DisputeCard(props: { orderId: string; dispute: OrderDispute; onChanged: () => void }) {
  const { dispute } = props;
  const [asked, setAsked] = useState<DisputeActionAccepted[]>([]);
  const pending = pendingRequests(asked.map((answer) => answer.requestId), dispute.actions);
  const requested = (answer: DisputeActionAccepted) => {
    setAsked([...asked, answer]);
    props.onChanged();
  };
  const days = dispute.respondBy ? daysToRespond(dispute.respondBy, new Date()) : null;
  const titleId = `dispute-${dispute.disputeId}-title`;
  return (
    <article class="card dispute" aria-labelledby={titleId} data-dispute-id={dispute.disputeId} data-stage={dispute.stage}>
      <h2 id={titleId}>Dispute <code>{dispute.disputeId}</code></h2>
      <dl class="breakdown">
        <dt>Stage</dt><dd data-stage={dispute.stage}>{dispute.stage === 'none' ? 'not opened yet (status updates only)' : dispute.stage}</dd>
        <dt>Provider status</dt><dd data-dispute-status={dispute.status}>{dispute.status}</dd>
        <dt>Amount</dt><dd><Amount minor={dispute.amountMinor} currency={dispute.currency} />{dispute.inquiry ? ' (an inquiry: nothing withdrawn)' : ' withdrawn'}</dd>
        <dt>Dispute fee</dt><dd><Amount minor={dispute.feeMinor} currency={dispute.currency} /></dd>
        <dt>Payment</dt><dd><code>{dispute.providerPaymentId}</code></dd>
        <dt>Respond by</dt>
        <dd>{dispute.respondBy ? `${when(dispute.respondBy)} (${days !== null && days >= 0 ? `${days} day(s) left` : 'passed'})` : '-'}</dd>
      </dl>
      <table class="actions-taken">
        <caption>Actions taken ({dispute.actions.length})</caption>
        <thead><tr><th scope="col">Completed</th><th scope="col">Action</th><th scope="col">Outcome</th><th scope="col">Provider status or refusal</th><th scope="col">Request</th></tr></thead>
        <tbody>
          {dispute.actions.map((action) => (
            <tr key={action.requestId} data-request-id={action.requestId} data-action={action.action} data-outcome={action.outcome} data-status={action.status ?? ''}>
              <td>{when(action.completedAt)}</td>
              <td>{ACTION_LABELS[action.action] ?? action.action}</td>
              <td class={action.outcome === 'done' ? 'good' : 'flag'}>{action.outcome}</td>
              <td>{action.outcome === 'done' ? (action.status ?? '-') : <strong class="code">{action.errorCode ?? 'refused'}</strong>}</td>
              <td><code class="short">{action.requestId.slice(0, 8)}</code></td>
            </tr>
          ))}
          {asked.filter((answer) => pending.includes(answer.requestId)).map((answer) => (
            <tr key={answer.requestId} data-request-id={answer.requestId} data-action={answer.action} data-outcome="requested">
              <td>-</td><td>{ACTION_LABELS[answer.action]}</td><td>requested</td><td>waiting for the provider</td><td><code class="short">{answer.requestId.slice(0, 8)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      {isDisputeClosed(dispute.stage)
        ? <p data-closed="true">Closed {dispute.stage}: the provider takes no more actions on this dispute.</p>
        : (
          <div class="columns">
            <EvidenceForm orderId={props.orderId} dispute={dispute} onRequested={requested} />
            <AcceptForm orderId={props.orderId} dispute={dispute} onRequested={requested} />
          </div>
        )}
    </article>
  );
}

/** One order's disputes (GET /api/admin/orders/:orderId/disputes) with the actions taken on each, and Accept / Submit evidence. */
export function DisputeDetailPage(props: { orderId: string }) {
  const { data, error, reload } = useResource<OrderDisputes>(orderDisputesPath(props.orderId), 3_000);
  return (
    <section aria-labelledby="dispute-detail-title" data-order-id={props.orderId}>
      <h1 id="dispute-detail-title">Disputes of order <code>{props.orderId}</code></h1>
      <p class="toolbar">
        <Link href={`/console/orders/${props.orderId}`}>Order details</Link>
        <Link href="/console/disputes">All disputes</Link>
      </p>
      <ErrorNotice error={error} />
      {data && (
        <>
          <dl class="breakdown">
            <dt>User</dt><dd>{data.userId}</dd>
            <dt>Provider</dt><dd>{data.provider}</dd>
            <dt>Reports before payment</dt><dd>{data.awaitingPayment === 0 ? 'none' : `${data.awaitingPayment}, decided once the order is paid`}</dd>
          </dl>
          {data.disputes.length === 0 && <p>This order has no dispute.</p>}
          {data.disputes.map((dispute) => <DisputeCard key={dispute.disputeId} orderId={data.orderId} dispute={dispute} onChanged={reload} />)}
        </>
      )}
    </section>
  );
}
