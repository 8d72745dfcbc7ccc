import { ProviderError } from '../port/provider.errors';
import { CASHFREE_DEFAULTS } from './cashfree-adapter.config';
import { cashfreeHttpError, cashfreeNetworkError, parseErrorBody } from './cashfree-error.mapper';

export interface CashfreeHttpOptions {
  baseUrl: string;
  appId: string;
  secretKey: string;
  apiVersion: string;
  timeoutMs: number;
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  newRequestId: () => string;
}

export interface CashfreeCall {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /** Below the base URL, e.g. `/orders/ord_1/payments`; path segments already encoded. */
  readonly path: string;
  /** The exact JSON to send (see `writeCashfreeJson`), or a multipart form (fetch writes its boundary). */
  readonly body?: string | FormData;
  /** Sent as `x-idempotency-key` on every attempt of this call. */
  readonly idempotencyKey?: string;
  /** In error messages: "create order". */
  readonly what: string;
  /** Answer a 404 with null instead of an error: the call asks whether something exists. */
  readonly allowNotFound?: boolean;
}

/** The 429 answer's `x-ratelimit-retry` (seconds to wait), within our cap. */
function rateLimitWait(response: Response): number | null {
  const seconds = Number(response.headers.get('x-ratelimit-retry'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, CASHFREE_DEFAULTS.retryMaxDelayMs) : null;
}

/**
 * Cashfree's REST API over Node's fetch: credentials and version headers, a timeout per attempt,
 * and retries of retryable failures (429, 5xx, no answer) with backoff and the same idempotency
 * key, so a retried create can only ever replay the first. Logs nothing; errors carry no header.
 */
export class CashfreeHttpClient {
  private readonly baseUrl: string;

  constructor(private readonly options: CashfreeHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async call<T>(call: CashfreeCall & { allowNotFound: true }): Promise<T | null>;
  async call<T>(call: CashfreeCall): Promise<T>;
  async call<T>(call: CashfreeCall): Promise<T | null> {
    const requestId = this.options.newRequestId();
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(call, requestId);
      if ('ok' in outcome) return outcome.ok as T | null;
      if (!outcome.error.retryable || attempt >= this.options.maxRetries) throw outcome.error;
      const backoff = Math.min(CASHFREE_DEFAULTS.retryBaseDelayMs * 2 ** attempt, CASHFREE_DEFAULTS.retryMaxDelayMs);
      await this.options.sleep(outcome.waitMs ?? backoff);
    }
  }

  private async attempt(call: CashfreeCall, requestId: string): Promise<{ ok: unknown } | { error: ProviderError; waitMs?: number }> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}${call.path}`, {
        method: call.method,
        headers: this.headers(call, requestId),
        body: call.body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      return { error: cashfreeNetworkError(error, call.what, this.options.timeoutMs) };
    }
    if (response.status === 404 && call.allowNotFound) return { ok: null };
    if (!response.ok) {
      const error = cashfreeHttpError(response.status, parseErrorBody(text), call.what);
      return { error, waitMs: response.status === 429 ? rateLimitWait(response) ?? undefined : undefined };
    }
    try {
      return { ok: JSON.parse(text) };
    } catch (cause) {
      return { error: new ProviderError('PROVIDER.UNAVAILABLE', `Cashfree ${call.what}: the answer was not JSON`, { providerCode: 'malformed_response', cause }) };
    }
  }

  private headers(call: CashfreeCall, requestId: string): Record<string, string> {
    return {
      accept: 'application/json',
      'x-client-id': this.options.appId,
      'x-client-secret': this.options.secretKey,
      'x-api-version': this.options.apiVersion,
      'x-request-id': requestId,
      ...(typeof call.body === 'string' ? { 'content-type': 'application/json' } : {}),
      ...(call.idempotencyKey ? { 'x-idempotency-key': call.idempotencyKey } : {}),
    };
  }
}
