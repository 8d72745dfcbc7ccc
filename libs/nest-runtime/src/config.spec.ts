import { ConfigError, integerEnv, listEnv, requiredEnv } from './config';

describe('configuration readers', () => {
  it('name the missing variable', () => {
    expect(() => requiredEnv({}, 'STRIPE_SECRET_KEY')).toThrow(new ConfigError('missing required configuration STRIPE_SECRET_KEY'));
  });

  it('treat a blank value as missing', () => {
    expect(() => requiredEnv({ JWT_SECRET: '  ' }, 'JWT_SECRET')).toThrow(/JWT_SECRET/);
  });

  it('refuse a non-integer or out-of-range port', () => {
    expect(() => integerEnv({ PORT: '30a' }, 'PORT', 3000)).toThrow(/PORT must be an integer/);
    expect(() => integerEnv({ PORT: '70000' }, 'PORT', 3000, { min: 0, max: 65535 })).toThrow(/<= 65535/);
    expect(integerEnv({}, 'PORT', 3000)).toBe(3000);
  });

  it('split lists on commas and drop blanks', () => {
    expect(listEnv({ K: 'a:1, b:2,,' }, 'K', [])).toEqual(['a:1', 'b:2']);
  });
});
