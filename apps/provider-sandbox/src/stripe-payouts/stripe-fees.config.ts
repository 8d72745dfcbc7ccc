import { ConfigError, optionalEnv } from '@payments/nest-runtime';
import { FeeOverrideError, StripeFeeSchedule, parseDisputeFees, parseFeeRules } from '../domain/settlement-fee-overrides';

/**
 * The sandbox's Stripe fees: `SANDBOX_STRIPE_FEE_RULES` (`USD:290:30:0,...`: currency, basis points,
 * fixed minor units, tax on the fee in basis points) over `FEE_RULES`, and
 * `SANDBOX_STRIPE_DISPUTE_FEES` (`USD:1500,...`) over `DISPUTE_FEES`. A malformed value stops the sandbox.
 */
export function stripeFeesFromEnv(env: NodeJS.ProcessEnv): StripeFeeSchedule {
  const read = <T>(name: string, parse: (text: string) => T): T => {
    try {
      return parse(optionalEnv(env, name, ''));
    } catch (error) {
      if (error instanceof FeeOverrideError) throw new ConfigError(`${name}: ${error.message}`);
      throw error;
    }
  };
  return { paymentRules: read('SANDBOX_STRIPE_FEE_RULES', parseFeeRules), disputeFees: read('SANDBOX_STRIPE_DISPUTE_FEES', parseDisputeFees) };
}
