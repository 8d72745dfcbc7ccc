import { OpenedCheckout } from '../api/types';
import { paymentPageUrl } from './checkout-redirect';

const opened = (provider: 'stripe' | 'cashfree', redirectUrl: string | null = null): OpenedCheckout => ({
  orderId: 'a1b2', provider, amountMinor: 1900, currency: 'USD',
  payment: { providerReference: 'pi_123', clientSecret: 'pi_123_secret_x', redirectUrl, paymentSessionId: null },
});
const back = 'http://127.0.0.1:3000/app/return?order_id=a1b2';

describe('where the buyer pays', () => {
  it("follows the provider's own redirect URL when there is one", () => {
    expect(paymentPageUrl(opened('stripe', 'https://checkout.stripe.com/c/pay/cs_1'), 'http://sandbox', back)).toBe('https://checkout.stripe.com/c/pay/cs_1');
  });

  it("sends a Stripe PaymentIntent to the hosted page with the way back, and Cashfree to its order's page", () => {
    expect(paymentPageUrl(opened('stripe'), 'http://127.0.0.1:4010', back)).toBe(`http://127.0.0.1:4010/pay/stripe/pi_123?return_url=${encodeURIComponent(back)}`);
    expect(paymentPageUrl(opened('cashfree'), 'http://127.0.0.1:4010', back)).toBe('http://127.0.0.1:4010/pay/cashfree/a1b2');
  });

  it('has nowhere to go without a redirect URL or hosted pages', () => {
    expect(paymentPageUrl(opened('stripe'), null, back)).toBeNull();
  });
});
