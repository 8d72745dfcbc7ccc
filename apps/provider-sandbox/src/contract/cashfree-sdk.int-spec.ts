import { randomUUID } from 'node:crypto';
import { Cashfree, DisputesEntity, SettlementEntity, SettlementReconEntity } from 'cashfree-pg';
import { testClock } from './cashfree-harness.fixture';
import { DisputeJson, controlOk, raisedDispute, settleDay } from './cashfree-settlement.fixture';
import { RunningSandbox, TEST_CASHFREE_APP_ID, TEST_CASHFREE_SECRET_KEY, startTestSandbox } from './sandbox-harness.fixture';

/** The API version cashfree-pg 4.3.10 speaks, and the one the sandbox's shapes are. */
const API_VERSION = '2023-08-01';
const clock = testClock('2024-12-09T09:00:00Z');

/** What the SDK's static calls throw for a non-2xx answer (axios). */
async function refusalOf(call: Promise<unknown>): Promise<{ status: number; data: { code?: string; type?: string } }> {
  const error = await call.then(() => undefined, (thrown: unknown) => thrown as { response?: { status: number; data: { code?: string; type?: string } } });
  if (!error?.response) throw new Error('expected Cashfree to refuse the call');
  return error.response;
}

/**
 * Cashfree's official Node SDK (cashfree-pg 4.3.10, API 2023-08-01) pointed at the sandbox: its
 * settlement, recon and dispute calls get answers in the shapes it types. The SDK has no base URL
 * option; `Cashfree.basePath` is what its calls prefix their paths with.
 */
describe('Cashfree’s Node SDK against the sandbox', () => {
  let sandbox: RunningSandbox;
  const orderId = `sdk_order-${randomUUID().replace(/-/g, '')}`.padEnd(50, 'x');
  let cfPaymentId = '';
  let dispute: DisputeJson;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ runtime: clock.runtime });
    Cashfree.XClientId = TEST_CASHFREE_APP_ID;
    Cashfree.XClientSecret = TEST_CASHFREE_SECRET_KEY;
    Cashfree.XEnvironment = Cashfree.Environment.SANDBOX;
    Cashfree.XEnableErrorAnalytics = false;
    Cashfree.basePath = `${sandbox.url}/cashfree/pg`;
    const order = { order_id: orderId, order_amount: 1200, order_currency: 'INR', customer_details: { customer_id: 'node_sdk-test_42', customer_phone: '9999999999' } };
    await Cashfree.PGCreateOrder(API_VERSION, order, undefined, `sdk-order-${orderId}`);
    cfPaymentId = (await controlOk<{ payment: { cf_payment_id: string } }>(sandbox, `/orders/${orderId}/pay`, { paymentMethod: 'netbanking' })).payment.cf_payment_id;
    dispute = await raisedDispute(sandbox, orderId, { amount: 200 });
    await settleDay(sandbox, '2024-12-09');
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('creates an order with an order id of 50 characters, a customer id with "_" and "-", and an idempotency key that is no UUID', async () => {
    expect(orderId).toHaveLength(50);
    const fetched = await Cashfree.PGFetchOrder(API_VERSION, orderId);
    expect(fetched.data).toMatchObject({ order_id: orderId, order_status: 'PAID', customer_details: { customer_id: 'node_sdk-test_42' } });
    const retried = await Cashfree.PGCreateOrder(API_VERSION, { order_id: orderId, order_amount: 1200, order_currency: 'INR', customer_details: { customer_id: 'node_sdk-test_42', customer_phone: '9999999999' } }, undefined, `sdk-order-${orderId}`);
    expect(retried.headers['x-idempotency-replayed']).toBe('true');
  });

  it('fetches the day’s settlements with PGFetchSettlements', async () => {
    const answer = await Cashfree.PGFetchSettlements(API_VERSION, { pagination: { limit: 10 }, filters: { start_date: '2024-12-09T00:00:00Z', end_date: '2024-12-09T23:59:59Z' } });
    // cashfree-pg 4.3.10 types the answer as one SettlementEntity; it is a page of them.
    const page = answer.data as unknown as { cursor: string | null; limit: number; data: SettlementEntity[] };
    expect(page).toMatchObject({ cursor: null, limit: 10 });
    const [settlement] = page.data;
    expect(settlement).toMatchObject({ entity: 'settlement', settlement_currency: 'INR', service_charge: 22.8, service_tax: 4.1, settlement_amount: 1173.1 });
    expect(typeof settlement.cf_settlement_id).toBe('string');
    expect(typeof settlement.settlement_id).toBe('number');
    expect(typeof settlement.transfer_id).toBe('number');
  });

  it('fetches the settlement’s recon events with PGSettlementFetchRecon, in SettlementReconEntity’s shape', async () => {
    const answer = await Cashfree.PGSettlementFetchRecon(API_VERSION, { pagination: { limit: 10 }, filters: { start_date: '2024-12-09T00:00:00Z', end_date: '2024-12-09T23:59:59Z' } });
    const recon: SettlementReconEntity = answer.data;
    expect(recon.cursor).toBeNull();
    expect(recon.data?.map((row) => [row.event_type, row.sale_type, row.event_amount, row.payment_service_charge, row.payment_service_tax, row.event_settlement_amount])).toEqual([
      ['PAYMENT', 'CREDIT', 1200, 22.8, 4.1, 1173.1],
      ['CHARGEBACK', 'DEBIT', 200, 500, 90, 790],
    ]);
    expect(recon.data?.[0]).toMatchObject({ event_id: cfPaymentId, cf_payment_id: cfPaymentId, order_id: orderId, entity: 'Recon', event_status: 'SUCCESS', event_currency: 'INR' });
  });

  it('fetches an order’s settlement with PGOrderFetchSettlement, and is refused one for an order Cashfree does not know', async () => {
    const answer = await Cashfree.PGOrderFetchSettlement(API_VERSION, orderId);
    const settlement: SettlementEntity = answer.data;
    expect(settlement).toMatchObject({ cf_payment_id: cfPaymentId, order_id: orderId, entity: 'settlement', order_amount: 1200, settlement_amount: 1173.1 });
    expect(await refusalOf(Cashfree.PGOrderFetchSettlement(API_VERSION, 'ord_missing'))).toMatchObject({ status: 404, data: { code: 'order_not_found' } });
  });

  it('fetches a dispute by id, by order and by payment, in DisputesEntity’s shape', async () => {
    const byId: DisputesEntity = (await Cashfree.PGFetchDisputeByID(API_VERSION, dispute.dispute_id)).data;
    expect(byId).toMatchObject({ dispute_id: dispute.dispute_id, dispute_type: 'CHARGEBACK', dispute_status: 'CHARGEBACK_CREATED', dispute_amount: 200 });
    expect(byId.order_details).toMatchObject({ order_id: orderId, cf_payment_id: cfPaymentId });
    expect((await Cashfree.PGFetchOrderDisputes(API_VERSION, orderId)).data).toEqual([byId]);
    expect((await Cashfree.PGFetchPaymentDisputes(API_VERSION, Number(cfPaymentId))).data).toEqual([byId]);
    expect(await refusalOf(Cashfree.PGFetchDisputeByID(API_VERSION, 999_999_999))).toMatchObject({ status: 404, data: { code: 'dispute_not_found' } });
  });

  it('contests a dispute with PGUploadDisputesDocuments and accepts it with PGAcceptDisputeByID', async () => {
    const uploaded = await Cashfree.PGUploadDisputesDocuments(API_VERSION, dispute.dispute_id, 'All lessons were delivered.', 'Statement of Service', undefined, `sdk-evidence-${dispute.dispute_id}`, 'see statement');
    const [contested]: DisputesEntity[] = uploaded.data;
    expect(contested).toMatchObject({ dispute_status: 'CHARGEBACK_DOCS_RECEIVED', dispute_evidence: [{ document_type: 'Statement of Service' }] });
    const accepted = await Cashfree.PGAcceptDisputeByID(API_VERSION, dispute.dispute_id, undefined, `sdk-accept-${dispute.dispute_id}`);
    expect(accepted.data).toMatchObject({ dispute_id: dispute.dispute_id, dispute_status: 'CHARGEBACK_MERCHANT_ACCEPTED' });
  });
});
