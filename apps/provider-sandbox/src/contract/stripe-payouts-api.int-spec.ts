import type { StripeAdapter } from '@payments/providers';
import { bootstrapSandbox, sandboxUrl } from '../sandbox.app';
import { loadSandboxConfig } from '../sandbox.config';
import {
  RunningSandbox, StripeErrorJson, TEST_CASHFREE_APP_ID, TEST_CASHFREE_SECRET_KEY, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, startTestSandbox,
} from './sandbox-harness.fixture';
import { adapterFor, controlCall, getJson, stripeCall } from './stripe-sandbox-calls.fixture';
import { DisputeJson, PaidOrder, PayoutJson, movableClock, openedDispute, paidOrder, payDay } from './stripe-settlement.fixture';

interface ListJson<T = Record<string, unknown>> {
  object: string;
  data: T[];
  has_more: boolean;
  url: string;
}
type Row = { id: string; type: string; reporting_category: string; amount: number; fee: number; net: number; source: unknown };

describe('the sandbox’s Stripe payouts, balance transactions and disputes, on the wire', () => {
  const clock = movableClock('2024-11-22T09:00:00Z');
  let sandbox: RunningSandbox;
  let adapter: StripeAdapter;
  let order: PaidOrder;
  let disputed: PaidOrder;
  let dispute: DisputeJson;
  let payout: PayoutJson;
  let refundId = '';
  const day = { gte: Date.parse('2024-11-22T00:00:00Z') / 1000, lt: Date.parse('2024-11-23T00:00:00Z') / 1000 };
  const error = (answer: { body: unknown }) => (answer.body as { error: StripeErrorJson }).error;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ runtime: clock.runtime });
    adapter = adapterFor(sandbox);
    order = await paidOrder(adapter, sandbox, 4999);
    clock.set('2024-11-22T09:30:00Z');
    disputed = await paidOrder(adapter, sandbox, 2500);
    clock.set('2024-11-22T10:00:00Z');
    refundId = (await adapter.refund({ providerReference: order.paymentIntentId, amountMinor: 1000, currency: 'USD', orderId: order.orderId, refundId: 'rf_w', idempotencyKey: 'rf_w' })).providerRefundId;
    clock.set('2024-11-22T11:00:00Z');
    dispute = await openedDispute(sandbox, disputed.paymentIntentId);
    clock.set('2024-11-23T00:00:00Z');
    [payout] = (await payDay(sandbox, '2024-11-22')).body.payouts;
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('lists payouts in Stripe’s list envelope, by arrival date and status', async () => {
    const listed = await stripeCall<ListJson>(sandbox, 'GET', `/v1/payouts?arrival_date[gte]=${day.gte}&arrival_date[lt]=${day.lt}`);
    expect(listed.body).toEqual({ object: 'list', data: [expect.objectContaining({ id: payout.id })], has_more: false, url: '/v1/payouts' });
    expect(listed.body.data[0]).toMatchObject({
      object: 'payout', amount: 4824 + 2397 - 1000 - 4000, currency: 'usd', arrival_date: day.gte, automatic: true, status: 'paid', reconciliation_status: 'completed',
      method: 'standard', type: 'bank_account', trace_id: { status: 'supported', value: 'SBX-2024-11-22-USD' }, balance_transaction: expect.stringMatching(/^txn_/),
    });
    expect((await stripeCall<ListJson>(sandbox, 'GET', '/v1/payouts?status=in_transit')).body.data).toEqual([]);
    expect((await stripeCall<ListJson>(sandbox, 'GET', `/v1/payouts?arrival_date[gte]=${day.lt}`)).body.data).toEqual([]);
    expect((await stripeCall(sandbox, 'GET', `/v1/payouts/${payout.id}`)).body).toEqual(listed.body.data[0]);
  });

  it('lists what a payout paid out, newest first with its own row, and expands each source on request', async () => {
    const plain = await stripeCall<ListJson<Row>>(sandbox, 'GET', `/v1/balance_transactions?payout=${payout.id}`);
    expect(plain.body).toMatchObject({ object: 'list', has_more: false, url: '/v1/balance_transactions' });
    expect(plain.body.data.map(({ type, reporting_category, amount, fee, net, source }) => ({ type, reporting_category, amount, fee, net, source }))).toEqual([
      { type: 'payout', reporting_category: 'payout', amount: -payout.amount, fee: 0, net: -payout.amount, source: payout.id },
      { type: 'adjustment', reporting_category: 'dispute', amount: -2500, fee: 1500, net: -4000, source: dispute.id },
      { type: 'refund', reporting_category: 'refund', amount: -1000, fee: 0, net: -1000, source: refundId },
      { type: 'charge', reporting_category: 'charge', amount: 2500, fee: 103, net: 2397, source: expect.stringMatching(/^ch_/) },
      { type: 'charge', reporting_category: 'charge', amount: 4999, fee: 175, net: 4824, source: expect.stringMatching(/^ch_/) },
    ]);
    expect(plain.body.data[4]).toMatchObject({
      object: 'balance_transaction', currency: 'usd', status: 'available', fee_details: [{ amount: 175, type: 'stripe_fee', currency: 'usd' }],
    });
    const expanded = await stripeCall<ListJson<Row>>(sandbox, 'GET', `/v1/balance_transactions?payout=${payout.id}&expand[]=data.source`);
    expect(expanded.body.data.map((row) => row.source)).toEqual([
      expect.objectContaining({ object: 'payout', id: payout.id }),
      expect.objectContaining({ object: 'dispute', id: dispute.id, payment_intent: disputed.paymentIntentId, status: 'needs_response' }),
      expect.objectContaining({ object: 'refund', id: refundId, payment_intent: order.paymentIntentId, metadata: expect.objectContaining({ order_id: order.orderId }) }),
      expect.objectContaining({ object: 'charge', payment_intent: disputed.paymentIntentId, disputed: true, metadata: expect.objectContaining({ order_id: disputed.orderId }) }),
      expect.objectContaining({ object: 'charge', payment_intent: order.paymentIntentId, disputed: false, amount_refunded: 1000 }),
    ]);
  });

  it('retrieves one balance transaction, with its source expanded when asked, and pages through them', async () => {
    const { body } = await stripeCall<ListJson<Row>>(sandbox, 'GET', `/v1/balance_transactions?payout=${payout.id}&limit=2`);
    expect(body.has_more).toBe(true);
    const next = await stripeCall<ListJson<Row>>(sandbox, 'GET', `/v1/balance_transactions?payout=${payout.id}&limit=2&starting_after=${body.data[1].id}`);
    expect(next.body.data.map((row) => row.type)).toEqual(['refund', 'charge']);
    const one = await stripeCall<Row>(sandbox, 'GET', `/v1/balance_transactions/${next.body.data[0].id}?expand[]=source`);
    expect(one.body).toMatchObject({ id: next.body.data[0].id, source: { object: 'refund', id: refundId } });
    const all = await stripeCall<ListJson<Row>>(sandbox, 'GET', '/v1/balance_transactions?limit=100&type=charge');
    expect(all.body.data.map((row) => row.amount)).toEqual([2500, 4999]);
  });

  it.each([
    ['/v1/payouts?limit=0', 400, { code: 'parameter_invalid_integer', param: 'limit' }],
    ['/v1/payouts?limit=lots', 400, { code: 'parameter_invalid_integer', param: 'limit' }],
    ['/v1/payouts?colour=red', 400, { code: 'parameter_unknown', param: 'colour' }],
    ['/v1/payouts?arrival_date[since]=1', 400, { code: 'parameter_unknown', param: 'arrival_date[since]' }],
    ['/v1/payouts?arrival_date[gte]=soon', 400, { code: 'parameter_invalid_integer', param: 'arrival_date[gte]' }],
    ['/v1/payouts?status=lost', 400, { code: 'parameter_invalid_enum', param: 'status' }],
    ['/v1/payouts?starting_after=po_nope', 404, { code: 'resource_missing', param: 'starting_after', message: "No such payout: 'po_nope'" }],
    ['/v1/payouts/po_nope', 404, { code: 'resource_missing', message: "No such payout: 'po_nope'" }],
    ['/v1/balance_transactions?payout=po_nope', 404, { code: 'resource_missing', param: 'payout' }],
    ['/v1/balance_transactions/txn_nope', 404, { code: 'resource_missing', message: "No such balance_transaction: 'txn_nope'" }],
    ['/v1/balance_transactions?expand[]=data.customer', 400, { param: 'expand', message: 'This property cannot be expanded (data.customer).' }],
    ['/v1/disputes/du_nope', 404, { code: 'resource_missing', message: "No such dispute: 'du_nope'" }],
  ])('refuses GET %s with a %i, as Stripe does', async (path, status, expected) => {
    const answer = await stripeCall(sandbox, 'GET', path);
    expect(answer.status).toBe(status);
    expect(error(answer)).toMatchObject({ type: 'invalid_request_error', ...expected });
  });

  it('lists and updates disputes as the SDK calls them, and refuses evidence it does not know', async () => {
    const listed = await stripeCall<ListJson<DisputeJson>>(sandbox, 'GET', `/v1/disputes?payment_intent=${disputed.paymentIntentId}`);
    expect(listed.body).toMatchObject({ object: 'list', data: [{ id: dispute.id }], has_more: false, url: '/v1/disputes' });
    const saved = await stripeCall<DisputeJson>(sandbox, 'POST', `/v1/disputes/${dispute.id}`, 'evidence[product_description]=A%20course&metadata[case]=7');
    expect(saved.body).toMatchObject({ status: 'needs_response', evidence: { product_description: 'A course' }, metadata: { case: '7' } });
    const unknown = await stripeCall(sandbox, 'POST', `/v1/disputes/${dispute.id}`, 'evidence[colour]=red');
    expect(error(unknown)).toMatchObject({ code: 'parameter_unknown', param: 'evidence[colour]' });
    const notBoolean = await stripeCall(sandbox, 'POST', `/v1/disputes/${dispute.id}`, 'submit=maybe');
    expect(error(notBoolean)).toMatchObject({ code: 'parameter_invalid_boolean', param: 'submit' });
    expect((await stripeCall(sandbox, 'POST', '/v1/disputes/du_nope/close', '')).status).toBe(404);
  });

  it.each([
    [{}, 'date'],
    [{ date: '2024-02-30' }, 'date'],
    [{ date: '2024-11-25', colour: 'red' }, 'colour'],
    [{ date: '2024-11-25', discrepancies: { shuffle: true } }, 'discrepancies.shuffle'],
    [{ date: '2024-11-25', faults: { shuffle: true } }, 'faults'],
  ])('refuses payouts asked for with %j, naming %s', async (body, param) => {
    const refused = await controlCall(sandbox, '/_sandbox/stripe/payouts', body);
    expect(refused.status).toBe(400);
    expect(error(refused)).toMatchObject({ type: 'invalid_request_error', param });
  });
});

describe('a sandbox started with other Stripe fees', () => {
  const clock = movableClock('2024-11-22T09:00:00Z');
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    const config = loadSandboxConfig({
      STRIPE_SECRET_KEY: TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, CASHFREE_APP_ID: TEST_CASHFREE_APP_ID,
      CASHFREE_SECRET_KEY: TEST_CASHFREE_SECRET_KEY, SANDBOX_PORT: '0', SANDBOX_STRIPE_FEE_RULES: 'USD:500:10:0', SANDBOX_STRIPE_DISPUTE_FEES: 'USD:2500',
    });
    const app = await bootstrapSandbox(config, { logger: false, runtime: clock.runtime });
    const url = sandboxUrl(app);
    sandbox = { app, url, port: Number(new URL(url).port), stop: () => app.close() };
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('charges them on payments and disputes, in the payout and in the settlement report alike', async () => {
    const adapter = adapterFor(sandbox);
    const order = await paidOrder(adapter, sandbox, 10_000);
    await openedDispute(sandbox, (await paidOrder(adapter, sandbox, 2000)).paymentIntentId);
    clock.set('2024-11-23T00:00:00Z');
    await payDay(sandbox, '2024-11-22');
    const [settlement] = await adapter.listSettlements({ date: '2024-11-22' });
    expect(settlement.lines.map(({ kind, paymentId, grossMinor, feeMinor }) => ({ kind, paymentId, grossMinor, feeMinor }))).toEqual([
      { kind: 'dispute', paymentId: expect.stringMatching(/^pi_/), grossMinor: -2000, feeMinor: 2500 },
      { kind: 'payment', paymentId: expect.stringMatching(/^pi_/), grossMinor: 2000, feeMinor: 110 },
      { kind: 'payment', paymentId: order.paymentIntentId, grossMinor: 10_000, feeMinor: 510 },
    ]);
    const report = await getJson<{ rows: { paymentId: string; feeMinor: number }[] }>(sandbox, '/_sandbox/stripe/settlements?date=2024-11-22');
    expect(report.body.rows.find((row) => row.paymentId === order.paymentIntentId)).toMatchObject({ feeMinor: 510 });
  });
});
