import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { cashfreeSignature } from '@payments/providers';
import { DEV_SECRETS } from '@payments/testing';
import { E2E_PORTS } from './e2e-system';

/** Webhooks built and signed as each provider sends them, for the suites that post to webhook-ingest directly. */
export type Provider = 'stripe' | 'cashfree';

const { webhooks } = new Stripe(DEV_SECRETS.STRIPE_SECRET_KEY);
export const nowSeconds = () => Math.floor(Date.now() / 1000);
export const compactId = () => randomUUID().replace(/-/g, '');

/** How each provider signs a body: its secret, dated `offsetSeconds` away from now. */
export const SIGN: Record<Provider, (body: string, offsetSeconds?: number, secret?: string) => Record<string, string>> = {
  stripe: (body, offsetSeconds = 0, secret = DEV_SECRETS.STRIPE_WEBHOOK_SECRET) => ({
    'stripe-signature': webhooks.generateTestHeaderString({ payload: body, secret, timestamp: nowSeconds() + offsetSeconds }),
  }),
  cashfree: (body, offsetSeconds = 0, secret = DEV_SECRETS.CASHFREE_SECRET_KEY) => {
    const timestamp = String(Date.now() + offsetSeconds * 1000);
    return { 'x-webhook-timestamp': timestamp, 'x-webhook-signature': cashfreeSignature(secret, timestamp, body), 'x-webhook-version': '2023-08-01' };
  },
};

export const stripeEvent = (type: string, object: Record<string, unknown>) =>
  JSON.stringify({ id: `evt_${compactId()}`, object: 'event', type, created: nowSeconds(), livemode: false, data: { object } });
export const cashfreeEvent = (type: string, data: Record<string, unknown>) => JSON.stringify({ data, event_time: new Date().toISOString(), type });

export interface WebhookAnswer {
  status: number;
  body: { received?: boolean; providerEventId?: string; outcome?: string; error?: { code: string; message: string } };
}

/** POSTs `body` to webhook-ingest's endpoint of `provider`, with `headers` (the signature) and `contentType`. */
export async function postWebhook(provider: Provider, body: string, headers: Record<string, string>, contentType = 'application/json'): Promise<WebhookAnswer> {
  const response = await fetch(`http://127.0.0.1:${E2E_PORTS.webhookIngest}/webhooks/${provider}`, {
    method: 'POST', headers: { 'content-type': contentType, ...headers }, body,
  });
  return { status: response.status, body: (await response.json()) as WebhookAnswer['body'] };
}
