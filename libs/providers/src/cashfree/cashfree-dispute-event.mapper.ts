import { createHash } from 'node:crypto';
import type { NeutralEventKind } from '../port/provider-event.types';
import { WebhookPayloadError } from '../port/provider.errors';
import { reasonCodeOf } from '../port/reason-code';
import { definedFields, objectField, optionalCurrencyField, tokenField } from '../port/webhook-fields';
import { amountOf } from './cashfree-amount';
import type { CashfreeEventMapping } from './cashfree-event.mapper';
import type { CashfreeDisputeEntity, CashfreeDisputeWebhookData, CashfreeSettlementWebhookData } from './cashfree-settlement.types';
import { cashfreeTime } from './cashfree-time';

/** Cashfree disputes and settlements are in INR here; a webhook that names no currency is in INR. */
const DEFAULT_CURRENCY = 'INR';

/** How a closed dispute ended, by the last part of its status (`CHARGEBACK_MERCHANT_WON`). */
function closedKind(status: string): Extract<NeutralEventKind, 'dispute.won' | 'dispute.lost'> | null {
  if (status.endsWith('_MERCHANT_WON')) return 'dispute.won';
  if (/_(MERCHANT_LOST|MERCHANT_ACCEPTED|INSUFFICIENT_EVIDENCE)$/.test(status)) return 'dispute.lost';
  return null;
}

/**
 * A dispute webhook: `data.dispute`, with the order beside it in `data.order_details`. Our order id
 * is `order_details.order_id`; the payment is `order_details.cf_payment_id`, which 2023-08-01
 * webhooks carry; when one does not, `paymentId` is null and the order (which Cashfree pays by one
 * successful attempt) says which payment it was. A RETRIEVAL is an inquiry and moves no money.
 * Event ids are `<type>:<dispute_id>:<status>`; an update can repeat a status (a comment added), so
 * `DISPUTE_UPDATED` ids end with a digest of the body, which every redelivery repeats.
 */
function disputeEvent(stage: 'opened' | 'updated' | 'closed'): CashfreeEventMapping {
  return (data, rawBody) => {
    const { dispute, order_details: orderDetails } = data as CashfreeDisputeWebhookData;
    const entity = objectField(dispute, 'data.dispute') as CashfreeDisputeEntity;
    const order = objectField(orderDetails, 'data.order_details') as NonNullable<CashfreeDisputeWebhookData['order_details']>;
    const disputeId = tokenField(entity.dispute_id, 'data.dispute.dispute_id', 64);
    const status = tokenField(entity.dispute_status, 'data.dispute.dispute_status', 64);
    const kind = stage === 'opened' ? 'dispute.opened' : stage === 'updated' ? 'dispute.updated' : closedKind(status);
    if (!kind) return null;
    const orderId = tokenField(order.order_id, 'data.order_details.order_id');
    const currency = optionalCurrencyField(order.payment_currency ?? order.order_currency, 'data.order_details.payment_currency') ?? DEFAULT_CURRENCY;
    const { amountMinor, unreadable } = amountOf(entity.dispute_amount, currency, 'dispute_amount');
    if (amountMinor === null) throw new WebhookPayloadError('WEBHOOK.INVALID_FIELD', `the webhook's data.dispute.dispute_amount is not an amount: ${unreadable}`);
    const paymentId = order.cf_payment_id === undefined || order.cf_payment_id === null ? null : tokenField(order.cf_payment_id, 'data.order_details.cf_payment_id', 64);
    const type = typeof entity.dispute_type === 'string' ? entity.dispute_type : '';
    return {
      kind, providerObjectId: disputeId, providerPaymentReference: orderId, orderId, amountMinor, currency, status, cfId: disputeId,
      idSuffix: stage === 'updated' ? createHash('sha256').update(rawBody).digest('hex').slice(0, 16) : undefined,
      reason: typeof entity.reason_description === 'string' && entity.reason_description.trim() !== '' ? entity.reason_description : undefined,
      reasonCode: reasonCodeOf(entity.reason_code),
      dispute: definedFields({
        disputeId, paymentId, status, amountMinor, currency, respondBy: cashfreeTime(entity.respond_by), inquiry: type === 'RETRIEVAL',
      }),
    };
  };
}

/**
 * `SETTLEMENT_SUCCESS`: a settlement reached the bank. Its day is the UTC day of `settled_on`
 * (Cashfree writes it in IST), the day `listSettlements` finds it on: the sandbox settles each UTC
 * day at its last second, so that day is also the day whose payments it carries.
 */
const settlementSucceeded: CashfreeEventMapping = (data) => {
  const settlement = objectField((data as CashfreeSettlementWebhookData).settlement, 'data.settlement') as NonNullable<CashfreeSettlementWebhookData['settlement']>;
  const settlementId = tokenField(settlement.settlement_id, 'data.settlement.settlement_id', 64);
  const status = tokenField(settlement.status ?? 'SUCCESS', 'data.settlement.status', 32);
  const settledAt = cashfreeTime(settlement.settled_on ?? settlement.settlement_initiated_on);
  if (!settledAt) throw new WebhookPayloadError('WEBHOOK.MISSING_FIELD', 'the webhook has no data.settlement.settled_on that is a time');
  const { amountMinor } = amountOf(settlement.amount_settled, DEFAULT_CURRENCY, 'amount_settled');
  return {
    kind: 'settlement.paid', providerObjectId: settlementId, orderId: null, amountMinor, currency: DEFAULT_CURRENCY, status, cfId: settlementId,
    settlement: { settlementId, date: settledAt.slice(0, 10) },
  };
};

/** The dispute and settlement webhook types we act on, merged into `CASHFREE_EVENT_MAPPINGS`. */
export const CASHFREE_DISPUTE_AND_SETTLEMENT_MAPPINGS: Readonly<Record<string, CashfreeEventMapping>> = {
  /** The customer's bank raised a dispute (chargeback, retrieval request...) on a payment. */
  DISPUTE_CREATED: disputeEvent('opened'),
  /** An open dispute changed: documents received, a comment, a new stage. */
  DISPUTE_UPDATED: disputeEvent('updated'),
  /** The dispute closed: won (`*_MERCHANT_WON`) or lost (`*_MERCHANT_LOST`, `*_MERCHANT_ACCEPTED`, `*_INSUFFICIENT_EVIDENCE`). */
  DISPUTE_CLOSED: disputeEvent('closed'),
  /** A settlement was paid into the bank: its day can be reconciled. */
  SETTLEMENT_SUCCESS: settlementSucceeded,
};
