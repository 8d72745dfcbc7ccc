import { createHash, randomUUID } from 'node:crypto';
import {
  Envelope, ProviderName, SubscriptionCancelRequested, SubscriptionCancelRequestedV1, SubscriptionCheckoutRequested, SubscriptionCheckoutRequestedV1, buildMessage,
} from '@payments/contracts';

// Test support: the subscription commands on checkout.commands as the gateway publishes them.

/** What the gateway's subscription checkout body says; never an amount. */
export interface SubscriptionBody {
  planId: string;
  currency?: string;
  providerPreference?: ProviderName;
}

/** sha256 over the body's fields in a fixed order. */
export function subscriptionRequestHashOf(body: SubscriptionBody): string {
  const canonical = { planId: body.planId, currency: body.currency ?? null, providerPreference: body.providerPreference ?? null };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** A SubscriptionCheckoutRequested keyed by user id; each call is a new message. */
export function subscriptionCheckoutRequested(userId: string, idempotencyKey: string, body: SubscriptionBody, replyTo: string): Envelope<SubscriptionCheckoutRequestedV1> {
  return buildMessage(SubscriptionCheckoutRequested, {
    key: userId,
    origin: { correlationId: randomUUID() },
    occurredAt: new Date(),
    payload: {
      userId, idempotencyKey, requestHash: subscriptionRequestHashOf(body), planId: body.planId, replyTo, customerEmail: 'asha@example.in',
      ...(body.currency ? { currency: body.currency } : {}),
      ...(body.providerPreference ? { providerPreference: body.providerPreference } : {}),
    },
  });
}

/** A SubscriptionCancelRequested keyed by subscription id; each call is a new message. */
export function subscriptionCancelRequested(subscriptionId: string, mode: SubscriptionCancelRequestedV1['mode'], replyTo: string): Envelope<SubscriptionCancelRequestedV1> {
  return buildMessage(SubscriptionCancelRequested, {
    key: subscriptionId,
    origin: { correlationId: randomUUID() },
    occurredAt: new Date(),
    payload: { subscriptionId, requestedBy: mode === 'immediately' ? 'admin-1' : 'user-1', mode, replyTo },
  });
}
