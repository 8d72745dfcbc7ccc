import { periodOf } from './billing-period';
import type { SubscriptionRecord } from './billing-records';
import type { SandboxPrice } from './price';

/*
 * The sandbox's subscriptions as Stripe's API returns them for API 2026-10-28.endive: the current
 * period on each item (`items.data[].current_period_start/end`), none on the subscription.
 */

export function planView(subscription: SubscriptionRecord, created: number) {
  return {
    id: subscription.priceId, object: 'plan' as const, active: true, amount: subscription.unitAmount, amount_decimal: String(subscription.unitAmount),
    billing_scheme: 'per_unit' as const, created, currency: subscription.currency, interval: subscription.recurrence.interval,
    interval_count: subscription.recurrence.intervalCount, livemode: false, metadata: {}, meter: null, nickname: null, product: subscription.productId,
    tiers_mode: null, transform_usage: null, trial_period_days: null, usage_type: 'licensed' as const,
  };
}

export function subscriptionItemView(subscription: SubscriptionRecord, price: SandboxPrice) {
  const period = periodOf(subscription.anchor, subscription.recurrence, subscription.cycle);
  return {
    id: subscription.itemId, object: 'subscription_item' as const, billing_thresholds: null, created: subscription.created,
    current_period_end: period.end, current_period_start: period.start, current_trial: null, discounts: [], metadata: {},
    plan: planView(subscription, subscription.created), price, quantity: subscription.quantity, subscription: subscription.id, tax_rates: [],
  };
}

export function subscriptionView(subscription: SubscriptionRecord, price: SandboxPrice) {
  const item = subscriptionItemView(subscription, price);
  const cancelAt = subscription.cancelAtPeriodEnd ? item.current_period_end : null;
  return {
    id: subscription.id, object: 'subscription' as const, application: null, application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null }, billing_cycle_anchor: subscription.anchor, billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' }, billing_schedules: [], billing_thresholds: null, cancel_at: cancelAt,
    cancel_at_period_end: subscription.cancelAtPeriodEnd, canceled_at: subscription.canceledAt,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: subscription.cancellationReason },
    collection_method: 'charge_automatically' as const, created: subscription.created, currency: subscription.currency, customer: subscription.customerId,
    customer_account: null, days_until_due: null, default_payment_method: null, default_source: null, default_tax_rates: [], description: null,
    discounts: [], ended_at: subscription.endedAt,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    items: { object: 'list' as const, data: [item], has_more: false, total_count: 1, url: `/v1/subscription_items?subscription=${subscription.id}` },
    latest_invoice: subscription.latestInvoiceId, livemode: false, managed_payments: null, metadata: subscription.metadata,
    next_pending_invoice_item_invoice: null, on_behalf_of: null, pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null, pending_setup_intent: null, pending_update: null, schedule: null, start_date: subscription.anchor,
    status: subscription.status, test_clock: subscription.testClockId, transfer_data: null, trial_end: null, trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
}

export type SubscriptionView = ReturnType<typeof subscriptionView>;

/**
 * `previous_attributes` of `customer.subscription.updated`: the top-level fields whose values
 * changed, with their old values (a changed item period shows as the old `items`), as Stripe sends them.
 */
export function previousAttributes(before: SubscriptionView, after: SubscriptionView): Record<string, unknown> {
  const changed = Object.keys(before).filter((key) =>
    JSON.stringify((before as Record<string, unknown>)[key]) !== JSON.stringify((after as Record<string, unknown>)[key]));
  return Object.fromEntries(changed.map((key) => [key, (before as Record<string, unknown>)[key]]));
}
