import { toCashfreeAmount } from '@payments/providers';
import { istTime } from '../cashfree/cashfree-order';
import type { CashfreeWebhookPayload } from '../cashfree-webhooks/cashfree-webhook.payloads';
import { CashfreeSubscriptionRecord, MandateMethod, PlanRecord, SubscriptionPayment, nextScheduleDate } from './cashfree-subscription';
import type { CashfreeSubscriptionWebhookType } from './cashfree-subscription.decider';

/*
 * Cashfree subscriptions in their x-api-version 2023-08-01 wire shapes. The subscription entity
 * spells `authorisation_details` (as Cashfree's response does); payments and webhooks spell
 * `authorization_details`. Amounts are `JsonDecimal`s (499.00).
 */

const amount = (minor: number) => toCashfreeAmount(minor, 'INR');
const ist = (date: Date | null) => (date ? istTime(date) : null);

const METHOD_DETAILS: Readonly<Record<MandateMethod, unknown>> = {
  upi: { upi: { channel: 'autopay', upi_id: 'testsuccess@gocash' } },
  enach: { enach: { channel: 'net_banking', bank_name: 'Sandbox Bank' } },
  card: { card: { channel: 'link', card_network: 'visa' } },
};

export function planEntity(plan: PlanRecord) {
  return {
    plan_currency: plan.currency, plan_id: plan.planId, plan_interval_type: plan.intervalType, plan_intervals: plan.intervals,
    plan_max_amount: amount(plan.maxAmountMinor), plan_max_cycles: plan.maxCycles, plan_name: plan.name, plan_note: plan.note,
    plan_recurring_amount: amount(plan.recurringAmountMinor), plan_status: 'ACTIVE', plan_type: plan.type,
  };
}

export function authorizationDetails(subscription: CashfreeSubscriptionRecord) {
  const { authorization } = subscription;
  return {
    authorization_amount: amount(subscription.authorizationAmountMinor),
    authorization_amount_refund: false,
    authorization_reference: authorization?.reference ?? null,
    authorization_time: ist(authorization?.at ?? null),
    authorization_status: authorization?.status ?? 'INITIALIZED',
    payment_id: authorization?.paymentId ?? null,
    payment_group: authorization?.method ?? null,
    payment_method: authorization ? METHOD_DETAILS[authorization.method] : null,
  };
}

const customerDetails = (subscription: CashfreeSubscriptionRecord) => ({
  customer_name: subscription.customer.name, customer_email: subscription.customer.email, customer_phone: subscription.customer.phone,
});

/** `GET /subscriptions/{id}` and the answer to `POST /subscriptions`. */
export function subscriptionEntity(subscription: CashfreeSubscriptionRecord) {
  return {
    authorisation_details: authorizationDetails(subscription),
    cf_subscription_id: subscription.cfSubscriptionId,
    customer_details: customerDetails(subscription),
    plan_details: planEntity(subscription.plan),
    subscription_expiry_time: ist(subscription.expiryTime),
    subscription_first_charge_time: ist(subscription.firstChargeTime),
    subscription_id: subscription.subscriptionId,
    subscription_meta: { return_url: subscription.returnUrl },
    subscription_note: null,
    subscription_payment_splits: [],
    subscription_session_id: subscription.sessionId,
    subscription_status: subscription.status,
    subscription_tags: subscription.tags,
    next_schedule_date: ist(nextScheduleDate(subscription)),
  };
}

/** One element of `GET /subscriptions/{id}/payments`, and the data of AUTH_STATUS and PAYMENT_* webhooks. */
export function subscriptionPaymentEntity(subscription: CashfreeSubscriptionRecord, payment: SubscriptionPayment) {
  return {
    authorization_details: authorizationDetails(subscription),
    cf_order_id: `${payment.cfPaymentId}0`,
    cf_payment_id: payment.cfPaymentId,
    cf_subscription_id: subscription.cfSubscriptionId,
    cf_txn_id: payment.cfTxnId,
    failure_details: payment.failureReason ? { failure_reason: payment.failureReason } : null,
    payment_amount: amount(payment.amountMinor),
    payment_id: payment.paymentId,
    payment_initiated_date: istTime(payment.initiatedDate),
    payment_remarks: payment.type === 'AUTH' ? 'mandate authorization' : `cycle ${(payment.cycle ?? 0) + 1}`,
    payment_schedule_date: istTime(payment.scheduleDate),
    payment_status: payment.status,
    payment_type: payment.type,
    retry_attempts: payment.retryAttempts,
    subscription_id: subscription.subscriptionId,
    payment_gateway_details: { gateway_name: 'CASHFREE', gateway_subscription_id: subscription.cfSubscriptionId, gateway_payment_id: payment.cfPaymentId },
  };
}

/** SUBSCRIPTION_STATUS_CHANGED: the subscription, its customer, plan, mandate and gateway ids. */
function statusChangedData(subscription: CashfreeSubscriptionRecord): Record<string, unknown> {
  const entity = subscriptionEntity(subscription);
  return {
    subscription_details: {
      cf_subscription_id: entity.cf_subscription_id, subscription_id: entity.subscription_id, subscription_status: entity.subscription_status,
      subscription_expiry_time: entity.subscription_expiry_time, subscription_first_charge_time: entity.subscription_first_charge_time,
      subscription_tags: entity.subscription_tags, next_schedule_date: entity.next_schedule_date,
    },
    customer_details: entity.customer_details,
    plan_details: entity.plan_details,
    authorization_details: entity.authorisation_details,
    payment_gateway_details: {
      gateway_name: 'CASHFREE', gateway_subscription_id: subscription.cfSubscriptionId, gateway_plan_id: subscription.plan.planId,
      gateway_auth_id: subscription.authorization?.paymentId ?? null,
    },
  };
}

/** The webhook body of `type` after a change: the subscription (status), or the payment it made (auth, charges). */
export function subscriptionWebhookPayload(
  type: CashfreeSubscriptionWebhookType, subscription: CashfreeSubscriptionRecord, payment: SubscriptionPayment | null, at: Date,
): CashfreeWebhookPayload {
  const data = type === 'SUBSCRIPTION_STATUS_CHANGED' || !payment ? statusChangedData(subscription) : subscriptionPaymentEntity(subscription, payment);
  return { data, event_time: istTime(at), type };
}
