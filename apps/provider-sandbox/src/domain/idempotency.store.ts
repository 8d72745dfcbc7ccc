/** What a request with an idempotency key must do, per Stripe's rules. */
export type IdempotencyDecision<R> =
  /** First use of the key: execute, then `complete` (or `release` if the parameters were refused). */
  | { readonly kind: 'execute' }
  /** Same key, same endpoint and parameters, already answered: send the saved answer again. */
  | { readonly kind: 'replay'; readonly response: R }
  /** Same key while the first request is still executing: answer 409, save nothing. */
  | { readonly kind: 'in_flight' }
  /** Same key with another endpoint or other parameters: answer 400 `idempotency_error`. */
  | { readonly kind: 'mismatch' };

type Entry<R> = { fingerprint: string; expiresAt: number } & ({ state: 'executing' } | { state: 'done'; response: R });

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Saved responses by (scope, key), Stripe-style: the first request's response is kept for
 * `ttlMs` (at least 24 h at Stripe) and replayed for a retry with the same fingerprint.
 */
export class IdempotencyStore<R> {
  private readonly entries = new Map<string, Entry<R>>();

  constructor(private readonly ttlMs = DAY_MS) {}

  begin(scope: string, key: string, fingerprint: string, now: Date): IdempotencyDecision<R> {
    this.prune(now);
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry) {
      this.entries.set(id, { state: 'executing', fingerprint, expiresAt: now.getTime() + this.ttlMs });
      return { kind: 'execute' };
    }
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return entry.state === 'executing' ? { kind: 'in_flight' } : { kind: 'replay', response: entry.response };
  }

  complete(scope: string, key: string, response: R): void {
    const entry = this.entries.get(`${scope}\u0000${key}`);
    if (entry) this.entries.set(`${scope}\u0000${key}`, { ...entry, state: 'done', response });
  }

  /** Forgets a key whose request never started executing (its parameters failed validation). */
  release(scope: string, key: string): void {
    const id = `${scope}\u0000${key}`;
    if (this.entries.get(id)?.state === 'executing') this.entries.delete(id);
  }

  private prune(now: Date): void {
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt <= now.getTime()) this.entries.delete(id);
    }
  }
}

/** Endpoint plus parameters in a stable form: the same request always gives the same string. */
export function requestFingerprint(method: string, path: string, params: unknown): string {
  return `${method.toUpperCase()} ${path} ${JSON.stringify(sortKeys(params))}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}
