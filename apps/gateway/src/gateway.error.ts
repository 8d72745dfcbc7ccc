/**
 * Every refusal the gateway answers with. `http-error.filter.ts` maps each code to its HTTP status,
 * in one table, so a new code does not compile until it has a status.
 */
export type GatewayErrorCode =
  /** No bearer token, or one that is malformed, expired, wrongly signed or lacks a subject. */
  | 'AUTH.UNAUTHENTICATED'
  /** A valid token without the role the route needs. */
  | 'AUTH.FORBIDDEN'
  /** A path or query parameter, or the body, breaks the route's rules (including a body nested too deep). */
  | 'REQUEST.INVALID'
  /** The body is larger than the gateway reads (16 kB). */
  | 'REQUEST.TOO_LARGE'
  /** The request has a body that is not UTF-8 JSON (Content-Type application/json). */
  | 'REQUEST.UNSUPPORTED_MEDIA_TYPE'
  | 'IDEMPOTENCY.KEY_MISSING'
  | 'IDEMPOTENCY.KEY_INVALID'
  /** The same Idempotency-Key was used with a different request. */
  | 'IDEMPOTENCY.KEY_REUSED'
  /** A request with the same Idempotency-Key is being processed right now. */
  | 'IDEMPOTENCY.IN_FLIGHT'
  /** No such order, or not one the caller may see. */
  | 'ORDER.NOT_FOUND'
  /** No such subscription, or not one the caller may see. */
  | 'SUBSCRIPTION.NOT_FOUND'
  /** No flagged order with that id (the admin console's review flags). */
  | 'REVIEW_FLAG.NOT_FOUND'
  /** order-ledger lists no unmatched payment for that order id. */
  | 'UNMATCHED_PAYMENT.NOT_FOUND'
  /** No dead-letter topic for that topic. */
  | 'DEAD_LETTER.TOPIC_NOT_FOUND'
  /** The service has no parked message with that id (retried and applied meanwhile, perhaps). */
  | 'PARKED_MESSAGE.NOT_FOUND'
  /** Not one of the payment failure codes orders show. */
  | 'PAYMENT_FAILURE.NOT_FOUND'
  /** The order has no dispute with that id (order-ledger's record of its disputes). */
  | 'DISPUTE.NOT_FOUND'
  /** The dispute is won or lost already: nothing more can be done about it. */
  | 'DISPUTE.CLOSED'
  /** No reconciliation run with that id, or no run yet of that provider's day. */
  | 'RECONCILIATION.NOT_FOUND'
  /** The order exists but is not paid (or partially refunded). */
  | 'ORDER.NOT_REFUNDABLE'
  /** More than paid - refunded was asked for. */
  | 'REFUND.EXCEEDS_REMAINDER'
  | 'RATE_LIMITED'
  /** checkout did not answer in time; retrying with the same Idempotency-Key is safe. */
  | 'CHECKOUT.TIMEOUT'
  /** Kafka (or another dependency) did not take the request. */
  | 'SERVICE.UNAVAILABLE';

export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    /** For RATE_LIMITED: seconds until the caller may try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
