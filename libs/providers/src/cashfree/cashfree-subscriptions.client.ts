import type {
  CancelSubscriptionInput, CancelSubscriptionResult, OpenSubscriptionCheckoutInput, OpenSubscriptionCheckoutResult,
} from '../port/subscription.port';
import type { CashfreePlanEntity, CashfreeSubscriptionEntity } from './cashfree-api.types';
import type { CashfreeHttpClient } from './cashfree-http.client';
import { cashfreeIdempotencyKey } from './cashfree-order.request';
import {
  SubscriptionRequestSettings, assertOpenableSubscription, assertSubscriptionReference, cancelSubscriptionBody, cashfreePlanId, createPlanBody,
  createSubscriptionBody, isAlreadyExists, subscriptionCheckoutUrl,
} from './cashfree-subscription.request';

const subscriptionPath = (subscriptionId: string) => `/subscriptions/${encodeURIComponent(subscriptionId)}`;

export interface CashfreeSubscriptionSettings extends SubscriptionRequestSettings {
  /** See `CashfreeAdapterConfig.subscriptionCheckoutUrl`. */
  checkoutUrl?: string;
}

/**
 * Cashfree subscriptions: a PERIODIC plan per price and interval, then a subscription with our
 * subscription id as its `subscription_id`, which the customer authorizes as a mandate (UPI
 * Autopay, eNACH, card); Cashfree then charges each period itself.
 */
export class CashfreeSubscriptions {
  constructor(
    private readonly http: CashfreeHttpClient,
    private readonly settings: CashfreeSubscriptionSettings,
  ) {}

  async open(input: OpenSubscriptionCheckoutInput): Promise<OpenSubscriptionCheckoutResult> {
    assertOpenableSubscription(input);
    await this.ensurePlan(input);
    let subscription: CashfreeSubscriptionEntity;
    try {
      subscription = await this.http.call<CashfreeSubscriptionEntity>({
        method: 'POST', path: '/subscriptions', body: createSubscriptionBody(input, this.settings),
        idempotencyKey: cashfreeIdempotencyKey(input.idempotencyKey), what: 'create subscription',
      });
    } catch (error) {
      subscription = await this.existingSubscriptionFor(input, error);
    }
    return {
      provider: 'cashfree',
      providerReference: subscription.subscription_id,
      subscriptionSessionId: subscription.subscription_session_id,
      redirectUrl: subscriptionCheckoutUrl(this.settings.checkoutUrl, subscription.subscription_id, subscription.subscription_session_id),
      status: subscription.subscription_status,
    };
  }

  /** Both modes are Cashfree's `CANCEL`, which ends the mandate now: there is no cancel at period end. */
  async cancel(input: CancelSubscriptionInput): Promise<CancelSubscriptionResult> {
    assertSubscriptionReference(input.providerReference);
    const subscription = await this.http.call<CashfreeSubscriptionEntity>({
      method: 'POST', path: `${subscriptionPath(input.providerReference)}/manage`, body: cancelSubscriptionBody(input.providerReference),
      idempotencyKey: cashfreeIdempotencyKey(input.idempotencyKey), what: 'cancel subscription',
    });
    return { providerSubscriptionId: subscription.subscription_id ?? input.providerReference, mode: 'immediately', status: subscription.subscription_status };
  }

  /** Creates the plan; one that exists already is the same plan (its id is derived from everything in it). */
  private async ensurePlan(input: OpenSubscriptionCheckoutInput): Promise<void> {
    const planId = cashfreePlanId(input);
    try {
      await this.http.call<CashfreePlanEntity>({
        method: 'POST', path: '/plans', body: createPlanBody(input), idempotencyKey: cashfreeIdempotencyKey(`plan-${planId}`), what: 'create plan',
      });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  /**
   * The subscription id is taken: our first request did create it, and its idempotency record is
   * gone. If the subscription Cashfree holds is on the plan we asked for, it is ours to continue with.
   */
  private async existingSubscriptionFor(input: OpenSubscriptionCheckoutInput, error: unknown): Promise<CashfreeSubscriptionEntity> {
    if (!isAlreadyExists(error)) throw error;
    const existing = await this.http.call<CashfreeSubscriptionEntity>({ method: 'GET', path: subscriptionPath(input.subscriptionId), what: 'get subscription' });
    if (existing.plan_details?.plan_id !== cashfreePlanId(input)) throw error;
    return existing;
  }
}
