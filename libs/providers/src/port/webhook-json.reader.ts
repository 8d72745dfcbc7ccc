import { WebhookPayloadError } from './provider.errors';

/**
 * The deepest nesting of arrays and objects a webhook body may have. Stripe's and Cashfree's events
 * stay far below it; hostile nesting is refused before it is parsed, so nothing recursive ever walks it.
 */
export const MAX_WEBHOOK_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True when `text` opens more than `maxDepth` arrays or objects inside each other; one linear pass, strings skipped. */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) index += 1;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) {
      inString = true;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
}

function utf8(rawBody: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
  } catch {
    throw new WebhookPayloadError('WEBHOOK.MALFORMED_BODY', 'the webhook body is not UTF-8 text');
  }
}

/**
 * Reads a verified webhook body as the JSON object every provider sends: UTF-8, nested at most
 * `maxDepth` deep (checked before parsing), an object at the top. Throws `WebhookPayloadError`.
 */
export function readWebhookJson(rawBody: Buffer, maxDepth = MAX_WEBHOOK_JSON_DEPTH): Record<string, unknown> {
  const text = utf8(rawBody);
  if (nestsDeeperThan(text, maxDepth)) {
    throw new WebhookPayloadError('WEBHOOK.TOO_DEEP', `the webhook body nests arrays or objects more than ${maxDepth} deep`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WebhookPayloadError('WEBHOOK.MALFORMED_BODY', 'the webhook body is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new WebhookPayloadError('WEBHOOK.MALFORMED_BODY', 'the webhook body is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}
