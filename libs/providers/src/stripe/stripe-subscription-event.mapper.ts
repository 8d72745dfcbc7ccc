import type Stripe from 'stripe';
import type { ProviderSubscriptionStatus } from '@payments/contracts';
import type { NeutralSubscriptionFacts } from '../port/provider-event.types';
import { reasonCodeOf } from '../port/reason-code';
import { booleanField, definedFields, optionalCurrencyField, optionalMinorUnitsField, optionalUnixTimeField, tokenField } from '../port/webhook-fields';
import type { StripeEventMapping } from './stripe-event.mapper';

/*
 * Stripe Billing events, read where API version 2026-10-28.endive puts things: an invoice names its
 * subscription in `parent.subscription_details` (with a snapshot of the subscription's metadata),
 * its service period on its lines, and a subscription its current period on its items. Our
 * subscription id is the `subscription_id` our subscription checkout put in the metadata; an event
 * without it is refused (`WebhookPayloadError`), never published half-read.
 */

const idOf = (ref: string | { id: string } | null | undefined) => (typeof ref === 'string' ? ref : ref?.id);
const ourSubscriptionId = (metadata: Stripe.Metadata | null | undefined, path: string) => tokenField(metadata?.subscription_id, `${path}.subscription_id`);

/** The line that bills the plan (a subscription item); the first line when none says so. */
function planLine(invoice: Stripe.Invoice): Stripe.InvoiceLineItem | undefined {
  const lines = Array.isArray(invoice.lines?.data) ? invoice.lines.data : [];
  return lines.find((line) => line?.parent?.type === 'subscription_item_details') ?? lines[0];
}

/** What an invoice of a subscription says about it; null for an invoice of no subscription (a one-off invoice). */
function invoiceSubscription(invoice: Stripe.Invoice): Pick<NeutralSubscriptionFacts, 'subscriptionId' | 'providerSubscriptionId'> | null {
  const details = invoice.parent?.subscription_details;
  if (!details) return null;
  return {
    providerSubscriptionId: tokenField(idOf(details.subscription), 'data.object.parent.subscription_details.subscription'),
    subscriptionId: ourSubscriptionId(details.metadata, 'data.object.parent.subscription_details.metadata'),
  };
}

const money = (invoice: Stripe.Invoice, field: 'amount_paid' | 'amount_due') => ({
  amountMinor: optionalMinorUnitsField(invoice[field], `data.object.${field}`),
  currency: optionalCurrencyField(invoice.currency, 'data.object.currency'),
});

const billingReasonOf = (invoice: Stripe.Invoice): 'create' | 'cycle' => (invoice.billing_reason === 'subscription_create' ? 'create' : 'cycle');

/**
 * A paid invoice is one collected period: `subscription_create` the first, anything later a
 * renewal (a `subscription_update` proration pays for the rest of the current period, so it too
 * extends nothing beyond the line's period end).
 */
export const invoicePaid: StripeEventMapping = (object) => {
  const invoice = object as Stripe.Invoice;
  const subscription = invoiceSubscription(invoice);
  if (!subscription) return null;
  const period = planLine(invoice)?.period;
  return {
    kind: 'subscription.payment_succeeded', providerObjectId: tokenField(invoice.id, 'data.object.id'), orderId: null, ...money(invoice, 'amount_paid'),
    subscription: definedFields({
      ...subscription,
      billingReason: billingReasonOf(invoice),
      periodStart: optionalUnixTimeField(period?.start, 'data.object.lines.data[0].period.start'),
      periodEnd: optionalUnixTimeField(period?.end, 'data.object.lines.data[0].period.end'),
      paidAt: optionalUnixTimeField(invoice.status_transitions?.paid_at, 'data.object.status_transitions.paid_at'),
    }),
  };
};

/**
 * A renewal (or the first charge) failed; Stripe retries on its schedule (`next_payment_attempt`,
 * null when it will not). The invoice carries no decline code of its own in this API version,
 * so the code is the finalization error's when there is one, else `payment_failed`.
 */
export const invoicePaymentFailed: StripeEventMapping = (object) => {
  const invoice = object as Stripe.Invoice;
  const subscription = invoiceSubscription(invoice);
  if (!subscription) return null;
  const error = invoice.last_finalization_error;
  return {
    kind: 'subscription.payment_failed', providerObjectId: tokenField(invoice.id, 'data.object.id'), orderId: null, ...money(invoice, 'amount_due'),
    reason: error?.message ?? error?.code ?? undefined,
    reasonCode: reasonCodeOf(error?.decline_code, error?.code) ?? 'payment_failed',
    subscription: definedFields({ ...subscription, nextAttemptAt: optionalUnixTimeField(invoice.next_payment_attempt, 'data.object.next_payment_attempt') }),
  };
};

/**
 * Stripe's statuses in ours. `incomplete` (before the first payment) and `paused` (no payment
 * method when a trial ended) are not reported: the first is where every subscription starts, and
 * our plans have no trials.
 */
const STATUS: Readonly<Partial<Record<Stripe.Subscription.Status, ProviderSubscriptionStatus>>> = {
  active: 'active',
  trialing: 'active',
  past_due: 'past_due',
  unpaid: 'past_due',
  canceled: 'ended',
  incomplete_expired: 'ended',
};

function subscriptionStatus(subscription: Stripe.Subscription, deleted: boolean): NeutralSubscriptionFacts | null {
  const stripeStatus = tokenField(subscription.status, 'data.object.status', 32) as Stripe.Subscription.Status;
  const status = deleted ? 'ended' : Object.hasOwn(STATUS, stripeStatus) ? STATUS[stripeStatus] : undefined;
  if (!status) return null;
  const cancellation = subscription.cancellation_details?.reason;
  return definedFields({
    subscriptionId: ourSubscriptionId(subscription.metadata, 'data.object.metadata'),
    providerSubscriptionId: tokenField(subscription.id, 'data.object.id'),
    status,
    cancelAtPeriodEnd: booleanField(subscription.cancel_at_period_end, 'data.object.cancel_at_period_end', false),
    currentPeriodEnd: optionalUnixTimeField(subscription.items?.data?.[0]?.current_period_end, 'data.object.items.data[0].current_period_end'),
    endReason: status === 'ended' ? (reasonCodeOf(cancellation) ?? (stripeStatus === 'incomplete_expired' ? 'incomplete_expired' : 'canceled')) : undefined,
  });
}

function subscriptionChanged(deleted: boolean): StripeEventMapping {
  return (object) => {
    const subscription = object as Stripe.Subscription;
    const facts = subscriptionStatus(subscription, deleted);
    if (!facts) return null;
    return {
      kind: 'subscription.status_reported', providerObjectId: facts.providerSubscriptionId, orderId: null, amountMinor: null,
      currency: optionalCurrencyField(subscription.currency, 'data.object.currency'), subscription: facts,
    };
  };
}

/** The Stripe Billing event types we act on, merged into `STRIPE_EVENT_MAPPINGS`. */
export const STRIPE_SUBSCRIPTION_EVENT_MAPPINGS: Readonly<Record<string, StripeEventMapping>> = {
  /** A period was paid (first or renewal), or the invoice was marked paid out of band. */
  'invoice.paid': invoicePaid,
  /** A payment attempt of a subscription invoice failed (declined, or no payment method). */
  'invoice.payment_failed': invoicePaymentFailed,
  /** Status, cancel at period end or the current period changed. */
  'customer.subscription.updated': subscriptionChanged(false),
  /** The subscription ended: canceled now, at its period's end, or after failed retries. */
  'customer.subscription.deleted': subscriptionChanged(true),
};
