import { CashfreeErrors } from '../cashfree/cashfree-api.errors';
import { EMAIL, FieldError, PHONE, ParamsResult, amount, httpUrl, isObject, parse, text } from '../cashfree/cashfree-order.params';
import { MANDATE_METHODS, MandateMethod, PLAN_INTERVAL_TYPES, PlanIntervalType, PlanRecord, SubscriptionTerms } from './cashfree-subscription';

type Body = Record<string, unknown>;
const ID = /^[A-Za-z0-9_-]{3,250}$/;

export interface CreateSubscriptionParams extends SubscriptionTerms {
  /** An existing plan's id, or a plan given inline. */
  readonly plan: { readonly planId: string } | { readonly inline: PlanRecord };
}

export type ManageAction = 'CANCEL' | 'PAUSE' | 'ACTIVATE';

function integer(body: Body, field: string, range: { min: number; max: number }, prefix = ''): number | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || (value as number) < range.min || (value as number) > range.max) {
    throw new FieldError(CashfreeErrors.invalidField(`${prefix}${field}`, `should be an integer from ${range.min} to ${range.max}`));
  }
  return value as number;
}

function object(body: Body, field: string, required: boolean): Body {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw new FieldError(CashfreeErrors.missingField(field));
    return {};
  }
  if (!isObject(value)) throw new FieldError(CashfreeErrors.invalidField(field));
  return value;
}

function time(body: Body, field: string): Date | null {
  const value = text(body, field, { min: 10, max: 40 });
  if (value === null) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new FieldError(CashfreeErrors.invalidField(field, 'should be an ISO 8601 time'));
  return at;
}

/** A PERIODIC plan's fields: `POST /plans`, or `plan_details` given inline (`plan_amount` there). */
function readPlan(body: Body, prefix: string, amountField: 'plan_recurring_amount' | 'plan_amount'): PlanRecord {
  const type = text(body, 'plan_type', { min: 1, max: 20, required: true }, prefix);
  if (type !== 'PERIODIC') throw new FieldError(CashfreeErrors.invalidField(`${prefix}plan_type`, 'the sandbox serves PERIODIC plans only'));
  const currency = text(body, 'plan_currency', { min: 3, max: 3 }, prefix) ?? 'INR';
  if (currency !== 'INR') throw new FieldError(CashfreeErrors.invalidField(`${prefix}plan_currency`, 'the sandbox supports INR only'));
  const intervalType = text(body, 'plan_interval_type', { min: 3, max: 5, required: true }, prefix) as PlanIntervalType;
  if (!PLAN_INTERVAL_TYPES.includes(intervalType)) throw new FieldError(CashfreeErrors.invalidField(`${prefix}plan_interval_type`, `should be one of ${PLAN_INTERVAL_TYPES.join(', ')}`));
  const recurringAmountMinor = amount(body, amountField, 100);
  const maxAmountMinor = amount(body, 'plan_max_amount', 100);
  if (maxAmountMinor < recurringAmountMinor) throw new FieldError(CashfreeErrors.invalidField(`${prefix}plan_max_amount`, 'should not be less than the recurring amount'));
  return {
    planId: text(body, 'plan_id', { min: 1, max: 40, pattern: ID }, prefix) ?? '', name: text(body, 'plan_name', { min: 1, max: 40, required: true }, prefix) as string,
    type: 'PERIODIC', currency: 'INR', recurringAmountMinor, maxAmountMinor, maxCycles: integer(body, 'plan_max_cycles', { min: 1, max: 10_000 }, prefix),
    intervals: integer(body, 'plan_intervals', { min: 1, max: 365 }, prefix) ?? 1, intervalType, note: text(body, 'plan_note', { min: 1, max: 500 }, prefix),
  };
}

/** `POST /plans`. */
export function parseCreatePlan(body: unknown): ParamsResult<PlanRecord> {
  return parse(body, (fields) => {
    const plan = readPlan(fields, '', 'plan_recurring_amount');
    if (!plan.planId) throw new FieldError(CashfreeErrors.missingField('plan_id'));
    return plan;
  });
}

function paymentMethods(details: Body): MandateMethod[] {
  const raw = details.payment_methods;
  if (raw === undefined || raw === null) return [...MANDATE_METHODS];
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((method) => MANDATE_METHODS.includes(method as MandateMethod))) {
    throw new FieldError(CashfreeErrors.invalidField('authorization_details.payment_methods', `the sandbox offers ${MANDATE_METHODS.join(', ')}`));
  }
  return raw as MandateMethod[];
}

function tags(body: Body): Record<string, string> | null {
  const value = body.subscription_tags;
  if (value === undefined || value === null) return null;
  if (!isObject(value) || !Object.values(value).every((tag) => typeof tag === 'string')) throw new FieldError(CashfreeErrors.invalidField('subscription_tags'));
  return value as Record<string, string>;
}

/** `POST /subscriptions` (2023-08-01 request names: `authorization_details`, `plan_details`, `subscription_meta`). */
export function parseCreateSubscription(body: unknown): ParamsResult<CreateSubscriptionParams> {
  return parse(body, (fields) => {
    const subscriptionId = text(fields, 'subscription_id', { min: 1, max: 250, pattern: ID, required: true }) as string;
    const customer = object(fields, 'customer_details', true);
    const planDetails = object(fields, 'plan_details', true);
    const planId = text(planDetails, 'plan_id', { min: 1, max: 40, pattern: ID }, 'plan_details.');
    const authorization = object(fields, 'authorization_details', false);
    const meta = object(fields, 'subscription_meta', false);
    const authorizationAmount = authorization.authorization_amount === undefined ? 100 : amount(authorization, 'authorization_amount', 0);
    return {
      subscriptionId,
      plan: planId ? { planId } : { inline: readPlan(planDetails, 'plan_details.', 'plan_amount') },
      customer: {
        name: text(customer, 'customer_name', { min: 1, max: 100 }, 'customer_details.'),
        email: text(customer, 'customer_email', { min: 3, max: 100, pattern: EMAIL, required: true }, 'customer_details.') as string,
        phone: text(customer, 'customer_phone', { min: 10, max: 10, pattern: PHONE, required: true }, 'customer_details.') as string,
      },
      paymentMethods: paymentMethods(authorization),
      authorizationAmountMinor: authorizationAmount,
      returnUrl: httpUrl(text(meta, 'return_url', { min: 1, max: 500 }, 'subscription_meta.'), 'subscription_meta.return_url'),
      firstChargeTime: time(fields, 'subscription_first_charge_time'),
      expiryTime: time(fields, 'subscription_expiry_time'),
      tags: tags(fields),
    };
  });
}

/** `POST /subscriptions/{id}/manage`: `{ subscription_id, action }`; the sandbox serves CANCEL, PAUSE and ACTIVATE. */
export function parseManage(body: unknown, subscriptionId: string): ParamsResult<ManageAction> {
  return parse(body, (fields) => {
    const given = text(fields, 'subscription_id', { min: 1, max: 250 });
    if (given !== null && given !== subscriptionId) throw new FieldError(CashfreeErrors.invalidField('subscription_id', 'does not match the path'));
    const action = text(fields, 'action', { min: 1, max: 20, required: true });
    if (action !== 'CANCEL' && action !== 'PAUSE' && action !== 'ACTIVATE') throw new FieldError(CashfreeErrors.invalidField('action', 'should be CANCEL, PAUSE or ACTIVATE'));
    return action;
  });
}
