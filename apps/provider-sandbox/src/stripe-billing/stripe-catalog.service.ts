import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import { CreatePriceParams, CreateProductParams, SandboxPrice, SandboxProduct, newPrice, newProduct } from './price';

export type PriceOutcome =
  | { readonly ok: true; readonly price: SandboxPrice }
  | { readonly ok: false; readonly reason: 'no_such_product'; readonly productId: string }
  | { readonly ok: false; readonly reason: 'lookup_key_taken'; readonly priceId: string };

/** The sandbox's Products and Prices, in memory. Stripe sends `product.created` and `price.created`; the sandbox sends neither. */
export class StripeCatalog {
  private readonly products = new Map<string, SandboxProduct>();
  private readonly prices = new Map<string, SandboxPrice>();

  constructor(private readonly runtime: SandboxRuntime) {}

  createProduct(params: CreateProductParams): SandboxProduct {
    const product = newProduct(this.runtime.newId('prod'), params, unixSeconds(this.runtime.now()));
    this.products.set(product.id, product);
    return product;
  }

  /** As at Stripe, a lookup key names one price at a time. */
  createPrice(params: CreatePriceParams): PriceOutcome {
    if ('id' in params.product && !this.products.has(params.product.id)) return { ok: false, reason: 'no_such_product', productId: params.product.id };
    const taken = params.lookupKey === null ? undefined : [...this.prices.values()].find((price) => price.lookup_key === params.lookupKey);
    if (taken) return { ok: false, reason: 'lookup_key_taken', priceId: taken.id };
    const productId = 'id' in params.product ? params.product.id : this.createProduct(params.product.data).id;
    const price = newPrice(this.runtime.newId('price'), params, productId, unixSeconds(this.runtime.now()));
    this.prices.set(price.id, price);
    return { ok: true, price };
  }

  findPrice(id: string): SandboxPrice | undefined {
    return this.prices.get(id);
  }

  findProduct(id: string): SandboxProduct | undefined {
    return this.products.get(id);
  }

  /** Newest first, as Stripe lists; `lookupKeys` keeps only the prices with one of those keys. */
  listPrices(filter: { lookupKeys?: readonly string[]; active?: boolean } = {}): SandboxPrice[] {
    return [...this.prices.values()].reverse()
      .filter((price) => !filter.lookupKeys || (price.lookup_key !== null && filter.lookupKeys.includes(price.lookup_key)))
      .filter((price) => filter.active === undefined || price.active === filter.active);
  }
}
