import { CashfreeAdapter, CashfreeAdapterConfig, CashfreeAdapterDependencies, OpenCheckoutInput, ProviderError } from '@payments/providers';
import { SandboxRuntime, systemRuntime } from '../domain/sandbox-runtime';
import {
  RunningSandbox, ReceivedWebhook, TEST_CASHFREE_APP_ID, TEST_CASHFREE_SECRET_KEY, WebhookReceiver, startTestSandbox, startWebhookReceiver,
} from './sandbox-harness.fixture';

/** The adapter pointed at the in-process sandbox, failing fast (no retries) unless a test says otherwise. */
export function cashfreeAdapterFor(
  sandbox: RunningSandbox, overrides: Partial<CashfreeAdapterConfig> = {}, dependencies: CashfreeAdapterDependencies = {},
): CashfreeAdapter {
  return new CashfreeAdapter({
    appId: TEST_CASHFREE_APP_ID,
    secretKey: TEST_CASHFREE_SECRET_KEY,
    baseUrl: `${sandbox.url}/cashfree/pg`,
    maxRetries: 0,
    timeoutMs: 5_000,
    ...overrides,
  }, dependencies);
}

export interface CashfreeSuite {
  readonly sandbox: RunningSandbox;
  readonly adapter: CashfreeAdapter;
  /** Present when the suite asked for webhooks: where the sandbox delivers them. */
  readonly receiver: WebhookReceiver;
}

/**
 * Starts a sandbox, and the adapter on it, before a suite's tests (with a webhook receiver if asked,
 * and on the given clock, which the adapter verifies webhooks against too), and stops them after.
 */
export function cashfreeSuite(options: { clock?: ReturnType<typeof testClock>; webhooks?: boolean } = {}): CashfreeSuite {
  const suite: { sandbox?: RunningSandbox; adapter?: CashfreeAdapter; receiver?: WebhookReceiver } = {};
  beforeAll(async () => {
    suite.receiver = options.webhooks ? await startWebhookReceiver() : undefined;
    suite.sandbox = await startTestSandbox({ runtime: options.clock?.runtime, cashfreeWebhookUrl: suite.receiver?.url });
    suite.adapter = cashfreeAdapterFor(suite.sandbox, {}, { now: options.clock?.now });
  });
  afterAll(async () => {
    await suite.sandbox?.stop();
    await suite.receiver?.stop();
  });
  return suite as CashfreeSuite;
}

/** The `ProviderError` a call fails with; any other outcome fails the test. */
export async function providerErrorOf(call: Promise<unknown>): Promise<ProviderError> {
  const error = await call.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

/** A clock a test moves by hand, for a sandbox whose settlements are per UTC day; ids stay the system's. */
export function testClock(startIso: string): { runtime: SandboxRuntime; now: () => Date; set(iso: string): void } {
  let now = Date.parse(startIso);
  return { runtime: { now: () => new Date(now), newId: systemRuntime.newId }, now: () => new Date(now), set: (iso) => { now = Date.parse(iso); } };
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
export async function cashfreeControl<T = Record<string, unknown>>(sandbox: RunningSandbox, path: string, body: unknown = {}): Promise<CashfreeAnswer<T>> {
  const response = await fetch(`${sandbox.url}/_sandbox/cashfree${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return answerOf<T>(response);
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
  data: { order?: { order_id: string }; payment?: { cf_payment_id: string }; refund?: { order_id: string }; order_details?: { order_id: string } };
}

/** Cashfree deliveries the receiver got for one order and webhook type. */
export function cashfreeDeliveries(receiver: WebhookReceiver, orderId: string, type: string): ReceivedWebhook[] {
  return receiver.received.filter((webhook) => {
    const json = webhook.json as unknown as CashfreeWebhookJson;
    return json.type === type && (json.data.order?.order_id ?? json.data.refund?.order_id ?? json.data.order_details?.order_id) === orderId;
  });
}

/** A call to the sandbox's Cashfree API over plain HTTP, with the test credentials unless overridden. */
export async function cashfreeApi<T = Record<string, unknown>>(
  sandbox: RunningSandbox, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {},
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
