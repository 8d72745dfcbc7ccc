import { fromMajorString } from '@payments/money';
import { CashfreeApiResponse, CashfreeErrors } from './cashfree-api.errors';
import type { CreateOrderParams, CustomerDetails } from './cashfree-order';

export type ParamsResult<T> = { readonly ok: true; readonly params: T } | { readonly ok: false; readonly error: CashfreeApiResponse };

export interface CreateRefundParams {
  readonly refundId: string;
  readonly amountMinor: number;
  readonly note: string | null;
  readonly speed: 'STANDARD' | 'INSTANT';
}

type Body = Record<string, unknown>;
const refuse = (error: CashfreeApiResponse) => ({ ok: false, error }) as const;
export const isObject = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Thrown while reading a body, to stop at the first bad field; `parse` turns it into a Cashfree 400. */
export class FieldError extends Error {
  constructor(readonly response: CashfreeApiResponse) {
    super(String((response.body as { message?: string }).message));
  }
}

/** Cashfree's limits (its SDK's docs): an order id of 3 to 50 letters, digits, `_` and `-`; a customer id of letters, digits, `_` and `-`. */
const ORDER_ID = /^[A-Za-z0-9_-]{3,50}$/;
const REFUND_ID = /^[A-Za-z0-9_-]{3,40}$/;
const CUSTOMER_ID = /^[A-Za-z0-9_-]{3,50}$/;
export const PHONE = /^\d{10}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function text(body: Body, field: string, rule: { min: number; max: number; pattern?: RegExp; required?: boolean }, prefix = ''): string | null {
  const value = body[field];
  const name = `${prefix}${field}`;
  if (value === undefined || value === null || value === '') {
    if (rule.required) throw new FieldError(CashfreeErrors.missingField(name));
    return null;
  }
  if (typeof value !== 'string' || value.length < rule.min || value.length > rule.max || (rule.pattern && !rule.pattern.test(value))) {
    throw new FieldError(CashfreeErrors.invalidField(name));
  }
  return value;
}

/** A JSON decimal amount (Cashfree refuses strings) in paise, with at most two decimals and at least `min` paise. */
export function amount(body: Body, field: string, minMinor: number): number {
  const value = body[field];
  if (value === undefined || value === null) throw new FieldError(CashfreeErrors.missingField(field));
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new FieldError(CashfreeErrors.invalidField(field));
  let minor: number;
  try {
    minor = fromMajorString(String(value), 'INR').amountMinor;
  } catch {
    throw new FieldError(CashfreeErrors.invalidField(field, 'should be a number with at most two decimals'));
  }
  if (minor < minMinor) throw new FieldError(CashfreeErrors.invalidField(field, `should be at least ${(minMinor / 100).toFixed(2)}`));
  return minor;
}

function customer(body: Body): CustomerDetails {
  const details = body.customer_details;
  if (details === undefined || details === null) throw new FieldError(CashfreeErrors.missingField('customer_details'));
  if (!isObject(details)) throw new FieldError(CashfreeErrors.invalidField('customer_details'));
  const prefix = 'customer_details.';
  return {
    id: text(details, 'customer_id', { min: 3, max: 50, pattern: CUSTOMER_ID, required: true }, prefix) as string,
    phone: text(details, 'customer_phone', { min: 10, max: 10, pattern: PHONE, required: true }, prefix) as string,
    email: text(details, 'customer_email', { min: 3, max: 100, pattern: EMAIL }, prefix),
    name: text(details, 'customer_name', { min: 3, max: 100 }, prefix),
  };
}

function tags(body: Body): Record<string, string> | null {
  const value = body.order_tags;
  if (value === undefined || value === null) return null;
  const entries = isObject(value) ? Object.entries(value) : null;
  if (!entries || entries.length > 10 || !entries.every(([, tag]) => typeof tag === 'string' && tag.length >= 1 && tag.length <= 255)) {
    throw new FieldError(CashfreeErrors.invalidField('order_tags', 'at most 10 tags of 1 to 255 characters'));
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function expiry(body: Body, now: Date): Date | null {
  const value = text(body, 'order_expiry_time', { min: 10, max: 40 });
  if (value === null) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) throw new FieldError(CashfreeErrors.invalidField('order_expiry_time', 'should be a future ISO 8601 time'));
  return at;
}

export function httpUrl(value: string | null, field: string): string | null {
  if (value === null) return null;
  if (!/^https?:\/\/\S+$/.test(value)) throw new FieldError(CashfreeErrors.invalidField(field, 'should be an http(s) URL'));
  return value;
}

export function parse<T>(body: unknown, read: (fields: Body) => T): ParamsResult<T> {
  if (!isObject(body)) return refuse(CashfreeErrors.malformedBody());
  try {
    return { ok: true, params: read(body) };
  } catch (error) {
    if (error instanceof FieldError) return refuse(error.response);
    throw error;
  }
}

/** `POST /orders`. Unknown fields (cart_details, order_splits...) are accepted and ignored. */
export function parseCreateOrder(body: unknown, now: Date): ParamsResult<CreateOrderParams> {
  return parse(body, (fields) => {
    const orderId = text(fields, 'order_id', { min: 3, max: 50, pattern: ORDER_ID });
    const amountMinor = amount(fields, 'order_amount', 100);
    const currency = text(fields, 'order_currency', { min: 3, max: 3, required: true });
    if (currency !== 'INR') throw new FieldError(CashfreeErrors.invalidField('order_currency', 'the sandbox supports INR only'));
    const details = customer(fields);
    const meta = fields.order_meta === undefined || fields.order_meta === null ? {} : fields.order_meta;
    if (!isObject(meta)) throw new FieldError(CashfreeErrors.invalidField('order_meta'));
    return {
      orderId, amountMinor, currency, customer: details,
      returnUrl: httpUrl(text(meta, 'return_url', { min: 1, max: 250 }, 'order_meta.'), 'order_meta.return_url'),
      notifyUrl: httpUrl(text(meta, 'notify_url', { min: 1, max: 250 }, 'order_meta.'), 'order_meta.notify_url'),
      paymentMethods: text(meta, 'payment_methods', { min: 1, max: 200 }, 'order_meta.'),
      tags: tags(fields),
      note: text(fields, 'order_note', { min: 3, max: 200 }),
      expiresAt: expiry(fields, now),
    };
  });
}

/** `POST /orders/{order_id}/refunds`. */
export function parseCreateRefund(body: unknown): ParamsResult<CreateRefundParams> {
  return parse(body, (fields) => {
    const amountMinor = amount(fields, 'refund_amount', 1);
    const refundId = text(fields, 'refund_id', { min: 3, max: 40, pattern: REFUND_ID, required: true }) as string;
    const speed = text(fields, 'refund_speed', { min: 7, max: 8 }) ?? 'STANDARD';
    if (speed !== 'STANDARD' && speed !== 'INSTANT') throw new FieldError(CashfreeErrors.invalidField('refund_speed', 'should be STANDARD or INSTANT'));
    return { refundId, amountMinor, note: text(fields, 'refund_note', { min: 3, max: 100 }), speed };
  });
}

/** `PATCH /orders/{order_id}`: the only change Cashfree allows is `{"order_status": "TERMINATED"}`. */
export function parseTerminateOrder(body: unknown): ParamsResult<{ readonly status: 'TERMINATED' }> {
  return parse(body, (fields) => {
    const status = text(fields, 'order_status', { min: 1, max: 30, required: true });
    if (status !== 'TERMINATED') throw new FieldError(CashfreeErrors.invalidField('order_status', 'only TERMINATED is allowed'));
    return { status };
  });
}
