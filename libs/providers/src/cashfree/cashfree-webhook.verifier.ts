import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError } from '../port/provider.errors';

type Headers = Record<string, string | string[] | undefined>;

export interface CashfreeWebhookVerification {
  secrets: readonly string[];
  toleranceSeconds: number;
  now: () => Date;
}

const SIGNATURE_BYTES = 32;
const CANONICAL_BASE64 = /^[A-Za-z0-9+/]{43}=$/;
const MILLISECONDS = /^\d{1,16}$/;

function singleHeader(headers: Headers, name: string): string {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  const single = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  if (!single) throw new WebhookSignatureError(`the ${name} header is missing or repeated`);
  return single.trim();
}

/** Cashfree's scheme: base64 of HMAC-SHA256(secret, timestamp + raw body), no separator. */
export function cashfreeSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(timestamp, 'utf8').update(rawBody).digest('base64');
}

/**
 * Verifies a Cashfree webhook over its raw bytes (re-serialised JSON turns 170.00 into 170 and no
 * longer verifies), comparing in constant time against each configured secret in turn. Cashfree
 * documents no replay window and its SDK compares with `==`; we also refuse a timestamp (in
 * milliseconds) more than the tolerance away from our clock, in either direction.
 */
export function verifyCashfreeWebhook(rawBody: Buffer, headers: Headers, verification: CashfreeWebhookVerification): void {
  const signature = singleHeader(headers, 'x-webhook-signature');
  const timestamp = singleHeader(headers, 'x-webhook-timestamp');
  if (verification.secrets.length === 0) throw new WebhookSignatureError('no Cashfree webhook secret is configured');
  if (!MILLISECONDS.test(timestamp)) throw new WebhookSignatureError('x-webhook-timestamp is not a time in milliseconds');
  if (!CANONICAL_BASE64.test(signature)) throw new WebhookSignatureError('x-webhook-signature is not a base64 HMAC-SHA256');
  const provided = Buffer.from(signature, 'base64');
  const verifies = verification.secrets.some((secret) => {
    const expected = Buffer.from(cashfreeSignature(secret, timestamp, rawBody), 'base64');
    return expected.length === SIGNATURE_BYTES && timingSafeEqual(expected, provided);
  });
  if (!verifies) {
    throw new WebhookSignatureError(`the Cashfree webhook did not verify with any of the ${verification.secrets.length} configured secret(s)`);
  }
  const skewMs = Math.abs(verification.now().getTime() - Number(timestamp));
  if (skewMs > verification.toleranceSeconds * 1000) {
    throw new WebhookSignatureError(
      `the Cashfree webhook timestamp is ${Math.round(skewMs / 1000)} s away from our clock, outside the tolerance of ${verification.toleranceSeconds} s`,
    );
  }
}
