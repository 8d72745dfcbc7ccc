import { randomUUID } from 'node:crypto';
import { CheckoutOpened, DisputeActionCompleted, DisputeReported, DisputeReportedV1, Envelope, PaymentSucceeded, buildMessage } from '@payments/contracts';

// Test support for order-ledger's dispute tests: messages as webhook-ingest and checkout publish them.

const origin = { correlationId: 'order-ledger-dispute-test' };
const occurredAt = new Date();
export const DISPUTED_AMOUNT = 1900;

/** One paid Stripe order with a known payment id. */
export function stripeOrder(): { orderId: string; paymentId: string } {
  return { orderId: randomUUID(), paymentId: `pi_${randomUUID().replace(/-/g, '')}` };
}

export function checkoutOpened(orderId: string, provider: 'stripe' | 'cashfree' = 'stripe'): Envelope {
  return buildMessage(CheckoutOpened, {
    key: orderId, origin, occurredAt,
    payload: {
      orderId, userId: 'user-dispute-test', amountMinor: DISPUTED_AMOUNT, currency: 'USD', provider, providerReference: `ref_${orderId.slice(0, 8)}`,
      lines: [{ productId: 'course-typescript-101', kind: 'course', quantity: 1, unitAmountMinor: DISPUTED_AMOUNT }],
      breakdown: { subtotalMinor: DISPUTED_AMOUNT, discountMinor: 0, taxMinor: 0, totalMinor: DISPUTED_AMOUNT },
    },
  });
}

export function paymentSucceeded(orderId: string, paymentId: string, provider: 'stripe' | 'cashfree' = 'stripe'): Envelope {
  return buildMessage(PaymentSucceeded, {
    key: orderId, origin, occurredAt,
    payload: { orderId, provider, providerEventId: `evt_${randomUUID()}`, providerPaymentId: paymentId, amountMinor: DISPUTED_AMOUNT, currency: 'USD', succeededAt: occurredAt.toISOString() },
  });
}

/**
 * A DisputeReported as webhook-ingest publishes it: keyed by the payment when it names no order of
 * ours (Stripe), by the order otherwise (Cashfree). Each call is a new message; the same
 * `providerEventId` is the same provider event delivered again.
 */
export function disputeReported(
  stage: DisputeReportedV1['stage'], payment: { paymentId: string; orderId?: string }, fields: Partial<DisputeReportedV1> = {},
): Envelope {
  const payload: DisputeReportedV1 = {
    provider: 'stripe', providerEventId: `evt_${stage}_${payment.paymentId}`, disputeId: `du_${payment.paymentId}`, providerPaymentId: payment.paymentId,
    stage, status: stage === 'opened' ? 'needs_response' : stage, amountMinor: DISPUTED_AMOUNT, currency: 'USD', inquiry: false,
    reportedAt: occurredAt.toISOString(), ...(payment.orderId ? { orderId: payment.orderId } : {}), ...fields,
  };
  return buildMessage(DisputeReported, { key: payment.orderId ?? payment.paymentId, origin, occurredAt, payload });
}

export function disputeActionCompleted(orderId: string, disputeId: string, requestId = randomUUID()): Envelope {
  return buildMessage(DisputeActionCompleted, {
    key: orderId, origin, occurredAt,
    payload: { requestId, orderId, provider: 'stripe', disputeId, action: 'accept', outcome: 'done', status: 'lost', completedAt: occurredAt.toISOString() },
  });
}
