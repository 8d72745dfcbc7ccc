import { formatMinor } from '../lib/money';

export interface HistoryEvent { version: number; type: string; recordedAt: string; data: Record<string, unknown> }
export interface Journal { journalId: string; postedAt: string; postings: { account: string; amountMinor: number; currency: string }[] }

/** An aggregate's stream from order-ledger's event store and its ledger journals, as tables. */
export function StreamHistory(props: { events: readonly HistoryEvent[]; journals: readonly Journal[] }) {
  return (
    <>
      <h2 id="history-title">Event history</h2>
      <table aria-labelledby="history-title" class="history">
        <thead><tr><th scope="col">#</th><th scope="col">Event</th><th scope="col">Recorded</th><th scope="col">Data</th></tr></thead>
        <tbody>{props.events.map((event) => (
          <tr key={event.version} data-event-type={event.type}>
            <td>{event.version}</td><td>{event.type}</td><td>{new Date(event.recordedAt).toLocaleString()}</td>
            <td><details><summary>Inspect</summary><pre>{JSON.stringify(event.data, null, 2)}</pre></details></td>
          </tr>
        ))}</tbody>
      </table>
      <h2 id="journals-title">Ledger journals</h2>
      <table aria-labelledby="journals-title" class="journals">
        <thead><tr><th scope="col">Journal</th><th scope="col">Account</th><th scope="col">Amount</th></tr></thead>
        <tbody>{props.journals.flatMap((journal) => journal.postings.map((posting, index) => (
          <tr key={`${journal.journalId}/${posting.account}`} data-journal-id={journal.journalId}>
            <td>{index === 0 ? journal.journalId : ''}</td><td>{posting.account}</td><td>{formatMinor(posting.amountMinor, posting.currency)}</td>
          </tr>
        )))}</tbody>
      </table>
    </>
  );
}
