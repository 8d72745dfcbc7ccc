import Stripe from 'stripe';
import { ProviderError } from '../port/provider.errors';

/**
 * Turns an error thrown by the stripe SDK into a `ProviderError`; anything else (a bug of ours)
 * is returned unchanged so that it is not mistaken for a provider answer.
 */
export function toProviderError(error: unknown): unknown {
  const { errors } = Stripe;
  if (!(error instanceof errors.StripeError)) return error;
  const message = `Stripe: ${error.message}`;
  const options = { providerCode: error.code ?? error.rawType, cause: error };
  if (error instanceof errors.StripeIdempotencyError) {
    return new ProviderError('PROVIDER.IDEMPOTENCY_CONFLICT', message, options);
  }
  if (error instanceof errors.StripeCardError) {
    return new ProviderError('PROVIDER.DECLINED', message, { ...options, providerCode: error.decline_code ?? error.code });
  }
  if (error instanceof errors.StripeInvalidRequestError) {
    return new ProviderError('PROVIDER.INVALID_REQUEST', message, options);
  }
  if (error instanceof errors.StripeAuthenticationError || error instanceof errors.StripePermissionError) {
    return new ProviderError('PROVIDER.AUTHENTICATION', message, options);
  }
  if (error instanceof errors.StripeRateLimitError) {
    return new ProviderError('PROVIDER.RATE_LIMITED', message, options);
  }
  if (error instanceof errors.StripeAPIError && error.statusCode === 409) {
    // Another request with the same key is still executing at Stripe; the SDK already retried.
    return new ProviderError('PROVIDER.UNAVAILABLE', message, { ...options, providerCode: options.providerCode ?? 'idempotency_key_in_use' });
  }
  if (error instanceof errors.StripeAPIError || error instanceof errors.StripeConnectionError) {
    return new ProviderError('PROVIDER.UNAVAILABLE', message, options);
  }
  return new ProviderError('PROVIDER.INVALID_REQUEST', message, options);
}
