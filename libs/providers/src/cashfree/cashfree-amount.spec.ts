import { ProviderError } from '../port/provider.errors';
import { minorFromCashfreeAmount, signedMinorFromCashfreeAmount, toCashfreeAmount, toSignedCashfreeAmount } from './cashfree-amount';
import { writeCashfreeJson } from './cashfree-json.writer';

describe('Cashfree amounts', () => {
  it.each([
    [17000, '170.00'],
    [58882, '588.82'],
    [1, '0.01'],
    [100, '1.00'],
  ])('writes %i paise as the decimal %s', (minor, decimal) => {
    expect(writeCashfreeJson({ order_amount: toCashfreeAmount(minor, 'INR') })).toBe(`{"order_amount":${decimal}}`);
  });

  it.each([
    ['the number 170.00 as parsed from JSON', JSON.parse('170.00'), 17000],
    ['the number 588.82', JSON.parse('588.82'), 58882],
    ['the number 170.5', 170.5, 17050],
    ['the string "170.00"', '170.00', 17000],
    ['zero', 0, 0],
  ])('reads %s as minor units', (_label, value, minor) => {
    expect(minorFromCashfreeAmount(value, 'INR')).toBe(minor);
  });

  it.each([
    ['more than two decimals', 170.005],
    ['more than two decimals in a string', '170.005'],
    ['a negative amount', -1],
    ['an exponent', 1e21],
    ['not a number', Number.NaN],
    ['null', null],
    ['a boolean', true],
  ])('refuses %s as an invalid amount instead of rounding it', (_label, value) => {
    let thrown: unknown;
    try {
      minorFromCashfreeAmount(value, 'INR', 'payment_amount');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', message: expect.stringMatching(/payment_amount/) });
  });

  it('round-trips every paise value of a large range through the JSON Cashfree reads', () => {
    for (let minor = 0; minor < 200_000; minor += 7) {
      const written = writeCashfreeJson({ amount: toCashfreeAmount(minor, 'INR') });
      expect(minorFromCashfreeAmount(JSON.parse(written).amount, 'INR')).toBe(minor);
    }
  });

  it.each([
    [-1_050, '-10.50'],
    [0, '0.00'],
    [116_310, '1163.10'],
  ])('writes a signed amount of %i paise as %s and reads it back', (minor, decimal) => {
    const written = writeCashfreeJson({ adjustment: toSignedCashfreeAmount(minor, 'INR') });
    expect(written).toBe(`{"adjustment":${decimal}}`);
    expect(signedMinorFromCashfreeAmount(JSON.parse(written).adjustment, 'INR')).toBe(minor);
  });

  it('reads a signed amount as strictly as an unsigned one: no -0, no three decimals, no double sign', () => {
    expect(Object.is(signedMinorFromCashfreeAmount('-0.00', 'INR'), 0)).toBe(true);
    expect(signedMinorFromCashfreeAmount('-588.82', 'INR')).toBe(-58_882);
    for (const value of [-1.005, '--1', '-', '-1e3']) expect(() => signedMinorFromCashfreeAmount(value, 'INR')).toThrow(ProviderError);
  });
});
