import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http';
import { ActionButton } from '../components/admin-action';
import { ErrorNotice } from '../components/error-notice';

function useLoad<T>(path: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => api<T>(path).then(setData, setError);
  useEffect(() => void load(), [path]);
  return { data, error, load };
}

interface DeadLetter { partition: number; offset: string; messageId: string | null; type: string | null; key: string | null; errorCode: string | null; error: string | null; consumerGroup: string | null; failedAt: string | null; replayed: boolean }
interface DeadLetterTopic { topic: string; deadLetterTopic: string; deadLetters: DeadLetter[] }

/** Dead-letter topics: what each holds, and a replay per topic. */
export function DeadLettersPage() {
  const { data, error, load } = useLoad<{ topics: DeadLetterTopic[] }>('/api/admin/dead-letters');
  return (
    <section aria-labelledby="dlq-title" aria-busy={data === null && error === null ? 'true' : 'false'}>
      <h1 id="dlq-title">Dead letters</h1>
      <ErrorNotice error={error} />
      {data && data.topics.every((topic) => topic.deadLetters.length === 0) && <p>No dead letters.</p>}
      {data?.topics.filter((topic) => topic.deadLetters.length > 0).map((topic) => (
        <article key={topic.topic} class="card" data-topic={topic.topic}>
          <h2>{topic.deadLetterTopic}</h2>
          <ActionButton path={`/api/admin/dead-letters/${encodeURIComponent(topic.topic)}/replay`} label={`Replay to ${topic.topic}`} onDone={load} />
          <ul>{topic.deadLetters.map((letter) => (
            <li key={`${letter.partition}/${letter.offset}`}>
              <details><summary>{letter.type ?? 'unreadable'} {letter.key ?? ''}: {letter.errorCode ?? 'error'} {letter.replayed ? '(replayed)' : ''}</summary><pre>{JSON.stringify(letter, null, 2)}</pre></details>
            </li>
          ))}</ul>
        </article>
      ))}
    </section>
  );
}

interface Parked { service: string; id: string; consumerGroup: string; topic: string; messageKey: string; messageType: string | null; attempts: number; notBefore: string; lastError: string | null }

/** Messages parked for a retry in every consuming service, with a "retry now". */
export function ParkedPage() {
  const { data, error, load } = useLoad<{ items: Parked[]; unavailable: string[] }>('/api/admin/parked-messages');
  return (
    <section aria-labelledby="parked-title">
      <h1 id="parked-title">Parked messages</h1>
      <ErrorNotice error={error} />
      {data && data.unavailable.length > 0 && <p class="error" role="alert">Not answering: {data.unavailable.join(', ')}.</p>}
      {data?.items.length === 0 && <p>Nothing parked.</p>}
      <ul class="cards">{data?.items.map((item) => (
        <li key={`${item.service}/${item.id}`} class="card">
          <details><summary>{item.service}: {item.messageType ?? 'message'} on {item.topic}, key {item.messageKey}, {item.attempts} attempt(s), due {new Date(item.notBefore).toLocaleString()}</summary><pre>{JSON.stringify(item, null, 2)}</pre></details>
          <ActionButton path={`/api/admin/parked-messages/${item.service}/${item.id}/retry`} label="Retry now" onDone={load} />
        </li>
      ))}</ul>
    </section>
  );
}

interface AdminAction { actionId: string; adminId: string; action: string; subject: string; statusCode: number; performedAt: string; request: unknown }

/** The audit trail of admin actions. */
export function AuditPage() {
  const { data, error } = useLoad<{ actions: AdminAction[] }>('/api/admin/audit');
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <ErrorNotice error={error} />
      <table>
        <thead><tr><th scope="col">When</th><th scope="col">Admin</th><th scope="col">Action</th><th scope="col">Subject</th><th scope="col">Answer</th><th scope="col">Request</th></tr></thead>
        <tbody>{data?.actions.map((action) => (
          <tr key={action.actionId} data-action={action.action}>
            <td>{new Date(action.performedAt).toLocaleString()}</td><td>{action.adminId}</td><td>{action.action}</td><td><code>{action.subject}</code></td>
            <td>{action.statusCode}</td><td><code>{JSON.stringify(action.request)}</code></td>
          </tr>
        ))}</tbody>
      </table>
    </section>
  );
}
