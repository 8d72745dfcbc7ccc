import { SignJWT } from 'jose';
import { DEV_SECRETS } from '@payments/testing';
import { callJson, callUntil, sleep } from './chaos-http';
import type { PlannedOrder } from './chaos-plan';

/** What happened to one planned order, as the customer saw it. */
export interface OrderOutcome {
  readonly planned: PlannedOrder;
  /** Set once checkout answered with an order. */
  readonly orderId?: string;
  /** How long the customer waited (and retried) for that answer. */
  readonly checkoutMs: number;
  /** The sandbox accepted the payment that was meant to succeed. */
  readonly paid: boolean;
  /** Why the order went another way than planned (checkout never answered, the sandbox refused...). */
  readonly problem?: string;
}

interface OpenedCheckout {
  orderId: string;
  payment: { providerReference: string };
}

export interface LoadTarget {
  readonly gatewayUrl: string;
  readonly sandboxUrl: string;
  /** How long a customer keeps retrying one checkout (same Idempotency-Key) while services restart. */
  readonly checkoutPatienceMs: number;
}

export const bearerFor = (userId: string) =>
  new SignJWT({ roles: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setExpirationTime('1h')
    .sign(new TextEncoder().encode(DEV_SECRETS.JWT_SECRET));

/** The sandbox's customer actions for the provider an order went to. */
function customerActions(sandboxUrl: string, currency: PlannedOrder['currency'], opened: OpenedCheckout) {
  if (currency === 'USD') {
    const intent = opened.payment.providerReference;
    return {
      hostedPage: `${sandboxUrl}/pay/stripe/${intent}`,
      pay: () => callJson(`${sandboxUrl}/_sandbox/stripe/payment_intents/${intent}/pay`, { body: {} }),
      decline: () => callJson(`${sandboxUrl}/_sandbox/stripe/payment_intents/${intent}/decline`, { body: {} }),
    };
  }
  const order = encodeURIComponent(opened.orderId);
  return {
    hostedPage: `${sandboxUrl}/pay/cashfree/${order}`,
    pay: () => callJson(`${sandboxUrl}/_sandbox/cashfree/orders/${order}/pay`, { body: { paymentMethod: 'netbanking' } }),
    decline: () => callJson(`${sandboxUrl}/_sandbox/cashfree/orders/${order}/decline`, { body: { paymentMethod: 'upi' } }),
  };
}

const ok = (answer: { status: number }) => answer.status === 200;

/** Opens one checkout through the gateway, retrying with the same key until it answers with an order. */
async function openCheckout(target: LoadTarget, order: PlannedOrder, runId: string): Promise<OpenedCheckout | undefined> {
  const token = await bearerFor(order.userId);
  const headers = { authorization: `Bearer ${token}`, 'idempotency-key': `${runId}-checkout-${order.index}` };
  const body = { productId: order.productId, quantity: 1, currency: order.currency };
  const answer = await callUntil(
    () => callJson<OpenedCheckout>(`${target.gatewayUrl}/api/payments/checkout`, { body, headers }),
    (reply) => reply.status === 201 || reply.status === 200,
    Date.now() + target.checkoutPatienceMs,
  );
  return answer?.body;
}

async function pay(target: LoadTarget, order: PlannedOrder, opened: OpenedCheckout): Promise<string | undefined> {
  const actions = customerActions(target.sandboxUrl, order.currency, opened);
  const patience = () => Date.now() + 30_000;
  switch (order.path) {
    case 'unpaid':
      return undefined;
    case 'instant':
      break;
    case 'hosted':
      await sleep(order.payDelayMs);
      if (!(await callUntil(() => callJson(actions.hostedPage), ok, patience()))) return 'the hosted page did not open';
      break;
    case 'declined-then-paid':
      if (!(await callUntil(actions.decline, ok, patience()))) return 'the sandbox refused the decline';
      await sleep(order.payDelayMs);
      break;
  }
  return (await callUntil(actions.pay, ok, patience())) ? undefined : 'the sandbox refused the payment';
}

/** Places every planned order at its moment from `startedAt`, each on its own, and resolves with what became of them. */
export function runLoad(target: LoadTarget, orders: readonly PlannedOrder[], runId: string, startedAt: number): Promise<OrderOutcome[]> {
  return Promise.all(orders.map(async (order): Promise<OrderOutcome> => {
    await sleep(Math.max(0, startedAt + order.startAtMs - Date.now()));
    const checkoutStartedAt = Date.now();
    const opened = await openCheckout(target, order, runId);
    const checkoutMs = Date.now() - checkoutStartedAt;
    if (!opened) return { planned: order, checkoutMs, paid: false, problem: 'checkout never answered with an order' };
    const problem = await pay(target, order, opened);
    return { planned: order, orderId: opened.orderId, checkoutMs, paid: order.path !== 'unpaid' && !problem, problem };
  }));
}
