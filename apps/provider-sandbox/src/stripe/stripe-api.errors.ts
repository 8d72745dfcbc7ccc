/** An HTTP answer as data: saved by the idempotency store and replayed byte for byte. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorDetail {
  readonly type: StripeErrorType;
  readonly message: string;
  readonly code?: string;
  readonly param?: string;
  readonly doc_url?: string;
  readonly payment_intent?: unknown;
}

export function stripeError(status: number, error: StripeErrorDetail): ApiResponse {
  const docUrl = error.code ? { doc_url: `https://stripe.com/docs/error-codes/${error.code.replace(/_/g, '-')}` } : {};
  return { status, body: { error: { ...docUrl, ...error } } };
}

/** Stripe shows a refused key as its prefix, stars and its last four characters. */
function maskKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : `${key.slice(0, 3)}****`;
}

const invalid = (message: string, extra: Partial<StripeErrorDetail> = {}) =>
  stripeError(400, { type: 'invalid_request_error', message, ...extra });

/** The errors the sandbox answers with, worded as Stripe words them. */
export const StripeErrors = {
  missingApiKey: () =>
    stripeError(401, {
      type: 'invalid_request_error',
      message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    }),
  invalidApiKey: (key: string) => stripeError(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${maskKey(key)}` }),
  missingParam: (param: string) => invalid(`Missing required param: ${param}.`, { code: 'parameter_missing', param }),
  unknownParam: (param: string) => invalid(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param }),
  invalidInteger: (param: string, value: unknown) => invalid(`Invalid integer: ${String(value)}`, { code: 'parameter_invalid_integer', param }),
  invalidParam: (param: string, message: string, code = 'parameter_invalid_empty') => invalid(message, { code, param }),
  amountTooSmall: () => invalid('This value must be greater than or equal to 1.', { code: 'parameter_invalid_integer', param: 'amount' }),
  amountTooLarge: (max: number) => invalid(`Amount must be no more than ${max} in the currency's smallest unit.`, { code: 'amount_too_large', param: 'amount' }),
  invalidCurrency: (currency: string, param = 'currency') =>
    invalid(`Invalid currency: ${currency.toLowerCase()}. Stripe currently supports these currencies: usd, eur, gbp, inr, jpy, ...`, { param }),
  noSuchPaymentIntent: (id: string) => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'intent', message: `No such payment_intent: '${id}'` }),
  noSuchCheckoutSession: (id: string) => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'session', message: `No such checkout.session: '${id}'` }),
  noSuchPrice: (id: string, param = 'price') => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such price: '${id}'` }),
  noSuchProduct: (id: string, param = 'product') => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such product: '${id}'` }),
  noSuchSubscription: (id: string) => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: `No such subscription: '${id}'` }),
  noSuchInvoice: (id: string) => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'invoice', message: `No such invoice: '${id}'` }),
  noSuchCustomer: (id: string) => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: `No such customer: '${id}'` }),
  noSuchTestClock: (id: string) => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'test_clock', message: `No such test_helpers.test_clock: '${id}'` }),
  lookupKeyTaken: (priceId: string) => invalid(`A price (\`${priceId}\`) already uses that lookup key.`, { param: 'lookup_key' }),
  subscriptionCanceled: () => invalid('A canceled subscription can only update its cancellation_details and metadata.'),
  testClockNotAfter: () => invalid('The frozen time must be after the current frozen time of the test clock.', { param: 'frozen_time' }),
  testClockTooFar: (limit: number) =>
    invalid(`Cannot advance the test clock more than two intervals of its shortest subscription ahead (at most ${limit}).`, { param: 'frozen_time' }),
  noSuchRefund: (id: string) => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'refund', message: `No such refund: '${id}'` }),
  noSuchRefundTarget: (id: string, param: string) =>
    stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${param === 'charge' ? 'charge' : 'payment_intent'}: '${id}'` }),
  noSuchDispute: (id: string, param = 'dispute') => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such dispute: '${id}'` }),
  noSuchPayout: (id: string, param = 'payout') => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such payout: '${id}'` }),
  noSuchBalanceTransaction: (id: string, param = 'id') =>
    stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such balance_transaction: '${id}'` }),
  disputeNotOpen: (id: string, status: string, action: string) =>
    invalid(`You cannot ${action} dispute ${id}: it has a status of ${status}.${status === 'won' || status === 'lost' ? ' A closed dispute cannot change.' : ''}`, { param: 'dispute' }),
  nothingToDispute: (intentId: string, status: string) =>
    invalid(`This PaymentIntent (${intentId}) has no successful charge to dispute: it has a status of ${status}.`, { code: 'payment_intent_unexpected_state', param: 'payment_intent' }),
  chargeAlreadyDisputed: (chargeId: string, disputeId: string) =>
    invalid(`Charge ${chargeId} has already been disputed (${disputeId}).`, { code: 'charge_disputed', param: 'payment_intent' }),
  disputeAmountTooLarge: (requested: number, received: number) =>
    invalid(`Dispute amount (${requested}) is greater than the amount of the charge (${received}), in the currency's smallest unit.`, { code: 'amount_too_large', param: 'amount' }),
  sessionNotOpen: (status: string) =>
    invalid(`This Checkout Session is no longer open: it has a status of ${status}. Only a Checkout Session with a status of open can be expired or paid.`),
  nothingToRefund: (intentId: string, status: string) =>
    invalid(`This PaymentIntent (${intentId}) does not have a successful charge to refund: it has a status of ${status}.`, { code: 'payment_intent_unexpected_state', param: 'payment_intent' }),
  chargeAlreadyRefunded: (chargeId: string) =>
    invalid(`Charge ${chargeId} has already been refunded.`, { code: 'charge_already_refunded' }),
  refundAmountTooLarge: (requested: number, remaining: number) =>
    invalid(`Refund amount (${requested}) is greater than unrefunded amount on charge (${remaining}), in the currency's smallest unit.`, { code: 'amount_too_large', param: 'amount' }),
  unexpectedState: (intent: { status: string }, action: string, allowed: readonly string[]) =>
    invalid(
      `You cannot ${action} this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be ${action === 'cancel' ? 'canceled' : `used to ${action}`}: ${allowed.join(', ')}.`,
      { code: 'payment_intent_unexpected_state', payment_intent: intent },
    ),
  idempotencyMismatch: (key: string) =>
    stripeError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  idempotencyInFlight: () =>
    stripeError(409, {
      type: 'invalid_request_error',
      code: 'idempotency_key_in_use',
      message: 'There is currently another in-progress request using this Stripe API Idempotency Key. Please try again later.',
    }),
  idempotencyKeyTooLong: (max: number) => invalid(`Idempotency-Key must be at most ${max} characters long.`, { param: 'Idempotency-Key' }),
  unrecognizedUrl: (method: string, path: string) =>
    stripeError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}). The provider-sandbox serves only part of Stripe's API.` }),
  malformedBody: (detail: string) => invalid(`The request body could not be parsed: ${detail}`),
  internal: () => stripeError(500, { type: 'api_error', message: 'An unknown error occurred in the provider-sandbox.' }),
};
