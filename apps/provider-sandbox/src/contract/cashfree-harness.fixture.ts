import { CashfreeAdapter, CashfreeAdapterConfig, OpenCheckoutInput } from '@payments/providers';
import { RunningSandbox, ReceivedWebhook, TEST_CASHFREE_APP_ID, TEST_CASHFREE_SECRET_KEY, WebhookReceiver } from './sandbox-harness.fixture';

/** The adapter pointed at the in-process sandbox, failing fast (no retries) unless a test says otherwise. */
export function cashfreeAdapterFor(sandbox: RunningSandbox, overrides: Partial<CashfreeAdapterConfig> = {}): CashfreeAdapter {
  return new CashfreeAdapter({
    appId: TEST_CASHFREE_APP_ID,
    secretKey: TEST_CASHFREE_SECRET_KEY,
    baseUrl: `${sandbox.url}/cashfree/pg`,
    maxRetries: 0,
    timeoutMs: 5_000,
    ...overrides,
  });
}

export const inrCheckout = (orderId: string, change: Partial<OpenCheckoutInput> = {}): OpenCheckoutInput => ({
  orderId,
  amountMinor: 58882,
  currency: 'INR',
  customerId: 'user-42',
  customerEmail: 'ada@example.com',
  description: 'TypeScript 101 x 1',
  idempotencyKey: `order-${orderId}-open`,
  ...change,
});

export interface CashfreePaymentJson {
  cf_payment_id: string;
  payment_status: string;
  payment_amount: number;
  payment_group: string;
}

export interface CashfreeOrderJson {
  order_id: string;
  cf_order_id: string;
  order_amount: number;
  order_currency: string;
  order_status: string;
  payment_session_id: string;
  customer_details: { customer_id: string; customer_phone: string; customer_email: string | null };
  order_tags: Record<string, string> | null;
  order_note: string | null;
  order_meta: { notify_url: string | null; return_url: string | null };
  payments: CashfreePaymentJson[];
  refunds: { cf_refund_id: string; refund_id: string; refund_status: string; refund_amount: number }[];
}

export interface CashfreeAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  raw: string;
  body: T;
}

async function answerOf<T>(response: Response): Promise<CashfreeAnswer<T>> {
  const raw = await response.text();
  return { status: response.status, headers: response.headers, raw, body: JSON.parse(raw) as T };
}

/** POSTs JSON to a Cashfree control endpoint of the sandbox, as the hosted page does. */
export async function cashfreeControl(sandbox: RunningSandbox, path: string, body: unknown = {}): Promise<CashfreeAnswer> {
  const response = await fetch(`${sandbox.url}/_sandbox/cashfree${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return answerOf(response);
}

/** The sandbox's view of one order, with its attempts and refunds. */
export async function sandboxCashfreeOrder(sandbox: RunningSandbox, orderId: string): Promise<CashfreeOrderJson | undefined> {
  const response = await fetch(`${sandbox.url}/_sandbox/cashfree/orders?order_id=${encodeURIComponent(orderId)}`);
  return ((await response.json()) as { data: CashfreeOrderJson[] }).data[0];
}

export interface CashfreeWebhookLogEntry {
  id: string;
  type: string;
  objectId: string;
  status: 'pending' | 'delivered' | 'failed' | 'no_endpoint';
  endpoint: string | null;
  faults: Record<string, unknown>;
  attempts: { copy: number; attempt: number; outcome: string; httpStatus?: number }[];
}

export async function cashfreeWebhookLog(sandbox: RunningSandbox, orderId: string, type?: string): Promise<CashfreeWebhookLogEntry[]> {
  const query = new URLSearchParams({ order_id: orderId, ...(type ? { type } : {}) });
  const response = await fetch(`${sandbox.url}/_sandbox/cashfree/events?${query}`);
  return ((await response.json()) as { data: CashfreeWebhookLogEntry[] }).data;
}

interface CashfreeWebhookJson {
  type: string;
  data: { order?: { order_id: string }; payment?: { cf_payment_id: string }; refund?: { order_id: string } };
}

/** Cashfree deliveries the receiver got for one order and webhook type. */
export function cashfreeDeliveries(receiver: WebhookReceiver, orderId: string, type: string): ReceivedWebhook[] {
  return receiver.received.filter((webhook) => {
    const json = webhook.json as unknown as CashfreeWebhookJson;
    return json.type === type && (json.data.order?.order_id ?? json.data.refund?.order_id) === orderId;
  });
}

/** A call to the sandbox's Cashfree API over plain HTTP, with the test credentials unless overridden. */
export async function cashfreeApi<T = Record<string, unknown>>(
  sandbox: RunningSandbox, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, headers: Record<string, string> = {},
): Promise<CashfreeAnswer<T>> {
  const response = await fetch(`${sandbox.url}/cashfree/pg${path}`, {
    method,
    headers: {
      'x-client-id': TEST_CASHFREE_APP_ID, 'x-client-secret': TEST_CASHFREE_SECRET_KEY, 'x-api-version': '2023-08-01',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return answerOf<T>(response);
}
