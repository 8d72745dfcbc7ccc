import Stripe from 'stripe';
import { WebhookSignatureError } from '../port/provider.errors';
import { StripeEventFields, readStripeEvent } from './stripe-event.reader';

type Headers = Record<string, string | string[] | undefined>;

const SECONDS = /^\d{1,12}$/;

function signatureHeader(headers: Headers): string {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'stripe-signature');
  const value = name === undefined ? undefined : headers[name];
  const single = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  if (!single) throw new WebhookSignatureError('the Stripe-Signature header is missing or repeated');
  return single;
}

/** The header's one `t=` (Unix seconds), the time the SDK signs and checks. */
function signedAtSeconds(header: string): number {
  const timestamps = header.split(',').filter((item) => item.startsWith('t='));
  const value = timestamps.length === 1 ? timestamps[0].slice(2) : '';
  if (!SECONDS.test(value)) throw new WebhookSignatureError('the Stripe-Signature header does not hold one timestamp in seconds');
  return Number(value);
}

export interface StripeWebhookVerification {
  webhooks: Stripe['webhooks'];
  secrets: readonly string[];
  toleranceSeconds: number;
  now: () => Date;
}

/**
 * `constructEvent` refuses only timestamps older than the tolerance; a signature dated ahead of
 * our clock would stay replayable until that date, so one further ahead than the tolerance is
 * refused too.
 */
function refuseFutureTimestamp(header: string, verification: StripeWebhookVerification): void {
  const aheadSeconds = signedAtSeconds(header) - Math.floor(verification.now().getTime() / 1000);
  if (aheadSeconds > verification.toleranceSeconds) {
    throw new WebhookSignatureError(
      `the Stripe webhook timestamp is ${aheadSeconds} s ahead of our clock, outside the tolerance of ${verification.toleranceSeconds} s`,
    );
  }
}

/**
 * Verifies a raw webhook body with the SDK's `signature.verifyHeader` (signature and timestamp
 * age, what `constructEvent` checks) against each configured secret in turn; the first that
 * verifies wins, so an old and a new secret can both be listed during a rotation. A verified
 * timestamp further ahead than the tolerance is refused. Only then is the body read, by
 * `readStripeEvent` rather than the SDK's bare `JSON.parse`, so a verified body that is not an
 * event is a `WebhookPayloadError`, never a crash.
 */
export function verifyStripeWebhook(rawBody: Buffer, headers: Headers, verification: StripeWebhookVerification): StripeEventFields {
  const header = signatureHeader(headers);
  if (verification.secrets.length === 0) throw new WebhookSignatureError('no Stripe webhook secret is configured');
  const signature = verification.webhooks.signature;
  if (!signature) throw new Error('the Stripe SDK has no webhook signature helper');
  let lastFailure = '';
  for (const secret of verification.secrets) {
    try {
      signature.verifyHeader(rawBody, header, secret, verification.toleranceSeconds, undefined, verification.now().getTime());
      refuseFutureTimestamp(header, verification);
      return readStripeEvent(rawBody);
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
      lastFailure = error.message.split('\n')[0];
    }
  }
  throw new WebhookSignatureError(
    `the Stripe webhook did not verify with any of the ${verification.secrets.length} configured secret(s): ${lastFailure}`,
  );
}
