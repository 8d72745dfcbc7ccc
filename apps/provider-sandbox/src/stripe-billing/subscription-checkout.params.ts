import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import { isError, isObject, optionalString, parseCurrency, parseInteger, parseMetadata, unknownParam } from '../stripe/stripe-params';
import type { CheckoutLineItem, SubscriptionData } from '../stripe/checkout-session';
import type { Params } from '../stripe/stripe-params';
import { CreatePriceParams, SandboxPrice, recurrenceOf } from './price';
import { parseProductRef, parseRecurring, parseUnitAmount } from './price.params';

const LINE_ITEM_PARAMS = ['price', 'price_data', 'quantity'];
const PRICE_DATA_PARAMS = ['currency', 'unit_amount', 'product', 'product_data', 'recurring'];
const SUBSCRIPTION_DATA_PARAMS = ['metadata', 'description'];

/** The recurring price a subscription-mode session bills: an existing one, or one to create from `price_data`. */
export type CheckoutSubscriptionRequest = { readonly priceId: string } | { readonly priceData: CreatePriceParams };

type SubscriptionLineRequest = CheckoutSubscriptionRequest & { readonly quantity: number };

const listOf = (raw: unknown): unknown[] | null => (Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : null);

function parsePriceData(raw: unknown, at: string): CreatePriceParams | ApiResponse {
  if (!isObject(raw)) return StripeErrors.invalidParam(at, 'Invalid object', 'parameter_invalid_object');
  const unknown = unknownParam(raw, PRICE_DATA_PARAMS);
  if (unknown) return StripeErrors.unknownParam(`${at}[${unknown}]`);
  const currency = parseCurrency(raw.currency, `${at}[currency]`);
  if (isError(currency)) return currency;
  const unitAmount = parseUnitAmount(raw.unit_amount, `${at}[unit_amount]`);
  if (isError(unitAmount)) return unitAmount;
  const recurrence = parseRecurring(raw.recurring, `${at}[recurring]`);
  if (isError(recurrence)) return recurrence;
  if (recurrence === null) return StripeErrors.missingParam(`${at}[recurring]`);
  const product = parseProductRef(raw, at);
  if (isError(product)) return product;
  return { currency, unitAmount, recurrence, product, lookupKey: null, nickname: null, metadata: {}, active: false };
}

/** `line_items` of a subscription-mode session: the sandbox serves one recurring line. */
function parseSubscriptionLineItems(raw: unknown): SubscriptionLineRequest | ApiResponse {
  const list = raw === undefined || raw === '' ? [] : listOf(raw);
  if (list === null) return StripeErrors.invalidParam('line_items', 'Invalid array', 'parameter_invalid_array');
  if (list.length === 0) return StripeErrors.missingParam('line_items');
  if (list.length > 1) return StripeErrors.invalidParam('line_items', 'The provider-sandbox serves subscription-mode sessions of one line item.', 'parameter_invalid_array');
  const line = list[0];
  if (!isObject(line)) return StripeErrors.invalidParam('line_items[0]', 'Invalid object', 'parameter_invalid_object');
  const unknown = unknownParam(line, LINE_ITEM_PARAMS);
  if (unknown) return StripeErrors.unknownParam(`line_items[0][${unknown}]`);
  const quantity = parseInteger(line.quantity, 'line_items[0][quantity]', { min: 1, max: 999_999 });
  if (isError(quantity)) return quantity;
  if (quantity === undefined) return StripeErrors.missingParam('line_items[0][quantity]');
  const priceId = optionalString(line, 'price', 5000, 'line_items[0][price]');
  if (isError(priceId)) return priceId;
  if (priceId !== null && line.price_data !== undefined) {
    return StripeErrors.invalidParam('line_items[0][price_data]', 'You may only specify one of these parameters: price, price_data.', 'parameter_invalid_empty');
  }
  if (priceId !== null) return { quantity, priceId };
  if (line.price_data === undefined) return StripeErrors.missingParam('line_items[0][price]');
  const priceData = parsePriceData(line.price_data, 'line_items[0][price_data]');
  return isError(priceData) ? priceData : { quantity, priceData };
}

/** `subscription_data`: its metadata becomes the subscription's. */
function parseSubscriptionData(raw: unknown): SubscriptionData | ApiResponse {
  if (raw === undefined || raw === '') return { metadata: {} };
  if (!isObject(raw)) return StripeErrors.invalidParam('subscription_data', 'Invalid object', 'parameter_invalid_object');
  const unknown = unknownParam(raw, SUBSCRIPTION_DATA_PARAMS);
  if (unknown) return StripeErrors.unknownParam(`subscription_data[${unknown}]`);
  const metadata = parseMetadata(raw.metadata, 'subscription_data[metadata]');
  return isError(metadata) ? metadata : { metadata };
}

export interface ParsedSubscriptionCheckout {
  readonly currency: string;
  readonly lineItems: CheckoutLineItem[];
  readonly subscriptionData: SubscriptionData;
  readonly request: CheckoutSubscriptionRequest;
}

function lineOf(name: string, unitAmount: number, quantity: number, recurring: CheckoutLineItem['recurring']): CheckoutLineItem {
  return { name, unitAmount, quantity, recurring };
}

/** The subscription-mode parts of `POST /v1/checkout/sessions`; `findPrice` looks up a `line_items[0][price]`. */
export function parseSubscriptionCheckout(params: Params, findPrice: (id: string) => SandboxPrice | undefined): ParsedSubscriptionCheckout | ApiResponse {
  if (params.payment_intent_data !== undefined) {
    return StripeErrors.invalidParam('payment_intent_data', 'You can not pass `payment_intent_data` in `subscription` mode.', 'parameter_invalid_empty');
  }
  const line = parseSubscriptionLineItems(params.line_items);
  if (isError(line)) return line;
  const subscriptionData = parseSubscriptionData(params.subscription_data);
  if (isError(subscriptionData)) return subscriptionData;
  if ('priceData' in line) {
    const { priceData, quantity } = line;
    const name = 'data' in priceData.product ? priceData.product.data.name : 'Subscription';
    return { currency: priceData.currency, lineItems: [lineOf(name, priceData.unitAmount, quantity, priceData.recurrence)], subscriptionData, request: { priceData } };
  }
  const price = findPrice(line.priceId);
  if (!price) return StripeErrors.noSuchPrice(line.priceId, 'line_items[0][price]');
  const recurrence = recurrenceOf(price);
  if (!recurrence) {
    return StripeErrors.invalidParam('line_items[0][price]', 'You must provide at least one recurring price in `subscription` mode when using prices.', 'parameter_invalid_empty');
  }
  const name = price.nickname ?? 'Subscription';
  return { currency: price.currency, lineItems: [lineOf(name, price.unit_amount, line.quantity, recurrence)], subscriptionData, request: { priceId: price.id } };
}
