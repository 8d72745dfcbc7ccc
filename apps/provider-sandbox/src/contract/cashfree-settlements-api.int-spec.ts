import { cashfreeSignature } from '@payments/providers';
import { eventually } from '@payments/testing';
import { cashfreeApi, cashfreeSuite, cashfreeWebhookLog, testClock } from './cashfree-harness.fixture';
import { paidCashfreeOrder, processedRefund, raisedDispute, settleDay } from './cashfree-settlement.fixture';
import { TEST_CASHFREE_SECRET_KEY } from './sandbox-harness.fixture';

const clock = testClock('2024-11-18T09:00:00Z');
const dayFilter = (start: string, end = start) => ({ start_date: `${start}T00:00:00Z`, end_date: `${end}T23:59:59Z` });

interface Page {
  cursor: string | null;
  limit: number;
  data: Record<string, unknown>[];
}

describe('the sandbox speaks Cashfree’s settlement and recon API (2023-08-01) over plain HTTP', () => {
  const suite = cashfreeSuite({ clock, webhooks: true });
  const days = ['2024-11-18', '2024-11-19', '2024-11-20'];
  const orders: { orderId: string; cfPaymentId: string }[] = [];
  const settlementIds: string[] = [];

  beforeAll(async () => {
    for (const day of days) {
      clock.set(`${day}T09:00:00Z`);
      orders.push(await paidCashfreeOrder(suite.sandbox, suite.adapter, 120_000, 'netbanking'));
      const settled = await settleDay(suite.sandbox, day);
      settlementIds.push(settled.body.settlement.cf_settlement_id);
    }
  });

  it('settles a day into the bank, as Cashfree writes it: decimals, IST times, a UTR, and its recon rows', async () => {
    clock.set('2024-11-21T09:00:00Z');
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882, 'wallet');
    clock.set('2024-11-21T10:00:00Z');
    await processedRefund(suite.sandbox, suite.adapter, paid.orderId, 882);
    const settled = await settleDay(suite.sandbox, '2024-11-21');
    expect(settled.status).toBe(200);
    expect(settled.raw).toContain('"payment_amount":588.82,"payment_from":"2024-11-21 05:30:00","payment_till":"2024-11-22 05:29:59"');
    expect(settled.raw).toContain('"service_charge":11.19,"service_tax":2.01');
    expect(settled.raw).toContain('"adjustment":-8.82,"amount_settled":566.80');
    expect(settled.body).toMatchObject({
      created: true, webhook: { type: 'SETTLEMENT_SUCCESS' },
      settlement: { cf_settlement_id: expect.stringMatching(/^\d+$/), status: 'SUCCESS', settled_on: '2024-11-22 05:29:59', utr: expect.stringMatching(/^N\d{12}$/) },
    });
    expect(settled.body.recon.map((row) => [row.event_type, row.sale_type, row.event_amount, row.event_settlement_amount, row.payment_service_charge])).toEqual([
      ['PAYMENT', 'CREDIT', 588.82, 575.62, 11.19],
      ['REFUND', 'DEBIT', 8.82, 8.82, 0],
    ]);
  });

  it('settles a day once: the same request answers the same settlement and sends nothing more; other discrepancies are a conflict', async () => {
    const again = await settleDay(suite.sandbox, days[0]);
    expect(again).toMatchObject({ status: 200, body: { created: false, webhook: null, settlement: { cf_settlement_id: settlementIds[0] } } });
    const other = await settleDay(suite.sandbox, days[0], { discrepancies: { unknownFee: { amountMinor: 1 } } });
    expect(other).toMatchObject({ status: 409, body: { code: 'settlement_already_exists', type: 'invalid_request_error' } });
  });

  it.each([
    ['no date', {}, 400, 'date_missing'],
    ['a date that does not exist', { date: '2024-02-30' }, 400, 'date_invalid'],
    ['a day with nothing to settle', { date: '2024-10-01' }, 400, 'settlement_empty'],
    ['an unknown discrepancy', { date: '2024-10-01', discrepancies: { shuffle: true } }, 400, 'discrepancies_invalid'],
    ['discrepancies that are not an object', { date: '2024-10-01', discrepancies: ['dropPayment'] }, 400, 'discrepancies_invalid'],
    ['an unknown delivery fault', { date: '2024-10-01', faults: { shuffle: true } }, 400, 'faults_invalid'],
  ])('refuses to settle with %s', async (_label, body, status, code) => {
    expect(await settleDay(suite.sandbox, (body as { date?: string }).date as string, body)).toMatchObject({ status, body: { code } });
  });

  it('signs SETTLEMENT_SUCCESS with the secret key over the bytes it sends', async () => {
    const [logged] = (await eventually(async () => {
      const entries = (await cashfreeWebhookLog(suite.sandbox, '', 'SETTLEMENT_SUCCESS')).filter((entry) => entry.objectId === settlementIds[1] && entry.status === 'delivered');
      return entries.length > 0 ? entries : undefined;
    }, 15_000, 'the settlement webhook to be delivered'));
    const webhook = suite.receiver.received.find((received) => String((received.json as unknown as { data: { settlement?: { settlement_id: number } } }).data.settlement?.settlement_id) === logged.objectId);
    const timestamp = String(webhook?.headers['x-webhook-timestamp']);
    expect(webhook?.headers['x-webhook-signature']).toBe(cashfreeSignature(TEST_CASHFREE_SECRET_KEY, timestamp, webhook?.rawBody ?? Buffer.alloc(0)));
  });

  it('lists settlements page by page between two dates, oldest first, with a cursor until the last page', async () => {
    const first = await cashfreeApi<Page>(suite.sandbox, 'POST', '/settlements', { pagination: { limit: 2, cursor: null }, filters: dayFilter(days[0], days[2]) });
    expect(first.body).toMatchObject({ limit: 2, cursor: expect.any(String) });
    expect(first.body.data.map((item) => item.cf_settlement_id)).toEqual(settlementIds.slice(0, 2));
    const second = await cashfreeApi<Page>(suite.sandbox, 'POST', '/settlements', { pagination: { limit: 2, cursor: first.body.cursor }, filters: dayFilter(days[0], days[2]) });
    expect(second.body).toEqual({ cursor: null, limit: 2, data: [expect.objectContaining({ cf_settlement_id: settlementIds[2] })] });
    expect(second.body.data[0]).toMatchObject({
      settlement_id: Number(settlementIds[2]), entity: 'settlement', settlement_currency: 'INR', status: 'SUCCESS', payment_amount: 1200, service_charge: 22.8,
      service_tax: 4.1, settlement_amount: 1173.1, adjustment: 0, amount_settled: 1173.1, transfer_time: '2024-11-21T05:29:59+05:30', settlement_type: 'STANDARD',
    });
  });

  it('finds settlements by id and by UTR, and answers an empty page for days nothing was settled', async () => {
    const byId = await cashfreeApi<Page>(suite.sandbox, 'POST', '/settlements', { pagination: { limit: 10 }, filters: { cf_settlement_ids: [settlementIds[1]] } });
    expect(byId.body.data.map((item) => item.cf_settlement_id)).toEqual([settlementIds[1]]);
    const utr = byId.body.data[0].utr as string;
    const byUtr = await cashfreeApi<Page>(suite.sandbox, 'POST', '/settlements', { pagination: { limit: 10 }, filters: { settlement_utrs: [utr] } });
    expect(byUtr.body.data.map((item) => item.cf_settlement_id)).toEqual([settlementIds[1]]);
    expect((await cashfreeApi<Page>(suite.sandbox, 'POST', '/settlements', { pagination: { limit: 10 }, filters: dayFilter('2024-01-01') })).body).toEqual({ cursor: null, limit: 10, data: [] });
  });

  it('lists the recon events of settlements as flat rows naming the order, the payment and the settlement', async () => {
    const recon = await cashfreeApi<Page>(suite.sandbox, 'POST', '/settlement/recon', { pagination: { limit: 10 }, filters: { cf_settlement_ids: [settlementIds[0]] } });
    expect(recon.body.data).toEqual([expect.objectContaining({
      event_id: orders[0].cfPaymentId, event_type: 'PAYMENT', sale_type: 'CREDIT', event_status: 'SUCCESS', entity: 'Recon', event_currency: 'INR',
      event_amount: 1200, event_settlement_amount: 1173.1, payment_service_charge: 22.8, payment_service_tax: 4.1, order_id: orders[0].orderId,
      order_amount: 1200, payment_amount: 1200, cf_payment_id: orders[0].cfPaymentId, cf_settlement_id: settlementIds[0],
      event_time: '2024-11-18T14:30:00+05:30', settlement_date: '2024-11-19T05:29:59+05:30', refund_id: null, closed_in_favor_of: null,
    })]);
    const byDates = await cashfreeApi<Page>(suite.sandbox, 'POST', '/settlement/recon', { pagination: { limit: 1 }, filters: dayFilter(days[0], days[1]) });
    expect(byDates.body).toMatchObject({ limit: 1, cursor: expect.any(String), data: [expect.objectContaining({ cf_settlement_id: settlementIds[0] })] });
  });

  it('answers an order’s settlement as 2023-08-01’s SettlementEntity, and a Cashfree 404 for an order unknown or not settled', async () => {
    const settled = await cashfreeApi(suite.sandbox, 'GET', `/orders/${orders[1].orderId}/settlements`);
    expect(settled.body).toEqual({
      cf_payment_id: orders[1].cfPaymentId, cf_settlement_id: settlementIds[1], settlement_currency: 'INR', order_id: orders[1].orderId, entity: 'settlement',
      order_amount: 1200, payment_time: '2024-11-19T14:30:00+05:30', service_charge: 22.8, service_tax: 4.1, settlement_amount: 1173.1,
      settlement_id: Number(settlementIds[1]), transfer_id: expect.any(Number), transfer_time: '2024-11-20T05:29:59+05:30', transfer_utr: expect.stringMatching(/^N\d+$/),
    });
    expect(await cashfreeApi(suite.sandbox, 'GET', '/orders/ord_missing/settlements')).toMatchObject({ status: 404, body: { code: 'order_not_found' } });
    clock.set('2024-11-25T09:00:00Z');
    const unsettled = await paidCashfreeOrder(suite.sandbox, suite.adapter, 10_000);
    expect(await cashfreeApi(suite.sandbox, 'GET', `/orders/${unsettled.orderId}/settlements`)).toMatchObject({
      status: 404, body: { code: 'settlement_not_found', type: 'invalid_request_error' },
    });
  });

  it.each([
    ['no filters', { pagination: { limit: 10 } }, 'filters_missing'],
    ['a limit over 1000', { pagination: { limit: 1001 }, filters: dayFilter(days[0]) }, 'pagination.limit_invalid'],
    ['a cursor it did not give', { pagination: { limit: 1, cursor: 'eyJ4Ijp0cnVlfQ==' }, filters: dayFilter(days[0]) }, 'pagination.cursor_invalid'],
  ])('refuses a listing with %s in Cashfree’s error shape', async (_label, body, code) => {
    for (const path of ['/settlements', '/settlement/recon']) {
      expect(await cashfreeApi(suite.sandbox, 'POST', path, body)).toMatchObject({ status: 400, body: { code, type: 'invalid_request_error' } });
    }
  });

  it('asks for the app id and secret like every Cashfree call', async () => {
    const refused = await cashfreeApi(suite.sandbox, 'POST', '/settlements', { pagination: { limit: 10 }, filters: dayFilter(days[0]) }, { 'x-client-secret': 'wrong' });
    expect(refused).toMatchObject({ status: 401, body: { type: 'authentication_error' } });
    expect(await cashfreeApi(suite.sandbox, 'GET', `/orders/${orders[0].orderId}/settlements`, undefined, { 'x-api-version': '' })).toMatchObject({ status: 400 });
  });

  it('puts a retrieval request in no settlement, and a chargeback in the day it was raised', async () => {
    clock.set('2024-11-26T09:00:00Z');
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882);
    await raisedDispute(suite.sandbox, paid.orderId, { type: 'RETRIEVAL' });
    const chargeback = await raisedDispute(suite.sandbox, paid.orderId, { amount: 100 });
    const settled = await settleDay(suite.sandbox, '2024-11-26');
    expect(settled.body.recon.map((row) => [row.event_type, row.event_id, row.event_amount, row.payment_service_charge, row.event_settlement_amount])).toEqual([
      ['PAYMENT', paid.cfPaymentId, 588.82, 0, 588.82],
      ['CHARGEBACK', String(chargeback.dispute_id), 100, 500, 690],
    ]);
  });
});
