import { isKnownCurrency } from '@payments/money';
import { ApiResponse, StripeErrors } from './stripe-api.errors';

/** Checking request parameters the way Stripe does, shared by every v1 endpoint of the sandbox. */
export type ParamsResult<T> = { readonly ok: true; readonly params: T } | { readonly ok: false; readonly error: ApiResponse };
export type Params = Record<string, unknown>;

export const refuse = (error: ApiResponse) => ({ ok: false, error }) as const;
export const isObject = (value: unknown): value is Params => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isError = (value: unknown): value is ApiResponse => isObject(value) && typeof value.status === 'number' && 'body' in value;

export function unknownParam(params: Params, known: readonly string[]): string | undefined {
  return Object.keys(params).find((name) => !known.includes(name));
}

/** Form-encoded integers arrive as strings ("4999"); JSON bodies as numbers. Undefined when absent. */
export function parseInteger(raw: unknown, param: string, range: { min: number; max: number }): number | undefined | ApiResponse {
  if (raw === undefined || raw === '') return undefined;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) return StripeErrors.invalidInteger(param, raw);
  const value = Number(text);
  if (value < range.min) return StripeErrors.invalidParam(param, `This value must be greater than or equal to ${range.min}.`, 'parameter_invalid_integer');
  if (value > range.max) return StripeErrors.invalidParam(param, `This value must be less than or equal to ${range.max}.`, 'parameter_invalid_integer');
  return value;
}

/** A three-letter code Stripe knows, returned lower-case as Stripe stores it. */
export function parseCurrency(raw: unknown, param = 'currency'): string | ApiResponse {
  if (raw === undefined || raw === '') return StripeErrors.missingParam(param);
  if (typeof raw !== 'string' || !/^[a-zA-Z]{3}$/.test(raw) || !isKnownCurrency(raw.toUpperCase())) {
    return StripeErrors.invalidCurrency(String(raw), param);
  }
  return raw.toLowerCase();
}

export function parseMetadata(raw: unknown, param = 'metadata'): Record<string, string> | ApiResponse {
  if (raw === undefined || raw === '') return {};
  if (!isObject(raw)) return StripeErrors.invalidParam(param, 'Invalid object', 'parameter_invalid_object');
  const entries = Object.entries(raw);
  if (entries.length > 50) return StripeErrors.invalidParam(param, 'You can specify up to 50 keys in metadata.', 'parameter_invalid_object');
  for (const [key, value] of entries) {
    if (typeof value !== 'string') return StripeErrors.invalidParam(`${param}[${key}]`, 'Metadata values must be strings.', 'parameter_invalid_string');
    if (key.length > 40) return StripeErrors.invalidParam(`${param}[${key}]`, 'Metadata keys can be at most 40 characters long.', 'parameter_invalid_string');
    if (value.length > 500) return StripeErrors.invalidParam(`${param}[${key}]`, 'Metadata values can be at most 500 characters long.', 'parameter_invalid_string');
  }
  // An empty value unsets a key at Stripe, so it is never stored.
  return Object.fromEntries(entries.filter(([, value]) => value !== '')) as Record<string, string>;
}

export function optionalString(params: Params, name: string, maxLength: number, param = name): string | null | ApiResponse {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') return StripeErrors.invalidParam(param, `Invalid string: ${param} must be a string`, 'parameter_invalid_string');
  if (value.length > maxLength) return StripeErrors.invalidParam(param, `${param} can be at most ${maxLength} characters long.`, 'parameter_invalid_string');
  return value;
}

export function optionalEmail(params: Params, name: string, param = name): string | null | ApiResponse {
  const email = optionalString(params, name, 800, param);
  if (isError(email) || email === null) return email;
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : StripeErrors.invalidParam(param, `Invalid email address: ${email}`, 'email_invalid');
}

/** One of a fixed set of values, or null when absent. */
export function optionalEnum<T extends string>(params: Params, name: string, allowed: readonly T[]): T | null | ApiResponse {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (!allowed.includes(value as T)) {
    return StripeErrors.invalidParam(name, `Invalid ${name}: must be one of ${allowed.join(', ')}`, 'parameter_invalid_enum');
  }
  return value as T;
}
