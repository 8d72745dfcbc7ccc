import { Inject, Injectable } from '@nestjs/common';
import { CheckoutOpened, CheckoutRequestedV1, EnvelopeOrigin, ProviderName, buildMessage } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { PaymentProviderPort, ProviderError } from '@payments/providers';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { CatalogRepository } from '../catalog.repository';
import { CheckoutConfig, CHECKOUT_CONFIG } from '../checkout.config';
import { CheckoutOrderRepository, NewCheckoutOrder } from '../checkout-order.repository';
import { orderIdFor, providerOpenKey } from '../domain/order-identity';
import { Coupon, PriceQuote, isCouponCodeShaped, priceOrder } from '../domain/pricing';
import { chooseProvider } from '../domain/provider-routing';
import { IdempotencyRepository, StoredResponse } from '../idempotency.repository';
import {
  couponNotFoundResponse, errorResponse, openedResponse, providerFailureResponse, statusForCode,
} from './checkout-response';
import { answerIdempotently } from './idempotent-claim';

export const CHECKOUT_PROVIDERS = Symbol('CHECKOUT_PROVIDERS');
export type CheckoutProviders = ReadonlyMap<ProviderName, PaymentProviderPort>;

/** Stripe keeps idempotency keys for 24 hours; so do we. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

type Priced = { error: StoredResponse } | { quote: PriceQuote; provider: ProviderName; title: string };

/** The stable code of a domain error (`PRICING.CURRENCY_NOT_OFFERED`); null for anything else. */
export function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^[A-Z]+\.[A-Z_]+$/.test(code) ? code : null;
}

/**
 * Prices a purchase from the catalog and opens a provider session, with Stripe-style idempotency.
 * Runs inside the consumer's inbox transaction; the provider call is keyed by the order id, so a
 * transaction rolled back after the call replays the same provider session when redelivered.
 */
@Injectable()
export class OpenCheckoutService {
  private readonly catalog = new CatalogRepository();
  private readonly idempotency = new IdempotencyRepository();
  private readonly orders = new CheckoutOrderRepository();

  constructor(
    @Inject(CHECKOUT_PROVIDERS) private readonly providers: CheckoutProviders,
    @Inject(CHECKOUT_CONFIG) private readonly config: CheckoutConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outbox: Outbox,
  ) {}

  async open(sql: Sql, request: CheckoutRequestedV1, origin: EnvelopeOrigin): Promise<StoredResponse> {
    const now = this.clock.now();
    const options = { now, ttlMs: IDEMPOTENCY_TTL_MS, inFlightWaitMs: this.config.inFlightWaitMs };
    return answerIdempotently(this.idempotency, sql, request, options, async (generation) => {
      const priced = await this.price(sql, request, now);
      if ('error' in priced) return { release: priced.error };
      const order: NewCheckoutOrder = {
        orderId: orderIdFor(this.config.orderIdSecret, request.userId, request.idempotencyKey, generation),
        userId: request.userId,
        productId: request.productId,
        quantity: request.quantity,
        quote: priced.quote,
        provider: priced.provider,
        createdAt: now,
      };
      return { complete: await this.openWithProvider(sql, order, request, priced.title, origin), orderId: order.orderId };
    });
  }

  private async price(sql: Sql, request: CheckoutRequestedV1, now: Date): Promise<Priced> {
    const item = await this.catalog.findItem(sql, request.productId);
    if (!item) return { error: errorResponse(404, 'CATALOG.PRODUCT_NOT_FOUND', `no product "${request.productId}" in the catalog`) };
    const currency = request.currency ?? this.config.defaultCurrency;
    const coupon = request.couponCode ? await this.findCoupon(sql, request.couponCode) : undefined;
    // The unknown code itself is never echoed or stored: it is the client's free text.
    if (coupon === null) return { error: couponNotFoundResponse() };
    try {
      const taxRule = await this.catalog.findTaxRule(sql, currency);
      const quote = priceOrder({ item, quantity: request.quantity, currency, coupon, taxRule, now });
      const provider = chooseProvider({
        currency,
        preference: request.providerPreference,
        allowed: { stripe: this.providers.has('stripe'), cashfree: this.providers.has('cashfree') },
        rules: this.config.routing,
      });
      return { quote, provider, title: item.title };
    } catch (error) {
      const code = codeOf(error);
      if (!code) throw error;
      return { error: errorResponse(statusForCode(code), code, (error as Error).message) };
    }
  }

  private async findCoupon(sql: Sql, code: string): Promise<Coupon | null> {
    return isCouponCodeShaped(code) ? this.catalog.findCouponForUpdate(sql, code) : null;
  }

  /** Opens the session; a provider refusal is recorded as failed_to_open and answered, never retried here. */
  private async openWithProvider(
    sql: Sql, order: NewCheckoutOrder, request: CheckoutRequestedV1, title: string, origin: EnvelopeOrigin,
  ): Promise<StoredResponse> {
    const provider = this.providers.get(order.provider) as PaymentProviderPort;
    const { quote } = order;
    let session;
    try {
      session = await provider.openCheckout({
        orderId: order.orderId,
        amountMinor: quote.totalMinor,
        currency: quote.currency,
        customerId: order.userId,
        customerEmail: request.customerEmail,
        description: `${title} x ${order.quantity}`,
        idempotencyKey: providerOpenKey(order.orderId),
      });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      this.logger.warn({ orderId: order.orderId, provider: order.provider, code: error.code, providerCode: error.providerCode }, 'provider refused to open a checkout');
      await this.orders.recordFailedToOpen(sql, order, error.code, error.message);
      return providerFailureResponse(order.orderId, error);
    }
    await this.orders.recordOpened(sql, order, session.providerReference);
    // A coupon counts as used only once a session is open for it.
    if (quote.couponCode) await this.catalog.redeemCoupon(sql, quote.couponCode);
    const { subtotalMinor, discountMinor, taxMinor, totalMinor } = quote;
    await this.outbox.enqueue(sql, [{
      topic: CheckoutOpened.topic,
      envelope: buildMessage(CheckoutOpened, {
        key: order.orderId, origin, occurredAt: order.createdAt,
        payload: { orderId: order.orderId, userId: order.userId, lines: quote.lines, amountMinor: totalMinor, currency: quote.currency,
          breakdown: { subtotalMinor, discountMinor, taxMinor, totalMinor }, provider: order.provider, providerReference: session.providerReference },
      }),
    }]);
    return openedResponse(order.orderId, order.provider, quote, session);
  }
}
