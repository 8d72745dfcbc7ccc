/** Why a provider refused or failed a call, independent of the provider. */
export type ProviderErrorCode =
  /** The provider declined the payment method (card declined, insufficient funds). Not retryable as is. */
  | 'PROVIDER.DECLINED'
  /** Our request was malformed or refers to something that does not exist: a bug or bad input. */
  | 'PROVIDER.INVALID_REQUEST'
  /** Our API key was missing, wrong or lacks permission: a configuration problem. */
  | 'PROVIDER.AUTHENTICATION'
  /** The provider throttled us; retry later with the same idempotency key. */
  | 'PROVIDER.RATE_LIMITED'
  /** The provider failed, timed out or could not be reached; retry with the same idempotency key. */
  | 'PROVIDER.UNAVAILABLE'
  /** The idempotency key was already used with different parameters. */
  | 'PROVIDER.IDEMPOTENCY_CONFLICT';

const RETRYABLE: ReadonlySet<ProviderErrorCode> = new Set(['PROVIDER.RATE_LIMITED', 'PROVIDER.UNAVAILABLE']);

export interface ProviderErrorOptions {
  /** The provider's own error code (`card_declined`, `parameter_missing`...), for logs and support. */
  providerCode?: string;
  /** Overrides the retryability implied by the code. */
  retryable?: boolean;
  cause?: unknown;
}

/** A provider call that did not succeed. `retryable` says whether repeating it (same key) may succeed. */
export class ProviderError extends Error {
  readonly retryable: boolean;
  readonly providerCode?: string;

  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    options: ProviderErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.providerCode = options.providerCode;
  }
}

/** A webhook whose signature, timestamp or secret did not verify. Answer 400; never process it. */
export class WebhookSignatureError extends Error {
  readonly code = 'WEBHOOK.SIGNATURE_INVALID' as const;

  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** Why a webhook whose signature verified still cannot be read. */
export type WebhookPayloadErrorCode =
  /** The body is not UTF-8 JSON, or not a JSON object. */
  | 'WEBHOOK.MALFORMED_BODY'
  /** Arrays or objects nest deeper than any provider's events do (see `MAX_WEBHOOK_JSON_DEPTH`). */
  | 'WEBHOOK.TOO_DEEP'
  /** A field the provider always sends for this event is absent, null or empty; the message names it. */
  | 'WEBHOOK.MISSING_FIELD'
  /** A field is present but of the wrong type or form; the message names it. */
  | 'WEBHOOK.INVALID_FIELD';

/**
 * A verified webhook we cannot understand. Answer 400 and record nothing: the same bytes will never
 * read better, so a 5xx would only have the provider retry them for days.
 */
export class WebhookPayloadError extends Error {
  constructor(
    readonly code: WebhookPayloadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookPayloadError';
  }
}
