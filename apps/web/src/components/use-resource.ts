import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/http';

const isAbort = (failure: unknown) => failure instanceof Error && failure.name === 'AbortError';

/**
 * GET `path` (nothing while it is null), again on `reload()` and every `refreshMs` if given. A newer
 * read aborts the one before, so a late answer never replaces a newer one; the last answer stays
 * shown while the next is on its way.
 */
export function useResource<T>(path: string | null, refreshMs?: number) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const current = useRef<AbortController | null>(null);
  const load = (target: string | null = path) => {
    current.current?.abort();
    if (target === null) return;
    const aborter = new AbortController();
    current.current = aborter;
    setLoading(true);
    api<T>(target, { signal: aborter.signal }).then(
      (answer) => {
        if (aborter.signal.aborted) return;
        setData(answer);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (isAbort(failure) || aborter.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
  };
  useEffect(() => {
    setData(null);
    setError(null);
    load(path);
    return () => current.current?.abort();
  }, [path]);
  useEffect(() => {
    if (!refreshMs || path === null) return undefined;
    const timer = setInterval(() => load(path), refreshMs);
    return () => clearInterval(timer);
  }, [path, refreshMs]);
  return { data, error, loading, reload: () => load(path) };
}
