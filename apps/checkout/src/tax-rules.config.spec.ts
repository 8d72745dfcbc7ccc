import { parseTaxRules } from './tax-rules.config';

describe('CHECKOUT_TAX_RULES', () => {
  it('reads currency, basis points, inclusive or exclusive, and label', () => {
    expect(parseTaxRules('INR:1800:exclusive:GST 18%, JPY:1000:inclusive:Consumption tax')).toEqual([
      { currency: 'INR', rateBasisPoints: 1800, inclusive: false, label: 'GST 18%' },
      { currency: 'JPY', rateBasisPoints: 1000, inclusive: true, label: 'Consumption tax' },
    ]);
  });

  it('keeps colons inside the label', () => {
    expect(parseTaxRules('KWD:0:exclusive:VAT: none yet')).toEqual([{ currency: 'KWD', rateBasisPoints: 0, inclusive: false, label: 'VAT: none yet' }]);
  });

  it('reads "none" as no tax anywhere', () => {
    expect(parseTaxRules('none')).toEqual([]);
  });

  it.each([
    ['inr:1800:exclusive:GST', /known ISO 4217 currency/],
    ['XYZ:1800:exclusive:GST', /known ISO 4217 currency/],
    ['INR:18%:exclusive:GST', /basis points/],
    ['INR:-5:exclusive:GST', /basis points/],
    ['INR:10001:exclusive:GST', /basis points/],
    ['INR:1800.5:exclusive:GST', /basis points/],
    ['INR:1800:on-top:GST', /inclusive or exclusive/],
    ['INR:1800:exclusive', /label/],
    ['INR:1800:exclusive:GST,INR:500:inclusive:GST', /INR twice/],
  ])('stops the service on %p with a message naming the variable', (raw, problem) => {
    expect(() => parseTaxRules(raw)).toThrow(/CHECKOUT_TAX_RULES/);
    expect(() => parseTaxRules(raw)).toThrow(problem);
  });
});
