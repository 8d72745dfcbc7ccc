import { StripeAdapter, StripeAdapterConfig, StripeAdapterDependencies } from '@payments/providers';
import { RunningSandbox, TEST_SECRET_KEY } from './sandbox-harness.fixture';

/** An HTTP answer as the tests look at it. */
export interface JsonAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** The Stripe adapter on the official SDK, pointed at the sandbox, verifying webhooks with `webhookSecrets` (and `options`: a page size, a clock). */
export function adapterFor(
  sandbox: RunningSandbox, webhookSecrets: string[] = [], options: Pick<StripeAdapterConfig, 'listPageSize'> & StripeAdapterDependencies = {},
): StripeAdapter {
  const { now, ...config } = options;
  return new StripeAdapter(
    { secretKey: TEST_SECRET_KEY, webhookSecrets, apiHost: '127.0.0.1', apiPort: sandbox.port, apiProtocol: 'http', maxNetworkRetries: 0, ...config },
    now ? { now } : {},
  );
}

/** A raw Stripe v1 call with a form body, as the wire carries it, without the SDK's parsing. */
export async function stripeCall<T = Record<string, unknown>>(
  sandbox: RunningSandbox, method: 'GET' | 'POST', path: string, form: string | null = null, headers: Record<string, string> = {},
): Promise<JsonAnswer<T>> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_SECRET_KEY}`, ...(form === null ? {} : { 'content-type': 'application/x-www-form-urlencoded' }), ...headers },
    body: form ?? undefined,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** POSTs JSON to a `/_sandbox` control endpoint. */
export async function controlCall<T = Record<string, unknown>>(sandbox: RunningSandbox, path: string, body: unknown = {}): Promise<JsonAnswer<T>> {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

export async function getJson<T = Record<string, unknown>>(sandbox: RunningSandbox, path: string): Promise<JsonAnswer<T>> {
  const response = await fetch(`${sandbox.url}${path}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** A form body for `POST /v1/payment_intents`. */
export const paymentIntentForm = (orderId: string, amount = 4999, currency = 'usd') =>
  `amount=${amount}&currency=${currency}&metadata[order_id]=${encodeURIComponent(orderId)}&automatic_payment_methods[enabled]=true`;

/** Creates a PaymentIntent through the API and pays it on the "hosted page"; returns its id. */
export async function paidPaymentIntent(sandbox: RunningSandbox, orderId: string, amount = 4999, currency = 'usd', payBody: unknown = {}): Promise<string> {
  const created = await stripeCall<{ id: string }>(sandbox, 'POST', '/v1/payment_intents', paymentIntentForm(orderId, amount, currency));
  const paid = await controlCall(sandbox, `/_sandbox/stripe/payment_intents/${created.body.id}/pay`, payBody);
  if (paid.status !== 200) throw new Error(`could not pay ${created.body.id}: ${JSON.stringify(paid.body)}`);
  return created.body.id;
}
