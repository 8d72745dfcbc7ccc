/** The sandbox's Stripe fees (`StripeFeeSchedule`): payment fee rules and dispute fees per currency. */
export const STRIPE_FEES = Symbol('STRIPE_FEES');
