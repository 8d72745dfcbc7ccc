import { WebhookPayloadError } from '../port/provider.errors';
import type { CashfreeWebhookEnvelope } from './cashfree-api.types';
import { toParsedWebhook } from './cashfree-event.mapper';

const receivedAt = new Date('2024-11-22T18:30:00.000Z');
const webhook = (type: string, data: Record<string, unknown>): CashfreeWebhookEnvelope =>
  ({ type, event_time: '2024-11-22T21:50:04+05:30', data }) as CashfreeWebhookEnvelope;
const parse = (envelope: CashfreeWebhookEnvelope) => toParsedWebhook(envelope, Buffer.from(JSON.stringify(envelope)), receivedAt);

// Cashfree's 2023-08-01 sample: the dispute id a string, order_details beside the dispute, cf_payment_id a number.
const dispute = (fields: Record<string, unknown> = {}) => ({
  dispute_id: '433475258', dispute_type: 'CHARGEBACK', reason_code: '13.1', reason_description: 'Merchandise / Services Not Received',
  dispute_amount: 588.82, created_at: '2024-11-22T21:49:48+05:30', updated_at: '2024-11-22T21:49:48+05:30', respond_by: '2024-11-25T23:59:59+05:30',
  dispute_status: 'CHARGEBACK_CREATED', cf_dispute_remarks: 'Dispute is created, please take action', dispute_action_on: 'MERCHANT', ...fields,
});
const orderDetails = { order_id: 'ord_1', order_amount: 588.82, order_currency: 'INR', cf_payment_id: 5114910001, payment_amount: 588.82, payment_currency: 'INR' };
const customerDetails = { customer_name: 'Ada', customer_phone: '9999999999', customer_email: 'ada@example.com' };
const disputeWebhook = (type: string, fields: Record<string, unknown> = {}, order: Record<string, unknown> = orderDetails) =>
  parse(webhook(type, { dispute: dispute(fields), order_details: order, customer_details: customerDetails }));

describe('Cashfree dispute webhooks in neutral terms', () => {
  it('reads DISPUTE_CREATED as a dispute opened on our order’s payment, in paise, with when to answer by', () => {
    expect(disputeWebhook('DISPUTE_CREATED')).toEqual({
      accepted: true,
      providerEventId: 'DISPUTE_CREATED:433475258:CHARGEBACK_CREATED',
      providerType: 'DISPUTE_CREATED',
      event: {
        kind: 'dispute.opened', provider: 'cashfree', providerEventId: 'DISPUTE_CREATED:433475258:CHARGEBACK_CREATED', providerType: 'DISPUTE_CREATED',
        providerObjectId: '433475258', providerPaymentReference: 'ord_1', orderId: 'ord_1', amountMinor: 58_882, currency: 'INR',
        occurredAt: '2024-11-22T16:20:04.000Z', reason: 'Merchandise / Services Not Received',
        dispute: {
          disputeId: '433475258', paymentId: '5114910001', status: 'CHARGEBACK_CREATED', amountMinor: 58_882, currency: 'INR',
          respondBy: '2024-11-25T18:29:59.000Z', inquiry: false,
        },
      },
    });
  });

  it('publishes no reason code made of the card network’s digits, and one that is a code', () => {
    expect(disputeWebhook('DISPUTE_CREATED')).not.toHaveProperty('event.reasonCode');
    expect(disputeWebhook('DISPUTE_CREATED', { reason_code: 'DUPLICATE_PROCESSING' })).toMatchObject({ event: { reasonCode: 'duplicate_processing' } });
  });

  it('reads a retrieval request as an inquiry that moves no money', () => {
    expect(disputeWebhook('DISPUTE_CREATED', { dispute_type: 'RETRIEVAL', dispute_status: 'RETRIEVAL_CREATED' })).toMatchObject({
      event: { kind: 'dispute.opened', dispute: { inquiry: true, status: 'RETRIEVAL_CREATED' } },
    });
  });

  it('leaves the payment unnamed when order_details carries no cf_payment_id; the order names it', () => {
    const { cf_payment_id: _payment, ...withoutPayment } = orderDetails;
    expect(disputeWebhook('DISPUTE_CREATED', {}, withoutPayment)).toMatchObject({ event: { orderId: 'ord_1', dispute: { paymentId: null } } });
  });

  it('reads DISPUTE_UPDATED as an update whose event id also depends on the body, since a status can repeat', () => {
    const first = disputeWebhook('DISPUTE_UPDATED', { dispute_status: 'CHARGEBACK_DOCS_RECEIVED', cf_dispute_remarks: 'documents received' });
    const second = disputeWebhook('DISPUTE_UPDATED', { dispute_status: 'CHARGEBACK_DOCS_RECEIVED', cf_dispute_remarks: 'a comment added' });
    expect(first).toMatchObject({ event: { kind: 'dispute.updated' }, providerEventId: expect.stringMatching(/^DISPUTE_UPDATED:433475258:CHARGEBACK_DOCS_RECEIVED:[0-9a-f]{16}$/) });
    expect(second.providerEventId).not.toBe(first.providerEventId);
  });

  it.each([
    ['CHARGEBACK_MERCHANT_WON', 'dispute.won'],
    ['CHARGEBACK_MERCHANT_LOST', 'dispute.lost'],
    ['DISPUTE_MERCHANT_ACCEPTED', 'dispute.lost'],
    ['PRE_ARBITRATION_INSUFFICIENT_EVIDENCE', 'dispute.lost'],
  ])('reads DISPUTE_CLOSED with %s as %s', (status, kind) => {
    expect(disputeWebhook('DISPUTE_CLOSED', { dispute_status: status })).toMatchObject({ providerEventId: `DISPUTE_CLOSED:433475258:${status}`, event: { kind } });
  });

  it('ignores DISPUTE_CLOSED with a status that says neither won nor lost', () => {
    expect(disputeWebhook('DISPUTE_CLOSED', { dispute_status: 'CHARGEBACK_UNDER_REVIEW' })).toMatchObject({ ignored: true });
  });

  it.each([
    ['no dispute', { order_details: orderDetails }, 'WEBHOOK.MISSING_FIELD'],
    ['no order details', { dispute: dispute() }, 'WEBHOOK.MISSING_FIELD'],
    ['a dispute amount with three decimals', { dispute: dispute({ dispute_amount: 1.005 }), order_details: orderDetails }, 'WEBHOOK.INVALID_FIELD'],
  ])('refuses a dispute webhook with %s', (_label, data, code) => {
    expect(() => parse(webhook('DISPUTE_CREATED', data))).toThrow(expect.objectContaining({ name: 'WebhookPayloadError', code }));
    expect(() => parse(webhook('DISPUTE_CREATED', data))).toThrow(WebhookPayloadError);
  });
});

describe('Cashfree settlement webhooks in neutral terms', () => {
  const settlement = (fields: Record<string, unknown> = {}) => ({
    adjustment: -10, amount_settled: 1163.1, payment_amount: 1200, payment_from: '2024-11-22 05:30:00', payment_till: '2024-11-23 05:29:59',
    reason: null, service_charge: 22.8, service_tax: 4.1, settled_on: '2024-11-23 05:29:59', settlement_type: 'STANDARD', settlement_amount: 1173.1,
    settlement_id: 6121001, settlement_initiated_on: '2024-11-23 05:29:59', status: 'SUCCESS', utr: 'N6121001', settlement_charge: 0, settlement_tax: 0,
    ...fields,
  });

  it('reads SETTLEMENT_SUCCESS as a settlement paid, of the UTC day it was settled on', () => {
    expect(parse(webhook('SETTLEMENT_SUCCESS', { settlement: settlement() }))).toEqual({
      accepted: true,
      providerEventId: 'SETTLEMENT_SUCCESS:6121001:SUCCESS',
      providerType: 'SETTLEMENT_SUCCESS',
      event: {
        kind: 'settlement.paid', provider: 'cashfree', providerEventId: 'SETTLEMENT_SUCCESS:6121001:SUCCESS', providerType: 'SETTLEMENT_SUCCESS',
        providerObjectId: '6121001', orderId: null, amountMinor: 116_310, currency: 'INR', occurredAt: '2024-11-22T16:20:04.000Z',
        settlement: { settlementId: '6121001', date: '2024-11-22' },
      },
    });
  });

  it('dates a settlement made in the early IST hours by its UTC day', () => {
    expect(parse(webhook('SETTLEMENT_SUCCESS', { settlement: settlement({ settled_on: '2024-11-23 11:00:00' }) }))).toMatchObject({ event: { settlement: { date: '2024-11-23' } } });
    expect(parse(webhook('SETTLEMENT_SUCCESS', { settlement: settlement({ settled_on: '2024-11-23 05:00:00' }) }))).toMatchObject({ event: { settlement: { date: '2024-11-22' } } });
  });

  it('refuses a settlement webhook with no time it was settled, and ignores the other settlement webhooks', () => {
    expect(() => parse(webhook('SETTLEMENT_SUCCESS', { settlement: settlement({ settled_on: null, settlement_initiated_on: null }) }))).toThrow(WebhookPayloadError);
    expect(parse(webhook('SETTLEMENT_FAILED', { settlement: settlement({ status: 'FAILED' }) }))).toMatchObject({ ignored: true });
  });
});
