import { IdempotencyStore, requestFingerprint } from '../domain/idempotency.store';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { CashfreeApiResponse, CashfreeErrors } from './cashfree-api.errors';

export interface CashfreeApiRequest {
  readonly method: string;
  readonly path: string;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly apiVersion: string | undefined;
  readonly requestId: string | undefined;
  readonly idempotencyKey: string | undefined;
  /** The parsed JSON body of a POST or PATCH. */
  readonly body: unknown;
}

/** `rejected`: the body failed validation; nothing executed and nothing is kept under the idempotency key. */
export type CashfreeOperationResult = { readonly rejected: CashfreeApiResponse } | { readonly executed: CashfreeApiResponse };
export type CashfreeOperation = () => CashfreeOperationResult;

/** Cashfree's docs and SDK ask only for a unique key (the SDK's own examples are not UUIDs); printable ASCII, at most this long. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const IDEMPOTENCY_KEY = /^[\x21-\x7e][\x20-\x7e]{0,254}$/;
const API_VERSION = /^\d{4}-\d{2}-\d{2}$/;
/** The oldest x-api-version of the orders API the sandbox answers (its shapes are 2023-08-01's). */
const OLDEST_API_VERSION = '2022-09-01';

/**
 * What every Cashfree PG call goes through: the app id and secret, a supported `x-api-version`,
 * then for POST, PUT and PATCH the `x-idempotency-key` (any key of printable characters, not only a
 * UUID): the same key and body replay the first answer with `x-idempotency-replayed: true`; the
 * same key with another body is a 422 `idempotency_error`.
 */
export class CashfreeApiGateway {
  private readonly idempotency = new IdempotencyStore<CashfreeApiResponse>();

  constructor(
    private readonly appId: string,
    private readonly secretKey: string,
    private readonly runtime: SandboxRuntime,
  ) {}

  handle(request: CashfreeApiRequest, operation: CashfreeOperation): CashfreeApiResponse {
    const requestId = request.requestId || this.runtime.newId('cfreq');
    const answer = (response: CashfreeApiResponse, extra: Record<string, string> = {}): CashfreeApiResponse => ({
      ...response,
      headers: { ...response.headers, 'x-request-id': requestId, ...(request.apiVersion ? { 'x-api-version': request.apiVersion } : {}), ...extra },
    });
    if (request.clientId !== this.appId || request.clientSecret !== this.secretKey) return answer(CashfreeErrors.authenticationFailed());
    if (!request.apiVersion) return answer(CashfreeErrors.missingApiVersion());
    if (!API_VERSION.test(request.apiVersion) || request.apiVersion < OLDEST_API_VERSION) return answer(CashfreeErrors.unsupportedApiVersion(request.apiVersion));

    const key = request.method === 'GET' ? undefined : request.idempotencyKey;
    if (!key) return answer(this.run(operation));
    if (!IDEMPOTENCY_KEY.test(key)) return answer(CashfreeErrors.invalidIdempotencyKey(MAX_IDEMPOTENCY_KEY_LENGTH));
    const keyHeader = { 'x-idempotency-key': key };
    const decision = this.idempotency.begin(this.appId, key, requestFingerprint(request.method, request.path, request.body), this.runtime.now());
    switch (decision.kind) {
      case 'replay':
        return answer(decision.response, { ...keyHeader, 'x-idempotency-replayed': 'true' });
      case 'in_flight':
        return answer(CashfreeErrors.idempotencyInFlight(), keyHeader);
      case 'mismatch':
        return answer(CashfreeErrors.idempotencyMismatch(), keyHeader);
      case 'execute':
        break;
    }
    let result: CashfreeOperationResult;
    try {
      result = operation();
    } catch (error) {
      this.idempotency.release(this.appId, key);
      throw error;
    }
    if ('rejected' in result) {
      this.idempotency.release(this.appId, key);
      return answer(result.rejected, keyHeader);
    }
    this.idempotency.complete(this.appId, key, result.executed);
    return answer(result.executed, keyHeader);
  }

  private run(operation: CashfreeOperation): CashfreeApiResponse {
    const result = operation();
    return 'rejected' in result ? result.rejected : result.executed;
  }
}
