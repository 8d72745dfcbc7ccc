import { isKnownCurrency } from '@payments/money';
import type { CancellationReason, CreatePaymentIntentParams } from './payment-intent';
import { ApiResponse, StripeErrors } from './stripe-api.errors';

export type ParamsResult<T> = { readonly ok: true; readonly params: T } | { readonly ok: false; readonly error: ApiResponse };

/** Stripe's limit: 8 digits of minor units. */
export const MAX_AMOUNT = 99_999_999;
const CREATE_PARAMS = ['amount', 'currency', 'description', 'metadata', 'receipt_email', 'automatic_payment_methods', 'payment_method_types', 'expand'];
const CANCELLATION_REASONS: readonly CancellationReason[] = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];

type Params = Record<string, unknown>;
const refuse = (error: ApiResponse) => ({ ok: false, error }) as const;
const isObject = (value: unknown): value is Params => typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownParam(params: Params, known: readonly string[]): string | undefined {
  return Object.keys(params).find((name) => !known.includes(name));
}

/** Form-encoded integers arrive as strings ("4999"); JSON bodies as numbers. */
function parseAmount(raw: unknown): number | ApiResponse {
  if (raw === undefined || raw === '') return StripeErrors.missingParam('amount');
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) return StripeErrors.invalidInteger('amount', raw);
  const amount = Number(text);
  if (amount < 1) return StripeErrors.amountTooSmall();
  if (amount > MAX_AMOUNT) return StripeErrors.amountTooLarge(MAX_AMOUNT);
  return amount;
}

function parseMetadata(raw: unknown): Record<string, string> | ApiResponse {
  if (raw === undefined || raw === '') return {};
  if (!isObject(raw)) return StripeErrors.invalidParam('metadata', 'Invalid object', 'parameter_invalid_object');
  const entries = Object.entries(raw);
  if (entries.length > 50) return StripeErrors.invalidParam('metadata', 'You can specify up to 50 keys in metadata.', 'parameter_invalid_object');
  for (const [key, value] of entries) {
    if (typeof value !== 'string') return StripeErrors.invalidParam(`metadata[${key}]`, 'Metadata values must be strings.', 'parameter_invalid_string');
    if (key.length > 40) return StripeErrors.invalidParam(`metadata[${key}]`, 'Metadata keys can be at most 40 characters long.', 'parameter_invalid_string');
    if (value.length > 500) return StripeErrors.invalidParam(`metadata[${key}]`, 'Metadata values can be at most 500 characters long.', 'parameter_invalid_string');
  }
  // An empty value unsets a key at Stripe, so it is never stored.
  return Object.fromEntries(entries.filter(([, value]) => value !== '')) as Record<string, string>;
}

function optionalString(params: Params, name: string, maxLength: number): string | null | ApiResponse {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') return StripeErrors.invalidParam(name, `Invalid string: ${name} must be a string`, 'parameter_invalid_string');
  if (value.length > maxLength) return StripeErrors.invalidParam(name, `${name} can be at most ${maxLength} characters long.`, 'parameter_invalid_string');
  return value;
}

function parseAutomaticPaymentMethods(raw: unknown): boolean | ApiResponse {
  if (raw === undefined) return false;
  const enabled = isObject(raw) ? raw.enabled : undefined;
  if (enabled === 'true' || enabled === true) return true;
  if (enabled === 'false' || enabled === false) return false;
  return StripeErrors.invalidParam('automatic_payment_methods[enabled]', 'Invalid boolean: automatic_payment_methods[enabled] must be true or false', 'parameter_invalid_boolean');
}

function parsePaymentMethodTypes(raw: unknown): string[] | ApiResponse {
  if (raw === undefined) return [];
  const values = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : null;
  if (!values || !values.every((value) => typeof value === 'string' && /^[a-z_]+$/.test(value))) {
    return StripeErrors.invalidParam('payment_method_types', 'Invalid array: payment_method_types must be a list of payment method types', 'parameter_invalid_array');
  }
  return values as string[];
}

const isError = (value: unknown): value is ApiResponse => isObject(value) && typeof value.status === 'number' && 'body' in value;

/** Checks `POST /v1/payment_intents` parameters as Stripe does; nothing is stored when they fail. */
export function parseCreatePaymentIntent(params: Params): ParamsResult<CreatePaymentIntentParams> {
  const unknown = unknownParam(params, CREATE_PARAMS);
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  const amount = parseAmount(params.amount);
  if (isError(amount)) return refuse(amount);
  const currency = params.currency;
  if (currency === undefined || currency === '') return refuse(StripeErrors.missingParam('currency'));
  if (typeof currency !== 'string' || !/^[a-zA-Z]{3}$/.test(currency) || !isKnownCurrency(currency.toUpperCase())) {
    return refuse(StripeErrors.invalidCurrency(String(currency)));
  }
  const metadata = parseMetadata(params.metadata);
  if (isError(metadata)) return refuse(metadata);
  const description = optionalString(params, 'description', 1000);
  if (isError(description)) return refuse(description);
  const receiptEmail = optionalString(params, 'receipt_email', 800);
  if (isError(receiptEmail)) return refuse(receiptEmail);
  if (receiptEmail !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(receiptEmail)) {
    return refuse(StripeErrors.invalidParam('receipt_email', `Invalid email address: ${receiptEmail}`, 'email_invalid'));
  }
  const automaticPaymentMethods = parseAutomaticPaymentMethods(params.automatic_payment_methods);
  if (isError(automaticPaymentMethods)) return refuse(automaticPaymentMethods);
  const paymentMethodTypes = parsePaymentMethodTypes(params.payment_method_types);
  if (isError(paymentMethodTypes)) return refuse(paymentMethodTypes);
  return {
    ok: true,
    params: { amount, currency: currency.toLowerCase(), description, metadata, receiptEmail, automaticPaymentMethods, paymentMethodTypes },
  };
}

/** Checks `POST /v1/payment_intents/:id/cancel` parameters. */
export function parseCancelPaymentIntent(params: Params): ParamsResult<{ reason: CancellationReason | null }> {
  const unknown = unknownParam(params, ['cancellation_reason', 'expand']);
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  const reason = params.cancellation_reason;
  if (reason === undefined || reason === '') return { ok: true, params: { reason: null } };
  if (!CANCELLATION_REASONS.includes(reason as CancellationReason)) {
    return refuse(StripeErrors.invalidParam('cancellation_reason', `Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(', ')}`, 'parameter_invalid_enum'));
  }
  return { ok: true, params: { reason: reason as CancellationReason } };
}
