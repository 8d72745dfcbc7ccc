import type Stripe from 'stripe';
import { isKnownCurrency } from '@payments/money';
import { assertMinorUnits } from '../port/minor-units';
import type { OpenCheckoutInput } from '../port/payment-provider.port';
import { ProviderError } from '../port/provider.errors';

export function invalidRequest(message: string): ProviderError {
  return new ProviderError('PROVIDER.INVALID_REQUEST', message);
}

/** Checks what both checkout modes need, before anything reaches Stripe. */
export function assertCheckoutInput(input: OpenCheckoutInput): void {
  assertMinorUnits(input.amountMinor);
  if (!isKnownCurrency(input.currency)) throw invalidRequest(`currency must be an upper-case ISO 4217 code, got "${input.currency}"`);
  // Without our key stripe-node invents a random one per call, and a retry after a crash would pay twice.
  if (!input.idempotencyKey) throw invalidRequest('an idempotency key derived from our ids is required');
  if (input.mode === 'hosted_page' && !input.successUrl) throw invalidRequest('a hosted checkout page needs a successUrl');
}

const metadataOf = (input: OpenCheckoutInput) => ({ order_id: input.orderId, customer_id: input.customerId });

/** A PaymentIntent the browser confirms with Stripe Elements. */
export function paymentIntentParams(input: OpenCheckoutInput): Stripe.PaymentIntentCreateParams {
  return {
    amount: input.amountMinor,
    currency: input.currency.toLowerCase(),
    description: input.description,
    metadata: metadataOf(input),
    automatic_payment_methods: { enabled: true },
    ...(input.customerEmail ? { receipt_email: input.customerEmail } : {}),
  };
}

/**
 * A Checkout Session in `payment` mode with one line of the whole amount. Our order id goes on the
 * session (`metadata`, `client_reference_id`) and, through `payment_intent_data`, on the
 * PaymentIntent Stripe creates when the customer pays: both webhooks then name our order.
 */
export function checkoutSessionParams(input: OpenCheckoutInput): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [{
      quantity: 1,
      price_data: { currency: input.currency.toLowerCase(), unit_amount: input.amountMinor, product_data: { name: input.description } },
    }],
    success_url: input.successUrl,
    ...(input.cancelUrl ? { cancel_url: input.cancelUrl } : {}),
    client_reference_id: input.orderId,
    metadata: metadataOf(input),
    payment_intent_data: {
      description: input.description,
      metadata: metadataOf(input),
      ...(input.customerEmail ? { receipt_email: input.customerEmail } : {}),
    },
    ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
    ...(input.expiresAt ? { expires_at: Math.floor(input.expiresAt.getTime() / 1000) } : {}),
  };
}
