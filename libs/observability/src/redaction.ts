/**
 * Redaction for logs and stored raw webhooks: card numbers and their security codes, UPI VPAs,
 * emails, phone numbers and secrets never reach a log line or a table. Applied to every string
 * value, whatever its key, and to numbers that could be card numbers.
 *
 * Hostile text reaches here before anything has checked it, so every pattern must run in time
 * linear in the text. A pattern that opens with an unbounded run of some characters may start only
 * where that run starts (the lookbehinds below); otherwise a failed attempt is retried from each
 * later character of the run, which is quadratic. Past that start a repetition is bounded, or
 * backs off in linear time when the match fails (a domain label never holds a dot), or ends the
 * pattern and so never backs off. The spec's long hostile inputs time out if a pattern breaks this.
 */
type Replacement = string | ((match: string) => string);

/**
 * Each pattern with what any text it matches must contain (tested first, so the pattern is not
 * run over text it cannot match: most strings of a webhook hold no `@`, no key prefix, no digit).
 */
const PATTERNS: ReadonlyArray<readonly [RegExp, Replacement, RegExp]> = [
  // Provider keys: Stripe sk_/rk_/pk_, Cashfree client secrets (cfsk_test_..., cfsk_ma_prod_...).
  [/\b(?:sk|rk|pk)_(?:test|live)_\w+/g, '[REDACTED_KEY]', /k_/],
  [/\bcfsk_\w+/g, '[REDACTED_KEY]', /cfsk_/],
  // Stripe endpoint signing secrets.
  [/\bwhsec_[\w+/=]+/g, '[REDACTED_SECRET]', /whsec_/],
  // JWT-looking tokens: a base64url run from `eyJ` with at least two dot-joined segments after it.
  // The pattern takes the whole dotted run and cannot fail, so no later `eyJ` in it is tried again.
  [/\beyJ[\w-]*(?:\.[\w-]*)*/g, (run) => (run.split('.').length >= 3 ? '[REDACTED_TOKEN]' : run), /eyJ/],
  // Emails before VPAs: both contain '@', an email has a dot-separated domain. The rest of the run
  // of address characters goes with the match: the search resumes after it, mid-run, where the
  // lookbehind would not let another address start.
  [/(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:[\w%+@-]|\.(?=[\w%+@-]))*/g, '[REDACTED_EMAIL]', /@/],
  // UPI VPAs: handle@psp (no dot in the PSP part), with the rest of the run as for emails.
  [/(?<![\w.-])[\w.-]{2,}@[A-Za-z]{2,64}\b(?:[\w@-]|\.(?=[\w@-]))*/g, '[REDACTED_VPA]', /@/],
  // PAN-like runs: 13-19 digits, optionally grouped by spaces or dashes.
  [/\b\d(?:[ -]?\d){12,18}\b/g, '[REDACTED_PAN]', /\d/],
  // Phone numbers: optional +country code (or India's 91 or trunk 0 without the +), then a 10-digit
  // mobile number (India: starts 6-9). Unix timestamps start with 1, so signature timestamps stay readable.
  [/(?<![\w+])(?:\+\d{1,3}[ -]?|91[ -]?|0)?[6-9]\d{4}[ -]?\d{5}\b/g, '[REDACTED_PHONE]', /\d/],
  // Card security codes next to their name: `cvc 123`, `"cvv":"123"`, `security code: 1234`.
  [/(?<![A-Za-z0-9])(cvc2?|cvv2?|cvn|csc|security[ _-]?code)\b([\s"':=]{0,8})\d{3,4}\b/gi, '$1$2[REDACTED_CVC]', /\d/],
];

/** Keys whose values are secrets whatever they look like. */
const SECRET_KEYS =
  /^(authorization|cookie|set-cookie|x-client-secret|x-api-key|password|secret|client_secret|stripe-signature|x-webhook-signature|card|(card[_-]?)?(cvc2?|cvv2?|security[_-]?code)|number|exp_month|exp_year|upi_id|vpa)$/i;

/** How a card number given as a JSON number, rather than a string, is written. */
const PAN_DIGITS = /^\d{13,19}$/;

/**
 * Keys dropped from copies: assigning `__proto__` would replace the copy's prototype with
 * attacker-chosen data, and `constructor`/`prototype` are what prototype-pollution payloads aim at.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Containers nested deeper than this are replaced by a marker, so hostile nesting cannot exhaust the stack. */
const MAX_DEPTH = 20;

export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement, mustContain] of PATTERNS) {
    if (!mustContain.test(result)) continue;
    result = typeof replacement === 'string' ? result.replace(pattern, replacement) : result.replace(pattern, replacement);
  }
  return result;
}

function looksLikePan(value: number | bigint): boolean {
  return (typeof value === 'bigint' || Number.isInteger(value)) && PAN_DIGITS.test(String(value).replace(/^-/, ''));
}

function redactValue(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (depth > MAX_DEPTH) return '[TRUNCATED]';
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' || typeof value === 'bigint') return looksLikePan(value) ? '[REDACTED_PAN]' : value;
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  if (ancestors.has(value)) return '[CIRCULAR]';
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, ancestors));
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (PROTOTYPE_KEYS.has(key)) continue;
      copy[key] = SECRET_KEYS.test(key) && inner !== null && inner !== undefined ? '[REDACTED]' : redactValue(inner, depth + 1, ancestors);
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}

/** Returns a deep copy with every string redacted, card-number-like numbers and secret-named keys replaced, prototype keys dropped. */
export function redactDeep<T>(value: T): T {
  return redactValue(value, 0, new Set()) as T;
}
