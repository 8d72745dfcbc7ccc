/**
 * Redaction for logs and stored raw webhooks: card numbers, UPI VPAs, emails, phone numbers and
 * secrets never reach a log line or a table. Applied to every string value, whatever its key.
 */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Provider secrets and signing keys (Stripe sk_/rk_/whsec_, Cashfree-style long secrets in key names handled below).
  [/\b(sk|rk|pk)_(test|live)_[A-Za-z0-9]+/g, '[REDACTED_KEY]'],
  [/\bwhsec_[A-Za-z0-9+/=]+/g, '[REDACTED_SECRET]'],
  // JWT-looking bearer tokens.
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[REDACTED_TOKEN]'],
  // Emails before VPAs: both contain '@', an email has a dot-separated domain.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[REDACTED_EMAIL]'],
  // UPI VPAs: handle@psp (no dot in the PSP part).
  [/\b[A-Za-z0-9._-]{2,256}@[A-Za-z]{2,64}\b/g, '[REDACTED_VPA]'],
  // PAN-like runs: 13-19 digits, optionally grouped by spaces or dashes.
  [/\b\d(?:[ -]?\d){12,18}\b/g, '[REDACTED_PAN]'],
  // Phone numbers: optional +country code, then a 10-digit mobile number (India: starts 6-9).
  // Unix timestamps start with 1, so signature timestamps stay readable.
  [/(?<![\w+])(?:\+\d{1,3}[ -]?)?[6-9]\d{4}[ -]?\d{5}\b/g, '[REDACTED_PHONE]'],
];

/** Keys whose values are secrets whatever they look like. */
const SECRET_KEYS = /^(authorization|cookie|set-cookie|x-client-secret|x-api-key|password|secret|client_secret|stripe-signature|x-webhook-signature|card|cvc|cvv|number|exp_month|exp_year|upi_id|vpa)$/i;

export function redactText(text: string): string {
  return PATTERNS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** Returns a deep copy with every string redacted and secret-named keys replaced. */
export function redactDeep<T>(value: T, depth = 0): T {
  if (depth > 20) return '[TRUNCATED]' as unknown as T;
  if (typeof value === 'string') return redactText(value) as unknown as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1)) as unknown as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      copy[key] = SECRET_KEYS.test(key) && inner !== null && inner !== undefined ? '[REDACTED]' : redactDeep(inner, depth + 1);
    }
    return copy as T;
  }
  return value;
}
