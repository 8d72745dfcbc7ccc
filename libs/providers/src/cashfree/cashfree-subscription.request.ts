import { createHash } from 'node:crypto';
import { assertMinorUnits } from '../port/minor-units';
import { ProviderError } from '../port/provider.errors';
import type { OpenSubscriptionCheckoutInput } from '../port/subscription.port';
import { JsonDecimal, writeCashfreeJson } from './cashfree-json.writer';
import { toCashfreeAmount } from './cashfree-amount';
import { CASHFREE_CURRENCIES, cashfreeCustomerPhone } from './cashfree-order.request';

const SUBSCRIPTION_ID = /^[A-Za-z0-9_-]{3,250}$/;
const PLAN_ID_MAX = 40;
const INTERVAL_TYPES = { month: 'MONTH', year: 'YEAR' } as const;
/** How the customer may authorize the mandate: UPI Autopay, eNACH (net banking) or a card. */
export const SUBSCRIPTION_PAYMENT_METHODS: readonly string[] = ['upi', 'enach', 'card'];
/** The authorization charge (refunded) UPI Autopay and cards need to set up the mandate; eNACH ignores it. */
const AUTHORIZATION_AMOUNT = new JsonDecimal('1.00');

const invalid = (message: string) => new ProviderError('PROVIDER.INVALID_REQUEST', message);

export interface SubscriptionRequestSettings {
  placeholderPhone: string;
  placeholderEmail: string;
  /** `subscription_meta.return_url` when the input names none. */
  returnUrl?: string;
}

/** Checks what Cashfree would refuse anyway, before any call. */
export function assertOpenableSubscription(input: OpenSubscriptionCheckoutInput): void {
  assertMinorUnits(input.amountMinor);
  if (input.amountMinor === 0) throw invalid('a plan that renews must cost something each period');
  if (!CASHFREE_CURRENCIES.includes(input.currency)) throw invalid(`Cashfree charges ${CASHFREE_CURRENCIES.join(', ')} only, not "${input.currency}"`);
  if (!Object.hasOwn(INTERVAL_TYPES, input.interval)) throw invalid(`interval must be month or year, got "${String(input.interval)}"`);
  if (!SUBSCRIPTION_ID.test(input.subscriptionId)) throw invalid(`subscription id "${input.subscriptionId}" is not letters, digits, "_" or "-" as Cashfree requires`);
  if (!input.idempotencyKey) throw invalid('an idempotency key derived from our ids is required');
}

/**
 * One Cashfree plan per (plan, currency, price, interval): `plan-pro-monthly_INR_94282_MONTH`. A
 * price change is a new plan, so a plan id always means one price, and creating it again is the
 * same request. Ids longer than Cashfree takes keep a prefix and a hash of the whole.
 */
export function cashfreePlanId(input: Pick<OpenSubscriptionCheckoutInput, 'planId' | 'currency' | 'amountMinor' | 'interval'>): string {
  const full = `${input.planId}_${input.currency}_${input.amountMinor}_${INTERVAL_TYPES[input.interval]}`.replace(/[^A-Za-z0-9_-]/g, '-');
  if (full.length <= PLAN_ID_MAX) return full;
  const digest = createHash('sha256').update(full, 'utf8').digest('hex').slice(0, 16);
  return `${full.slice(0, PLAN_ID_MAX - 17)}_${digest}`;
}

/** The `POST /plans` body: a PERIODIC plan of one interval, charging exactly the period's price. */
export function createPlanBody(input: OpenSubscriptionCheckoutInput): string {
  const amount = toCashfreeAmount(input.amountMinor, input.currency);
  return writeCashfreeJson({
    plan_id: cashfreePlanId(input),
    plan_name: input.description.trim().slice(0, 40) || input.planId,
    plan_type: 'PERIODIC',
    plan_currency: input.currency,
    plan_recurring_amount: amount,
    plan_max_amount: amount,
    plan_intervals: 1,
    plan_interval_type: INTERVAL_TYPES[input.interval],
    plan_note: input.planId,
  });
}

/**
 * The `POST /subscriptions` body: our subscription id as Cashfree's `subscription_id` (every later
 * call and webhook names the subscription by it) and again in `subscription_tags`, the plan created
 * for it, and the mandate methods the customer may choose from.
 */
export function createSubscriptionBody(input: OpenSubscriptionCheckoutInput, settings: SubscriptionRequestSettings): string {
  const email = input.customerEmail && input.customerEmail.length <= 100 ? input.customerEmail : settings.placeholderEmail;
  const returnUrl = input.successUrl ?? settings.returnUrl;
  return writeCashfreeJson({
    subscription_id: input.subscriptionId,
    customer_details: { customer_email: email, customer_phone: cashfreeCustomerPhone(input.customerPhone, settings.placeholderPhone) },
    plan_details: { plan_id: cashfreePlanId(input) },
    authorization_details: { authorization_amount: AUTHORIZATION_AMOUNT, authorization_amount_refund: true, payment_methods: SUBSCRIPTION_PAYMENT_METHODS },
    subscription_meta: returnUrl ? { return_url: returnUrl } : undefined,
    subscription_tags: { subscription_id: input.subscriptionId, user_id: input.customerId.slice(0, 255), plan_id: input.planId },
  });
}

/** `POST /subscriptions/{id}/manage`: Cashfree's only way to stop a subscription, at once (it has no cancel at period end). */
export function cancelSubscriptionBody(subscriptionId: string): string {
  return writeCashfreeJson({ subscription_id: subscriptionId, action: 'CANCEL' });
}

export function assertSubscriptionReference(reference: string): void {
  if (!SUBSCRIPTION_ID.test(reference)) throw invalid(`not a Cashfree subscription id: "${reference}"`);
}

/** The mandate authorization page for a subscription session, when one is configured. */
export function subscriptionCheckoutUrl(template: string | undefined, subscriptionId: string, sessionId: string | undefined): string | undefined {
  if (!template || !sessionId) return undefined;
  return template
    .replaceAll('{subscription_session_id}', encodeURIComponent(sessionId))
    .replaceAll('{subscription_id}', encodeURIComponent(subscriptionId));
}

/** Cashfree answers a create whose id already exists with a conflict; for ids derived from the whole request, that is our earlier create. */
export function isAlreadyExists(error: unknown): error is ProviderError {
  return error instanceof ProviderError && (error.code === 'PROVIDER.IDEMPOTENCY_CONFLICT' || /already_exists/i.test(error.providerCode ?? ''));
}
