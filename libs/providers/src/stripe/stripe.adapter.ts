import Stripe from 'stripe';
import type { ProviderName } from '@payments/contracts';
import type {
  OpenCheckoutInput, OpenCheckoutResult, PaymentProviderPort, RefundInput, RefundResult, RetrievedPayment, RetrievedRefund,
} from '../port/payment-provider.port';
import type { ParsedWebhook } from '../port/provider-event.types';
import type { DisputeAction, DisputeActionResult, ProviderSettlement, SettlementDayQuery, SettlementProviderPort } from '../port/settlement.port';
import type {
  CancelSubscriptionInput, CancelSubscriptionResult, OpenSubscriptionCheckoutInput, OpenSubscriptionCheckoutResult,
} from '../port/subscription.port';
import { STRIPE_DEFAULTS, StripeAdapterConfig, StripeAdapterDependencies } from './stripe-adapter.config';
import { assertCheckoutInput, checkoutSessionParams, invalidRequest as invalid, paymentIntentParams } from './stripe-checkout.request';
import { assertDisputeAction, evidenceParams, toDisputeActionResult } from './stripe-dispute.request';
import { toProviderError } from './stripe-error.mapper';
import { toParsedWebhook } from './stripe-event.mapper';
import { assertRefundInput, refundParams, toRefundResult, toRetrievedRefund } from './stripe-refund.request';
import {
  assertSubscriptionCheckoutInput, assertSubscriptionReference, subscriptionCheckoutSessionParams, subscriptionOfSession, toCancelResult,
} from './stripe-subscription.request';
import { readSettlementDay } from './stripe-settlements.reader';
import { verifyStripeWebhook } from './stripe-webhook.verifier';

/**
 * Stripe PaymentIntents, Checkout Sessions, Refunds, Billing subscriptions, payouts and disputes behind the provider
 * ports, through the official SDK only, always with our idempotency key.
 */
export class StripeAdapter implements PaymentProviderPort, SettlementProviderPort {
  readonly name: ProviderName = 'stripe';
  private readonly stripe: Stripe;
  private readonly toleranceSeconds: number;
  private readonly now: () => Date;
  private readonly listPageSize: number;

  constructor(private readonly config: StripeAdapterConfig, dependencies: StripeAdapterDependencies = {}) {
    if (!config.secretKey) throw new Error('StripeAdapterConfig.secretKey is empty');
    this.toleranceSeconds = config.webhookToleranceSeconds ?? STRIPE_DEFAULTS.webhookToleranceSeconds;
    // A tolerance of 0 would make the SDK skip the timestamp check: stale replays would pass.
    if (!(this.toleranceSeconds > 0)) throw new Error('StripeAdapterConfig.webhookToleranceSeconds must be positive');
    this.now = dependencies.now ?? (() => new Date());
    this.listPageSize = config.listPageSize ?? STRIPE_DEFAULTS.listPageSize;
    if (!Number.isInteger(this.listPageSize) || this.listPageSize < 1 || this.listPageSize > 100) {
      throw new Error('StripeAdapterConfig.listPageSize must be a whole number from 1 to 100');
    }
    this.stripe = new Stripe(config.secretKey, {
      host: config.apiHost,
      port: config.apiPort,
      protocol: config.apiProtocol,
      timeout: config.timeoutMs ?? STRIPE_DEFAULTS.timeoutMs,
      maxNetworkRetries: config.maxNetworkRetries ?? STRIPE_DEFAULTS.maxNetworkRetries,
      telemetry: false,
    });
  }

  async openCheckout(input: OpenCheckoutInput): Promise<OpenCheckoutResult> {
    assertCheckoutInput(input);
    const options = { idempotencyKey: input.idempotencyKey };
    if (input.mode === 'hosted_page') {
      const session = await this.call(() => this.stripe.checkout.sessions.create(checkoutSessionParams(input), options));
      return { provider: 'stripe', providerReference: session.id, redirectUrl: session.url ?? undefined, status: session.status ?? 'open' };
    }
    const intent = await this.call(() => this.stripe.paymentIntents.create(paymentIntentParams(input), options));
    return {
      provider: 'stripe',
      providerReference: intent.id,
      clientSecret: intent.client_secret ?? undefined,
      status: intent.status,
    };
  }

  /**
   * A PaymentIntent (`pi_...`), or a Checkout Session (`cs_...`): reported as its PaymentIntent once
   * the customer tried to pay, before that with the session's own status (`open`, `expired`).
   */
  async retrievePayment(providerReference: string): Promise<RetrievedPayment> {
    if (providerReference.startsWith('cs_')) {
      const session = await this.call(() => this.stripe.checkout.sessions.retrieve(providerReference));
      const intentId = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
      if (intentId) return this.retrievePayment(intentId);
      return {
        status: session.status ?? 'open',
        amountMinor: session.amount_total ?? 0,
        currency: (session.currency ?? '').toUpperCase(),
        orderId: session.metadata?.order_id || null,
        paid: false,
        paymentId: null,
      };
    }
    if (!providerReference.startsWith('pi_')) throw invalid(`not a PaymentIntent or Checkout Session id: "${providerReference}"`);
    const intent = await this.call(() => this.stripe.paymentIntents.retrieve(providerReference));
    return {
      status: intent.status,
      amountMinor: intent.status === 'succeeded' ? intent.amount_received : intent.amount,
      currency: intent.currency.toUpperCase(),
      orderId: intent.metadata?.order_id || null,
      paid: intent.status === 'succeeded',
      paymentId: intent.status === 'succeeded' ? intent.id : null,
    };
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    assertRefundInput(input);
    const refund = await this.call(() => this.stripe.refunds.create(refundParams(input), { idempotencyKey: input.idempotencyKey }));
    return toRefundResult(refund);
  }

  async retrieveRefund(providerRefundId: string): Promise<RetrievedRefund> {
    if (!/^(re|pyr)_/.test(providerRefundId)) throw invalid(`not a Stripe refund id: "${providerRefundId}"`);
    return toRetrievedRefund(await this.call(() => this.stripe.refunds.retrieve(providerRefundId)));
  }

  async openSubscriptionCheckout(input: OpenSubscriptionCheckoutInput): Promise<OpenSubscriptionCheckoutResult> {
    assertSubscriptionCheckoutInput(input);
    const params = subscriptionCheckoutSessionParams(input);
    const session = await this.call(() => this.stripe.checkout.sessions.create(params, { idempotencyKey: input.idempotencyKey }));
    return { provider: 'stripe', providerReference: session.id, redirectUrl: session.url ?? undefined, status: session.status ?? 'open' };
  }

  /**
   * At period end: `cancel_at_period_end=true` (the subscription stays active and Stripe deletes it
   * when the period ends); immediately: `DELETE /v1/subscriptions/:id`. A Checkout Session
   * reference is resolved to the Subscription it created first.
   */
  async cancelSubscription(input: CancelSubscriptionInput): Promise<CancelSubscriptionResult> {
    assertSubscriptionReference(input.providerReference);
    if (!input.idempotencyKey) throw invalid('an idempotency key derived from our ids is required');
    const subscriptionId = input.providerReference.startsWith('cs_')
      ? subscriptionOfSession(await this.call(() => this.stripe.checkout.sessions.retrieve(input.providerReference)))
      : input.providerReference;
    const options = { idempotencyKey: input.idempotencyKey };
    const subscription = input.mode === 'immediately'
      ? await this.call(() => this.stripe.subscriptions.cancel(subscriptionId, {}, options))
      : await this.call(() => this.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true }, options));
    return toCancelResult(subscription);
  }

  /** The payouts arriving on the day (by `arrival_date`), every page, each with its balance transactions as lines. */
  async listSettlements(query: SettlementDayQuery): Promise<ProviderSettlement[]> {
    return this.call(() => readSettlementDay(this.stripe, query.date, this.listPageSize));
  }

  /** Accept: `POST /v1/disputes/:id/close` (lost); contest: the explanation as evidence, submitted (`under_review`). */
  async actOnDispute(action: DisputeAction): Promise<DisputeActionResult> {
    assertDisputeAction(action);
    const options = { idempotencyKey: action.idempotencyKey };
    const dispute = action.action === 'accept'
      ? await this.call(() => this.stripe.disputes.close(action.disputeId, {}, options))
      : await this.call(() => this.stripe.disputes.update(action.disputeId, evidenceParams(action.explanation), options));
    return toDisputeActionResult(dispute);
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ParsedWebhook {
    const event = verifyStripeWebhook(rawBody, headers, {
      webhooks: this.stripe.webhooks,
      secrets: this.config.webhookSecrets,
      toleranceSeconds: this.toleranceSeconds,
      now: this.now,
    });
    return toParsedWebhook(event);
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toProviderError(error);
    }
  }
}
