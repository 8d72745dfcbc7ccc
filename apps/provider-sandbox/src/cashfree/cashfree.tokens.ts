/** The sandbox's Cashfree charges (`CashfreeFeeSchedule`), as configured. */
export const CASHFREE_FEE_SCHEDULE = Symbol('CASHFREE_FEE_SCHEDULE');
