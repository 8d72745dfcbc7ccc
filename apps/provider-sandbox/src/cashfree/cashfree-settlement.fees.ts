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

/** The sandbox's own dispute fee: ₹500 per chargeback or dispute, plus GST; a retrieval request costs nothing. */
export const DEFAULT_DISPUTE_FEE_MINOR = 50_000;

/** What the sandbox charges, as configured (`SANDBOX_CASHFREE_SERVICE_CHARGE_BP`, `SANDBOX_CASHFREE_DISPUTE_FEE_PAISE`). */
export interface CashfreeFeeSchedule {
  readonly rules: Readonly<Record<CashfreePaymentGroup, FeeRule>>;
  /** Charged on a chargeback's or dispute's withdrawal, in paise, with 18 % GST on it; kept when the dispute is won. */
  readonly disputeFeeMinor: number;
}

export const DEFAULT_CASHFREE_FEE_SCHEDULE: CashfreeFeeSchedule = { rules: CASHFREE_FEE_RULES, disputeFeeMinor: DEFAULT_DISPUTE_FEE_MINOR };

/** The schedule with some groups' percentages (basis points) and the dispute fee changed; GST stays 18 %. */
export function cashfreeFeeSchedule(settings: { serviceChargeBasisPoints?: Partial<Record<CashfreePaymentGroup, number>>; disputeFeeMinor?: number } = {}): CashfreeFeeSchedule {
  const rules = { ...CASHFREE_FEE_RULES };
  for (const [group, basisPoints] of Object.entries(settings.serviceChargeBasisPoints ?? {})) rules[group as CashfreePaymentGroup] = percentPlusGst(basisPoints);
  return { rules, disputeFeeMinor: settings.disputeFeeMinor ?? DEFAULT_DISPUTE_FEE_MINOR };
}

/**
 * Cashfree's service charge and service tax on a payment of `grossMinor` paise, in integer paise:
 * the charge is the group's percentage rounded half-up to the paisa, the tax 18 % of that charge
 * rounded half-up again (`feeByRule`).
 */
export function cashfreeServiceCharge(grossMinor: number, group: CashfreePaymentGroup, rules: CashfreeFeeSchedule['rules'] = CASHFREE_FEE_RULES): PaymentFee {
  return feeByRule(money(grossMinor, 'INR'), rules[group]);
}

/** The dispute fee and its GST, whatever the disputed amount. */
export function cashfreeDisputeFee(amountMinor: number, schedule: CashfreeFeeSchedule): PaymentFee {
  return feeByRule(money(amountMinor, 'INR'), { percentBasisPoints: 0, fixedMinor: schedule.disputeFeeMinor, taxOnFeeBasisPoints: GST_BASIS_POINTS });
}
