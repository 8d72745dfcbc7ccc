import { Inject, Injectable } from '@nestjs/common';
import { CatalogQuoteRequestedV1 } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { CLOCK, Clock } from '@payments/nest-runtime';
import { CatalogRepository } from '../catalog.repository';
import { CHECKOUT_CONFIG, CheckoutConfig } from '../checkout.config';
import { isCouponCodeShaped, quoteCatalog } from '../domain/pricing';
import { chooseProvider } from '../domain/provider-routing';
import { StoredResponse } from '../idempotency.repository';
import { couponNotFoundResponse, errorResponse, jsonResponse, statusForCode } from '../open-checkout/checkout-response';
import { CHECKOUT_PROVIDERS, CheckoutProviders } from '../open-checkout/open-checkout.service';

/**
 * The storefront's catalog, priced server-side in one currency (with a coupon when named) by the
 * same pricing a checkout uses, and the provider a checkout in that currency would go to. Reads
 * only: no coupon is redeemed, nothing is stored. Refusals use checkout's codes and statuses.
 */
@Injectable()
export class CatalogQuoteService {
  private readonly catalog = new CatalogRepository();

  constructor(
    @Inject(CHECKOUT_PROVIDERS) private readonly providers: CheckoutProviders,
    @Inject(CHECKOUT_CONFIG) private readonly config: CheckoutConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async quote(sql: Sql, request: CatalogQuoteRequestedV1): Promise<StoredResponse> {
    const currency = request.currency ?? this.config.defaultCurrency;
    const coupon = request.couponCode && isCouponCodeShaped(request.couponCode) ? await this.catalog.findCoupon(sql, request.couponCode) : undefined;
    if (request.couponCode && !coupon) return couponNotFoundResponse();
    try {
      const provider = chooseProvider({
        currency,
        allowed: { stripe: this.providers.has('stripe'), cashfree: this.providers.has('cashfree') },
        rules: this.config.routing,
      });
      const products = quoteCatalog({
        items: await this.catalog.listActiveItems(sql), currency, coupon: coupon ?? undefined, taxRule: await this.catalog.findTaxRule(sql, currency), now: this.clock.now(),
      });
      return jsonResponse(200, { currency, provider, couponCode: coupon?.code ?? null, products });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !/^[A-Z]+\.[A-Z_]+$/.test(code)) throw error;
      return errorResponse(statusForCode(code), code, (error as Error).message);
    }
  }
}
