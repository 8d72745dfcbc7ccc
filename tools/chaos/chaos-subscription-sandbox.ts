import { callJson, callUntil } from './chaos-http';
import { STRIPE_API_HEADERS, stripeSubscriptionsAt } from './chaos-subscriber-actions';
import type { ProviderPayment, ProviderStatus } from './chaos-subscription-verdicts';

/** One subscription as the sandbox holds it, by our subscription id. */
export interface HeldByProvider {
  readonly provider: 'stripe' | 'cashfree';
  readonly status: ProviderStatus;
  readonly paid: readonly ProviderPayment[];
}

const STRIPE_STATUS: Readonly<Record<string, ProviderStatus>> = { active: 'active', past_due: 'past_due', canceled: 'ended' };
const CASHFREE_STATUS: Readonly<Record<string, ProviderStatus>> = { ACTIVE: 'active', ON_HOLD: 'past_due', CANCELLED: 'ended', COMPLETED: 'ended' };

interface StripeInvoice {
  id: string;
  status: string;
  lines: { data: { period: { end: number } }[] };
  parent: { subscription_details: { metadata: Record<string, string> } | null } | null;
}

interface CashfreeSubscription {
  subscription_id: string;
  subscription_status: string;
  payments: { cf_payment_id: string; payment_type: string; payment_status: string }[];
}

async function listed<T>(url: string, headers: Record<string, string> = {}): Promise<T[]> {
  const answer = await callUntil(() => callJson<{ data: T[] }>(url, { headers, timeoutMs: 60_000 }), (reply) => reply.status === 200, Date.now() + 60_000);
  if (!answer) throw new Error(`the sandbox did not answer ${url}`);
  return answer.body.data;
}

/** Stripe: each subscription's status, and its paid invoices with the period each paid for. */
async function heldByStripe(sandboxUrl: string): Promise<Map<string, HeldByProvider>> {
  const held = new Map<string, HeldByProvider>();
  for (const subscription of await stripeSubscriptionsAt(sandboxUrl)) {
    const ours = subscription.metadata.subscription_id;
    if (ours) held.set(ours, { provider: 'stripe', status: STRIPE_STATUS[subscription.status] ?? 'incomplete', paid: [] });
  }
  for (const invoice of await listed<StripeInvoice>(`${sandboxUrl}/v1/invoices`, STRIPE_API_HEADERS)) {
    const ours = invoice.parent?.subscription_details?.metadata.subscription_id;
    const subscription = ours === undefined ? undefined : held.get(ours);
    if (!ours || !subscription || invoice.status !== 'paid') continue;
    const paid = { paymentId: invoice.id, periodEnd: invoice.lines.data[0].period.end * 1000 };
    held.set(ours, { ...subscription, paid: [...subscription.paid, paid] });
  }
  return held;
}

/** Cashfree: each subscription's status and its successful charges (the mandate's AUTH payment pays no period). */
async function heldByCashfree(sandboxUrl: string): Promise<Map<string, HeldByProvider>> {
  const held = new Map<string, HeldByProvider>();
  for (const subscription of await listed<CashfreeSubscription>(`${sandboxUrl}/_sandbox/cashfree/subscriptions`)) {
    const paid = subscription.payments
      .filter((payment) => payment.payment_type === 'CHARGE' && payment.payment_status === 'SUCCESS')
      .map((payment) => ({ paymentId: payment.cf_payment_id }));
    held.set(subscription.subscription_id, { provider: 'cashfree', status: CASHFREE_STATUS[subscription.subscription_status] ?? 'incomplete', paid });
  }
  return held;
}

/** The sandbox's own view of every subscription it holds, both providers, by our subscription id. */
export async function heldByProviders(sandboxUrl: string): Promise<Map<string, HeldByProvider>> {
  return new Map([...(await heldByStripe(sandboxUrl)), ...(await heldByCashfree(sandboxUrl))]);
}
