import { createHmac } from 'node:crypto';

/** Stripe's v1 scheme: hex HMAC-SHA256 of `${timestamp}.${payload}` keyed with the endpoint secret. */
export function stripeV1Signature(secret: string, timestamp: number, payload: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
}

/**
 * The `Stripe-Signature` header: `t=<unix seconds>,v1=<hex>`, with one `v1` per secret, as Stripe
 * sends while an endpoint secret is being rolled.
 */
export function stripeSignatureHeader(secrets: readonly string[], timestamp: number, payload: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${stripeV1Signature(secret, timestamp, payload)}`)].join(',');
}
