import { randomUUID } from 'node:crypto';
import { eventually } from '@payments/testing';
import { cashfreeApi, cashfreeDeliveries, cashfreeSuite, providerErrorOf, testClock } from './cashfree-harness.fixture';
import { DisputeJson, controlOk, paidCashfreeOrder, raisedDispute, settleDay } from './cashfree-settlement.fixture';
import type { ReceivedWebhook } from './sandbox-harness.fixture';

const clock = testClock('2024-12-02T09:00:00Z');

describe('Cashfree disputes through the suite.adapter, and the dispute and settlement webhooks it reads', () => {
  const suite = cashfreeSuite({ clock, webhooks: true });

  const delivered = (find: () => ReceivedWebhook[], what: string): Promise<ReceivedWebhook> =>
    eventually(async () => find()[0], 15_000, what);
  const disputeWebhook = (orderId: string, type: string) => delivered(() => cashfreeDeliveries(suite.receiver, orderId, type), `${type} of ${orderId}`);
  const disputeAtSandbox = async (disputeId: number) => (await cashfreeApi<DisputeJson>(suite.sandbox, 'GET', `/disputes/${disputeId}`)).body;

  it('contests a chargeback with the explanation as a text document, once however often the call is retried', async () => {
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    const dispute = await raisedDispute(suite.sandbox, paid.orderId);
    const action = { action: 'submit-evidence' as const, disputeId: String(dispute.dispute_id), idempotencyKey: `dispute-${randomUUID()}-evidence`, explanation: 'All 12 lessons were watched.' };
    expect(await suite.adapter.actOnDispute(action)).toEqual({ disputeId: String(dispute.dispute_id), status: 'CHARGEBACK_DOCS_RECEIVED' });
    expect(await suite.adapter.actOnDispute(action)).toEqual({ disputeId: String(dispute.dispute_id), status: 'CHARGEBACK_DOCS_RECEIVED' });
    expect((await disputeAtSandbox(dispute.dispute_id)).dispute_evidence).toEqual([
      { document_id: expect.any(Number), document_name: 'explanation.txt', document_type: 'Statement of Service' },
    ]);
  });

  it('accepts a dispute, which closes it lost; a closed dispute can be neither accepted nor contested again', async () => {
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    const dispute = await raisedDispute(suite.sandbox, paid.orderId, { type: 'DISPUTE' });
    const accept = { action: 'accept' as const, disputeId: String(dispute.dispute_id), idempotencyKey: `dispute-${randomUUID()}-accept` };
    expect(await suite.adapter.actOnDispute(accept)).toEqual({ disputeId: String(dispute.dispute_id), status: 'DISPUTE_MERCHANT_ACCEPTED' });
    expect(await providerErrorOf(suite.adapter.actOnDispute({ ...accept, idempotencyKey: `dispute-${randomUUID()}-accept` }))).toMatchObject({
      code: 'PROVIDER.INVALID_REQUEST', retryable: false, providerCode: 'dispute_action_not_allowed',
    });
    const contest = { action: 'submit-evidence' as const, disputeId: String(dispute.dispute_id), idempotencyKey: randomUUID(), explanation: 'late' };
    expect(await providerErrorOf(suite.adapter.actOnDispute(contest))).toMatchObject({ providerCode: 'dispute_action_not_allowed' });
  });

  it('refuses an unknown dispute, and a dispute id that is not Cashfree’s, without guessing', async () => {
    expect(await providerErrorOf(suite.adapter.actOnDispute({ action: 'accept', disputeId: '999999999', idempotencyKey: randomUUID() }))).toMatchObject({
      code: 'PROVIDER.INVALID_REQUEST', providerCode: 'dispute_not_found',
    });
    expect(await providerErrorOf(suite.adapter.actOnDispute({ action: 'accept', disputeId: 'du_123', idempotencyKey: randomUUID() }))).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST' });
  });

  it('delivers DISPUTE_CREATED, DISPUTE_UPDATED and DISPUTE_CLOSED signed, which the adapter reads as opened, updated and lost', async () => {
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 120_000, 'wallet');
    const dispute = await raisedDispute(suite.sandbox, paid.orderId, { amount: 1000, reason_code: '1402' });
    const disputeId = String(dispute.dispute_id);
    const facts = { disputeId, paymentId: paid.cfPaymentId, amountMinor: 100_000, currency: 'INR', inquiry: false };
    const created = await disputeWebhook(paid.orderId, 'DISPUTE_CREATED');
    expect(suite.adapter.parseWebhook(created.rawBody, created.headers)).toMatchObject({
      providerEventId: `DISPUTE_CREATED:${disputeId}:CHARGEBACK_CREATED`,
      event: {
        kind: 'dispute.opened', providerObjectId: disputeId, orderId: paid.orderId, amountMinor: 100_000, reason: 'Duplicate Processing',
        dispute: { ...facts, status: 'CHARGEBACK_CREATED', respondBy: '2024-12-05T09:00:00.000Z' },
      },
    });
    await suite.adapter.actOnDispute({ action: 'submit-evidence', disputeId, idempotencyKey: randomUUID(), explanation: 'The course was delivered.' });
    const updated = await disputeWebhook(paid.orderId, 'DISPUTE_UPDATED');
    expect(suite.adapter.parseWebhook(updated.rawBody, updated.headers)).toMatchObject({ event: { kind: 'dispute.updated', dispute: { ...facts, status: 'CHARGEBACK_DOCS_RECEIVED' } } });
    await controlOk(suite.sandbox, `/disputes/${disputeId}/resolve`, { outcome: 'lost' });
    const closed = await disputeWebhook(paid.orderId, 'DISPUTE_CLOSED');
    expect(suite.adapter.parseWebhook(closed.rawBody, closed.headers)).toMatchObject({
      providerEventId: `DISPUTE_CLOSED:${disputeId}:CHARGEBACK_MERCHANT_LOST`, event: { kind: 'dispute.lost', dispute: { ...facts, status: 'CHARGEBACK_MERCHANT_LOST' } },
    });
  });

  it('reads a won dispute as won, and a retrieval request as an inquiry', async () => {
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    const retrieval = await raisedDispute(suite.sandbox, paid.orderId, { type: 'RETRIEVAL' });
    const opened = await disputeWebhook(paid.orderId, 'DISPUTE_CREATED');
    expect(suite.adapter.parseWebhook(opened.rawBody, opened.headers)).toMatchObject({ event: { dispute: { inquiry: true, status: 'RETRIEVAL_CREATED' } } });
    await controlOk(suite.sandbox, `/disputes/${retrieval.dispute_id}/resolve`, { outcome: 'won' });
    const closed = await disputeWebhook(paid.orderId, 'DISPUTE_CLOSED');
    expect(suite.adapter.parseWebhook(closed.rawBody, closed.headers)).toMatchObject({ event: { kind: 'dispute.won', dispute: { status: 'RETRIEVAL_MERCHANT_WON', inquiry: true } } });
  });

  it('delivers SETTLEMENT_SUCCESS signed, which the adapter reads as the day it can list', async () => {
    clock.set('2024-12-03T09:00:00Z');
    await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    const settled = await settleDay(suite.sandbox, '2024-12-03');
    const settlementId = settled.body.settlement.cf_settlement_id;
    const webhook = await delivered(() => suite.receiver.received.filter((received) => {
      const json = received.json as unknown as { type: string; data: { settlement?: { settlement_id: number } } };
      return json.type === 'SETTLEMENT_SUCCESS' && String(json.data.settlement?.settlement_id) === settlementId;
    }), `SETTLEMENT_SUCCESS of ${settlementId}`);
    expect(webhook.rawBody.toString()).toContain('"amount_settled":588.82');
    expect(suite.adapter.parseWebhook(webhook.rawBody, webhook.headers)).toEqual({
      accepted: true,
      providerEventId: `SETTLEMENT_SUCCESS:${settlementId}:SUCCESS`,
      providerType: 'SETTLEMENT_SUCCESS',
      event: expect.objectContaining({ kind: 'settlement.paid', orderId: null, amountMinor: 58_882, settlement: { settlementId, date: '2024-12-03' } }),
    });
    expect((await suite.adapter.listSettlements({ date: '2024-12-03' })).map((settlement) => settlement.settlementId)).toEqual([settlementId]);
  });
});
