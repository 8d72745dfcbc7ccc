import type Stripe from 'stripe';
import type { NeutralEventKind, NeutralProviderEvent, ParsedWebhook } from '../port/provider-event.types';
import { reasonCodeOf } from '../port/reason-code';
import { optionalCurrencyField, optionalMinorUnitsField, tokenField } from '../port/webhook-fields';
import type { StripeEventFields } from './stripe-event.reader';
import { STRIPE_SETTLEMENT_EVENT_MAPPINGS } from './stripe-settlement-event.mapper';
import { STRIPE_SUBSCRIPTION_EVENT_MAPPINGS } from './stripe-subscription-event.mapper';

/** What a Stripe object contributes to a neutral event; the envelope fields come from the event. */
export type ObjectFields = Pick<NeutralProviderEvent, 'kind' | 'providerObjectId' | 'orderId' | 'amountMinor' | 'currency'> &
  Partial<Pick<NeutralProviderEvent, 'reason' | 'reasonCode' | 'providerPaymentReference' | 'refundId' | 'subscription' | 'dispute' | 'settlement'>>;
export type StripeEventMapping = (object: unknown) => ObjectFields | null;

/*
 * The object's fields are read through the port's field readers: a verified event whose id, amount
 * or currency is unusable is refused (`WebhookPayloadError`) rather than published half-read.
 */
const objectId = (id: unknown) => tokenField(id, 'data.object.id');
const currencyOf = (currency: unknown) => optionalCurrencyField(currency, 'data.object.currency');
const amount = (value: unknown, field: string) => optionalMinorUnitsField(value, `data.object.${field}`);
const orderIdOf = (metadata: Stripe.Metadata | null | undefined) => (typeof metadata?.order_id === 'string' && metadata.order_id !== '' ? metadata.order_id : null);
const idOf = (ref: string | { id: string } | null | undefined) => (typeof ref === 'string' ? ref : ref?.id);

interface PaymentIntentReading {
  amountField: 'amount' | 'amount_received';
  reasonOf?: (pi: Stripe.PaymentIntent) => Pick<ObjectFields, 'reason' | 'reasonCode'>;
}

function paymentIntent(kind: NeutralEventKind, { amountField, reasonOf }: PaymentIntentReading): StripeEventMapping {
  return (object) => {
    const pi = object as Stripe.PaymentIntent;
    return {
      kind, providerObjectId: objectId(pi.id), orderId: orderIdOf(pi.metadata), amountMinor: amount(pi[amountField], amountField), currency: currencyOf(pi.currency),
      ...reasonOf?.(pi),
    };
  };
}

/** A decline names its cause in codes (`decline_code` `insufficient_funds`, `code` `card_declined`) and in a sentence for the customer. */
function declineOf(pi: Stripe.PaymentIntent): Pick<ObjectFields, 'reason' | 'reasonCode'> {
  const error = pi.last_payment_error;
  return {
    reason: error?.message ?? error?.code ?? undefined,
    reasonCode: reasonCodeOf(error?.decline_code, error?.code, error?.type) ?? 'payment_failed',
  };
}

/** A refund maps once it is final; `pending` and `requires_action` stay ignored until it is. */
const refund: StripeEventMapping = (object) => {
  const re = object as Stripe.Refund;
  const kind = re.status === 'succeeded' ? 'refund.succeeded' : re.status === 'failed' || re.status === 'canceled' ? 'refund.failed' : null;
  if (!kind) return null;
  return {
    kind, providerObjectId: objectId(re.id), providerPaymentReference: idOf(re.payment_intent), orderId: orderIdOf(re.metadata),
    refundId: re.metadata?.refund_id || undefined, amountMinor: amount(re.amount, 'amount'), currency: currencyOf(re.currency),
    reason: re.failure_reason ?? undefined,
    reasonCode: kind === 'refund.failed' ? (reasonCodeOf(re.failure_reason) ?? (re.status === 'canceled' ? 'refund_canceled' : 'refund_failed')) : undefined,
  };
};

/**
 * A Checkout Session event names the payment by its PaymentIntent, as `payment_intent.*` events do:
 * paying a session yields both `payment_intent.succeeded` and `checkout.session.completed` with the
 * same `providerObjectId`, so consumers that dedupe payments on it count the money once. A session
 * that ends before any payment attempt has no PaymentIntent and names itself (`cs_...`).
 * Sessions in `subscription` mode are acknowledged and ignored: the subscription's invoice carries
 * the payment (`invoice.paid`), and its subscription events the rest.
 */
function checkoutSession(kind: NeutralEventKind, reasonCode?: string, when?: (session: Stripe.Checkout.Session) => boolean): StripeEventMapping {
  return (object) => {
    const session = object as Stripe.Checkout.Session;
    if (session.mode === 'subscription' || (when && !when(session))) return null;
    return {
      kind, providerObjectId: tokenField(idOf(session.payment_intent) ?? session.id, 'data.object.payment_intent or data.object.id'),
      orderId: orderIdOf(session.metadata), amountMinor: amount(session.amount_total, 'amount_total'), currency: currencyOf(session.currency), reasonCode,
    };
  };
}

/**
 * The Stripe event types we act on; every other type is acknowledged and ignored. Consumers
 * dedupe on `providerEventId`, and for refunds also on `providerObjectId`: one refund can be
 * reported final by more than one event. `charge.refunded` is deliberately absent: it carries the
 * charge's cumulative refunded amount and would count each refund twice next to `refund.*`.
 */
export const STRIPE_EVENT_MAPPINGS: Readonly<Record<string, StripeEventMapping>> = {
  /** Money captured; the amount is `amount_received`, what Stripe actually took. */
  'payment_intent.succeeded': paymentIntent('payment.succeeded', { amountField: 'amount_received' }),
  /** One attempt failed; the PaymentIntent is back in `requires_payment_method` and still payable. */
  'payment_intent.payment_failed': paymentIntent('payment.failed', { amountField: 'amount', reasonOf: declineOf }),
  /** Canceled by us or by Stripe: no money moved and none will. */
  'payment_intent.canceled': paymentIntent('payment.abandoned', {
    amountField: 'amount',
    reasonOf: (pi) => ({ reason: pi.cancellation_reason ?? undefined, reasonCode: reasonCodeOf(pi.cancellation_reason) ?? 'canceled' }),
  }),
  /**
   * The customer finished a Checkout Session. Only `payment_status: 'paid'` is money received; an
   * `unpaid` one (a delayed method such as a bank debit) waits for `async_payment_succeeded`.
   */
  'checkout.session.completed': checkoutSession('payment.succeeded', undefined, (session) => session.payment_status === 'paid'),
  /** A delayed payment method of a completed Checkout Session settled. */
  'checkout.session.async_payment_succeeded': checkoutSession('payment.succeeded'),
  /** A delayed payment method of a completed Checkout Session failed. */
  'checkout.session.async_payment_failed': checkoutSession('payment.failed', 'async_payment_failed'),
  /** The Checkout Session expired (24 h by default, or expired by us) without a payment. */
  'checkout.session.expired': checkoutSession('payment.abandoned', 'expired'),
  /** A refund that is final on creation (most card refunds are). */
  'refund.created': refund,
  /** A refund whose status changed, to final or not. */
  'refund.updated': refund,
  /** A refund that failed after it was created. */
  'refund.failed': refund,
  ...STRIPE_SUBSCRIPTION_EVENT_MAPPINGS,
  /** Disputes (no order id of ours: consumers use `providerPaymentReference`) and payouts. */
  ...STRIPE_SETTLEMENT_EVENT_MAPPINGS,
};

/**
 * Normalizes a verified Stripe event; types not in the table, and refunds not yet final, are
 * ignored. Throws `WebhookPayloadError` when a mapped object's id, amount or currency is unusable.
 */
export function toParsedWebhook(event: StripeEventFields): ParsedWebhook {
  const mapping = Object.prototype.hasOwnProperty.call(STRIPE_EVENT_MAPPINGS, event.type) ? STRIPE_EVENT_MAPPINGS[event.type] : undefined;
  const fields = mapping?.(event.data.object);
  if (!fields) return { accepted: true, ignored: true, providerEventId: event.id, providerType: event.type };
  const withoutUndefined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as ObjectFields;
  return {
    accepted: true,
    providerEventId: event.id,
    providerType: event.type,
    event: {
      ...withoutUndefined,
      provider: 'stripe',
      providerEventId: event.id,
      occurredAt: new Date(event.created * 1000).toISOString(),
      providerType: event.type,
    },
  };
}
