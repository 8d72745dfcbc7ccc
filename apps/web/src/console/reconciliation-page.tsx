import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/http';
import { Discrepancy, ReconciliationRun, SettlementDayReport, SettlementProvider } from '../api/types';
import { useAdminAction } from '../components/admin-action';
import { Amount, when } from '../components/amount';
import { DownloadButton } from '../components/download-button';
import { ErrorNotice } from '../components/error-notice';
import { Link, navigate } from '../components/router';
import { useResource } from '../components/use-resource';
import {
  DISCREPANCY_KINDS, DISCREPANCY_STATUSES, DiscrepancyFilters, RunFilters, SETTLEMENT_PROVIDERS, discrepanciesPath, discrepancyDifference, followRun,
  isRunFinished, reportCsvFilename, reportPagePath, reportPath, runPath, runsPath, startRunPath, utcDay,
} from '../lib/reconciliation';

const isAbort = (failure: unknown) => failure instanceof Error && failure.name === 'AbortError';
const count = (value: number | null) => (value === null ? '-' : String(value));

/** A provider select; `any` adds an empty choice for filters. */
function ProviderSelect(props: { id: string; value: string; onChange: (value: string) => void; any?: boolean }) {
  return (
    <select id={props.id} name="provider" value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
      {props.any && <option value="">any</option>}
      {SETTLEMENT_PROVIDERS.map((provider) => <option key={provider} value={provider}>{provider}</option>)}
    </select>
  );
}

/** What a run came to, as a definition list. */
export function RunSummary(props: { run: ReconciliationRun }) {
  const { run } = props;
  return (
    <dl class="breakdown" data-run-id={run.runId} data-run-status={run.status} data-open-discrepancies={run.openDiscrepancies ?? ''}>
      <dt>Run</dt><dd><code>{run.runId}</code></dd>
      <dt>Day</dt><dd>{run.provider}, {run.date} (started by {run.trigger})</dd>
      <dt>Status</dt><dd class="run-status" data-status={run.status}>{run.status}{run.error ? `: ${run.error}` : ''}</dd>
      <dt>Requested</dt><dd>{when(run.requestedAt)}</dd>
      <dt>Fetched</dt><dd>{when(run.fetchedAt)}</dd>
      <dt>{run.status === 'failed' ? 'Failed' : 'Reconciled'}</dt><dd>{when(run.status === 'failed' ? run.failedAt : run.reconciledAt)}</dd>
      <dt>Matched lines</dt><dd>{count(run.matchedLines)}</dd>
      <dt>Journals booked</dt><dd>{count(run.journalsBooked)}</dd>
      <dt>Open discrepancies</dt><dd>{count(run.openDiscrepancies)}</dd>
      <dt>Resolved discrepancies</dt><dd>{count(run.resolvedDiscrepancies)}</dd>
    </dl>
  );
}

/** Provider, day (today, UTC, by default) and Run: one idempotent admin action, then the run followed until it ends. */
function RunDayForm(props: { onFinished: (run: ReconciliationRun) => void }) {
  const today = utcDay(new Date());
  const [provider, setProvider] = useState<string>('stripe');
  const [date, setDate] = useState(today);
  const [busy, setBusy] = useState(false);
  const [run, setRun] = useState<ReconciliationRun | null>(null);
  const [followError, setFollowError] = useState<unknown>(null);
  const action = useAdminAction<ReconciliationRun>(startRunPath);
  const follower = useRef<AbortController | null>(null);
  useEffect(() => () => follower.current?.abort(), []);

  const follow = async (started: ReconciliationRun) => {
    follower.current?.abort();
    const aborter = new AbortController();
    follower.current = aborter;
    setFollowError(null);
    try {
      const ended = await followRun(started, {
        read: (runId, signal) => api<ReconciliationRun>(runPath(runId), { signal }),
        onUpdate: (state) => {
          if (!aborter.signal.aborted) setRun(state);
        },
        onTransientError: setFollowError,
        signal: aborter.signal,
        intervalMs: 1_000,
      });
      setFollowError(null);
      props.onFinished(ended);
    } catch (failure) {
      if (!isAbort(failure)) setFollowError(failure);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const started = await action.run({ provider, date });
    setBusy(false);
    if (started) void follow(started);
  };

  return (
    <form class="card" aria-labelledby="run-day-title" onSubmit={submit}>
      <h2 id="run-day-title">Run a day</h2>
      <p class="hint">Fetches what the provider settled on the day (UTC) and matches it against the ledger. Running a day again books nothing twice.</p>
      <div class="filters">
        <label for="run-provider">Provider</label>
        <ProviderSelect id="run-provider" value={provider} onChange={setProvider} />
        <label for="run-date">Settlement day (UTC)</label>
        <input id="run-date" name="date" type="date" required max={today} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>Run</button>
      </div>
      <ErrorNotice error={action.error} />
      {run && (
        <div class="followed-run" data-followed-run-id={run.runId}>
          <p role="status">
            Run <code class="short">{run.runId.slice(0, 8)}</code> of {run.provider} {run.date}: <strong>{run.status}</strong>
            {isRunFinished(run) ? '.' : ', following it...'}
          </p>
          <RunSummary run={run} />
          <p><Link href={reportPagePath(run.provider, run.date)}>Day report of {run.provider} {run.date}</Link></p>
        </div>
      )}
      <ErrorNotice error={followError} />
    </form>
  );
}

/** Provider and day, then the day's report page. */
function ReportPicker(props: { title: string; provider?: SettlementProvider; date?: string }) {
  const today = utcDay(new Date());
  const [provider, setProvider] = useState<string>(props.provider ?? 'stripe');
  const [date, setDate] = useState(props.date ?? today);
  return (
    <form class="card" aria-labelledby="report-pick-title" onSubmit={(event) => { event.preventDefault(); navigate(reportPagePath(provider as SettlementProvider, date)); }}>
      <h2 id="report-pick-title">{props.title}</h2>
      <div class="filters">
        <label for="report-provider">Provider</label>
        <ProviderSelect id="report-provider" value={provider} onChange={setProvider} />
        <label for="report-date">Settlement day (UTC)</label>
        <input id="report-date" name="date" type="date" required max={today} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        <button type="submit">Show report</button>
      </div>
    </form>
  );
}

export function RunsTable(props: { runs: readonly ReconciliationRun[]; caption: string }) {
  return (
    <table class="runs">
      <caption>{props.caption}</caption>
      <thead><tr>
        <th scope="col">Run</th><th scope="col">Day</th><th scope="col">Trigger</th><th scope="col">Status</th><th scope="col">Matched lines</th>
        <th scope="col">Journals booked</th><th scope="col">Open</th><th scope="col">Resolved</th><th scope="col">Requested</th>
      </tr></thead>
      <tbody>{props.runs.map((run) => (
        <tr key={run.runId} data-run-id={run.runId} data-run-status={run.status} data-provider={run.provider} data-date={run.date} data-open-discrepancies={run.openDiscrepancies ?? ''}>
          <td><code class="short">{run.runId.slice(0, 8)}</code></td>
          <td class="nowrap"><Link href={reportPagePath(run.provider, run.date)}>{run.provider} {run.date}</Link></td>
          <td>{run.trigger}</td>
          <td data-status={run.status}>{run.status}{run.error ? `: ${run.error}` : ''}</td>
          <td>{count(run.matchedLines)}</td>
          <td>{count(run.journalsBooked)}</td>
          <td>{count(run.openDiscrepancies)}</td>
          <td>{count(run.resolvedDiscrepancies)}</td>
          <td>{when(run.requestedAt)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

/** Runs, newest first, by provider and day. */
function RunsList(props: { version: number }) {
  const none: RunFilters = { provider: '', date: '' };
  const [draft, setDraft] = useState(none);
  const [applied, setApplied] = useState(none);
  const path = runsPath(applied);
  const [refreshMs, setRefreshMs] = useState<number | undefined>(undefined);
  const { data, error, reload } = useResource<{ items: ReconciliationRun[] }>(path, refreshMs);
  useEffect(() => {
    if (props.version > 0) reload();
  }, [props.version]);
  // A run still on its way is shown as it moves on.
  useEffect(() => setRefreshMs(data?.items.some((run) => !isRunFinished(run)) ? 3_000 : undefined), [data]);
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      <form class="filters" aria-label="Runs filters" onSubmit={(event) => { event.preventDefault(); setApplied(draft); if (runsPath(draft) === path) reload(); }}>
        <label for="runs-provider">Provider</label>
        <ProviderSelect id="runs-provider" value={draft.provider} any onChange={(provider) => setDraft({ ...draft, provider })} />
        <label for="runs-date">Settlement day</label>
        <input id="runs-date" name="date" type="date" value={draft.date} onInput={(e) => setDraft({ ...draft, date: e.currentTarget.value })} />
        <button type="submit">Search runs</button>
        <button type="button" onClick={() => { setDraft(none); setApplied(none); }}>Clear</button>
      </form>
      <ErrorNotice error={error} />
      {data && <RunsTable runs={data.items} caption={`${data.items.length} runs, newest first`} />}
    </section>
  );
}

export function DiscrepancyTable(props: { discrepancies: readonly Discrepancy[]; caption: string; showDay?: boolean }) {
  return (
    <table class="discrepancies">
      <caption>{props.caption}</caption>
      <thead><tr>
        {props.showDay && <th scope="col">Day</th>}
        <th scope="col">Kind</th><th scope="col">Reference</th><th scope="col">Order</th><th scope="col">At the provider</th><th scope="col">In the ledger</th>
        <th scope="col">Difference</th><th scope="col">Status</th><th scope="col">Found</th><th scope="col">Resolved</th>
      </tr></thead>
      <tbody>{props.discrepancies.map((item) => (
        <tr key={item.discrepancyId} data-discrepancy-id={item.discrepancyId} data-kind={item.kind} data-status={item.status}>
          {props.showDay && <td class="nowrap"><Link href={reportPagePath(item.provider, item.date)}>{item.provider} {item.date}</Link></td>}
          <td>{item.kind}</td>
          <td><code>{item.reference}</code></td>
          <td>{item.orderId ? <Link href={`/console/orders/${item.orderId}`}><code class="short">{item.orderId.slice(0, 8)}</code></Link> : '-'}</td>
          <td><Amount minor={item.providerMinor} currency={item.currency} /></td>
          <td><Amount minor={item.ledgerMinor} currency={item.currency} /></td>
          <td><Amount minor={discrepancyDifference(item.providerMinor, item.ledgerMinor)} currency={item.currency} /></td>
          <td>{item.status}</td>
          <td>{when(item.foundAt)}</td>
          <td>{when(item.resolvedAt)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

/** Discrepancies (open by default) by provider, day, kind and status. */
function DiscrepanciesList(props: { version: number }) {
  const none: DiscrepancyFilters = { provider: '', date: '', kind: '', status: 'open' };
  const [draft, setDraft] = useState(none);
  const [applied, setApplied] = useState(none);
  const path = discrepanciesPath(applied);
  const { data, error, reload } = useResource<{ items: Discrepancy[] }>(path);
  useEffect(() => {
    if (props.version > 0) reload();
  }, [props.version]);
  const set = (name: keyof DiscrepancyFilters) => (value: string) => setDraft({ ...draft, [name]: value });
  const status = applied.status === 'all' ? '' : `${applied.status} `;
  return (
    <section aria-labelledby="discrepancies-title">
      <h2 id="discrepancies-title">Discrepancies</h2>
      <form class="filters" aria-label="Discrepancy filters" onSubmit={(event) => { event.preventDefault(); setApplied(draft); if (discrepanciesPath(draft) === path) reload(); }}>
        <label for="discrepancy-provider">Provider</label>
        <ProviderSelect id="discrepancy-provider" value={draft.provider} any onChange={set('provider')} />
        <label for="discrepancy-date">Settlement day</label>
        <input id="discrepancy-date" name="date" type="date" value={draft.date} onInput={(e) => set('date')(e.currentTarget.value)} />
        <label for="discrepancy-kind">Kind</label>
        <select id="discrepancy-kind" name="kind" value={draft.kind} onChange={(e) => set('kind')(e.currentTarget.value)}>
          <option value="">any</option>{DISCREPANCY_KINDS.map((kind) => <option key={kind} value={kind}>{kind}</option>)}
        </select>
        <label for="discrepancy-status">Status</label>
        <select id="discrepancy-status" name="status" value={draft.status} onChange={(e) => set('status')(e.currentTarget.value)}>
          {DISCREPANCY_STATUSES.map((state) => <option key={state} value={state}>{state}</option>)}
        </select>
        <button type="submit">Search discrepancies</button>
        <button type="button" onClick={() => { setDraft(none); setApplied(none); }}>Clear</button>
      </form>
      <ErrorNotice error={error} />
      {data && <DiscrepancyTable discrepancies={data.items} caption={`${data.items.length} ${status}discrepancies`} showDay />}
    </section>
  );
}

/** Run a provider's settlement day and follow it; runs; discrepancies; a way to a day's report. */
export function ReconciliationPage() {
  const [version, setVersion] = useState(0);
  return (
    <section aria-labelledby="reconciliation-title">
      <h1 id="reconciliation-title">Reconciliation</h1>
      <div class="columns">
        <RunDayForm onFinished={() => setVersion((v) => v + 1)} />
        <ReportPicker title="Day report" />
      </div>
      <RunsList version={version} />
      <DiscrepanciesList version={version} />
    </section>
  );
}

/** One provider's settlement day: the latest run, totals per currency, payouts, lines with their outcome, discrepancies, every run; and its CSV. */
export function ReconciliationReportPage(props: { provider: SettlementProvider; date: string }) {
  const { provider, date } = props;
  const [refreshMs, setRefreshMs] = useState<number | undefined>(undefined);
  const { data: report, error, reload } = useResource<SettlementDayReport>(reportPath(provider, date), refreshMs);
  // A day whose latest run is still on its way is read again until it ends.
  useEffect(() => setRefreshMs(report && !isRunFinished(report.run) ? 2_000 : undefined), [report]);
  const notFound = error instanceof ApiError && error.code === 'RECONCILIATION.NOT_FOUND';
  return (
    <section aria-labelledby="report-title" data-provider={provider} data-date={date}>
      <h1 id="report-title">Reconciliation report: {provider} {date}</h1>
      <p><Link href="/console/reconciliation">Back to reconciliation</Link></p>
      <ReportPicker key={`${provider}/${date}`} title="Another day" provider={provider} date={date} />
      <ErrorNotice error={error} />
      {notFound && <p>This day has no run yet: run it from the <Link href="/console/reconciliation">Reconciliation</Link> page.</p>}
      {report && (
        <>
          <p class="toolbar">
            <DownloadButton path={reportPath(provider, date, 'csv')} filename={reportCsvFilename(provider, date)} label="Download CSV" />
            <button type="button" onClick={reload}>Reload report</button>
          </p>
          <h2 id="latest-run-title">Latest run</h2>
          <div class="card"><RunSummary run={report.run} /></div>

          <h2 id="totals-title">Totals per currency</h2>
          <table aria-labelledby="totals-title" class="totals">
            <thead><tr>
              <th scope="col">Currency</th><th scope="col">Lines</th><th scope="col">Matched</th><th scope="col">Gross</th><th scope="col">Fees</th>
              <th scope="col">Tax on fees</th><th scope="col">Net</th><th scope="col">Paid out</th>
            </tr></thead>
            <tbody>{report.totals.map((total) => (
              <tr key={total.currency} data-currency={total.currency}>
                <th scope="row">{total.currency}</th><td>{total.lines}</td><td>{total.matchedLines}</td>
                <td><Amount minor={total.grossMinor} currency={total.currency} /></td><td><Amount minor={total.feeMinor} currency={total.currency} /></td>
                <td><Amount minor={total.taxOnFeeMinor} currency={total.currency} /></td><td><Amount minor={total.netMinor} currency={total.currency} /></td>
                <td><Amount minor={total.paidOutMinor} currency={total.currency} /></td>
              </tr>
            ))}</tbody>
          </table>

          <h2 id="payouts-title">Payouts</h2>
          {report.settlements.length === 0 ? <p class="empty">The provider paid nothing out on this day.</p> : (
            <table aria-labelledby="payouts-title" class="payouts">
              <thead><tr>
                <th scope="col">Payout</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">In the bank</th><th scope="col">Reaches the bank</th>
                <th scope="col">Bank reference</th><th scope="col">Journal</th>
              </tr></thead>
              <tbody>{report.settlements.map((settlement) => (
                <tr key={settlement.settlementId} data-settlement-id={settlement.settlementId} data-paid={String(settlement.paid)}>
                  <td><code>{settlement.settlementId}</code></td>
                  <td><Amount minor={settlement.amountMinor} currency={settlement.currency} /></td>
                  <td>{settlement.status}</td>
                  <td>{settlement.paid ? 'yes' : 'not yet'}</td>
                  <td>{when(settlement.settledAt)}</td>
                  <td>{settlement.bankReference ?? '-'}</td>
                  <td>{settlement.journalId ? <code>{settlement.journalId}</code> : '-'}</td>
                </tr>
              ))}</tbody>
            </table>
          )}

          <h2 id="lines-title">Lines</h2>
          <table aria-labelledby="lines-title" class="lines">
            <thead><tr>
              <th scope="col">Line</th><th scope="col">Kind</th><th scope="col">Reference</th><th scope="col">Order</th><th scope="col">Gross</th>
              <th scope="col">Fee</th><th scope="col">Tax on fee</th><th scope="col">Net</th><th scope="col">Outcome</th><th scope="col">Journal</th>
            </tr></thead>
            <tbody>{report.lines.map((line) => (
              <tr key={line.lineId} data-line-id={line.lineId} data-kind={line.kind} data-outcome={line.outcome}>
                <td><code>{line.lineId}</code></td>
                <td>{line.kind}</td>
                <td><code>{line.reference}</code></td>
                <td>{line.orderId ? <Link href={`/console/orders/${line.orderId}`}><code class="short">{line.orderId.slice(0, 8)}</code></Link> : '-'}</td>
                <td><Amount minor={line.grossMinor} currency={line.currency} /></td>
                <td><Amount minor={line.feeMinor} currency={line.currency} /></td>
                <td><Amount minor={line.taxOnFeeMinor} currency={line.currency} /></td>
                <td><Amount minor={line.netMinor} currency={line.currency} /></td>
                <td class={line.outcome === 'matched' ? 'good' : 'flag'}>{line.outcome}</td>
                <td>{line.journalId ? <code>{line.journalId}</code> : '-'}</td>
              </tr>
            ))}</tbody>
          </table>

          <h2>Discrepancies of the day</h2>
          <DiscrepancyTable discrepancies={report.discrepancies} caption={`${report.discrepancies.filter((d) => d.status === 'open').length} open, ${report.discrepancies.filter((d) => d.status === 'resolved').length} resolved`} />

          <h2>Every run of the day</h2>
          <RunsTable runs={report.runs} caption={`${report.runs.length} runs, newest first`} />
        </>
      )}
    </section>
  );
}
