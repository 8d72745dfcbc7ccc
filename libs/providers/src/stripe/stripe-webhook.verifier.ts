import Stripe from 'stripe';
import { WebhookSignatureError } from '../port/provider.errors';

type Headers = Record<string, string | string[] | undefined>;

function signatureHeader(headers: Headers): string {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'stripe-signature');
  const value = name === undefined ? undefined : headers[name];
  const single = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  if (!single) throw new WebhookSignatureError('the Stripe-Signature header is missing or repeated');
  return single;
}

export interface StripeWebhookVerification {
  webhooks: Stripe['webhooks'];
  secrets: readonly string[];
  toleranceSeconds: number;
  now: () => Date;
}

/**
 * Verifies a raw webhook body with `constructEvent` (signature and timestamp tolerance) against
 * each configured secret in turn; the first that verifies wins, so an old and a new secret can
 * both be listed during a rotation.
 */
export function verifyStripeWebhook(rawBody: Buffer, headers: Headers, verification: StripeWebhookVerification): Stripe.Event {
  const header = signatureHeader(headers);
  if (verification.secrets.length === 0) throw new WebhookSignatureError('no Stripe webhook secret is configured');
  let lastFailure = '';
  for (const secret of verification.secrets) {
    try {
      return verification.webhooks.constructEvent(rawBody, header, secret, verification.toleranceSeconds, undefined, verification.now().getTime());
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
      lastFailure = error.message.split('\n')[0];
    }
  }
  throw new WebhookSignatureError(
    `the Stripe webhook did not verify with any of the ${verification.secrets.length} configured secret(s): ${lastFailure}`,
  );
}
