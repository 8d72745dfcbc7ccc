import { Sql } from '@payments/persistence';
import { ClaimOptions, IdempotencyRepository, StoredResponse } from '../idempotency.repository';
import { inFlightResponse, keyReusedResponse } from './checkout-response';

/** A client request under an Idempotency-Key, as the gateway's commands carry it. */
export interface KeyedRequest {
  readonly userId: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
}

/**
 * What the work under a claimed key came to: `release` answers without keeping the key (validation
 * failed, as Stripe saves nothing then), `complete` stores the answer to replay, with the order id it
 * names if any.
 */
export type KeyedOutcome = { readonly release: StoredResponse } | { readonly complete: StoredResponse; readonly orderId: string | null };

/**
 * Runs `work` under the request's Idempotency-Key, answering as Stripe does when the key is not this
 * request's: the stored response replayed, 409 while another request with it is in flight, 422 when
 * it was used with another body. `work` gets the key's generation (its expired earlier uses).
 */
export async function answerIdempotently(
  idempotency: IdempotencyRepository, sql: Sql, request: KeyedRequest, options: ClaimOptions, work: (generation: number) => Promise<KeyedOutcome>,
): Promise<StoredResponse> {
  const keyed = { userId: request.userId, key: request.idempotencyKey, requestHash: request.requestHash };
  const claim = await idempotency.claim(sql, keyed, options);
  switch (claim.kind) {
    case 'replay':
      return claim.response;
    case 'in_flight':
      return inFlightResponse();
    case 'key_reused':
      return keyReusedResponse();
    case 'new':
      break;
  }
  const outcome = await work(claim.generation);
  if ('release' in outcome) {
    await idempotency.release(sql);
    return outcome.release;
  }
  await idempotency.complete(sql, keyed, outcome.complete, outcome.orderId);
  return outcome.complete;
}
