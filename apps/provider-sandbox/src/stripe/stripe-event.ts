import { DeliveryFaults, STALE_TIMESTAMP_AGE_SECONDS } from '../domain/delivery-faults';
import { stripeSignatureHeader } from './stripe-signature';

/** The API request that caused an event; both null for events the "customer" caused. */
export interface StripeEventRequest {
  readonly id: string | null;
  readonly idempotency_key: string | null;
}

/** For events no API request caused: the customer acting on the hosted page, the card network, Stripe's own clock. */
export const NO_API_REQUEST: StripeEventRequest = { id: null, idempotency_key: null };

/** An event object as Stripe delivers it to a webhook endpoint. */
export interface StripeEvent {
  readonly id: string;
  readonly object: 'event';
  readonly api_version: string;
  readonly created: number;
  readonly data: { readonly object: unknown; readonly previous_attributes?: Record<string, unknown> };
  readonly livemode: false;
  readonly pending_webhooks: number;
  readonly request: StripeEventRequest;
  readonly type: string;
}

/**
 * What an event is about, for holding back a `reorder` event until the next one about the same
 * thing: the PaymentIntent of a payment (itself, or the `payment_intent` a charge, refund, dispute
 * or Checkout Session names), else the subscription of a billing object (itself, an invoice's
 * `parent.subscription_details.subscription`, a subscription-mode session's `subscription`), else
 * a payout itself; null when there is none yet.
 */
export function reorderKeyOf(object: unknown): string | null {
  const fields = (object ?? {}) as {
    object?: unknown; id?: unknown; payment_intent?: unknown; subscription?: unknown; parent?: { subscription_details?: { subscription?: unknown } | null } | null;
  };
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  if (fields.object === 'payment_intent' || fields.object === 'subscription' || fields.object === 'payout') return text(fields.id);
  return text(fields.payment_intent) ?? text(fields.subscription) ?? text(fields.parent?.subscription_details?.subscription);
}

/** `previous_attributes` of an `*.updated` event: the top-level fields whose values changed, with their old values. */
export function changedAttributes<T extends object>(before: T, after: T): Record<string, unknown> {
  const old = before as Record<string, unknown>;
  const changed = Object.keys(old).filter((key) => JSON.stringify(old[key]) !== JSON.stringify((after as Record<string, unknown>)[key]));
  return Object.fromEntries(changed.map((key) => [key, old[key]]));
}

export interface NewStripeEvent {
  id: string;
  type: string;
  object: unknown;
  created: number;
  apiVersion: string;
  request: StripeEventRequest;
  pendingWebhooks: number;
  /** For `*.updated` events: the changed fields' earlier values. */
  previousAttributes?: Record<string, unknown>;
}

export function buildStripeEvent(input: NewStripeEvent): StripeEvent {
  return {
    id: input.id,
    object: 'event',
    api_version: input.apiVersion,
    created: input.created,
    // A snapshot: later changes to the object must not show in an event already sent.
    data: {
      object: structuredClone(input.object),
      ...(input.previousAttributes ? { previous_attributes: structuredClone(input.previousAttributes) } : {}),
    },
    livemode: false,
    pending_webhooks: input.pendingWebhooks,
    request: input.request,
    type: input.type,
  };
}

export interface SignedWebhook {
  readonly body: string;
  readonly signatureHeader: string;
  readonly timestamp: number;
  readonly tampered: boolean;
}

function tamperedAmount(event: StripeEvent): StripeEvent {
  const object = event.data.object as Record<string, unknown>;
  const bump = (value: unknown) => (typeof value === 'number' && value > 0 ? value + 100 : value);
  return { ...event, data: { object: { ...object, amount: bump(object.amount), amount_received: bump(object.amount_received) } } };
}

/**
 * Serialises and signs one delivery attempt, as Stripe does (pretty-printed JSON, fresh timestamp
 * per attempt), then applies the signature faults: a stale timestamp, or a body changed after signing.
 */
export function signWebhook(event: StripeEvent, secrets: readonly string[], nowSeconds: number, faults: DeliveryFaults): SignedWebhook {
  const timestamp = faults.staleTimestamp ? nowSeconds - STALE_TIMESTAMP_AGE_SECONDS : nowSeconds;
  const signedBody = JSON.stringify(event, null, 2);
  const signatureHeader = stripeSignatureHeader(secrets, timestamp, signedBody);
  const body = faults.tamperAmount ? JSON.stringify(tamperedAmount(event), null, 2) : signedBody;
  return { body, signatureHeader, timestamp, tampered: body !== signedBody };
}
