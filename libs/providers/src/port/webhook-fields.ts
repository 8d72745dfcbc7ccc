import { WebhookPayloadError } from './provider.errors';

/*
 * Reading single fields of a verified webhook body. Each helper names the field's path when it
 * refuses, so a 400 says what the provider sent wrong: `WEBHOOK.MISSING_FIELD` when it is absent,
 * null or empty, `WEBHOOK.INVALID_FIELD` when it is there but unusable.
 */

/** Ids, statuses and event type names: no spaces, no free text. */
const TOKEN = /^[A-Za-z0-9_.:-]+$/;
const CURRENCY = /^[A-Za-z]{3}$/;
/** 9999-12-31T23:59:59Z: later seconds make no date. */
const LAST_UNIX_SECOND = 253_402_300_799;

const isAbsent = (value: unknown) => value === undefined || value === null || value === '';

function missing(path: string): never {
  throw new WebhookPayloadError('WEBHOOK.MISSING_FIELD', `the webhook has no ${path}`);
}

function invalid(path: string, what: string): never {
  throw new WebhookPayloadError('WEBHOOK.INVALID_FIELD', `the webhook's ${path} is not ${what}`);
}

/** A JSON object. */
export function objectField(value: unknown, path: string): Record<string, unknown> {
  if (isAbsent(value)) missing(path);
  if (typeof value !== 'object' || Array.isArray(value)) invalid(path, 'an object');
  return value as Record<string, unknown>;
}

/** An id, status or type name: a string (or a whole number, as Cashfree sends some ids) of letters, digits and `_ . : -`. */
export function tokenField(value: unknown, path: string, maxLength = 255): string {
  if (isAbsent(value)) missing(path);
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || text.length > maxLength || !TOKEN.test(text)) {
    invalid(path, `an identifier of at most ${maxLength} letters, digits and _ . : -`);
  }
  return text;
}

/** Whole seconds since 1970 that make a date. */
export function unixSecondsField(value: unknown, path: string): number {
  if (isAbsent(value)) missing(path);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > LAST_UNIX_SECOND) invalid(path, 'a time in Unix seconds');
  return value;
}

/** An ISO 4217 code, upper-cased; null when absent. */
export function optionalCurrencyField(value: unknown, path: string): string | null {
  if (isAbsent(value)) return null;
  if (typeof value !== 'string' || !CURRENCY.test(value)) invalid(path, 'a three-letter currency code');
  return value.toUpperCase();
}

/** A whole, non-negative number of minor units; null when absent. */
export function optionalMinorUnitsField(value: unknown, path: string): number | null {
  if (isAbsent(value)) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) invalid(path, 'a whole number of minor units');
  return value;
}

/** Whole seconds since 1970 as an ISO 8601 time; undefined when absent. */
export function optionalUnixTimeField(value: unknown, path: string): string | undefined {
  if (isAbsent(value)) return undefined;
  return new Date(unixSecondsField(value, path) * 1000).toISOString();
}

/** A boolean; `fallback` when absent. */
export function booleanField(value: unknown, path: string, fallback: boolean): boolean {
  if (isAbsent(value)) return fallback;
  if (typeof value !== 'boolean') invalid(path, 'true or false');
  return value;
}

/** The object without its undefined fields, so an event says only what the provider stated. */
export function definedFields<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
