import { createHash, randomUUID } from 'node:crypto';
import {
  CheckoutRequested, CheckoutRequestedV1, Envelope, PaymentStatusCheckRequested, ProviderName, RefundPaymentRequested, RefundPaymentRequestedV1, buildMessage,
} from '@payments/contracts';

// Test support: checkout.commands messages as the gateway publishes them.

/** What the gateway's POST /api/payments/checkout body says; never an amount. */
export interface CheckoutBody {
  productId: string;
  quantity?: number;
  currency?: string;
  couponCode?: string;
  providerPreference?: ProviderName;
}

/** sha256 over the body's fields in a fixed order, as the gateway hashes a request body. */
export function requestHashOf(body: CheckoutBody): string {
  const canonical = { productId: body.productId, quantity: body.quantity ?? 1, currency: body.currency ?? null,
    couponCode: body.couponCode ?? null, providerPreference: body.providerPreference ?? null };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** A CheckoutRequested as the gateway sends it (keyed by user id); each call is a new message. */
export function checkoutRequested(userId: string, idempotencyKey: string, body: CheckoutBody, replyTo: string): Envelope<CheckoutRequestedV1> {
  return buildMessage(CheckoutRequested, {
    key: userId,
    origin: { correlationId: randomUUID() },
    occurredAt: new Date(),
    payload: {
      userId, idempotencyKey, requestHash: requestHashOf(body), productId: body.productId, quantity: body.quantity ?? 1, replyTo,
      ...(body.currency ? { currency: body.currency } : {}),
      ...(body.couponCode ? { couponCode: body.couponCode } : {}),
      ...(body.providerPreference ? { providerPreference: body.providerPreference } : {}),
    },
  });
}

/** A PaymentStatusCheckRequested as the gateway's return page sends it. */
export function paymentStatusCheckRequested(userId: string, orderId: string): Envelope {
  const now = new Date();
  return buildMessage(PaymentStatusCheckRequested, {
    key: userId,
    origin: { correlationId: randomUUID() },
    occurredAt: now,
    payload: { orderId, userId, trigger: 'success-redirect', requestedAt: now.toISOString() },
  });
}

/** A RefundPaymentRequested as order-ledger sends it (keyed by order id); each call is a new message. */
export function refundPaymentRequested(refund: Omit<RefundPaymentRequestedV1, 'requestedAt'>): Envelope<RefundPaymentRequestedV1> {
  const now = new Date();
  return buildMessage(RefundPaymentRequested, {
    key: refund.orderId,
    origin: { correlationId: randomUUID() },
    occurredAt: now,
    payload: { ...refund, requestedAt: now.toISOString() },
  });
}
