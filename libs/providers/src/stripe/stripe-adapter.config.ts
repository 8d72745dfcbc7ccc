/** How to reach Stripe (or the provider-sandbox) and how to verify its webhooks. */
export interface StripeAdapterConfig {
  /** `sk_test_...` or `sk_live_...` (the provider-sandbox accepts only the key it was started with). */
  secretKey: string;
  /**
   * Endpoint signing secrets (`whsec_...`). A webhook is accepted if any one verifies, so during a
   * rotation list the new and the old secret until in-flight deliveries are done.
   */
  webhookSecrets: string[];
  /** API host; defaults to api.stripe.com. Point it at the provider-sandbox in development and tests. */
  apiHost?: string;
  apiPort?: number;
  apiProtocol?: 'http' | 'https';
  /** Per-request timeout; default 20 000 ms. */
  timeoutMs?: number;
  /** SDK retries of connection errors, 409s and 5xx, always with our idempotency key; default 2. */
  maxNetworkRetries?: number;
  /** How far a signature timestamp may be from our clock, either way, in seconds; default 300 (Stripe's). Must be positive. */
  webhookToleranceSeconds?: number;
  /** Items per page of the list calls (payouts, balance transactions), 1 to 100; default 100, Stripe's most. Every page is read. */
  listPageSize?: number;
}

/** Things a test may replace. */
export interface StripeAdapterDependencies {
  /** The clock the webhook timestamp tolerance is measured against. */
  now?: () => Date;
}

export const STRIPE_DEFAULTS = {
  timeoutMs: 20_000,
  maxNetworkRetries: 2,
  webhookToleranceSeconds: 300,
  listPageSize: 100,
} as const;
