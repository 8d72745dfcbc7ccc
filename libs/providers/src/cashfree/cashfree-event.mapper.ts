import { createHash } from 'node:crypto';
import type { NeutralEventKind, NeutralProviderEvent, ParsedWebhook } from '../port/provider-event.types';
import { reasonCodeOf } from '../port/reason-code';
import { objectField, optionalCurrencyField, tokenField } from '../port/webhook-fields';
import { amountOf } from './cashfree-amount';
import { cashfreeRefundReference } from './cashfree-refund.request';
import type { CashfreePaymentEntity, CashfreeRefundEntity, CashfreeWebhookEnvelope } from './cashfree-api.types';
import { CASHFREE_DISPUTE_AND_SETTLEMENT_MAPPINGS } from './cashfree-dispute-event.mapper';
import { CASHFREE_SUBSCRIPTION_EVENT_MAPPINGS } from './cashfree-subscription-event.mapper';

/** What one Cashfree webhook contributes to a neutral event; provider, type and time are added around it. */
export type MappedFields = Pick<NeutralProviderEvent, 'kind' | 'providerObjectId' | 'orderId' | 'amountMinor' | 'currency'> &
  Partial<Pick<NeutralProviderEvent, 'providerPaymentReference' | 'ends' | 'reason' | 'reasonCode' | 'refundId' | 'subscription' | 'dispute' | 'settlement'>> & {
    /** The object's status, part of the derived event id. */
    readonly status: string;
    /** The Cashfree id the event id is derived from: `cf_payment_id`, `cf_refund_id`, a subscription, dispute or settlement id. */
    readonly cfId: string;
    /** Ends the derived event id, for objects that can reach the same status more than once. */
    readonly idSuffix?: string;
  };
export type CashfreeEventMapping = (data: NonNullable<CashfreeWebhookEnvelope['data']>, rawBody: Buffer) => MappedFields | null;

const firstText = (...texts: (string | null | undefined)[]) => texts.find((text) => typeof text === 'string' && text.trim() !== '') ?? undefined;

/**
 * One payment attempt (`data.payment`) of an order (`data.order`). A failure's `reasonCode` comes
 * from Cashfree's codes (`error_reason` `auth_declined`, `error_code` `TRANSACTION_DECLINED`) or
 * the attempt's status (`user_dropped`); `payment_message` and `error_description` are sentences
 * and stay in `reason`.
 */
function paymentAttempt(kind: NeutralEventKind, ends?: 'attempt'): CashfreeEventMapping {
  return ({ order, payment, error_details: errorDetails }) => {
    const orderId = tokenField(objectField(order, 'data.order').order_id, 'data.order.order_id');
    const attempt = objectField(payment, 'data.payment') as Partial<CashfreePaymentEntity>;
    const cfPaymentId = tokenField(attempt.cf_payment_id, 'data.payment.cf_payment_id', 64);
    const status = tokenField(attempt.payment_status, 'data.payment.payment_status', 32);
    const currency = optionalCurrencyField(attempt.payment_currency ?? order?.order_currency, 'data.payment.payment_currency');
    const { amountMinor, unreadable } = amountOf(attempt.payment_amount, currency, 'payment_amount');
    const failed = kind !== 'payment.succeeded';
    const failure = failed
      ? firstText(errorDetails?.error_description, attempt.payment_message, errorDetails?.error_reason, errorDetails?.error_code, status) : undefined;
    return {
      kind, providerObjectId: cfPaymentId, providerPaymentReference: orderId, orderId, amountMinor, currency,
      status, cfId: cfPaymentId, ends, reason: firstText(unreadable, failure),
      reasonCode: failed ? (reasonCodeOf(errorDetails?.error_reason, errorDetails?.error_code, status) ?? 'payment_failed') : undefined,
    };
  };
}

/**
 * A refund reaches a neutral event once final: SUCCESS, or CANCELLED/FAILED; PENDING and ONHOLD stay
 * ignored. It is named `<order_id>:<refund_id>`, as `CashfreeAdapter.refund` names it.
 */
const refundStatus: CashfreeEventMapping = ({ refund }) => {
  const entity = objectField(refund, 'data.refund') as Partial<CashfreeRefundEntity>;
  const cfRefundId = tokenField(entity.cf_refund_id, 'data.refund.cf_refund_id', 64);
  const orderId = tokenField(entity.order_id, 'data.refund.order_id');
  const refundId = tokenField(entity.refund_id, 'data.refund.refund_id');
  const status = tokenField(entity.refund_status, 'data.refund.refund_status', 32);
  const kind = status === 'SUCCESS' ? 'refund.succeeded' : status === 'CANCELLED' || status === 'FAILED' ? 'refund.failed' : null;
  if (!kind) return null;
  const currency = optionalCurrencyField(entity.refund_currency, 'data.refund.refund_currency');
  const { amountMinor, unreadable } = amountOf(entity.refund_amount, currency, 'refund_amount');
  const failed = kind === 'refund.failed';
  return {
    kind, providerObjectId: cashfreeRefundReference(orderId, refundId), providerPaymentReference: orderId, orderId,
    refundId, amountMinor, currency, status, cfId: cfRefundId, reason: firstText(unreadable, failed ? entity.status_description : undefined),
    reasonCode: failed ? reasonCodeOf(`refund_${status}`) : undefined,
  };
};

/**
 * The Cashfree webhook types we act on; every other type is acknowledged and ignored. Cashfree
 * sends no event id, so the id is derived as `<type>:<cf_payment_id or cf_refund_id>:<status>`
 * (subscription, dispute and settlement events: see their mappers):
 * a redelivery repeats the same body (only the signature, timestamp and attempt headers change),
 * each attempt or refund has its own Cashfree id, and it reaches a given status at most once, so
 * one id names exactly one change however often it is delivered.
 */
export const CASHFREE_EVENT_MAPPINGS: Readonly<Record<string, CashfreeEventMapping>> = {
  /** An attempt captured the money and the order is PAID; the amount is what this attempt paid. */
  PAYMENT_SUCCESS_WEBHOOK: paymentAttempt('payment.succeeded'),
  /** The bank declined one attempt; the order stays ACTIVE and the customer may try again. */
  PAYMENT_FAILED_WEBHOOK: paymentAttempt('payment.failed', 'attempt'),
  /** The customer left one attempt unfinished (closed the page, skipped 2FA); the order stays ACTIVE and payable. */
  PAYMENT_USER_DROPPED_WEBHOOK: paymentAttempt('payment.abandoned', 'attempt'),
  /** A refund changed status; mapped once it is final. */
  REFUND_STATUS_WEBHOOK: refundStatus,
  ...CASHFREE_SUBSCRIPTION_EVENT_MAPPINGS,
  ...CASHFREE_DISPUTE_AND_SETTLEMENT_MAPPINGS,
};

/**
 * Normalizes a verified Cashfree webhook; unknown types and non-final refunds are ignored. Throws
 * `WebhookPayloadError` when a type we act on lacks the ids, status or currency it always carries.
 */
export function toParsedWebhook(envelope: CashfreeWebhookEnvelope, rawBody: Buffer, receivedAt: Date): ParsedWebhook {
  const type = typeof envelope?.type === 'string' && envelope.type !== '' ? envelope.type : 'unknown';
  const mapping = Object.prototype.hasOwnProperty.call(CASHFREE_EVENT_MAPPINGS, type) ? CASHFREE_EVENT_MAPPINGS[type] : undefined;
  const fields = mapping && envelope.data ? mapping(envelope.data, rawBody) : null;
  if (!fields) {
    // No object id to derive from: the raw body is what every redelivery of this webhook repeats.
    const digest = createHash('sha256').update(rawBody).digest('hex').slice(0, 32);
    return { accepted: true, ignored: true, providerEventId: `${type}:sha256:${digest}`, providerType: type };
  }
  const { status, cfId, idSuffix, ...event } = fields;
  const providerEventId = `${type}:${cfId}:${status}${idSuffix ? `:${idSuffix}` : ''}`;
  const withoutUndefined = Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined)) as Omit<MappedFields, 'status' | 'cfId' | 'idSuffix'>;
  const eventTime = envelope.event_time ? new Date(envelope.event_time) : null;
  return {
    accepted: true,
    providerEventId,
    providerType: type,
    event: {
      ...withoutUndefined,
      provider: 'cashfree',
      providerEventId,
      occurredAt: (eventTime && !Number.isNaN(eventTime.getTime()) ? eventTime : receivedAt).toISOString(),
      providerType: type,
    },
  };
}
