import { assertMinorUnits } from './minor-units';
import { ProviderError } from './provider.errors';

describe('minor-unit amounts sent to a provider', () => {
  it.each([0, 1, 4999, Number.MAX_SAFE_INTEGER])('accepts %p minor units', (amount) => {
    expect(assertMinorUnits(amount)).toBe(amount);
  });

  it.each([19.99, -1, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY, '100' as unknown as number])(
    'refuses %p as an invalid request that is not worth retrying',
    (amount) => {
      let thrown: unknown;
      try {
        assertMinorUnits(amount);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ProviderError);
      expect(thrown).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', retryable: false });
    },
  );

  it('names the field in its message', () => {
    expect(() => assertMinorUnits(1.5, 'refundAmountMinor')).toThrow(/refundAmountMinor/);
  });
});
