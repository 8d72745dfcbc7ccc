import { ProviderError, ProviderErrorCode } from '../port/provider.errors';
import type { CashfreeErrorBody } from './cashfree-api.types';

/**
 * A Cashfree error answer as a `ProviderError`. Cashfree says what went wrong in `type` as well as
 * in the status: a reused `x-idempotency-key` with another body is a 422 `idempotency_error`, an
 * `order_id` already taken is a 409 `order_already_exists` (our order id is our idempotency
 * identity, so both are idempotency conflicts), and validation failures are 400s.
 */
export function cashfreeHttpError(status: number, body: CashfreeErrorBody | null, what: string): ProviderError {
  const code = codeFor(status, body?.type);
  const detail = body?.message ? `${body.message}${body.code ? ` (${body.code})` : ''}` : `HTTP ${status}`;
  return new ProviderError(code, `Cashfree ${what}: ${detail}`, { providerCode: body?.code ?? body?.type ?? `http_${status}` });
}

function codeFor(status: number, type: string | undefined): ProviderErrorCode {
  if (type === 'idempotency_error' || status === 409) return 'PROVIDER.IDEMPOTENCY_CONFLICT';
  if (status === 401 || status === 403 || type === 'authentication_error') return 'PROVIDER.AUTHENTICATION';
  if (status === 429 || type === 'rate_limit_error') return 'PROVIDER.RATE_LIMITED';
  if (status >= 500) return 'PROVIDER.UNAVAILABLE';
  return 'PROVIDER.INVALID_REQUEST';
}

/** No answer at all: refused or reset connection, DNS failure, or our timeout. Retryable with the same key. */
export function cashfreeNetworkError(error: unknown, what: string, timeoutMs: number): ProviderError {
  const name = (error as { name?: string })?.name;
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const reason = timedOut ? `no answer within ${timeoutMs} ms` : describeNetworkError(error);
  return new ProviderError('PROVIDER.UNAVAILABLE', `Cashfree ${what}: ${reason}`, {
    providerCode: timedOut ? 'timeout' : 'network_error',
    cause: error,
  });
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'the request failed';
}

/** Reads an error body that may not be JSON (a proxy's HTML 502, an empty 503). */
export function parseErrorBody(text: string): CashfreeErrorBody | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as CashfreeErrorBody) : null;
  } catch {
    return null;
  }
}
