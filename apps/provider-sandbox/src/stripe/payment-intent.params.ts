import type { CancellationReason, CreatePaymentIntentParams } from './payment-intent';
import { ApiResponse, StripeErrors } from './stripe-api.errors';
import {
  Params, ParamsResult, isError, isObject, optionalEmail, optionalString, parseCurrency, parseMetadata, refuse, unknownParam,
} from './stripe-params';

export type { ParamsResult } from './stripe-params';

/** Stripe's limit: 8 digits of minor units. */
export const MAX_AMOUNT = 99_999_999;
const CREATE_PARAMS = ['amount', 'currency', 'description', 'metadata', 'receipt_email', 'automatic_payment_methods', 'payment_method_types', 'expand'];
const CANCELLATION_REASONS: readonly CancellationReason[] = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];

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

/** Checks `POST /v1/payment_intents` parameters as Stripe does; nothing is stored when they fail. */
export function parseCreatePaymentIntent(params: Params): ParamsResult<CreatePaymentIntentParams> {
  const unknown = unknownParam(params, CREATE_PARAMS);
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  const amount = parseAmount(params.amount);
  if (isError(amount)) return refuse(amount);
  const currency = parseCurrency(params.currency);
  if (isError(currency)) return refuse(currency);
  const metadata = parseMetadata(params.metadata);
  if (isError(metadata)) return refuse(metadata);
  const description = optionalString(params, 'description', 1000);
  if (isError(description)) return refuse(description);
  const receiptEmail = optionalEmail(params, 'receipt_email');
  if (isError(receiptEmail)) return refuse(receiptEmail);
  const automaticPaymentMethods = parseAutomaticPaymentMethods(params.automatic_payment_methods);
  if (isError(automaticPaymentMethods)) return refuse(automaticPaymentMethods);
  const paymentMethodTypes = parsePaymentMethodTypes(params.payment_method_types);
  if (isError(paymentMethodTypes)) return refuse(paymentMethodTypes);
  return {
    ok: true,
    params: { amount, currency, description, metadata, receiptEmail, automaticPaymentMethods, paymentMethodTypes },
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
