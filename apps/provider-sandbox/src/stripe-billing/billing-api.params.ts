import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import { Params, isObject } from '../stripe/stripe-params';

const EXPAND = /^expand(\[\d*\])?$/;

const isListKey = (key: string, name: string) => key === name || (key.startsWith(`${name}[`) && /^\[\d*\]$/.test(key.slice(name.length)));

/**
 * The values of a list parameter (`expand[]`, `lookup_keys[]`): qs reads a form body's as an
 * array, while a query string arrives with its keys as sent (`expand[0]=...`).
 */
export function listParam(params: Params, name: string): string[] {
  return Object.entries(params).filter(([key]) => isListKey(key, name)).flatMap(([, raw]) =>
    (Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : [raw])).filter((value): value is string => typeof value === 'string');
}

export const expandsOf = (params: Params): string[] => listParam(params, 'expand');

/** The first parameter that is neither `expand` nor one of `known` (list parameters by their bare name). */
export function unknownBesidesExpand(params: Params, known: readonly string[] = []): string | undefined {
  return Object.keys(params).find((key) => !EXPAND.test(key) && !known.some((name) => isListKey(key, name)));
}

/** A form boolean (`true` / `false`), undefined when absent. */
export function optionalBoolean(params: Params, name: string): boolean | undefined | ApiResponse {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return StripeErrors.invalidParam(name, `Invalid boolean: ${String(value)}`, 'parameter_invalid_boolean');
}
