import { randomUUID } from 'node:crypto';
import type { CashfreeAdapter } from '@payments/providers';
import { CashfreeAnswer, cashfreeControl, inrCheckout } from './cashfree-harness.fixture';
import type { RunningSandbox } from './sandbox-harness.fixture';

/** A control call that must succeed: its body, or an error quoting the sandbox's answer. */
export async function controlOk<T>(sandbox: RunningSandbox, path: string, body: unknown = {}): Promise<T> {
  const answer = await cashfreeControl(sandbox, path, body);
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${answer.raw}`);
  return answer.body as T;
}

/** An order the adapter opened and the customer paid; answers its ids. */
export async function paidCashfreeOrder(sandbox: RunningSandbox, adapter: CashfreeAdapter, amountMinor: number, paymentMethod = 'upi') {
  const orderId = randomUUID();
  await adapter.openCheckout(inrCheckout(orderId, { amountMinor }));
  const paid = await controlOk<{ payment: { cf_payment_id: string } }>(sandbox, `/orders/${orderId}/pay`, { paymentMethod });
  return { orderId, cfPaymentId: paid.payment.cf_payment_id };
}

/** Part of a paid order refunded through the adapter and processed by Cashfree. */
export async function processedRefund(sandbox: RunningSandbox, adapter: CashfreeAdapter, orderId: string, amountMinor: number) {
  const refundId = randomUUID();
  await adapter.refund({ providerReference: orderId, amountMinor, currency: 'INR', orderId, refundId, idempotencyKey: `refund-${refundId}` });
  const settled = await controlOk<{ refund: { cf_refund_id: string } }>(sandbox, `/orders/${orderId}/refunds/${refundId}/succeed`);
  return { refundId, cfRefundId: settled.refund.cf_refund_id };
}

export interface DisputeJson {
  dispute_id: number;
  dispute_status: string;
  dispute_type: string;
  dispute_amount: number;
  dispute_evidence: { document_id: number; document_name: string; document_type: string }[];
  order_details: { order_id: string; cf_payment_id: string };
}

/** The customer's bank raises a dispute on a paid order. */
export async function raisedDispute(sandbox: RunningSandbox, orderId: string, body: Record<string, unknown> = {}): Promise<DisputeJson> {
  return (await controlOk<{ dispute: DisputeJson }>(sandbox, `/orders/${orderId}/dispute`, body)).dispute;
}

export interface SettledDayJson {
  created: boolean;
  settlement: { cf_settlement_id: string; settlement_id: number; utr: string; amount_settled: number; settled_on: string };
  recon: Record<string, unknown>[];
  webhook: { id: string; type: string } | null;
}

export function settleDay(sandbox: RunningSandbox, date: string, body: Record<string, unknown> = {}): Promise<CashfreeAnswer<SettledDayJson>> {
  return cashfreeControl<SettledDayJson>(sandbox, '/settlements', { date, ...body });
}
