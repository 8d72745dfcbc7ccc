import { useRef, useState } from 'preact/hooks';
import { ApiError, api, newIdempotencyKey } from '../api/http';
import { ErrorNotice } from './error-notice';

/**
 * Runs one mutating admin call with an Idempotency-Key kept until the call gets a definite answer,
 * so pressing again after a timeout repeats the same action instead of doing it twice.
 */
export function useAdminAction<T>(path: string) {
  const key = useRef<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<T | null>(null);
  const run = async (body?: unknown): Promise<T | null> => {
    key.current ??= newIdempotencyKey();
    setError(null);
    try {
      const answer = await api<T>(path, { method: 'POST', idempotencyKey: key.current, body });
      key.current = null;
      setDone(answer);
      return answer;
    } catch (failure) {
      if (failure instanceof ApiError && failure.status >= 400 && failure.status < 500 && failure.code !== 'IDEMPOTENCY.IN_FLIGHT') key.current = null;
      setError(failure);
      return null;
    }
  };
  return { run, error, done };
}

/** A note and a Resolve button; the resolution is recorded (and audited) by the gateway. */
export function ResolveForm(props: { path: string; subject: string; onResolved: () => void }) {
  const [note, setNote] = useState('');
  const action = useAdminAction<unknown>(props.path);
  const id = `resolve-${props.subject}`;
  return (
    <form class="resolve" onSubmit={async (event) => { event.preventDefault(); if (await action.run({ note })) props.onResolved(); }}>
      <label for={id}>Resolution note</label>
      <input id={id} name="note" required maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <button type="submit">Resolve</button>
      <ErrorNotice error={action.error} />
    </form>
  );
}

/** One button for one admin action (replay, retry). */
export function ActionButton(props: { path: string; label: string; onDone: () => void }) {
  const action = useAdminAction<unknown>(props.path);
  return (
    <span class="action">
      <button type="button" onClick={async () => { if (await action.run()) props.onDone(); }}>{props.label}</button>
      <ErrorNotice error={action.error} />
    </span>
  );
}
