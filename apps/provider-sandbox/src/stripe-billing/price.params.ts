import { MAX_AMOUNT } from '../stripe/payment-intent.params';
import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import {
  Params, ParamsResult, isError, isObject, optionalString, parseCurrency, parseInteger, parseMetadata, refuse, unknownParam,
} from '../stripe/stripe-params';
import { BILLING_INTERVALS, BillingInterval, Recurrence } from './billing-period';
import type { CreatePriceParams, CreateProductParams } from './price';

const PRICE_PARAMS = ['currency', 'unit_amount', 'recurring', 'product', 'product_data', 'lookup_key', 'nickname', 'metadata', 'active', 'expand'];
const PRODUCT_PARAMS = ['name', 'description', 'metadata', 'expand'];
const PRODUCT_DATA_PARAMS = ['name', 'description', 'metadata'];
const RECURRING_PARAMS = ['interval', 'interval_count'];
/** Stripe's longest period: three years. */
const MAX_MONTHS = 36;

/** `recurring` of a price or of Checkout's `price_data`: `month` or `year`, every `interval_count`. */
export function parseRecurring(raw: unknown, at: string): Recurrence | null | ApiResponse {
  if (raw === undefined || raw === '') return null;
  if (!isObject(raw)) return StripeErrors.invalidParam(at, 'Invalid object', 'parameter_invalid_object');
  const unknown = unknownParam(raw, RECURRING_PARAMS);
  if (unknown) return StripeErrors.unknownParam(`${at}[${unknown}]`);
  if (raw.interval === undefined || raw.interval === '') return StripeErrors.missingParam(`${at}[interval]`);
  if (!BILLING_INTERVALS.includes(raw.interval as BillingInterval)) {
    return StripeErrors.invalidParam(`${at}[interval]`, `Invalid ${at}[interval]: the provider-sandbox renews month and year only`, 'parameter_invalid_enum');
  }
  const interval = raw.interval as BillingInterval;
  const maxCount = interval === 'year' ? MAX_MONTHS / 12 : MAX_MONTHS;
  const intervalCount = parseInteger(raw.interval_count, `${at}[interval_count]`, { min: 1, max: maxCount });
  if (isError(intervalCount)) return intervalCount;
  return { interval, intervalCount: intervalCount ?? 1 };
}

export function parseUnitAmount(raw: unknown, param: string): number | ApiResponse {
  const unitAmount = parseInteger(raw, param, { min: 0, max: MAX_AMOUNT });
  if (isError(unitAmount)) return unitAmount;
  return unitAmount ?? StripeErrors.missingParam(param);
}

/** `prefix[name]`, or `name` at the top level: how Stripe names a nested parameter in its errors. */
export const paramName = (prefix: string, name: string) => (prefix ? `${prefix}[${name}]` : name);

function parseProductFields(raw: Params, prefix: string, known: readonly string[]): CreateProductParams | ApiResponse {
  const unknown = unknownParam(raw, known);
  if (unknown) return StripeErrors.unknownParam(paramName(prefix, unknown));
  const name = optionalString(raw, 'name', 250, paramName(prefix, 'name'));
  if (isError(name)) return name;
  if (name === null) return StripeErrors.missingParam(paramName(prefix, 'name'));
  const description = optionalString(raw, 'description', 40_000, paramName(prefix, 'description'));
  if (isError(description)) return description;
  const metadata = parseMetadata(raw.metadata, paramName(prefix, 'metadata'));
  if (isError(metadata)) return metadata;
  return { name, description, metadata };
}

/** `POST /v1/products`. */
export function parseCreateProduct(params: Params): ParamsResult<CreateProductParams> {
  const product = parseProductFields(params, '', PRODUCT_PARAMS);
  return isError(product) ? refuse(product) : { ok: true, params: product };
}

/** `product` (an id) or `product_data` (a product to create with the price) of the object at `prefix`; one is required. */
export function parseProductRef(raw: Params, prefix: string): CreatePriceParams['product'] | ApiResponse {
  const productId = optionalString(raw, 'product', 5000, paramName(prefix, 'product'));
  if (isError(productId)) return productId;
  if (productId !== null && raw.product_data !== undefined) {
    return StripeErrors.invalidParam(paramName(prefix, 'product_data'), 'You may only specify one of these parameters: product, product_data.', 'parameter_invalid_empty');
  }
  if (productId !== null) return { id: productId };
  if (!isObject(raw.product_data)) return StripeErrors.missingParam(paramName(prefix, 'product'));
  const data = parseProductFields(raw.product_data, paramName(prefix, 'product_data'), PRODUCT_DATA_PARAMS);
  return isError(data) ? data : { data };
}

/** `POST /v1/prices`: a per-unit price, one-time or recurring (month or year). */
export function parseCreatePrice(params: Params): ParamsResult<CreatePriceParams> {
  const unknown = unknownParam(params, PRICE_PARAMS);
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  const currency = parseCurrency(params.currency);
  if (isError(currency)) return refuse(currency);
  const unitAmount = parseUnitAmount(params.unit_amount, 'unit_amount');
  if (isError(unitAmount)) return refuse(unitAmount);
  const recurrence = parseRecurring(params.recurring, 'recurring');
  if (isError(recurrence)) return refuse(recurrence);
  const product = parseProductRef(params, '');
  if (isError(product)) return refuse(product);
  const lookupKey = optionalString(params, 'lookup_key', 200);
  if (isError(lookupKey)) return refuse(lookupKey);
  const nickname = optionalString(params, 'nickname', 5000);
  if (isError(nickname)) return refuse(nickname);
  const metadata = parseMetadata(params.metadata);
  if (isError(metadata)) return refuse(metadata);
  if (params.active !== undefined && params.active !== 'true' && params.active !== 'false' && typeof params.active !== 'boolean') {
    return refuse(StripeErrors.invalidParam('active', 'Invalid boolean: active', 'parameter_invalid_boolean'));
  }
  const active = params.active !== 'false' && params.active !== false;
  return { ok: true, params: { currency, unitAmount, recurrence, product, lookupKey, nickname, metadata, active } };
}
