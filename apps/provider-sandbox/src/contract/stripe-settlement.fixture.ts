import { randomUUID } from 'node:crypto';
import type { StripeAdapter } from '@payments/providers';
import { SandboxRuntime, systemRuntime } from '../domain/sandbox-runtime';
import type { RunningSandbox } from './sandbox-harness.fixture';
import { JsonAnswer, controlCall } from './stripe-sandbox-calls.fixture';

/** A clock a test sets: payouts and settlements are per UTC day. */
export interface MovableClock {
  readonly runtime: SandboxRuntime;
  /** Moves to an ISO 8601 time. */
  set(iso: string): void;
}

export function movableClock(startIso: string): MovableClock {
  let now = Date.parse(startIso);
  return { runtime: { now: () => new Date(now), newId: systemRuntime.newId }, set: (iso) => { now = Date.parse(iso); } };
}

/** A paid order: our id and its PaymentIntent. */
export interface PaidOrder {
  readonly orderId: string;
  readonly paymentIntentId: string;
}

/** Opens a checkout through the adapter and pays it on the sandbox's "hosted page". */
export async function paidOrder(adapter: StripeAdapter, sandbox: RunningSandbox, amountMinor: number, currency = 'USD', payBody: unknown = {}): Promise<PaidOrder> {
  const orderId = `ord_${randomUUID()}`;
  const opened = await adapter.openCheckout({ orderId, amountMinor, currency, customerId: 'user-1', description: 'Course', idempotencyKey: `open-${orderId}` });
  const paid = await controlCall(sandbox, `/_sandbox/stripe/payment_intents/${opened.providerReference}/pay`, payBody);
  if (paid.status !== 200) throw new Error(`could not pay ${opened.providerReference}: ${JSON.stringify(paid.body)}`);
  return { orderId, paymentIntentId: opened.providerReference };
}

export interface DisputeJson {
  id: string;
  status: string;
  amount: number;
  payment_intent: string;
  balance_transactions: { id: string; amount: number; fee: number }[];
}

/** Opens a dispute against a payment (`/_sandbox/stripe/payment_intents/:id/dispute`); fails the test when refused. */
export async function openedDispute(sandbox: RunningSandbox, paymentIntentId: string, body: unknown = {}): Promise<DisputeJson> {
  const answer = await controlCall<{ dispute: DisputeJson }>(sandbox, `/_sandbox/stripe/payment_intents/${paymentIntentId}/dispute`, body);
  if (answer.status !== 200) throw new Error(`could not dispute ${paymentIntentId}: ${JSON.stringify(answer.body)}`);
  return answer.body.dispute;
}

export interface PayoutJson {
  id: string;
  amount: number;
  currency: string;
  arrival_date: number;
  status: string;
}

/** `POST /_sandbox/stripe/payouts` for a day, with knobs or faults if given. */
export const payDay = (sandbox: RunningSandbox, date: string, extra: Record<string, unknown> = {}): Promise<JsonAnswer<{ replayed: boolean; payouts: PayoutJson[] }>> =>
  controlCall(sandbox, '/_sandbox/stripe/payouts', { date, ...extra });
