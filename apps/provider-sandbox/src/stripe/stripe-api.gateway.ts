import { IDEMPOTENCY_KEY_MAX_LENGTH, IdempotencyStore, requestFingerprint } from '../domain/idempotency.store';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { ApiResponse, StripeErrors } from './stripe-api.errors';

export interface StripeApiRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly idempotencyKey: string | undefined;
  /** Query parameters for GET, the parsed form body for POST. */
  readonly params: Record<string, unknown>;
}

export interface RequestContext {
  readonly requestId: string;
  readonly idempotencyKey: string | null;
}

/** `rejected`: the parameters failed validation, nothing executed, nothing is saved for the key. */
export type OperationResult = { readonly rejected: ApiResponse } | { readonly executed: ApiResponse };
export type Operation = (context: RequestContext) => OperationResult;

function apiKeyFrom(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, credentials] = authorization.trim().split(/\s+/, 2);
  if (!credentials) return null;
  if (scheme.toLowerCase() === 'bearer') return credentials;
  // `curl -u sk_test_...:` sends Basic auth with the key as the user name.
  if (scheme.toLowerCase() === 'basic') return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] || null;
  return null;
}

/**
 * What every Stripe v1 call goes through before and after its operation: the API key, then
 * Stripe's idempotency rules for POSTs (replay, 409 in flight, 400 on other parameters), and the
 * `Request-Id` / `Idempotent-Replayed` headers.
 */
export class StripeApiGateway {
  private readonly idempotency = new IdempotencyStore<ApiResponse>();

  constructor(
    private readonly secretKey: string,
    private readonly apiVersion: string,
    private readonly runtime: SandboxRuntime,
  ) {}

  handle(request: StripeApiRequest, operation: Operation): ApiResponse {
    const requestId = this.runtime.newId('req');
    const answer = (response: ApiResponse, extra: Record<string, string> = {}): ApiResponse => ({
      ...response,
      headers: { ...response.headers, 'request-id': requestId, 'stripe-version': this.apiVersion, ...extra },
    });
    const apiKey = apiKeyFrom(request.authorization);
    if (!apiKey) return answer(StripeErrors.missingApiKey());
    if (apiKey !== this.secretKey) return answer(StripeErrors.invalidApiKey(apiKey));

    // Stripe ignores idempotency keys on GET and DELETE: they are idempotent by definition.
    const key = request.method === 'POST' ? request.idempotencyKey : undefined;
    if (!key) {
      const result = operation({ requestId, idempotencyKey: null });
      return answer('rejected' in result ? result.rejected : result.executed);
    }
    const keyHeader = { 'idempotency-key': key };
    if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) return answer(StripeErrors.idempotencyKeyTooLong(IDEMPOTENCY_KEY_MAX_LENGTH));
    const fingerprint = requestFingerprint(request.method, request.path, request.params);
    const decision = this.idempotency.begin(this.secretKey, key, fingerprint, this.runtime.now());
    switch (decision.kind) {
      case 'replay':
        return answer(decision.response, { ...keyHeader, 'idempotent-replayed': 'true', 'original-request': decision.response.headers?.['request-id'] ?? '' });
      case 'in_flight':
        return answer(StripeErrors.idempotencyInFlight(), keyHeader);
      case 'mismatch':
        return answer(StripeErrors.idempotencyMismatch(key), keyHeader);
      case 'execute':
        break;
    }
    let result: OperationResult;
    try {
      result = operation({ requestId, idempotencyKey: key });
    } catch (error) {
      this.idempotency.release(this.secretKey, key);
      throw error;
    }
    if ('rejected' in result) {
      this.idempotency.release(this.secretKey, key);
      return answer(result.rejected, keyHeader);
    }
    const response = answer(result.executed, keyHeader);
    this.idempotency.complete(this.secretKey, key, response);
    return response;
  }
}
