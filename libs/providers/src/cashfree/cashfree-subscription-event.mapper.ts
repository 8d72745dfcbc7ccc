import { createHash } from 'node:crypto';
import type { ProviderSubscriptionStatus } from '@payments/contracts';
import type { NeutralEventKind } from '../port/provider-event.types';
import { reasonCodeOf } from '../port/reason-code';
import { definedFields, objectField, optionalCurrencyField, tokenField } from '../port/webhook-fields';
import { amountOf } from './cashfree-amount';
import type { CashfreeSubscriptionPaymentData, CashfreeSubscriptionStatusData } from './cashfree-api.types';
import type { CashfreeEventMapping } from './cashfree-event.mapper';
import { cashfreeTime } from './cashfree-time';

/*
 * Cashfree subscription webhooks (signed like every other Cashfree webhook). We create each
 * subscription with our subscription id as its `subscription_id`, so that id is both ours and the
 * one Cashfree addresses it by; a webhook without it is refused (`WebhookPayloadError`).
 */

/** Subscriptions are charged in INR only here; 2023-08-01 payment webhooks name no currency. */
const SUBSCRIPTION_CURRENCY = 'INR';

/**
 * One charge of a subscription. Event ids are `<type>:<cf_payment_id>:<status>`, with the retry
 * count appended once Cashfree retries (a UPI Autopay charge is retried under the same payment):
 * each failed try is its own fact. An `AUTH` payment is the mandate's authorization (reported by
 * `SUBSCRIPTION_AUTH_STATUS`), not a period's charge, and is ignored.
 *
 * Whether a charge is the subscription's first cannot be read from one webhook (Cashfree marks no
 * such thing), so every charge is a `cycle`: order-ledger treats the first paid period as the
 * first whatever its reason.
 */
function subscriptionCharge(kind: Extract<NeutralEventKind, 'subscription.payment_succeeded' | 'subscription.payment_failed'>): CashfreeEventMapping {
  return (data) => {
    const payment = data as CashfreeSubscriptionPaymentData;
    if (payment.payment_type === 'AUTH') return null;
    const subscriptionId = tokenField(payment.subscription_id, 'data.subscription_id');
    const cfPaymentId = tokenField(payment.cf_payment_id ?? payment.payment_id, 'data.cf_payment_id', 64);
    const status = tokenField(payment.payment_status, 'data.payment_status', 32);
    const currency = optionalCurrencyField(payment.payment_currency, 'data.payment_currency') ?? SUBSCRIPTION_CURRENCY;
    const { amountMinor, unreadable } = amountOf(payment.payment_amount, currency, 'payment_amount');
    const retries = typeof payment.retry_attempts === 'number' && Number.isSafeInteger(payment.retry_attempts) && payment.retry_attempts > 0 ? payment.retry_attempts : 0;
    const failed = kind === 'subscription.payment_failed';
    const failure = payment.failure_details?.failure_reason ?? payment.failureDetails?.failureReason ?? undefined;
    return {
      kind, providerObjectId: cfPaymentId, orderId: null, amountMinor, currency, status, cfId: cfPaymentId,
      idSuffix: failed && retries > 0 ? `retry-${retries}` : undefined,
      reason: unreadable ?? (failed ? failure : undefined),
      reasonCode: failed ? (reasonCodeOf(failure) ?? 'payment_failed') : undefined,
      subscription: { subscriptionId, providerSubscriptionId: subscriptionId, ...(failed ? {} : { billingReason: 'cycle' as const }) },
    };
  };
}

/**
 * Cashfree's subscription statuses in ours. INITIALIZED and BANK_APPROVAL_PENDING come before the
 * mandate is active, PAUSED and CUSTOMER_PAUSED stop charges without ending anything (our plans
 * are not paused): neither is reported.
 */
const STATUS: Readonly<Record<string, ProviderSubscriptionStatus>> = {
  ACTIVE: 'active',
  ON_HOLD: 'past_due',
  CANCELLED: 'ended',
  CUSTOMER_CANCELLED: 'ended',
  COMPLETED: 'ended',
  EXPIRED: 'ended',
  LINK_EXPIRED: 'ended',
  CARD_EXPIRED: 'ended',
};

/**
 * The subscription's status changed. A subscription can reach the same status twice (ACTIVE,
 * ON_HOLD, ACTIVE again), so the event id ends with a digest of the body, which every redelivery
 * repeats byte for byte. Cashfree has no cancel at period end; `next_schedule_date` is when the
 * next charge is due, which is where the paid period ends.
 */
const statusChanged: CashfreeEventMapping = (data, rawBody) => {
  const details = objectField((data as CashfreeSubscriptionStatusData).subscription_details, 'data.subscription_details');
  const subscriptionId = tokenField(details.subscription_id, 'data.subscription_details.subscription_id');
  const cashfreeStatus = tokenField(details.subscription_status, 'data.subscription_details.subscription_status', 32);
  const status = Object.hasOwn(STATUS, cashfreeStatus) ? STATUS[cashfreeStatus] : undefined;
  if (!status) return null;
  return {
    kind: 'subscription.status_reported', providerObjectId: subscriptionId, orderId: null, amountMinor: null, currency: null,
    status: cashfreeStatus, cfId: subscriptionId, idSuffix: createHash('sha256').update(rawBody).digest('hex').slice(0, 16),
    subscription: definedFields({
      subscriptionId, providerSubscriptionId: subscriptionId, status, cancelAtPeriodEnd: false,
      currentPeriodEnd: status === 'ended' ? undefined : cashfreeTime(details.next_schedule_date),
      endReason: status === 'ended' ? reasonCodeOf(cashfreeStatus) : undefined,
    }),
  };
};

/** The Cashfree subscription webhook types we act on, merged into `CASHFREE_EVENT_MAPPINGS`; `SUBSCRIPTION_AUTH_STATUS` and the rest are ignored. */
export const CASHFREE_SUBSCRIPTION_EVENT_MAPPINGS: Readonly<Record<string, CashfreeEventMapping>> = {
  /** Cashfree collected a period's charge. */
  SUBSCRIPTION_PAYMENT_SUCCESS: subscriptionCharge('subscription.payment_succeeded'),
  /** A charge failed; the subscription may go ON_HOLD, and UPI Autopay retries. */
  SUBSCRIPTION_PAYMENT_FAILED: subscriptionCharge('subscription.payment_failed'),
  /** The subscription's status changed. */
  SUBSCRIPTION_STATUS_CHANGED: statusChanged,
  /** The same, as the 2023-08-01 webhook reference spells it. */
  SUBSCRIPTION_STATUS_CHANGE: statusChanged,
};
