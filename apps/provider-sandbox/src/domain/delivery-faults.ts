/** Ways the sandbox misbehaves when it delivers a webhook, to test that receivers cope. */
export interface DeliveryFaults {
  /** Deliver the same event this many times in all (each copy with its own retries). */
  readonly duplicate?: number;
  /** Send the `duplicate` copies all at once instead of one after another, so they race at the receiver. */
  readonly concurrentDuplicates?: boolean;
  /** Lose the first attempt in transit (never sent), so the receiver only sees the retry. */
  readonly dropFirstAttempt?: boolean;
  /** Wait this long before the first attempt. */
  readonly delayMs?: number;
  /** Sign with a timestamp 10 minutes old: outside Stripe's 5-minute tolerance. */
  readonly staleTimestamp?: boolean;
  /** Change the amount in the body after signing it: the signature no longer matches. */
  readonly tamperAmount?: boolean;
  /**
   * Deliver out of order: hold the event until the next event about the same payment (Stripe) or
   * order (Cashfree) has been delivered, then deliver it; or after `reorderHoldMs` if none comes.
   */
  readonly reorder?: boolean;
  /** The longest a `reorder` event is held waiting for a successor; default `MAX_REORDER_HOLD_MS`. */
  readonly reorderHoldMs?: number;
}

export type ParseResult<T> = { readonly ok: true; readonly faults: T } | { readonly ok: false; readonly message: string };
export type FaultsResult = ParseResult<DeliveryFaults>;

export const MAX_DUPLICATES = 10;
export const MAX_DELAY_MS = 60_000;
export const STALE_TIMESTAMP_AGE_SECONDS = 600;
export const MAX_REORDER_HOLD_MS = 30_000;

/** How one field of a faults object is checked: true or false, an integer in a range, or a share from 0 to 1. */
export type FieldRule = { readonly kind: 'boolean' } | { readonly kind: 'integer'; readonly min: number; readonly max: number } | { readonly kind: 'rate' };

const BOOLEAN: FieldRule = { kind: 'boolean' };

export const DELIVERY_FAULT_RULES: Readonly<Record<keyof DeliveryFaults, FieldRule>> = {
  duplicate: { kind: 'integer', min: 1, max: MAX_DUPLICATES },
  concurrentDuplicates: BOOLEAN,
  dropFirstAttempt: BOOLEAN,
  delayMs: { kind: 'integer', min: 0, max: MAX_DELAY_MS },
  staleTimestamp: BOOLEAN,
  tamperAmount: BOOLEAN,
  reorder: BOOLEAN,
  reorderHoldMs: { kind: 'integer', min: 0, max: MAX_REORDER_HOLD_MS },
};

function refusal(name: string, value: unknown, rule: FieldRule): string | undefined {
  switch (rule.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `faults.${name} must be true or false`;
    case 'integer':
      return Number.isInteger(value) && (value as number) >= rule.min && (value as number) <= rule.max
        ? undefined : `faults.${name} must be an integer from ${rule.min} to ${rule.max}`;
    case 'rate':
      return typeof value === 'number' && value >= 0 && value <= 1 ? undefined : `faults.${name} must be a number from 0 to 1`;
  }
}

/** Reads a faults object field by field against `rules`; unknown or ill-typed fields are refused, not ignored. */
export function parseFaultFields<T>(input: unknown, rules: Readonly<Record<string, FieldRule>>): ParseResult<T> {
  if (input === undefined || input === null) return { ok: true, faults: {} as T };
  if (typeof input !== 'object' || Array.isArray(input)) return { ok: false, message: 'faults must be an object' };
  for (const [name, value] of Object.entries(input)) {
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (!rule) return { ok: false, message: `unknown fault "${name}"; known: ${Object.keys(rules).join(', ')}` };
    const refused = refusal(name, value, rule);
    if (refused) return { ok: false, message: refused };
  }
  return { ok: true, faults: { ...input } as T };
}

/** Reads the faults of one request from its JSON body. */
export function parseDeliveryFaults(input: unknown): FaultsResult {
  return parseFaultFields<DeliveryFaults>(input, DELIVERY_FAULT_RULES);
}

/** Faults given with one request override the run's defaults, field by field. */
export function mergeFaults(defaults: DeliveryFaults, overrides: DeliveryFaults): DeliveryFaults {
  return { ...defaults, ...overrides };
}

/** How many copies of an event to deliver. */
export function copiesToDeliver(faults: DeliveryFaults): number {
  return faults.duplicate ?? 1;
}

/** How long a `reorder` event waits for the next event of its payment before it goes anyway. */
export function reorderHoldMs(faults: DeliveryFaults): number {
  return faults.reorderHoldMs ?? MAX_REORDER_HOLD_MS;
}
