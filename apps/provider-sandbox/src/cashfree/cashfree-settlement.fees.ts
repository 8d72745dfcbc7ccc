import { money } from '@payments/money';
import { FeeRule, PaymentFee, feeByRule } from '../domain/settlement-fees';
import type { CashfreePaymentGroup } from './cashfree-order';

/** GST on Cashfree's service charge: 18 %, Cashfree's "service tax". */
const GST_BASIS_POINTS = 1800;

const percentPlusGst = (percentBasisPoints: number): FeeRule => ({ percentBasisPoints, fixedMinor: 0, taxOnFeeBasisPoints: GST_BASIS_POINTS });

/**
 * The service charge per `payment_group`, plus 18 % GST on it. This is the sandbox's own table, for
 * tests and demos: rates of the kind Cashfree publishes for its standard plan, not a quote of them
 * (a merchant's real rates are in its agreement). No fixed part; INR only.
 */
export const CASHFREE_FEE_RULES: Readonly<Record<CashfreePaymentGroup, FeeRule>> = {
  /** 0 %: no charge on UPI (zero MDR). */
  upi: percentPlusGst(0),
  /** 1.9 %. */
  net_banking: percentPlusGst(190),
  /** 1.9 %. */
  wallet: percentPlusGst(190),
  /** 1.75 % (domestic cards). */
  credit_card: percentPlusGst(175),
  /** 1.75 % (domestic cards). */
  debit_card: percentPlusGst(175),
};

/**
 * Cashfree's service charge and service tax on a payment of `grossMinor` paise, in integer paise:
 * the charge is the group's percentage rounded half-up to the paisa, the tax 18 % of that charge
 * rounded half-up again (`feeByRule`).
 */
export function cashfreeServiceCharge(grossMinor: number, group: CashfreePaymentGroup): PaymentFee {
  return feeByRule(money(grossMinor, 'INR'), CASHFREE_FEE_RULES[group]);
}
