import { Inject, Injectable } from '@nestjs/common';
import { CheckoutOpened, CheckoutRequestedV1, EnvelopeOrigin, ProviderName, buildMessage } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { PaymentProviderPort, ProviderError } from '@payments/providers';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { CatalogRepository } from '../catalog.repository';
import { CheckoutConfig, CHECKOUT_CONFIG } from '../checkout.config';
import { orderIdFor, providerOpenKey } from '../domain/order-identity';
import { PriceQuote, priceOrder } from '../domain/pricing';
import { chooseProvider } from '../domain/provider-routing';
import { IdempotencyRepository, StoredResponse } from '../idempotency.repository';
import { errorResponse, jsonResponse, statusForCode } from './checkout-response';

export const CHECKOUT_PROVIDERS = Symbol('CHECKOUT_PROVIDERS');
export type CheckoutProviders = ReadonlyMap<ProviderName, PaymentProviderPort>;

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

function codeOf(error: unknown): string | null {
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

  constructor(
    @Inject(CHECKOUT_PROVIDERS) private readonly providers: CheckoutProviders,
    @Inject(CHECKOUT_CONFIG) private readonly config: CheckoutConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async open(sql: Sql, request: CheckoutRequestedV1, origin: EnvelopeOrigin): Promise<StoredResponse> {
    const now = this.clock.now();
    const claim = await this.idempotency.claim(sql, request.userId, request.idempotencyKey, request.requestHash, now, IDEMPOTENCY_TTL_MS);
    switch (claim.kind) {
      case 'replay':
        return claim.response;
      case 'in_flight':
        return errorResponse(409, 'IDEMPOTENCY.IN_FLIGHT', 'a request with this Idempotency-Key is still being processed; retry shortly');
      case 'key_reused':
        return errorResponse(422, 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used with a different request body');
      case 'new':
        break;
    }
    const priced = await this.price(sql, request, now);
    if ('error' in priced) {
      await this.idempotency.release(sql, request.userId, request.idempotencyKey);
      return priced.error;
    }
    const response = await this.openWithProvider(sql, request, priced.quote, priced.provider, priced.title, origin, now);
    await this.idempotency.complete(sql, request.userId, request.idempotencyKey, response.response, response.orderId);
    return response.response;
  }

  private async price(
    sql: Sql, request: CheckoutRequestedV1, now: Date,
  ): Promise<{ error: StoredResponse } | { quote: PriceQuote; provider: ProviderName; title: string }> {
    const item = await this.catalog.findItem(sql, request.productId);
    if (!item) return { error: errorResponse(404, 'CATALOG.PRODUCT_NOT_FOUND', `no product "${request.productId}" in the catalog`) };
    const currency = request.currency ?? this.config.defaultCurrency;
    const coupon = request.couponCode ? await this.catalog.findCouponForUpdate(sql, request.couponCode) : undefined;
    if (coupon === null) return { error: errorResponse(404, 'PRICING.COUPON_NOT_FOUND', `no coupon "${request.couponCode}"`) };
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

  private async openWithProvider(
    sql: Sql, request: CheckoutRequestedV1, quote: PriceQuote, providerName: ProviderName, title: string, origin: EnvelopeOrigin, now: Date,
  ): Promise<{ response: StoredResponse; orderId: string }> {
    const orderId = orderIdFor(request.userId, request.idempotencyKey);
    const provider = this.providers.get(providerName) as PaymentProviderPort;
    const order = [orderId, request.userId, request.productId, request.quantity, quote.currency, quote.subtotalMinor,
      quote.discountMinor, quote.taxMinor, quote.totalMinor, quote.couponCode ?? null, providerName];
    try {
      const session = await provider.openCheckout({
        orderId,
        amountMinor: quote.totalMinor,
        currency: quote.currency,
        customerId: request.userId,
        customerEmail: request.customerEmail,
        description: `${title} x ${request.quantity}`,
        idempotencyKey: providerOpenKey(orderId),
      });
      await sql.query(
        `INSERT INTO checkout.orders (order_id, user_id, product_id, quantity, currency, subtotal_minor, discount_minor, tax_minor,
           total_minor, coupon_code, provider, provider_reference, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13)`,
        [...order, session.providerReference, now],
      );
      // A coupon counts as used only once a session is open for it.
      if (quote.couponCode) await this.catalog.redeemCoupon(sql, quote.couponCode);
      const breakdown = { subtotalMinor: quote.subtotalMinor, discountMinor: quote.discountMinor, taxMinor: quote.taxMinor, totalMinor: quote.totalMinor };
      await this.outbox.enqueue(sql, [{
        topic: CheckoutOpened.topic,
        envelope: buildMessage(CheckoutOpened, {
          key: orderId, origin, occurredAt: now,
          payload: { orderId, userId: request.userId, lines: quote.lines, amountMinor: quote.totalMinor, currency: quote.currency,
            breakdown, provider: providerName, providerReference: session.providerReference },
        }),
      }]);
      return {
        orderId,
        response: jsonResponse(201, {
          orderId, status: 'pending', provider: providerName, amountMinor: quote.totalMinor, currency: quote.currency, breakdown,
          payment: { providerReference: session.providerReference, clientSecret: session.clientSecret ?? null,
            redirectUrl: session.redirectUrl ?? null, paymentSessionId: session.paymentSessionId ?? null },
        }),
      };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      await sql.query(
        `INSERT INTO checkout.orders (order_id, user_id, product_id, quantity, currency, subtotal_minor, discount_minor, tax_minor,
           total_minor, coupon_code, provider, status, failure_code, failure_reason, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'failed_to_open', $12, $13, $14)`,
        [...order, error.code, error.message, now],
      );
      return { orderId, response: errorResponse(statusForCode(error.code), error.code, `the payment provider refused to open the session: ${error.message}`) };
    }
  }
}
