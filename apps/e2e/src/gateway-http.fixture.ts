import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@payments/contracts';
import { eventually, kafkaBrokers } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, startE2eSystem } from './e2e-system';

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

/** The services' consumer groups, which every run on one broker shares. */
const SERVICE_GROUPS: Record<string, string[]> = {
  'order-ledger': [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersCommands],
  entitlements: [Topics.ordersEvents],
  gateway: [Topics.ordersEvents, Topics.entitlementGranted],
  checkout: [Topics.checkoutCommands],
};

/**
 * Moves the services' consumer groups to the end of their topics, so a run with a fresh database
 * does not first stall on messages an earlier run left behind (orders this database never saw,
 * which order-ledger retries for a minute). Groups with running members are left alone.
 */
async function skipMessagesOfEarlierRuns(): Promise<void> {
  const admin = new Kafka({ clientId: 'e2e-fresh-start', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    // kafkajs joins the group to set its offsets (about 5 s each): groups in parallel, a group's topics in turn.
    await Promise.all(Object.entries(SERVICE_GROUPS).map(async ([groupId, topics]) => {
      for (const topic of topics.filter((name) => existing.has(name))) {
        const ends = await admin.fetchTopicOffsets(topic);
        const partitions = ends.map(({ partition, high }) => ({ partition, offset: high }));
        await admin.setOffsets({ groupId, topic, partitions }).catch(() => undefined);
      }
    }));
  } finally {
    await admin.disconnect();
  }
}

/** `startE2eSystem` after skipping what earlier runs left in the topics. */
export async function startFreshE2eSystem(overrides: NodeJS.ProcessEnv): Promise<E2eSystem> {
  await skipMessagesOfEarlierRuns();
  return startE2eSystem(overrides);
}

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

  async function pendingOrder(userId = newUser()) {
    const opened = await checkout(await bearerFor(userId), randomUUID(), COURSE);
    if (opened.status !== 201) throw new Error(`checkout answered ${opened.status}: ${opened.text}`);
    const orderId = opened.body.orderId as string;
    await eventually(async () => ((await statusInReadModel(orderId)) === 'pending' ? true : undefined), 30_000, 'the order in the read model');
    const paymentIntent = (opened.body.payment as { providerReference: string }).providerReference;
    return { userId, orderId, amountMinor: opened.body.amountMinor as number, paymentIntent };
  }

  async function paidOrder() {
    const order = await pendingOrder();
    const paid = await fetch(`${sandbox}/_sandbox/stripe/payment_intents/${order.paymentIntent}/pay`, { method: 'POST' });
    if (paid.status !== 200) throw new Error(`the sandbox answered ${paid.status} to paying ${order.paymentIntent}`);
    await eventually(async () => ((await statusInReadModel(order.orderId)) === 'paid' ? true : undefined), 30_000, 'the order paid');
    return order;
  }

  return { statusInReadModel, pendingOrder, paidOrder };
}
