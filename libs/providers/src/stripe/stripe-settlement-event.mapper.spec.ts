import { toParsedWebhook } from './stripe-event.mapper';
import { CREATED, balanceTransactionFixture, disputeFixture, payoutFixture } from './stripe-settlement.fixture';

const event = (type: string, object: unknown) => ({ id: 'evt_1', type, created: CREATED, data: { object } }) as unknown as Parameters<typeof toParsedWebhook>[0];
const respondBy = new Date((CREATED + 7 * 86_400) * 1000).toISOString();

describe('Stripe dispute events in neutral terms', () => {
  it('reads charge.dispute.created as dispute.opened of the PaymentIntent, without an order id, with the withdrawal’s fee and the deadline', () => {
    expect(toParsedWebhook(event('charge.dispute.created', disputeFixture()))).toEqual({
      accepted: true,
      providerEventId: 'evt_1',
      providerType: 'charge.dispute.created',
      event: {
        kind: 'dispute.opened', provider: 'stripe', providerEventId: 'evt_1', providerObjectId: 'du_1Qdispute', providerPaymentReference: 'pi_3Qpayment',
        orderId: null, amountMinor: 4999, currency: 'USD', reason: 'fraudulent', reasonCode: 'fraudulent', occurredAt: '2024-11-22T12:00:00.000Z',
        providerType: 'charge.dispute.created',
        dispute: {
          disputeId: 'du_1Qdispute', paymentId: 'pi_3Qpayment', status: 'needs_response', amountMinor: 4999, currency: 'USD', feeMinor: 1500, respondBy, inquiry: false,
        },
      },
    });
  });

  it('leaves the fee out when the event shows no withdrawal, as an inquiry’s does, and marks an inquiry', () => {
    const inquiry = disputeFixture({ status: 'warning_needs_response', balance_transactions: [] });
    expect(toParsedWebhook(event('charge.dispute.created', inquiry))).toMatchObject({ event: { kind: 'dispute.opened', dispute: { inquiry: true, status: 'warning_needs_response' } } });
    const parsed = toParsedWebhook(event('charge.dispute.created', inquiry));
    expect('event' in parsed && parsed.event.dispute && 'feeMinor' in parsed.event.dispute).toBe(false);
  });

  it('reads charge.dispute.updated as dispute.updated with the status the evidence moved it to', () => {
    expect(toParsedWebhook(event('charge.dispute.updated', disputeFixture({ status: 'under_review' })))).toMatchObject({
      event: { kind: 'dispute.updated', providerObjectId: 'du_1Qdispute', dispute: { status: 'under_review', feeMinor: 1500 } },
    });
  });

  it.each([
    ['won', 'dispute.won', false],
    ['lost', 'dispute.lost', false],
    ['warning_closed', 'dispute.updated', true],
  ] as const)('reads charge.dispute.closed with status %s as %s', (status, kind, inquiry) => {
    const reinstatement = balanceTransactionFixture({ id: 'txn_r', type: 'adjustment', reporting_category: 'dispute_reversal', amount: 4999, source: 'du_1Qdispute' });
    const dispute = disputeFixture({ status, ...(status === 'won' ? { balance_transactions: [...disputeFixture().balance_transactions, reinstatement] } : {}) });
    expect(toParsedWebhook(event('charge.dispute.closed', dispute))).toMatchObject({ event: { kind, amountMinor: 4999, dispute: { status, inquiry, feeMinor: 1500 } } });
  });

  it.each(['charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated'])('acknowledges %s without acting on it', (type) => {
    expect(toParsedWebhook(event(type, disputeFixture()))).toEqual({ accepted: true, ignored: true, providerEventId: 'evt_1', providerType: type });
  });

  it('refuses a dispute event without its amount or status, naming the field', () => {
    expect(() => toParsedWebhook(event('charge.dispute.created', disputeFixture({ amount: undefined })))).toThrow('the webhook has no data.object.amount');
    expect(() => toParsedWebhook(event('charge.dispute.closed', disputeFixture({ status: undefined })))).toThrow('the webhook has no data.object.status');
  });
});

describe('Stripe payout events in neutral terms', () => {
  it.each(['payout.paid', 'payout.reconciliation_completed'])('reads %s as settlement.paid of the payout’s arrival day, about no order', (type) => {
    expect(toParsedWebhook(event(type, payoutFixture({ arrival_date: Date.parse('2024-11-23T00:00:00Z') / 1000 })))).toEqual({
      accepted: true,
      providerEventId: 'evt_1',
      providerType: type,
      event: {
        kind: 'settlement.paid', provider: 'stripe', providerEventId: 'evt_1', providerObjectId: 'po_1Qpayout', orderId: null, amountMinor: null,
        currency: 'USD', occurredAt: '2024-11-22T12:00:00.000Z', providerType: type, settlement: { settlementId: 'po_1Qpayout', date: '2024-11-23' },
      },
    });
  });

  it('ignores the other payout events', () => {
    expect(toParsedWebhook(event('payout.created', payoutFixture()))).toMatchObject({ ignored: true });
  });

  it('refuses a payout event without its arrival date', () => {
    expect(() => toParsedWebhook(event('payout.paid', payoutFixture({ arrival_date: undefined })))).toThrow('the webhook has no data.object.arrival_date');
  });
});
