import { ConfigError } from '@payments/nest-runtime';
import { DEFAULT_STRIPE_FEES } from '../domain/settlement-fee-overrides';
import { stripeFeesFromEnv } from './stripe-fees.config';

describe('the sandbox’s Stripe fees from the environment', () => {
  it('are the built-in tables when nothing is set', () => {
    expect(stripeFeesFromEnv({})).toEqual(DEFAULT_STRIPE_FEES);
  });

  it('take payment rules and dispute fees per currency', () => {
    const fees = stripeFeesFromEnv({ SANDBOX_STRIPE_FEE_RULES: 'USD:340:50:0', SANDBOX_STRIPE_DISPUTE_FEES: 'USD:2500' });
    expect(fees.paymentRules.USD).toEqual({ percentBasisPoints: 340, fixedMinor: 50, taxOnFeeBasisPoints: 0 });
    expect(fees.disputeFees.USD).toBe(2500);
  });

  it('stop the sandbox with a message naming the variable when a value is malformed', () => {
    expect(() => stripeFeesFromEnv({ SANDBOX_STRIPE_DISPUTE_FEES: 'USD' })).toThrow(ConfigError);
    expect(() => stripeFeesFromEnv({ SANDBOX_STRIPE_DISPUTE_FEES: 'USD' })).toThrow(/^SANDBOX_STRIPE_DISPUTE_FEES: "USD" is not of the form CUR:feeMinor/);
  });
});
