/** An HTTP answer as data; saved under an idempotency key and replayed as is. `body` may hold `JsonDecimal`s. */
export interface CashfreeApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type CashfreeErrorType = 'invalid_request_error' | 'authentication_error' | 'idempotency_error' | 'rate_limit_error' | 'api_error';

/** Every Cashfree error body: `{ message, code, type }`. */
export function cashfreeError(status: number, type: CashfreeErrorType, code: string, message: string): CashfreeApiResponse {
  return { status, body: { message, code, type } };
}

const invalid = (code: string, message: string, status = 400) => cashfreeError(status, 'invalid_request_error', code, message);

/** The errors the sandbox answers with, in Cashfree's shapes and wording. */
export const CashfreeErrors = {
  authenticationFailed: () => cashfreeError(401, 'authentication_error', 'request_failed', 'authentication Failed'),
  missingApiVersion: () => invalid('request_failed', 'x-api-version : is missing in the request'),
  unsupportedApiVersion: (version: string) => invalid('request_failed', `x-api-version : ${version} is not a supported version`),
  invalidIdempotencyKey: (maxLength: number) => invalid('request_failed', `x-idempotency-key : should be 1 to ${maxLength} printable characters`),
  /** A field failed validation; `field` is dotted for nested ones (`customer_details.customer_phone`). */
  missingField: (field: string) => invalid(`${field}_missing`, `${field} : is missing in the request`),
  invalidField: (field: string, detail = 'invalid value provided') => invalid(`${field}_invalid`, `${field} : ${detail}`),
  malformedBody: () => invalid('request_failed', 'request body : invalid JSON'),
  orderNotFound: () => invalid('order_not_found', 'order not found', 404),
  paymentNotFound: () => invalid('payment_not_found', 'payment not found', 404),
  refundNotFound: () => invalid('refund_not_found', 'refund not found', 404),
  orderAlreadyExists: () => invalid('order_already_exists', 'order with same id is already present', 409),
  refundAlreadyExists: () => invalid('refund_already_exists', 'refund with same refund_id is already present', 409),
  orderNotPayable: (status: string) => invalid('order_not_active', `order is ${status}; only an ACTIVE order can be paid or terminated`),
  orderNotRefundable: (status: string) => invalid('order_not_paid', `refund can be raised only for a PAID order; this order is ${status}`),
  refundExceedsRemainder: () => invalid('refund_amount_invalid', 'refund_amount : refund amount is greater than the refundable amount'),
  planNotFound: () => invalid('plan_not_found', 'plan does not exist', 404),
  planAlreadyExists: () => invalid('plan_already_exists', 'plan with same plan_id is already present', 409),
  subscriptionNotFound: () => invalid('subscription_not_found', 'subscription does not exist', 404),
  subscriptionAlreadyExists: () => invalid('subscription_already_exists', 'subscription with same subscription_id is already present', 409),
  subscriptionActionNotAllowed: (action: string, status: string) =>
    invalid('action_not_allowed', `${action} is not allowed for a subscription in ${status} status`),
  orderNotDisputable: (status: string) => invalid('order_not_paid', `a dispute can be raised only on a PAID order; this order is ${status}`),
  disputeNotFound: () => invalid('dispute_not_found', 'dispute does not exist', 404),
  disputeNotOpen: (status: string) => invalid('dispute_action_not_allowed', `action not allowed: the dispute is ${status}`),
  settlementNotFound: () => invalid('settlement_not_found', 'no settlement found for the order', 404),
  settlementAlreadyExists: (date: string) =>
    invalid('settlement_already_exists', `the settlement of ${date} was made with other discrepancies; a day is settled once`, 409),
  nothingToSettle: (date: string) => invalid('settlement_empty', `date : nothing was paid, refunded or disputed on ${date}`),
  idempotencyMismatch: () =>
    cashfreeError(422, 'idempotency_error', 'request_invalid', 'x-idempotency-key : was used with a different request body'),
  idempotencyInFlight: () =>
    cashfreeError(409, 'idempotency_error', 'request_in_progress', 'x-idempotency-key : a request with this key is still in progress'),
  unrecognizedUrl: () => invalid('request_failed', 'bad URL, please check API documentation', 404),
  internal: () => cashfreeError(500, 'api_error', 'internal_error', 'internal Server Error'),
};
