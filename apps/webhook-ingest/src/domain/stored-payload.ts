import { redactDeep } from '@payments/observability';

/**
 * What jsonb cannot hold although JSON can: NUL (`\u0000`) and UTF-16 surrogates without their
 * pair. A signed body may carry them; Postgres would refuse the row and the provider retry for days.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const REPLACEMENT = '\uFFFD';

const storable = (text: string) => text.replace(UNSTORABLE, REPLACEMENT);

/** `redactDeep` cuts nesting at a small depth, so this walk stays shallow whatever arrived. */
function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(storableValue);
  if (value !== null && typeof value === 'object') {
    // Built with fromEntries: a `__proto__` key stays a key instead of replacing the prototype.
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [storable(key), storableValue(inner)]));
  }
  return value;
}

/**
 * The audit copy of a verified webhook body, as JSON text for the jsonb column: card numbers,
 * security codes, emails, VPAs, phone numbers and secrets redacted (`redactDeep`), and characters
 * jsonb refuses replaced by U+FFFD.
 */
export function storedPayload(body: unknown): string {
  return JSON.stringify(storableValue(redactDeep(body)));
}
