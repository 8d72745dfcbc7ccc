import type { SandboxPrice } from '../stripe-billing/price';
import { CheckoutSubscriptionRequest, parseSubscriptionCheckout } from '../stripe-billing/subscription-checkout.params';
import { CheckoutLineItem, CreateCheckoutSessionParams, PaymentIntentData, SESSION_LIFETIME_SECONDS, amountTotal } from './checkout-session';
import { MAX_AMOUNT } from './payment-intent.params';
import { ApiResponse, StripeErrors } from './stripe-api.errors';
import {
  Params, ParamsResult, isError, isObject, optionalEmail, optionalString, parseCurrency, parseInteger, parseMetadata, refuse, unknownParam,
} from './stripe-params';

const CREATE_PARAMS = [
  'mode', 'line_items', 'success_url', 'cancel_url', 'client_reference_id', 'customer_email', 'metadata', 'payment_intent_data',
  'expires_at', 'expand', 'subscription_data',
];
const LINE_ITEM_PARAMS = ['price_data', 'quantity'];
const PRICE_DATA_PARAMS = ['currency', 'unit_amount', 'product_data'];
const PAYMENT_INTENT_DATA_PARAMS = ['metadata', 'description', 'receipt_email'];

/** qs reads `line_items[0][...]` as an array, and past 20 entries as an object keyed by index. */
const listOf = (raw: unknown): unknown[] | null => (Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : null);

function parseUrl(params: Params, name: string): string | null | ApiResponse {
  const url = optionalString(params, name, 5000);
  if (isError(url) || url === null) return url;
  return /^https?:\/\/[^\s]+$/.test(url) ? url : StripeErrors.invalidParam(name, 'Not a valid URL', 'url_invalid');
}

function parseLineItem(raw: unknown, index: number): (CheckoutLineItem & { currency: string }) | ApiResponse {
  const at = `line_items[${index}]`;
  if (!isObject(raw)) return StripeErrors.invalidParam(at, 'Invalid object', 'parameter_invalid_object');
  const unknown = unknownParam(raw, LINE_ITEM_PARAMS);
  if (unknown) return StripeErrors.unknownParam(`${at}[${unknown}]`);
  const quantity = parseInteger(raw.quantity, `${at}[quantity]`, { min: 1, max: 999_999 });
  if (isError(quantity)) return quantity;
  if (quantity === undefined) return StripeErrors.missingParam(`${at}[quantity]`);
  const price = raw.price_data;
  // A `price` id would need the Prices API, which the sandbox does not serve.
  if (!isObject(price)) return StripeErrors.missingParam(`${at}[price_data]`);
  const unknownPrice = unknownParam(price, PRICE_DATA_PARAMS);
  if (unknownPrice) return StripeErrors.unknownParam(`${at}[price_data][${unknownPrice}]`);
  const currency = parseCurrency(price.currency, `${at}[price_data][currency]`);
  if (isError(currency)) return currency;
  const unitAmount = parseInteger(price.unit_amount, `${at}[price_data][unit_amount]`, { min: 0, max: MAX_AMOUNT });
  if (isError(unitAmount)) return unitAmount;
  if (unitAmount === undefined) return StripeErrors.missingParam(`${at}[price_data][unit_amount]`);
  const product = isObject(price.product_data) ? price.product_data : {};
  const name = optionalString(product, 'name', 5000, `${at}[price_data][product_data][name]`);
  if (isError(name)) return name;
  if (name === null) return StripeErrors.missingParam(`${at}[price_data][product_data][name]`);
  return { name, unitAmount, quantity, currency };
}

function parseLineItems(raw: unknown): { currency: string; lineItems: CheckoutLineItem[] } | ApiResponse {
  const list = raw === undefined || raw === '' ? [] : listOf(raw);
  if (list === null) return StripeErrors.invalidParam('line_items', 'Invalid array', 'parameter_invalid_array');
  if (list.length === 0) return StripeErrors.missingParam('line_items');
  const lines: CheckoutLineItem[] = [];
  let currency = '';
  for (const [index, entry] of list.entries()) {
    const line = parseLineItem(entry, index);
    if (isError(line)) return line;
    if (currency && line.currency !== currency) {
      return StripeErrors.invalidParam(`line_items[${index}][price_data][currency]`, 'All line items must share one currency.', 'parameter_invalid_string');
    }
    currency = line.currency;
    lines.push({ name: line.name, unitAmount: line.unitAmount, quantity: line.quantity });
  }
  const total = amountTotal(lines);
  if (total < 1) return StripeErrors.invalidParam('line_items', 'The total of a payment-mode Checkout Session must be at least 1 minor unit.', 'amount_too_small');
  if (total > MAX_AMOUNT) return StripeErrors.amountTooLarge(MAX_AMOUNT);
  return { currency, lineItems: lines };
}

function parsePaymentIntentData(raw: unknown): PaymentIntentData | ApiResponse {
  if (raw === undefined || raw === '') return { metadata: {}, description: null, receiptEmail: null };
  if (!isObject(raw)) return StripeErrors.invalidParam('payment_intent_data', 'Invalid object', 'parameter_invalid_object');
  const unknown = unknownParam(raw, PAYMENT_INTENT_DATA_PARAMS);
  if (unknown) return StripeErrors.unknownParam(`payment_intent_data[${unknown}]`);
  const metadata = parseMetadata(raw.metadata, 'payment_intent_data[metadata]');
  if (isError(metadata)) return metadata;
  const description = optionalString(raw, 'description', 1000, 'payment_intent_data[description]');
  if (isError(description)) return description;
  const receiptEmail = optionalEmail(raw, 'receipt_email', 'payment_intent_data[receipt_email]');
  if (isError(receiptEmail)) return receiptEmail;
  return { metadata, description, receiptEmail };
}

function parseExpiresAt(raw: unknown, nowSeconds: number): number | null | ApiResponse {
  const expiresAt = parseInteger(raw, 'expires_at', { min: 0, max: Number.MAX_SAFE_INTEGER });
  if (isError(expiresAt) || expiresAt === undefined) return expiresAt ?? null;
  if (expiresAt < nowSeconds + SESSION_LIFETIME_SECONDS.min) {
    return StripeErrors.invalidParam('expires_at', 'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', 'parameter_invalid_integer');
  }
  if (expiresAt > nowSeconds + SESSION_LIFETIME_SECONDS.max) {
    return StripeErrors.invalidParam('expires_at', 'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', 'parameter_invalid_integer');
  }
  return expiresAt;
}

/** A session to create; in subscription mode, with the recurring price its line bills (an existing one, or one to create). */
export type CheckoutSessionRequest = CreateCheckoutSessionParams & { readonly subscription?: CheckoutSubscriptionRequest };

/**
 * Checks `POST /v1/checkout/sessions` parameters for a hosted session in `payment` or
 * `subscription` mode; `findPrice` looks up the `line_items[].price` ids. Nothing is stored when
 * they fail.
 */
export function parseCreateCheckoutSession(
  params: Params, nowSeconds: number, findPrice: (id: string) => SandboxPrice | undefined = () => undefined,
): ParamsResult<CheckoutSessionRequest> {
  const unknown = unknownParam(params, CREATE_PARAMS);
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  if (params.mode === undefined || params.mode === '') return refuse(StripeErrors.missingParam('mode'));
  if (params.mode !== 'payment' && params.mode !== 'subscription') {
    return refuse(StripeErrors.invalidParam('mode', 'The provider-sandbox serves mode=payment and mode=subscription.', 'parameter_invalid_enum'));
  }
  const subscription = params.mode === 'subscription' ? parseSubscriptionCheckout(params, findPrice) : null;
  if (isError(subscription)) return refuse(subscription);
  if (params.mode === 'payment' && params.subscription_data !== undefined) {
    return refuse(StripeErrors.invalidParam('subscription_data', 'You can only pass `subscription_data` in `subscription` mode.', 'parameter_invalid_empty'));
  }
  const lines = subscription ?? parseLineItems(params.line_items);
  if (isError(lines)) return refuse(lines);
  const successUrl = parseUrl(params, 'success_url');
  if (isError(successUrl)) return refuse(successUrl);
  if (successUrl === null) return refuse(StripeErrors.missingParam('success_url'));
  const cancelUrl = parseUrl(params, 'cancel_url');
  if (isError(cancelUrl)) return refuse(cancelUrl);
  const clientReferenceId = optionalString(params, 'client_reference_id', 200);
  if (isError(clientReferenceId)) return refuse(clientReferenceId);
  const customerEmail = optionalEmail(params, 'customer_email');
  if (isError(customerEmail)) return refuse(customerEmail);
  const metadata = parseMetadata(params.metadata);
  if (isError(metadata)) return refuse(metadata);
  const paymentIntentData = parsePaymentIntentData(params.payment_intent_data);
  if (isError(paymentIntentData)) return refuse(paymentIntentData);
  const expiresAt = parseExpiresAt(params.expires_at, nowSeconds);
  if (isError(expiresAt)) return refuse(expiresAt);
  const common = { currency: lines.currency, lineItems: lines.lineItems, successUrl, cancelUrl, clientReferenceId, customerEmail, metadata, paymentIntentData, expiresAt };
  if (!subscription) return { ok: true, params: common };
  return { ok: true, params: { ...common, mode: 'subscription', subscriptionData: subscription.subscriptionData, subscription: subscription.request } };
}
