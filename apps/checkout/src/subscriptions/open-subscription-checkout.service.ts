import { Inject, Injectable } from '@nestjs/common';
import { EnvelopeOrigin, ProviderName, SubscriptionCheckoutOpened, SubscriptionCheckoutRequestedV1, buildMessage } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { PaymentProviderPort, ProviderError } from '@payments/providers';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { CatalogRepository } from '../catalog.repository';
import { CHECKOUT_CONFIG, CheckoutConfig } from '../checkout.config';
import { PlanQuote, pricePlan } from '../domain/pricing';
import { chooseProvider } from '../domain/provider-routing';
import { providerSubscriptionOpenKey, subscriptionIdFor } from '../domain/subscription-identity';
import { IdempotencyRepository, StoredResponse } from '../idempotency.repository';
import { errorResponse, statusForCode } from '../open-checkout/checkout-response';
import { answerIdempotently } from '../open-checkout/idempotent-claim';
import { CHECKOUT_PROVIDERS, CheckoutProviders, IDEMPOTENCY_TTL_MS, codeOf } from '../open-checkout/open-checkout.service';
import { NewCheckoutSubscription, SubscriptionRepository } from './subscription.repository';
import { subscriptionOpenedResponse, subscriptionProviderFailureResponse } from './subscription-response';

type Priced = { error: StoredResponse } | { plan: PlanQuote; provider: ProviderName; title: string };

/**
 * Prices one period of a plan from the catalog (tax as for one-time orders), routes it by currency
 * like an order, and opens the provider's subscription checkout, with the same Stripe-style
 * idempotency per (user, Idempotency-Key) as CheckoutRequested. Runs inside the consumer's inbox
 * transaction; the provider call is keyed by the subscription id, which is derived from the key,
 * so a redelivered request reopens the same provider object.
 */
@Injectable()
export class OpenSubscriptionCheckoutService {
  private readonly catalog = new CatalogRepository();
  private readonly idempotency = new IdempotencyRepository();
  private readonly subscriptions = new SubscriptionRepository();

  constructor(
    @Inject(CHECKOUT_PROVIDERS) private readonly providers: CheckoutProviders,
    @Inject(CHECKOUT_CONFIG) private readonly config: CheckoutConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outbox: Outbox,
  ) {}

  async open(sql: Sql, request: SubscriptionCheckoutRequestedV1, origin: EnvelopeOrigin): Promise<StoredResponse> {
    const now = this.clock.now();
    const options = { now, ttlMs: IDEMPOTENCY_TTL_MS, inFlightWaitMs: this.config.inFlightWaitMs };
    return answerIdempotently(this.idempotency, sql, request, options, async (generation) => {
      const priced = await this.price(sql, request, now);
      if ('error' in priced) return { release: priced.error };
      const subscription: NewCheckoutSubscription = {
        subscriptionId: subscriptionIdFor(this.config.orderIdSecret, request.userId, request.idempotencyKey, generation),
        userId: request.userId,
        planId: request.planId,
        interval: priced.plan.interval,
        quote: priced.plan.quote,
        provider: priced.provider,
        createdAt: now,
      };
      return { complete: await this.openWithProvider(sql, subscription, request, priced.title, origin), orderId: null };
    });
  }

  private async price(sql: Sql, request: SubscriptionCheckoutRequestedV1, now: Date): Promise<Priced> {
    const item = await this.catalog.findItem(sql, request.planId);
    if (!item) return { error: errorResponse(404, 'CATALOG.PRODUCT_NOT_FOUND', `no plan "${request.planId}" in the catalog`) };
    const currency = request.currency ?? this.config.defaultCurrency;
    try {
      const plan = pricePlan({ item, currency, taxRule: await this.catalog.findTaxRule(sql, currency), now });
      const provider = chooseProvider({
        currency,
        preference: request.providerPreference,
        allowed: { stripe: this.providers.has('stripe'), cashfree: this.providers.has('cashfree') },
        rules: this.config.routing,
      });
      return { plan, provider, title: item.title };
    } catch (error) {
      const code = codeOf(error);
      if (!code) throw error;
      return { error: errorResponse(statusForCode(code), code, (error as Error).message) };
    }
  }

  /** Opens the provider's checkout; a refusal is recorded as failed_to_open and answered, never retried here. */
  private async openWithProvider(
    sql: Sql, subscription: NewCheckoutSubscription, request: SubscriptionCheckoutRequestedV1, title: string, origin: EnvelopeOrigin,
  ): Promise<StoredResponse> {
    const provider = this.providers.get(subscription.provider) as PaymentProviderPort;
    const { quote, subscriptionId } = subscription;
    const pages = this.config.subscriptionPages;
    let session;
    try {
      session = await provider.openSubscriptionCheckout({
        subscriptionId,
        planId: subscription.planId,
        interval: subscription.interval,
        amountMinor: quote.totalMinor,
        currency: quote.currency,
        customerId: subscription.userId,
        customerEmail: request.customerEmail,
        customerPhone: request.customerPhone,
        description: title,
        idempotencyKey: providerSubscriptionOpenKey(subscriptionId),
        successUrl: pages.successUrl.replaceAll('{SUBSCRIPTION_ID}', subscriptionId),
        ...(pages.cancelUrl ? { cancelUrl: pages.cancelUrl.replaceAll('{SUBSCRIPTION_ID}', subscriptionId) } : {}),
      });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      this.logger.warn({ subscriptionId, provider: subscription.provider, code: error.code, providerCode: error.providerCode }, 'provider refused to open a subscription checkout');
      await this.subscriptions.recordFailedToOpen(sql, subscription, error.code, error.message);
      return subscriptionProviderFailureResponse(subscriptionId, error, 'open');
    }
    await this.subscriptions.recordOpened(sql, subscription, session.providerReference);
    const { subtotalMinor, discountMinor, taxMinor, totalMinor } = quote;
    await this.outbox.enqueue(sql, [{
      topic: SubscriptionCheckoutOpened.topic,
      envelope: buildMessage(SubscriptionCheckoutOpened, {
        key: subscriptionId, origin, occurredAt: subscription.createdAt,
        payload: {
          subscriptionId, userId: subscription.userId, planId: subscription.planId, interval: subscription.interval, amountMinor: totalMinor,
          currency: quote.currency, breakdown: { subtotalMinor, discountMinor, taxMinor, totalMinor }, provider: subscription.provider,
          providerReference: session.providerReference,
        },
      }),
    }]);
    return subscriptionOpenedResponse(subscription, session);
  }
}
