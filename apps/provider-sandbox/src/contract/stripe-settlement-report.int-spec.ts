import { randomUUID } from 'node:crypto';
import { StripeAdapter } from '@payments/providers';
import { SandboxRuntime, systemRuntime } from '../domain/sandbox-runtime';
import { RunningSandbox, startTestSandbox } from './sandbox-harness.fixture';
import { adapterFor, controlCall, getJson } from './stripe-sandbox-calls.fixture';

/** A clock the test moves: the report is per UTC day. */
let now = Date.parse('2024-11-22T10:00:00Z');
const runtime: SandboxRuntime = { now: () => new Date(now), newId: systemRuntime.newId };

describe('the Stripe settlement report of a day', () => {
  let sandbox: RunningSandbox;
  let adapter: StripeAdapter;
  const paid = { usd: { orderId: `ord_${randomUUID()}`, paymentIntentId: '' }, inr: { orderId: `ord_${randomUUID()}`, paymentIntentId: '' } };
  let refundId = '';

  async function pay(orderId: string, amountMinor: number, currency: string): Promise<string> {
    const opened = await adapter.openCheckout({ orderId, amountMinor, currency, customerId: 'user-1', description: 'Course', idempotencyKey: `open-${orderId}` });
    await controlCall(sandbox, `/_sandbox/stripe/payment_intents/${opened.providerReference}/pay`);
    return opened.providerReference;
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox({ runtime });
    adapter = adapterFor(sandbox);
    paid.usd.paymentIntentId = await pay(paid.usd.orderId, 4999, 'USD');
    paid.inr.paymentIntentId = await pay(paid.inr.orderId, 120_000, 'INR');
    now = Date.parse('2024-11-22T15:30:00Z');
    const refund = await adapter.refund({
      providerReference: paid.usd.paymentIntentId, amountMinor: 1000, currency: 'USD', orderId: paid.usd.orderId, refundId: 'rf_1', idempotencyKey: 'refund-rf_1',
    });
    refundId = refund.providerRefundId;
    now = Date.parse('2024-11-23T00:00:00Z');
    await pay(`ord_${randomUUID()}`, 2500, 'USD');
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('lists the day’s payments and partial refund with their order ids, Stripe-like fees, GST on the INR fee, and net amounts', async () => {
    const { status, body } = await getJson(sandbox, '/_sandbox/stripe/settlements?date=2024-11-22');
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: 'stripe', date: '2024-11-22' });
    expect(body.rows).toEqual([
      expect.objectContaining({ type: 'payment', paymentId: paid.usd.paymentIntentId, orderId: paid.usd.orderId, currency: 'USD', grossMinor: 4999, feeMinor: 175, taxOnFeeMinor: 0, netMinor: 4824 }),
      expect.objectContaining({ type: 'payment', paymentId: paid.inr.paymentIntentId, orderId: paid.inr.orderId, currency: 'INR', grossMinor: 120_000, feeMinor: 2_400, taxOnFeeMinor: 432, netMinor: 117_168 }),
      expect.objectContaining({ type: 'refund', refundId, paymentId: paid.usd.paymentIntentId, orderId: paid.usd.orderId, grossMinor: -1000, feeMinor: 0, netMinor: -1000 }),
    ]);
    expect(body.totals).toEqual([
      { currency: 'INR', payments: 1, refunds: 0, grossMinor: 120_000, feeMinor: 2_400, taxOnFeeMinor: 432, netMinor: 117_168 },
      { currency: 'USD', payments: 1, refunds: 1, grossMinor: 3_999, feeMinor: 175, taxOnFeeMinor: 0, netMinor: 3_824 },
    ]);
  });

  it('puts a payment made at midnight on the next day', async () => {
    const { body } = await getJson<{ rows: { grossMinor: number }[] }>(sandbox, '/_sandbox/stripe/settlements?date=2024-11-23');
    expect(body.rows.map((row) => row.grossMinor)).toEqual([2500]);
  });

  it('answers the same report as CSV when asked', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/stripe/settlements?date=2024-11-22&format=csv`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('type,payment_id,charge_id,refund_id,order_id,currency,occurred_at,gross_minor,fee_minor,tax_on_fee_minor,net_minor');
    expect(lines.slice(-2)).toEqual(['total,,,,,INR,2024-11-22,120000,2400,432,117168', 'total,,,,,USD,2024-11-22,3999,175,0,3824']);
  });

  it('refuses a date that is not a calendar day', async () => {
    const { status, body } = await getJson(sandbox, '/_sandbox/stripe/settlements?date=2024-02-30');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { param: 'date', code: 'SETTLEMENT.INVALID_DATE' } });
  });
});
