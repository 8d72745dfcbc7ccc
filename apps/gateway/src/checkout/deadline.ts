/**
 * Settles like `work`, or rejects with `onTimeout()` after `ms` if `work` has not settled by then.
 * `work` keeps running; its late result or error is ignored (never an unhandled rejection).
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
