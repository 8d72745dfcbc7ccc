const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;
const SIGNED_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * An amount in major units written into JSON exactly as given: `499.00` stays `499.00`, where
 * `JSON.stringify(499.00)` would write `499`. Cashfree reads and writes its amounts as decimal
 * numbers and signs webhooks over those exact bytes.
 */
export class JsonDecimal {
  /** `signed`: a leading minus is allowed (a settlement's `adjustment`); amounts of orders, payments and refunds never have one. */
  constructor(readonly text: string, options: { readonly signed?: boolean } = {}) {
    if (!(options.signed ? SIGNED_DECIMAL : PLAIN_DECIMAL).test(text)) {
      throw new TypeError(`"${text}" is not a plain ${options.signed ? '' : 'non-negative '}decimal`);
    }
  }
}

/**
 * `JSON.stringify` for Cashfree bodies: the same output, except that `JsonDecimal` values are
 * written as bare decimal numbers. Object keys whose value is `undefined` are left out.
 */
export function writeCashfreeJson(value: unknown): string {
  if (value instanceof JsonDecimal) return value.text;
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : writeCashfreeJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const fields = Object.entries(value).filter(([, field]) => field !== undefined);
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${writeCashfreeJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
