import { CashfreeApiResponse, CashfreeErrors } from '../cashfree/cashfree-api.errors';
import type { CashfreeOperation } from '../cashfree/cashfree-api.gateway';
import { parseCreatePlan, parseCreateSubscription, parseManage } from './cashfree-subscription.params';
import { planEntity, subscriptionEntity, subscriptionPaymentEntity } from './cashfree-subscription.views';
import type { CashfreeSubscriptions, SubscriptionChange } from './cashfree-subscriptions.service';

const ok = (body: unknown): CashfreeApiResponse => ({ status: 200, body });

/** A refused subscription change as Cashfree words it. */
export function changeRefusal(outcome: Extract<SubscriptionChange, { ok: false }>, action: string): CashfreeApiResponse {
  if (outcome.reason === 'not_found') return CashfreeErrors.subscriptionNotFound();
  return CashfreeErrors.subscriptionActionNotAllowed(action, outcome.subscription?.status ?? 'unknown');
}

/** The `/pg/plans` and `/pg/subscriptions` operations, run inside `CashfreeApiGateway.handle`. */
export class CashfreeSubscriptionsApi {
  constructor(private readonly subscriptions: CashfreeSubscriptions) {}

  createPlan(body: unknown): CashfreeOperation {
    return () => {
      const parsed = parseCreatePlan(body);
      if (!parsed.ok) return { rejected: parsed.error };
      return { executed: this.subscriptions.createPlan(parsed.params) ? ok(planEntity(parsed.params)) : CashfreeErrors.planAlreadyExists() };
    };
  }

  getPlan(planId: string): CashfreeOperation {
    return () => {
      const plan = this.subscriptions.findPlan(planId);
      return { executed: plan ? ok(planEntity(plan)) : CashfreeErrors.planNotFound() };
    };
  }

  create(body: unknown): CashfreeOperation {
    return () => {
      const parsed = parseCreateSubscription(body);
      if (!parsed.ok) return { rejected: parsed.error };
      const created = this.subscriptions.create(parsed.params);
      if (created.ok) return { executed: ok(subscriptionEntity(created.subscription)) };
      return { executed: created.reason === 'exists' ? CashfreeErrors.subscriptionAlreadyExists() : CashfreeErrors.planNotFound() };
    };
  }

  get(subscriptionId: string): CashfreeOperation {
    return () => {
      const subscription = this.subscriptions.find(subscriptionId);
      return { executed: subscription ? ok(subscriptionEntity(subscription)) : CashfreeErrors.subscriptionNotFound() };
    };
  }

  payments(subscriptionId: string): CashfreeOperation {
    return () => {
      const subscription = this.subscriptions.find(subscriptionId);
      if (!subscription) return { executed: CashfreeErrors.subscriptionNotFound() };
      return { executed: ok(subscription.payments.map((payment) => subscriptionPaymentEntity(subscription, payment))) };
    };
  }

  /** CANCEL, PAUSE or ACTIVATE; each change sends SUBSCRIPTION_STATUS_CHANGED. */
  manage(subscriptionId: string, body: unknown): CashfreeOperation {
    return () => {
      const parsed = parseManage(body, subscriptionId);
      if (!parsed.ok) return { rejected: parsed.error };
      const changed = this.subscriptions.manage(subscriptionId, parsed.params);
      return { executed: changed.ok ? ok(subscriptionEntity(changed.subscription)) : changeRefusal(changed, parsed.params) };
    };
  }
}
