import { createHmac } from 'node:crypto';
import { fromMajorString } from '@payments/money';
import { JsonDecimal, toCashfreeAmount, writeCashfreeJson } from '@payments/providers';
import { DeliveryFaults, STALE_TIMESTAMP_AGE_SECONDS } from '../domain/delivery-faults';
import type { SignedDelivery } from '../webhooks/webhook.dispatcher';
import type { CashfreeWebhookPayload } from './cashfree-webhook.payloads';

/** Cashfree's scheme: base64 HMAC-SHA256 of the millisecond timestamp and the raw body, concatenated. */
export function cashfreeWebhookSignature(secret: string, timestampMs: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}${body}`, 'utf8').digest('base64');
}

export interface CashfreeSigning {
  readonly secret: string;
  readonly webhookVersion: string;
  readonly faults: DeliveryFaults;
}

const bump = (value: unknown) =>
  value instanceof JsonDecimal ? toCashfreeAmount(fromMajorString(value.text, 'INR').amountMinor + 100, 'INR') : value;

/** The same webhook with its amounts one rupee higher: what a tampering proxy would forward. */
function tamperedAmount(payload: CashfreeWebhookPayload): CashfreeWebhookPayload {
  type Part = Record<string, unknown>;
  const data = payload.data as { order?: Part; payment?: Part; refund?: Part; dispute?: Part; settlement?: Part; payment_amount?: unknown };
  const changed = {
    ...data,
    ...(data.payment_amount !== undefined ? { payment_amount: bump(data.payment_amount) } : {}),
    ...(data.order ? { order: { ...data.order, order_amount: bump(data.order.order_amount) } } : {}),
    ...(data.payment ? { payment: { ...data.payment, payment_amount: bump(data.payment.payment_amount) } } : {}),
    ...(data.refund ? { refund: { ...data.refund, refund_amount: bump(data.refund.refund_amount) } } : {}),
    ...(data.dispute ? { dispute: { ...data.dispute, dispute_amount: bump(data.dispute.dispute_amount) } } : {}),
    ...(data.settlement ? { settlement: { ...data.settlement, payment_amount: bump(data.settlement.payment_amount) } } : {}),
  };
  return { ...payload, data: changed };
}

/**
 * Serialises and signs one delivery attempt as Cashfree does: compact JSON with decimal amounts
 * (`"payment_amount":588.82`, `170.00`), a fresh millisecond timestamp, the signature over exactly
 * those bytes, and `x-webhook-attempt`. Then the faults: a timestamp ten minutes old, or a body
 * changed after signing.
 */
export function signCashfreeDelivery(payload: CashfreeWebhookPayload, signing: CashfreeSigning, nowMs: number, attempt: number): SignedDelivery {
  const timestamp = signing.faults.staleTimestamp ? nowMs - STALE_TIMESTAMP_AGE_SECONDS * 1000 : nowMs;
  const signedBody = writeCashfreeJson(payload);
  const signature = cashfreeWebhookSignature(signing.secret, String(timestamp), signedBody);
  const body = signing.faults.tamperAmount ? writeCashfreeJson(tamperedAmount(payload)) : signedBody;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'provider-sandbox (Cashfree webhooks)',
      'x-webhook-signature': signature,
      'x-webhook-timestamp': String(timestamp),
      'x-webhook-version': signing.webhookVersion,
      'x-webhook-attempt': String(attempt),
    },
    signatureTimestamp: timestamp,
    tampered: body !== signedBody,
  };
}
