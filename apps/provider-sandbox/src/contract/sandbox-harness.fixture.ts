import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { bootstrapSandbox, sandboxUrl } from '../sandbox.app';
import type { SandboxConfig } from '../sandbox.config';

export const TEST_SECRET_KEY = 'sk_test_contract_0123456789';
export const TEST_WEBHOOK_SECRET = 'whsec_contract_current_0123456789';
export const TEST_CASHFREE_APP_ID = 'cf_test_app_contract';
export const TEST_CASHFREE_SECRET_KEY = 'cfsk_test_contract_0123456789';

export interface RunningSandbox {
  readonly app: NestExpressApplication;
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts the sandbox in this process on a free port, with short webhook retries. */
export async function startTestSandbox(
  overrides: { webhookUrl?: string | null; webhookSecrets?: string[]; cashfreeWebhookUrl?: string | null; runtime?: SandboxRuntime } = {},
): Promise<RunningSandbox> {
  const config: SandboxConfig = {
    port: 0,
    host: '127.0.0.1',
    stripe: {
      secretKey: TEST_SECRET_KEY,
      webhookSecrets: overrides.webhookSecrets ?? [TEST_WEBHOOK_SECRET],
      webhookUrl: overrides.webhookUrl ?? null,
      apiVersion: '2026-10-28.endive',
    },
    cashfree: {
      appId: TEST_CASHFREE_APP_ID,
      secretKey: TEST_CASHFREE_SECRET_KEY,
      webhookUrl: overrides.cashfreeWebhookUrl ?? null,
      webhookVersion: '2023-08-01',
    },
    delivery: { schedule: { baseDelayMs: 200, maxDelayMs: 2_000, maxAttempts: 6 }, attemptTimeoutMs: 5_000 },
  };
  const app = await bootstrapSandbox(config, { logger: false, runtime: overrides.runtime });
  const url = sandboxUrl(app);
  return { app, url, port: Number(new URL(url).port), stop: () => app.close() };
}

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  /** The parsed body, for finding deliveries; verification always uses `rawBody`. */
  readonly json: { id: string; type: string; data: { object: { id: string } } };
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** The status to answer each delivery with (a promise holds the answer back); 200 unless a test says otherwise. */
  answer: (webhook: ReceivedWebhook) => number | Promise<number>;
  deliveriesOf(objectId: string, type: string): ReceivedWebhook[];
  stop(): Promise<void>;
}

/** A plain HTTP endpoint standing in for webhook-ingest: it records raw bodies and headers. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const receiver: Partial<WebhookReceiver> & { answer: WebhookReceiver['answer'] } = { answer: () => 200 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const webhook: ReceivedWebhook = { headers: request.headers, rawBody, json: JSON.parse(rawBody.toString('utf8')) };
      received.push(webhook);
      void Promise.resolve(receiver.answer(webhook)).then((status) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end('{"received":true}');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    deliveriesOf: (objectId: string, type: string) =>
      received.filter((webhook) => webhook.json.type === type && webhook.json.data.object.id === objectId),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export interface StripeErrorJson {
  type: string;
  code?: string;
  param?: string;
  message: string;
}

export interface PaymentIntentJson {
  id: string;
  object: string;
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  client_secret: string;
  description: string | null;
  receipt_email: string | null;
  metadata: Record<string, string>;
  automatic_payment_methods: { enabled: boolean } | null;
  last_payment_error: { code: string; decline_code: string } | null;
}

export interface ControlAnswer {
  status: number;
  body: { payment_intent?: PaymentIntentJson; event?: { id: string; type: string }; error?: StripeErrorJson };
}

export interface SandboxEventView {
  id: string;
  type: string;
  objectId: string | null;
  status: 'pending' | 'delivered' | 'failed' | 'no_endpoint';
  faults: Record<string, unknown>;
  attempts: { copy: number; attempt: number; outcome: string; httpStatus?: number }[];
}

/** POSTs JSON to a sandbox control endpoint, as the hosted page does. */
export async function control(sandbox: RunningSandbox, path: string, body: unknown = {}): Promise<ControlAnswer> {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as ControlAnswer['body'] };
}

export async function paymentIntentsOfOrder(sandbox: RunningSandbox, orderId: string): Promise<PaymentIntentJson[]> {
  const response = await fetch(`${sandbox.url}/_sandbox/stripe/payment_intents?order_id=${encodeURIComponent(orderId)}`);
  return ((await response.json()) as { data: PaymentIntentJson[] }).data;
}

export async function eventsOf(sandbox: RunningSandbox, paymentIntentId: string, type?: string): Promise<SandboxEventView[]> {
  const query = new URLSearchParams({ payment_intent: paymentIntentId, ...(type ? { type } : {}) });
  const response = await fetch(`${sandbox.url}/_sandbox/stripe/events?${query}`);
  return ((await response.json()) as { data: SandboxEventView[] }).data;
}
