import { JsonDecimal, writeCashfreeJson } from './cashfree-json.writer';

describe('writing Cashfree JSON', () => {
  it('writes what JSON.stringify writes for ordinary values', () => {
    const value = { a: 'x"y', b: [1, null, true], c: { d: 'é\u2028' }, e: 1.5, f: null };
    expect(writeCashfreeJson(value)).toBe(JSON.stringify(value));
  });

  it('leaves out object keys whose value is undefined, as JSON.stringify does', () => {
    expect(writeCashfreeJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('writes a decimal with its trailing zeros, as a number', () => {
    expect(writeCashfreeJson({ payment_amount: new JsonDecimal('499.00'), n: [new JsonDecimal('0.10')] })).toBe('{"payment_amount":499.00,"n":[0.10]}');
  });

  it.each(['-1.00', '1e3', ' 1', '1.', 'NaN'])('refuses %p as a decimal', (text) => {
    expect(() => new JsonDecimal(text)).toThrow(TypeError);
  });

  it('writes a negative decimal only when asked for a signed one', () => {
    expect(writeCashfreeJson({ adjustment: new JsonDecimal('-10.50', { signed: true }) })).toBe('{"adjustment":-10.50}');
    for (const text of ['--1', '-', '1e3']) expect(() => new JsonDecimal(text, { signed: true })).toThrow(TypeError);
  });
});
