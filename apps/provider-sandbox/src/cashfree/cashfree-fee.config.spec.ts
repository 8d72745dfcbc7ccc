import { loadCashfreeFeeSettings } from './cashfree-fee.config';
import { DEFAULT_CASHFREE_FEE_SCHEDULE, cashfreeDisputeFee, cashfreeFeeSchedule, cashfreeServiceCharge } from './cashfree-settlement.fees';

describe('the sandbox’s Cashfree charges, as configured', () => {
  it('keeps the sandbox’s own table and a ₹500 dispute fee when nothing is set', () => {
    expect(cashfreeFeeSchedule(loadCashfreeFeeSettings({}))).toEqual(DEFAULT_CASHFREE_FEE_SCHEDULE);
  });

  it('prices a payment group and the dispute fee as configured, with 18 % GST on each', () => {
    const schedule = cashfreeFeeSchedule(loadCashfreeFeeSettings({ SANDBOX_CASHFREE_SERVICE_CHARGE_BP: 'upi=100, wallet=250', SANDBOX_CASHFREE_DISPUTE_FEE_PAISE: '30000' }));
    expect(cashfreeServiceCharge(58_882, 'upi', schedule.rules)).toEqual({ feeMinor: 589, taxOnFeeMinor: 106 }); // 588.82 -> 589; 106.02 -> 106
    expect(cashfreeServiceCharge(58_882, 'wallet', schedule.rules)).toEqual({ feeMinor: 1_472, taxOnFeeMinor: 265 }); // 1472.05; 264.96
    expect(cashfreeServiceCharge(120_000, 'net_banking', schedule.rules)).toEqual({ feeMinor: 2_280, taxOnFeeMinor: 410 });
    expect(cashfreeDisputeFee(58_882, schedule)).toEqual({ feeMinor: 30_000, taxOnFeeMinor: 5_400 });
  });

  it.each([
    ['an unknown payment group', { SANDBOX_CASHFREE_SERVICE_CHARGE_BP: 'card=100' }, /SANDBOX_CASHFREE_SERVICE_CHARGE_BP.*"card=100"/],
    ['a percentage over 100 %', { SANDBOX_CASHFREE_SERVICE_CHARGE_BP: 'upi=10001' }, /SANDBOX_CASHFREE_SERVICE_CHARGE_BP/],
    ['a rate that is no number', { SANDBOX_CASHFREE_SERVICE_CHARGE_BP: 'upi=1.5' }, /SANDBOX_CASHFREE_SERVICE_CHARGE_BP/],
    ['a negative dispute fee', { SANDBOX_CASHFREE_DISPUTE_FEE_PAISE: '-1' }, /SANDBOX_CASHFREE_DISPUTE_FEE_PAISE/],
  ])('stops the sandbox, naming the setting, for %s', (_label, env, message) => {
    expect(() => loadCashfreeFeeSettings(env)).toThrow(message);
  });
});
