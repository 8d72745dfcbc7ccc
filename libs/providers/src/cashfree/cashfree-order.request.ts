import { createHash } from 'node:crypto';
import { assertMinorUnits } from '../port/minor-units';
import type { OpenCheckoutInput } from '../port/payment-provider.port';
import { ProviderError } from '../port/provider.errors';
import { toCashfreeAmount } from './cashfree-amount';
import { writeCashfreeJson } from './cashfree-json.writer';

/** Cashfree PG charges INR only in this integration (international currencies need a separate activation). */
export const CASHFREE_CURRENCIES: readonly string[] = ['INR'];

const ORDER_ID = /^[A-Za-z0-9_-]{3,45}$/;
const CUSTOMER_ID = /^[A-Za-z0-9]{3,50}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INDIAN_MOBILE = /^[6-9]\d{9}$/;

const invalid = (message: string) => new ProviderError('PROVIDER.INVALID_REQUEST', message);

export interface OrderRequestSettings {
  placeholderPhone: string;
  returnUrl?: string;
  notifyUrl?: string;
}

/**
 * Cashfree takes alphanumeric customer ids of 3 to 50 characters. Ours (`user-1f3c...`) are kept
 * when they already fit; otherwise the allowed characters are kept, shortened, and followed by a
 * hash of the whole original, so two different ids never become the same customer.
 */
export function cashfreeCustomerId(customerId: string): string {
  if (CUSTOMER_ID.test(customerId)) return customerId;
  const digest = createHash('sha256').update(customerId, 'utf8').digest('hex').slice(0, 16);
  return `${customerId.replace(/[^A-Za-z0-9]/g, '').slice(0, 34)}${digest}`;
}

/** A 10-digit Indian mobile number from `+91 98765-43210`-like input; the placeholder for anything else. */
export function cashfreeCustomerPhone(phone: string | undefined, placeholder: string): string {
  const digits = (phone ?? '').replace(/[\s-]/g, '').replace(/^(\+91|91(?=\d{10}$)|0(?=\d{10}$))/, '');
  return INDIAN_MOBILE.test(digits) ? digits : placeholder;
}

/**
 * Cashfree documents `x-idempotency-key` as a UUID. Ours are derived from our ids
 * (`order-<uuid>-open`), so they are turned into a name-based UUID: the same key always gives the
 * same UUID, so a retry after any failure still replays the first request.
 */
export function cashfreeIdempotencyKey(key: string): string {
  if (UUID.test(key)) return key.toLowerCase();
  const hash = createHash('sha1').update(`cashfree-idempotency\u0000${key}`, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Checks what Cashfree would refuse anyway, before any call: currency, amount, order id, key. */
export function assertOpenableOrder(input: OpenCheckoutInput): void {
  assertMinorUnits(input.amountMinor);
  if (!CASHFREE_CURRENCIES.includes(input.currency)) {
    throw invalid(`Cashfree charges ${CASHFREE_CURRENCIES.join(', ')} only, not "${input.currency}"`);
  }
  if (!ORDER_ID.test(input.orderId)) throw invalid(`order id "${input.orderId}" is not 3-45 letters, digits, "_" or "-" as Cashfree requires`);
  if (!input.idempotencyKey) throw invalid('an idempotency key derived from our ids is required');
}

/**
 * The `POST /orders` body: our order id as Cashfree's `order_id` (every later call and webhook
 * names the order by it) and again in `order_tags`, the amount as an exact decimal.
 */
export function createOrderBody(input: OpenCheckoutInput, settings: OrderRequestSettings): string {
  const note = input.description.trim().slice(0, 200);
  const email = input.customerEmail && input.customerEmail.length <= 100 ? input.customerEmail : undefined;
  const meta = settings.returnUrl || settings.notifyUrl ? { return_url: settings.returnUrl, notify_url: settings.notifyUrl } : undefined;
  return writeCashfreeJson({
    order_id: input.orderId,
    order_amount: toCashfreeAmount(input.amountMinor, input.currency),
    order_currency: input.currency,
    customer_details: {
      customer_id: cashfreeCustomerId(input.customerId),
      customer_phone: cashfreeCustomerPhone(input.customerPhone, settings.placeholderPhone),
      customer_email: email,
    },
    order_meta: meta,
    order_note: note.length >= 3 ? note : undefined,
    order_tags: { order_id: input.orderId },
  });
}
