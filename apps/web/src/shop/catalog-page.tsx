import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, newIdempotencyKey, query } from '../api/http';
import { Catalog, CatalogProduct, OpenedCheckout, OpenedSubscription, StorefrontSettings } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import { BASE } from '../components/router';
import { formatMinor } from '../lib/money';
import { paymentPageUrl } from './checkout-redirect';

const CURRENCIES = ['USD', 'INR', 'JPY', 'KWD'] as const;

function Price(props: { product: CatalogProduct }) {
  const quote = props.product.quote;
  if (!quote) return <p class="unavailable">Not sold in this currency.</p>;
  const money = (minor: number) => formatMinor(minor, quote.currency);
  return (
    <dl class="breakdown">
      <dt>Price</dt><dd>{money(quote.subtotalMinor)}</dd>
      {quote.discountMinor > 0 && <><dt>Coupon {quote.couponCode}</dt><dd>-{money(quote.discountMinor)}</dd></>}
      {quote.taxMinor > 0 && <><dt>{quote.taxLabel ?? 'Tax'}</dt><dd>{money(quote.taxMinor)}</dd></>}
      <dt>Total</dt><dd class="total" data-total-minor={quote.totalMinor}>{money(quote.totalMinor)}</dd>
    </dl>
  );
}

/** The catalog priced by checkout in the chosen currency (with a coupon preview), and a checkout per product that goes to the provider's page. */
export function CatalogPage(props: { settings: StorefrontSettings | null }) {
  const [currency, setCurrency] = useState<string>('USD');
  const [coupon, setCoupon] = useState('');
  const [applied, setApplied] = useState('');
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // One key per purchase intent: a retry after a timeout reuses it, a new intent gets a new one.
  const intents = useRef(new Map<string, string>());

  useEffect(() => {
    setError(null);
    api<Catalog>(`/api/catalog${query({ currency, couponCode: applied || undefined })}`).then(setCatalog, (failure) => {
      setError(failure);
      if (failure instanceof ApiError && failure.code.startsWith('PRICING.COUPON')) setApplied('');
    });
  }, [currency, applied]);

  /** A course: one payment on the provider's page, then our return page. */
  const checkout = async (product: CatalogProduct, key: string): Promise<string | null> => {
    const opened = await api<OpenedCheckout>('/api/payments/checkout', {
      method: 'POST', idempotencyKey: key, body: { productId: product.productId, currency, ...(applied ? { couponCode: applied } : {}) },
    });
    const back = `${location.origin}${BASE}/return?order_id=${encodeURIComponent(opened.orderId)}`;
    return paymentPageUrl(opened, props.settings?.providerPagesUrl ?? null, back);
  };

  /** A plan: a subscription authorized on the provider's page (Stripe Checkout, Cashfree mandate), which comes back to My subscriptions. */
  const subscribe = async (product: CatalogProduct, key: string): Promise<string | null> => {
    const opened = await api<OpenedSubscription>('/api/subscriptions/checkout', { method: 'POST', idempotencyKey: key, body: { planId: product.productId, currency } });
    return opened.redirectUrl;
  };

  const buy = async (product: CatalogProduct) => {
    const intent = JSON.stringify([product.productId, currency, applied]);
    const key = intents.current.get(intent) ?? newIdempotencyKey();
    intents.current.set(intent, key);
    setBusy(product.productId);
    setError(null);
    try {
      const page = product.kind === 'plan' ? await subscribe(product, key) : await checkout(product, key);
      intents.current.delete(intent);
      if (page) location.assign(page);
      else setError(new ApiError(0, 'PAYMENT_PAGE.UNAVAILABLE', 'No hosted payment page is configured for this provider.'));
    } catch (failure) {
      if (!(failure instanceof ApiError) || (failure.status !== 0 && failure.status < 500 && failure.code !== 'IDEMPOTENCY.IN_FLIGHT')) intents.current.delete(intent);
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Courses and plans</h1>
      <form class="toolbar" onSubmit={(event) => { event.preventDefault(); setApplied(coupon.trim()); }}>
        <label for="catalog-currency">Currency</label>
        <select id="catalog-currency" name="currency" value={currency} onChange={(e) => setCurrency(e.currentTarget.value)}>
          {CURRENCIES.map((code) => <option key={code} value={code}>{code}</option>)}
        </select>
        <label for="catalog-coupon">Coupon code</label>
        <input id="catalog-coupon" name="couponCode" value={coupon} maxLength={64} onInput={(e) => setCoupon(e.currentTarget.value)} />
        <button type="submit">Apply coupon</button>
        {applied && <button type="button" onClick={() => { setCoupon(''); setApplied(''); }}>Remove coupon</button>}
      </form>
      {catalog && <p class="hint">Checkout in {catalog.currency} goes to <strong data-provider={catalog.provider}>{catalog.provider === 'stripe' ? 'Stripe' : 'Cashfree (UPI, netbanking, wallets)'}</strong>.</p>}
      <ErrorNotice error={error} />
      <ul class="products">
        {catalog?.products.map((product) => (
          <li key={product.productId} class="card product" data-product-id={product.productId}>
            <h2>{product.title}</h2>
            <p class="kind">{product.kind === 'plan' ? 'Plan' : 'Course'}</p>
            <Price product={product} />
            <button type="button" disabled={!product.quote || busy !== null} aria-busy={busy === product.productId} onClick={() => buy(product)}>
              {product.kind === 'plan' ? `Subscribe to ${product.title}` : `Buy ${product.title}`}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
