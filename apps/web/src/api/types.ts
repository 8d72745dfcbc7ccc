/** The gateway's answers, as the pages read them (see the gateway's OpenAPI at /docs). */
export interface PriceBreakdown {
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxLabel?: string | null;
  couponCode?: string | null;
}

export interface CatalogProduct {
  productId: string;
  kind: 'course' | 'plan';
  title: string;
  quote: (PriceBreakdown & { currency: string }) | null;
}

export interface Catalog {
  currency: string;
  provider: 'stripe' | 'cashfree';
  couponCode: string | null;
  products: CatalogProduct[];
}

export interface OpenedCheckout {
  orderId: string;
  provider: 'stripe' | 'cashfree';
  amountMinor: number;
  currency: string;
  payment: { providerReference: string; clientSecret: string | null; redirectUrl: string | null; paymentSessionId: string | null };
}

/** POST /api/subscriptions/checkout: where to send the browser to authorize the plan. */
export interface OpenedSubscription {
  subscriptionId: string;
  provider: 'stripe' | 'cashfree';
  status: string;
  redirectUrl: string | null;
}

/** The gateway's subscription read model, as /api/subscriptions and the admin API answer. */
export interface SubscriptionView {
  subscriptionId: string; userId: string; planId: string; interval: string; amountMinor: number; currency: string; provider: string; status: string;
  paidThrough: string | null; periodsPaid: number; cancelAtPeriodEnd: boolean; pastDueSince: string | null; endedAt: string | null; endReason: string | null;
  placedAt: string; updatedAt: string;
}

export interface OrderView {
  orderId: string;
  userId: string;
  status: string;
  amountMinor: number;
  refundedMinor: number;
  currency: string;
  provider: string;
  lines: { productId: string; kind: string; quantity: number; unitAmountMinor: number }[];
  breakdown: PriceBreakdown | null;
  invoiceNumber: string | null;
  needsReview: boolean;
  lastFailure: string | null;
  lastFailureCode: string | null;
  placedAt: string | null;
  paidAt: string | null;
  updatedAt: string;
}

export interface Entitlement {
  entitlementId: string;
  productId: string;
  kind: string;
  orderId: string;
  grantedAt: string;
  status?: string;
  validUntil?: string | null;
}

export interface OrderStatusEvent {
  order: OrderView;
  access: Entitlement[];
}

export interface StorefrontSettings {
  devSignIn: boolean;
  providerPagesUrl: string | null;
}

export interface PaymentFailure {
  code: string;
  message: string;
  meaning: string;
  payerAction: string;
}
