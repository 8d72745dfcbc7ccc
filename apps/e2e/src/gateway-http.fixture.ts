import { randomUUID } from 'node:crypto';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor } from './e2e-system';

/** Helpers of the gateway HTTP suites: calls from a chosen client address, and orders in a given state. */
const gateway = E2E_URLS.gateway;
const sandbox = E2E_URLS.sandbox;

/** Start the system with TRUST_PROXY=loopback so X-Forwarded-For names the client address. */
export const TRUSTING_LOCAL_PROXY = { TRUST_PROXY: 'loopback' };
export const COURSE = { productId: 'course-typescript-101', currency: 'USD' };
export const COURSE_USD_MINOR = 1900;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { error?: { code: string; message: string }; [name: string]: unknown };
}

export interface CallOptions {
  token?: string;
  key?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** The client address the gateway sees; a fresh one per call unless given. */
  ip?: string;
}

export const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
export const newUser = () => `user-${randomUUID()}`;

export async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? randomIp(), ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${gateway}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: Answer['body'] = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML or empty
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

export const checkout = (token: string, key: string | undefined, body: unknown) => call('POST', '/api/payments/checkout', { token, key, body });

export const refund = (token: string, orderId: string, key: string | undefined, body: unknown = {}, headers: Record<string, string> = {}) =>
  call('POST', `/api/orders/${orderId}/refunds`, { token, key, body, headers });

/** Orders opened through the gateway, waited for in its read model (read from the database, not rate-limited HTTP). */
export function orderFixtures(e2e: () => E2eSystem) {
  async function statusInReadModel(orderId: string): Promise<string | undefined> {
    const { rows } = await e2e().db.query(`SELECT status FROM gateway.orders WHERE order_id = $1`, [orderId]);
    return rows[0]?.status;
  }

  /** POST /api/payments/checkout for a course, as `userId`; what the order is once checkout answered. */
  async function openOrder(userId: string) {
    const opened = await checkout(await bearerFor(userId), randomUUID(), COURSE);
    if (opened.status !== 201) throw new Error(`checkout answered ${opened.status}: ${opened.text}`);
    const paymentIntent = (opened.body.payment as { providerReference: string }).providerReference;
    return { userId, orderId: opened.body.orderId as string, amountMinor: opened.body.amountMinor as number, paymentIntent };
  }

  async function pendingOrder(userId = newUser()) {
    const order = await openOrder(userId);
    await eventually(async () => ((await statusInReadModel(order.orderId)) === 'pending' ? true : undefined), 30_000, 'the order in the read model');
    return order;
  }

  /** Paid in the sandbox the moment checkout answers, as a payer who does not wait would. */
  async function paidOrder() {
    const order = await openOrder(newUser());
    const paid = await fetch(`${sandbox}/_sandbox/stripe/payment_intents/${order.paymentIntent}/pay`, { method: 'POST' });
    if (paid.status !== 200) throw new Error(`the sandbox answered ${paid.status} to paying ${order.paymentIntent}`);
    await eventually(async () => ((await statusInReadModel(order.orderId)) === 'paid' ? true : undefined), 30_000, 'the order paid');
    return order;
  }

  return { statusInReadModel, pendingOrder, paidOrder };
}
