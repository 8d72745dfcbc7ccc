/** How to reach Cashfree PG (or the provider-sandbox) and how to verify its webhooks. */
export interface CashfreeAdapterConfig {
  /** The app id, sent as `x-client-id`. */
  appId: string;
  /** The secret key, sent as `x-client-secret`; Cashfree also signs webhooks with it. */
  secretKey: string;
  /**
   * Secrets a webhook signature may verify with; defaults to `[secretKey]`. During a key rotation
   * list the new and the old one until the webhooks signed with the old one are processed.
   */
  webhookSecrets?: string[];
  /** e.g. `https://sandbox.cashfree.com/pg`, `https://api.cashfree.com/pg`, or the sandbox's `http://127.0.0.1:4010/cashfree/pg`. */
  baseUrl: string;
  /** `x-api-version`; default `2023-08-01`, the version whose shapes this adapter reads. */
  apiVersion?: string;
  /** Per-attempt timeout; default 15 000 ms. */
  timeoutMs?: number;
  /** Retries of rate-limited, failed (5xx) and unanswered calls, always with the same idempotency key; default 2. */
  maxRetries?: number;
  /** Largest difference, either way, between a webhook's timestamp and our clock; default 300 s. Must be positive. */
  webhookToleranceSeconds?: number;
  /**
   * Cashfree requires `customer_details.customer_phone` (10 digits) on every order. We do not collect
   * phone numbers at checkout, so unless `OpenCheckoutInput.customerPhone` carries one this
   * placeholder is sent, as Cashfree's docs allow ("pass dummy details if your use case does not
   * require the customer details"). Default `9999999999`.
   */
  placeholderPhone?: string;
  /** `order_meta.return_url`: where the customer lands after paying; Cashfree replaces `{order_id}`. */
  returnUrl?: string;
  /** `order_meta.notify_url`: per-order webhook URL; unset = the endpoint configured in Cashfree's dashboard. */
  notifyUrl?: string;
  /**
   * Cashfree's API returns no page URL for a subscription's mandate authorization, only a
   * `subscription_session_id` for its JS `subscriptionsCheckout`. When set, this page (one that runs
   * it, or the provider-sandbox's) is returned as the redirect URL, with `{subscription_session_id}`
   * and `{subscription_id}` filled in.
   */
  subscriptionCheckoutUrl?: string;
  /**
   * Cashfree requires `customer_details.customer_email` on a subscription. Unless
   * `OpenSubscriptionCheckoutInput.customerEmail` carries one this placeholder is sent, like the
   * placeholder phone. Default `customer@example.com`.
   */
  placeholderEmail?: string;
  /** Settlements and recon events asked for per page while listing a day (1 to 1000); default 1000, Cashfree's most. */
  settlementPageSize?: number;
}

/** Things a test may replace. */
export interface CashfreeAdapterDependencies {
  /** The clock webhook timestamps are checked against. */
  now?: () => Date;
  /** The wait before a retry; a test can make it instant. */
  sleep?: (ms: number) => Promise<void>;
  /** `x-request-id` of each call, for Cashfree support. */
  newRequestId?: () => string;
}

export const CASHFREE_DEFAULTS = {
  apiVersion: '2023-08-01',
  timeoutMs: 15_000,
  maxRetries: 2,
  webhookToleranceSeconds: 300,
  placeholderPhone: '9999999999',
  placeholderEmail: 'customer@example.com',
  settlementPageSize: 1000,
  /** First retry waits this long, doubling after each further one. */
  retryBaseDelayMs: 250,
  /** No retry waits longer, whatever `x-ratelimit-retry` asks for. */
  retryMaxDelayMs: 5_000,
} as const;
