import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import type { Operation } from '../stripe/stripe-api.gateway';
import type { Params } from '../stripe/stripe-params';
import { listParam, unknownBesidesExpand } from './billing-api.params';
import { parseCreatePrice, parseCreateProduct } from './price.params';
import type { PriceOutcome, StripeCatalog } from './stripe-catalog.service';

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const list = (data: unknown[], url: string) => ({ object: 'list', data, has_more: false, url });

/** A refused price as Stripe words it; `productParam` names where the missing product was given. */
export function priceRefusal(outcome: Extract<PriceOutcome, { ok: false }>, productParam = 'product'): ApiResponse {
  return outcome.reason === 'no_such_product' ? StripeErrors.noSuchProduct(outcome.productId, productParam) : StripeErrors.lookupKeyTaken(outcome.priceId);
}

/** The `/v1/prices` and `/v1/products` operations, run inside `StripeApiGateway.handle`. */
export class PricesApi {
  constructor(private readonly catalog: StripeCatalog) {}

  createPrice(params: Params): Operation {
    return () => {
      const parsed = parseCreatePrice(params);
      if (!parsed.ok) return { rejected: parsed.error };
      const created = this.catalog.createPrice(parsed.params);
      return created.ok ? { executed: ok(created.price) } : { rejected: priceRefusal(created) };
    };
  }

  retrievePrice(id: string, params: Params): Operation {
    return () => {
      const unknown = unknownBesidesExpand(params);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const price = this.catalog.findPrice(id);
      return { executed: price ? ok(price) : StripeErrors.noSuchPrice(id) };
    };
  }

  /** `GET /v1/prices?lookup_keys[]=...&active=...`: the way to find a plan's price again without a stored id. */
  listPrices(params: Params): Operation {
    return () => {
      const unknown = unknownBesidesExpand(params, ['lookup_keys', 'active', 'limit']);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const keys = listParam(params, 'lookup_keys');
      const lookupKeys = keys.length > 0 ? keys : undefined;
      const active = params.active === undefined ? undefined : params.active === 'true';
      return { executed: ok(list(this.catalog.listPrices({ lookupKeys, active }), '/v1/prices')) };
    };
  }

  createProduct(params: Params): Operation {
    return () => {
      const parsed = parseCreateProduct(params);
      return parsed.ok ? { executed: ok(this.catalog.createProduct(parsed.params)) } : { rejected: parsed.error };
    };
  }

  retrieveProduct(id: string): Operation {
    return () => {
      const product = this.catalog.findProduct(id);
      return { executed: product ? ok(product) : StripeErrors.noSuchProduct(id, 'id') };
    };
  }
}
