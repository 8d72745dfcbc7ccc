import type { Recurrence } from '../stripe-billing/billing-period';

/** The statuses of a Checkout Session. */
export type CheckoutSessionStatus = 'open' | 'complete' | 'expired';

/** `payment`: one charge through a PaymentIntent; `subscription`: a recurring price, billed by a subscription. */
export type CheckoutMode = 'payment' | 'subscription';

/** One line the customer sees on the hosted page (`line_items[].price_data`). */
export interface CheckoutLineItem {
  readonly name: string;
  /** Minor units of the session's currency. */
  readonly unitAmount: number;
  readonly quantity: number;
  /** Subscription mode: how often the line is billed. */
  readonly recurring?: Recurrence | null;
}

/** What Stripe passes on to the PaymentIntent it creates when the customer pays. */
export interface PaymentIntentData {
  readonly metadata: Readonly<Record<string, string>>;
  readonly description: string | null;
  readonly receiptEmail: string | null;
}

/** What Stripe passes on to the subscription it creates (`subscription_data`). */
export interface SubscriptionData {
  readonly metadata: Readonly<Record<string, string>>;
}

export interface CreateCheckoutSessionParams {
  /** `payment` when absent. */
  readonly mode?: CheckoutMode;
  /** Lower-case, as Stripe stores it; every line item shares it. */
  readonly currency: string;
  readonly lineItems: readonly CheckoutLineItem[];
  readonly successUrl: string;
  readonly cancelUrl: string | null;
  readonly clientReferenceId: string | null;
  readonly customerEmail: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly paymentIntentData: PaymentIntentData;
  /** Subscription mode only. */
  readonly subscriptionData?: SubscriptionData | null;
  /** Unix seconds; null = 24 h after creation, Stripe's default. */
  readonly expiresAt: number | null;
}

/** A Checkout Session as Stripe's API returns it (the fields the sandbox does not simulate are null or empty). */
export interface SandboxCheckoutSession {
  readonly id: string;
  readonly object: 'checkout.session';
  readonly after_expiration: null;
  readonly allow_promotion_codes: null;
  readonly amount_subtotal: number;
  readonly amount_total: number;
  readonly automatic_tax: { readonly enabled: false; readonly status: null };
  readonly billing_address_collection: null;
  readonly cancel_url: string | null;
  readonly client_reference_id: string | null;
  readonly created: number;
  readonly currency: string;
  readonly custom_fields: readonly never[];
  readonly custom_text: { readonly shipping_address: null; readonly submit: null };
  /** Subscription mode: the customer Stripe created when the session completed. */
  readonly customer: string | null;
  readonly customer_email: string | null;
  readonly expires_at: number;
  readonly livemode: false;
  readonly locale: null;
  readonly metadata: Readonly<Record<string, string>>;
  /** Subscription mode: the subscription's first invoice, once the session is complete. */
  readonly invoice: string | null;
  readonly mode: CheckoutMode;
  /** Null until the customer first tries to pay: Stripe creates the PaymentIntent then (API 2022-08-01 and later). */
  readonly payment_intent: string | null;
  readonly payment_method_types: readonly string[];
  readonly payment_status: 'unpaid' | 'paid';
  readonly shipping_options: readonly never[];
  readonly status: CheckoutSessionStatus;
  /** Subscription mode: the subscription created when the session completed. */
  readonly subscription: string | null;
  readonly success_url: string;
  /** The hosted page; null once the session is complete or expired. */
  readonly url: string | null;
}

/** Stripe's default lifetime of a session, and the bounds it accepts for `expires_at`. */
export const SESSION_LIFETIME_SECONDS = { default: 24 * 3600, min: 30 * 60, max: 24 * 3600 } as const;

export const amountTotal = (lineItems: readonly CheckoutLineItem[]): number =>
  lineItems.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);

export function newCheckoutSession(id: string, params: CreateCheckoutSessionParams, createdAt: number, pageBaseUrl: string): SandboxCheckoutSession {
  const total = amountTotal(params.lineItems);
  return {
    id,
    object: 'checkout.session',
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, status: null },
    billing_address_collection: null,
    cancel_url: params.cancelUrl,
    client_reference_id: params.clientReferenceId,
    created: createdAt,
    currency: params.currency,
    custom_fields: [],
    custom_text: { shipping_address: null, submit: null },
    customer: null,
    customer_email: params.customerEmail,
    expires_at: params.expiresAt ?? createdAt + SESSION_LIFETIME_SECONDS.default,
    invoice: null,
    livemode: false,
    locale: null,
    metadata: params.metadata,
    mode: params.mode ?? 'payment',
    payment_intent: null,
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    shipping_options: [],
    status: 'open',
    subscription: null,
    success_url: params.successUrl,
    url: `${pageBaseUrl}/pay/stripe/session/${id}`,
  };
}
