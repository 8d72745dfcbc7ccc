import { CASHFREE_FEE_RULES, cashfreeServiceCharge } from './cashfree-settlement.fees';

describe('Cashfree’s service charge and service tax on a payment, in integer paise', () => {
  it.each([
    ['UPI is free: no charge, no GST', 'upi', 58_882, 0, 0],
    ['net banking: 1.9 %, plus 18 % GST on the charge', 'net_banking', 120_000, 2_280, 410], // GST 410.4 -> 410
    ['a wallet: 1.9 %, plus 18 % GST on the charge', 'wallet', 58_882, 1_119, 201], // 1118.758 -> 1119; GST 201.42 -> 201
    ['cards: 1.75 %, plus 18 % GST on the charge', 'credit_card', 100_000, 1_750, 315],
    ['half a paisa of charge rounds up', 'net_banking', 500, 10, 2], // 9.5 -> 10; GST 1.8 -> 2
    ['just under half a paisa of charge rounds down', 'net_banking', 921, 17, 3], // 17.499 -> 17; GST 3.06 -> 3
    ['half a paisa of GST rounds up', 'net_banking', 1_316, 25, 5], // 25.004 -> 25; GST 4.5 -> 5
    ['a payment too small for a paisa of charge pays nothing', 'wallet', 26, 0, 0], // 0.494 -> 0
  ] as const)('%s', (_label, group, gross, charge, tax) => {
    expect(cashfreeServiceCharge(gross, group)).toEqual({ feeMinor: charge, taxOnFeeMinor: tax });
  });

  it('prices every payment group with 18 % GST and no fixed part', () => {
    for (const rule of Object.values(CASHFREE_FEE_RULES)) expect(rule).toMatchObject({ fixedMinor: 0, taxOnFeeBasisPoints: 1800 });
  });
});
