import Stripe from 'stripe';
import { ProviderError } from '../port/provider.errors';
import { toProviderError } from './stripe-error.mapper';

const { errors } = Stripe;

describe('Stripe SDK errors as provider errors', () => {
  it.each([
    ['a card error', new errors.StripeCardError({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', statusCode: 402 }), 'PROVIDER.DECLINED', false, 'insufficient_funds'],
    ['an invalid request', new errors.StripeInvalidRequestError({ type: 'invalid_request_error', code: 'parameter_missing', message: 'Missing required param: amount.', statusCode: 400 }), 'PROVIDER.INVALID_REQUEST', false, 'parameter_missing'],
    ['a reused idempotency key', new errors.StripeIdempotencyError({ type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters', statusCode: 400 }), 'PROVIDER.IDEMPOTENCY_CONFLICT', false, 'idempotency_error'],
    ['a wrong API key', new errors.StripeAuthenticationError({ type: 'invalid_request_error', message: 'Invalid API Key provided', statusCode: 401 }), 'PROVIDER.AUTHENTICATION', false, 'invalid_request_error'],
    ['a restricted key', new errors.StripePermissionError({ type: 'invalid_request_error', message: 'The provided key does not have access', statusCode: 403 }), 'PROVIDER.AUTHENTICATION', false, 'invalid_request_error'],
    ['throttling', new errors.StripeRateLimitError({ type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests', statusCode: 429 }), 'PROVIDER.RATE_LIMITED', true, 'rate_limit'],
    ['a Stripe outage', new errors.StripeAPIError({ type: 'api_error', message: 'Something went wrong', statusCode: 500 }), 'PROVIDER.UNAVAILABLE', true, 'api_error'],
    ['a key still executing', new errors.StripeAPIError({ type: 'idempotency_error', message: 'another request is in progress', statusCode: 409 }), 'PROVIDER.UNAVAILABLE', true, 'idempotency_error'],
    ['a lost connection', new errors.StripeConnectionError({ message: 'An error occurred with our connection to Stripe.' }), 'PROVIDER.UNAVAILABLE', true, undefined],
  ])('maps %s', (_label, error, code, retryable, providerCode) => {
    const mapped = toProviderError(error);
    expect(mapped).toBeInstanceOf(ProviderError);
    expect(mapped).toMatchObject({ code, retryable, providerCode, cause: error });
  });

  it('passes through an error that did not come from the SDK', () => {
    const bug = new TypeError('undefined is not a function');
    expect(toProviderError(bug)).toBe(bug);
  });
});
