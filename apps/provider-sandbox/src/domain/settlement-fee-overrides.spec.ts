import { FeeOverrideError, parseDisputeFees, parseFeeRules } from './settlement-fee-overrides';
import { DEFAULT_DISPUTE_FEE_MINOR, FEE_RULES, disputeFeeFor, paymentFee } from './settlement-fees';

describe('payment fee rules given to the sandbox', () => {
  it('replace the rule of each currency named and keep the others', () => {
    const rules = parseFeeRules('usd:340:50:0, INR:250:0:1800');
    expect(rules.USD).toEqual({ percentBasisPoints: 340, fixedMinor: 50, taxOnFeeBasisPoints: 0 });
    expect(rules.INR).toEqual({ percentBasisPoints: 250, fixedMinor: 0, taxOnFeeBasisPoints: 1800 });
    expect(rules.EUR).toEqual(FEE_RULES.EUR);
    expect(paymentFee(10_000, 'USD', rules)).toEqual({ feeMinor: 390, taxOnFeeMinor: 0 });
  });

  it('leave the table as it is when empty', () => {
    expect(parseFeeRules('')).toEqual(FEE_RULES);
  });

  it.each([
    ['USD:290:30', /not of the form CUR:percentBasisPoints:fixedMinor:taxOnFeeBasisPoints/],
    ['XYZ:290:30:0', /"XYZ" in "XYZ:290:30:0" is not an ISO 4217 currency code/],
    ['USD:2.9:30:0', /USD percentBasisPoints must be a whole number from 0 to 10000, got "2.9"/],
    ['USD:10001:30:0', /USD percentBasisPoints must be a whole number/],
    ['USD:290:-30:0', /USD fixedMinor must be a whole number/],
    ['USD:290:30:0,usd:100:0:0', /USD is named twice/],
  ])('refuse %s, saying why', (text, message) => {
    expect(() => parseFeeRules(text)).toThrow(FeeOverrideError);
    expect(() => parseFeeRules(text)).toThrow(message);
  });
});

describe('dispute fees given to the sandbox', () => {
  it('replace the fee of each currency named, keep the others, and fall back to the default for currencies never named', () => {
    const fees = parseDisputeFees('USD:2500,jpy:2000');
    expect(disputeFeeFor('USD', fees)).toBe(2500);
    expect(disputeFeeFor('JPY', fees)).toBe(2000);
    expect(disputeFeeFor('EUR', fees)).toBe(2000);
    expect(disputeFeeFor('AUD', fees)).toBe(DEFAULT_DISPUTE_FEE_MINOR);
  });

  it('refuse a fee that is not whole minor units', () => {
    expect(() => parseDisputeFees('USD:15.00')).toThrow(/USD dispute fee must be a whole number/);
  });
});
