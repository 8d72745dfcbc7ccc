import { OpenedCheckout } from '../api/types';

/**
 * Where the browser pays: the provider's own redirect URL when it gave one (a Checkout Session),
 * else the hosted test page of the provider-sandbox (PROVIDER_PAGES_URL). Stripe's page comes back
 * to `returnUrl` (Stripe.js's return_url); Cashfree's to the order's return_url set by checkout.
 */
export function paymentPageUrl(opened: OpenedCheckout, providerPagesUrl: string | null, returnUrl: string): string | null {
  if (opened.payment.redirectUrl) return opened.payment.redirectUrl;
  if (!providerPagesUrl) return null;
  if (opened.provider === 'stripe') {
    return `${providerPagesUrl}/pay/stripe/${encodeURIComponent(opened.payment.providerReference)}?return_url=${encodeURIComponent(returnUrl)}`;
  }
  return `${providerPagesUrl}/pay/cashfree/${encodeURIComponent(opened.orderId)}`;
}
