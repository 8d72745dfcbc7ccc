/** Ways the sandbox misbehaves when it delivers a webhook, to test that receivers cope. */
export interface DeliveryFaults {
  /** Deliver the same event this many times in all (each copy with its own retries). */
  readonly duplicate?: number;
  /** Lose the first attempt in transit (never sent), so the receiver only sees the retry. */
  readonly dropFirstAttempt?: boolean;
  /** Wait this long before the first attempt. */
  readonly delayMs?: number;
  /** Sign with a timestamp 10 minutes old: outside Stripe's 5-minute tolerance. */
  readonly staleTimestamp?: boolean;
  /** Change the amount in the body after signing it: the signature no longer matches. */
  readonly tamperAmount?: boolean;
  /**
   * Deliver out of order: hold the event until the next event about the same payment has been
   * delivered, then deliver it (or after `MAX_REORDER_HOLD_MS` if none comes). Stripe events only.
   */
  readonly reorder?: boolean;
}

export type FaultsResult = { readonly ok: true; readonly faults: DeliveryFaults } | { readonly ok: false; readonly message: string };

export const MAX_DUPLICATES = 10;
export const MAX_DELAY_MS = 60_000;
export const STALE_TIMESTAMP_AGE_SECONDS = 600;
export const MAX_REORDER_HOLD_MS = 30_000;

const BOOLEAN_FAULTS = ['dropFirstAttempt', 'staleTimestamp', 'tamperAmount', 'reorder'] as const;
const INTEGER_FAULTS = { duplicate: [1, MAX_DUPLICATES], delayMs: [0, MAX_DELAY_MS] } as const;

/** Reads faults from a JSON request body; unknown or ill-typed fields are refused, not ignored. */
export function parseDeliveryFaults(input: unknown): FaultsResult {
  if (input === undefined || input === null) return { ok: true, faults: {} };
  if (typeof input !== 'object' || Array.isArray(input)) return { ok: false, message: 'faults must be an object' };
  const faults: Record<string, boolean | number> = {};
  for (const [name, value] of Object.entries(input)) {
    if ((BOOLEAN_FAULTS as readonly string[]).includes(name)) {
      if (typeof value !== 'boolean') return { ok: false, message: `faults.${name} must be true or false` };
      faults[name] = value;
    } else if (name in INTEGER_FAULTS) {
      const [min, max] = INTEGER_FAULTS[name as keyof typeof INTEGER_FAULTS];
      if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
        return { ok: false, message: `faults.${name} must be an integer from ${min} to ${max}` };
      }
      faults[name] = value as number;
    } else {
      return { ok: false, message: `unknown fault "${name}"; known: ${[...BOOLEAN_FAULTS, ...Object.keys(INTEGER_FAULTS)].join(', ')}` };
    }
  }
  return { ok: true, faults };
}

/** Faults given with one request override the run's defaults, field by field. */
export function mergeFaults(defaults: DeliveryFaults, overrides: DeliveryFaults): DeliveryFaults {
  return { ...defaults, ...overrides };
}

/** How many copies of an event to deliver. */
export function copiesToDeliver(faults: DeliveryFaults): number {
  return faults.duplicate ?? 1;
}
