import { ProviderError } from '../port/provider.errors';
import { cashfreeHttpError, cashfreeNetworkError, parseErrorBody } from './cashfree-error.mapper';

describe('Cashfree error answers as provider errors', () => {
  it.each([
    [400, { message: 'order_amount : is missing in the request', code: 'order_amount_missing', type: 'invalid_request_error' }, 'PROVIDER.INVALID_REQUEST', false],
    [404, { message: 'order not found', code: 'order_not_found', type: 'invalid_request_error' }, 'PROVIDER.INVALID_REQUEST', false],
    [422, { message: 'request body mismatch', code: 'request_invalid', type: 'invalid_request_error' }, 'PROVIDER.INVALID_REQUEST', false],
    [422, { message: 'different request body with the same idempotency key', code: 'request_invalid', type: 'idempotency_error' }, 'PROVIDER.IDEMPOTENCY_CONFLICT', false],
    [409, { message: 'order with same id is already present', code: 'order_already_exists', type: 'invalid_request_error' }, 'PROVIDER.IDEMPOTENCY_CONFLICT', false],
    [401, { message: 'authentication Failed', code: 'request_failed', type: 'authentication_error' }, 'PROVIDER.AUTHENTICATION', false],
    [403, { message: 'forbidden', code: 'request_failed', type: 'authentication_error' }, 'PROVIDER.AUTHENTICATION', false],
    [429, { message: 'Too many requests from IP. Check headers', code: 'request_failed', type: 'rate_limit_error' }, 'PROVIDER.RATE_LIMITED', true],
    [500, { message: 'internal Server Error', code: 'internal_error', type: 'api_error' }, 'PROVIDER.UNAVAILABLE', true],
    [502, { message: 'bank processing failure', code: 'bank_processing_failure', type: 'api_error' }, 'PROVIDER.UNAVAILABLE', true],
    [503, null, 'PROVIDER.UNAVAILABLE', true],
  ])('maps HTTP %i %j to %s (retryable: %s)', (status, body, code, retryable) => {
    const error = cashfreeHttpError(status, body, 'create order');
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code, retryable });
  });

  it('keeps Cashfree’s code for support and its message for logs', () => {
    const error = cashfreeHttpError(400, { message: 'customer_phone : invalid value', code: 'customer_details.customer_phone_invalid', type: 'invalid_request_error' }, 'create order');
    expect(error).toMatchObject({ providerCode: 'customer_details.customer_phone_invalid' });
    expect(error.message).toBe('Cashfree create order: customer_phone : invalid value (customer_details.customer_phone_invalid)');
  });

  it('falls back to the HTTP status when the body says nothing', () => {
    expect(cashfreeHttpError(502, null, 'get order')).toMatchObject({ providerCode: 'http_502', message: 'Cashfree get order: HTTP 502' });
  });

  it('reads a timeout or a refused connection as an outage worth retrying', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    expect(cashfreeNetworkError(timeout, 'get order', 1500)).toMatchObject({
      code: 'PROVIDER.UNAVAILABLE', retryable: true, providerCode: 'timeout', message: 'Cashfree get order: no answer within 1500 ms',
    });
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(cashfreeNetworkError(refused, 'get order', 1500)).toMatchObject({ retryable: true, providerCode: 'network_error', message: 'Cashfree get order: ECONNREFUSED' });
  });

  it('reads a body that is not JSON as no body', () => {
    expect(parseErrorBody('<html>Bad Gateway</html>')).toBeNull();
    expect(parseErrorBody('')).toBeNull();
    expect(parseErrorBody('{"message":"m"}')).toEqual({ message: 'm' });
  });
});
