import { ConfigError, integerEnv, listEnv, optionalEnv } from '@payments/nest-runtime';
import { CASHFREE_PAYMENT_GROUPS, CashfreePaymentGroup } from './cashfree-order';
import { DEFAULT_DISPUTE_FEE_MINOR } from './cashfree-settlement.fees';

/** The sandbox's Cashfree charges as configured; anything left out keeps the sandbox's own table. */
export interface CashfreeFeeSettings {
  /** Service charge per `payment_group`, in basis points of the payment (190 = 1.9 %); GST is 18 % of it. */
  readonly serviceChargeBasisPoints?: Partial<Record<CashfreePaymentGroup, number>>;
  /** The fee on a chargeback's or dispute's withdrawal, in paise (plus GST). */
  readonly disputeFeeMinor?: number;
}

const SERVICE_CHARGE = 'SANDBOX_CASHFREE_SERVICE_CHARGE_BP';
const DISPUTE_FEE = 'SANDBOX_CASHFREE_DISPUTE_FEE_PAISE';

/**
 * `SANDBOX_CASHFREE_SERVICE_CHARGE_BP=net_banking=190,wallet=150` (basis points per payment group,
 * 0 to 10000) and `SANDBOX_CASHFREE_DISPUTE_FEE_PAISE=50000`; a bad entry stops the sandbox naming it.
 * Undefined when neither is set: the sandbox's own table.
 */
export function loadCashfreeFeeSettings(env: NodeJS.ProcessEnv): CashfreeFeeSettings | undefined {
  const serviceChargeBasisPoints: Partial<Record<CashfreePaymentGroup, number>> = {};
  for (const entry of listEnv(env, SERVICE_CHARGE, [])) {
    const [group, value, ...rest] = entry.split('=').map((part) => part.trim());
    const known = CASHFREE_PAYMENT_GROUPS.includes(group as CashfreePaymentGroup);
    if (!known || rest.length > 0 || !/^\d{1,5}$/.test(value ?? '') || Number(value) > 10_000) {
      throw new ConfigError(`${SERVICE_CHARGE} must be <payment group>=<basis points 0-10000>, comma-separated (groups: ${CASHFREE_PAYMENT_GROUPS.join(', ')}); got "${entry}"`);
    }
    serviceChargeBasisPoints[group as CashfreePaymentGroup] = Number(value);
  }
  const disputeFeeMinor = integerEnv(env, DISPUTE_FEE, DEFAULT_DISPUTE_FEE_MINOR, { min: 0, max: 10_000_000 });
  const anySet = Object.keys(serviceChargeBasisPoints).length > 0 || optionalEnv(env, DISPUTE_FEE, '') !== '';
  return anySet ? { serviceChargeBasisPoints, disputeFeeMinor } : undefined;
}
