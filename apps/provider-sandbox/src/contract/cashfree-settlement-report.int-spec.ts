import { randomUUID } from 'node:crypto';
import { CashfreeAdapter } from '@payments/providers';
import { SandboxRuntime, systemRuntime } from '../domain/sandbox-runtime';
import { cashfreeAdapterFor, cashfreeControl, inrCheckout, sandboxCashfreeOrder } from './cashfree-harness.fixture';
import { RunningSandbox, startTestSandbox } from './sandbox-harness.fixture';
import { getJson } from './stripe-sandbox-calls.fixture';

/** A clock the test moves: the report is per UTC day. */
let now = Date.parse('2024-11-22T10:00:00Z');
const runtime: SandboxRuntime = { now: () => new Date(now), newId: systemRuntime.newId };

interface ReportJson {
  provider: string;
  date: string;
  rows: Record<string, unknown>[];
  totals: Record<string, unknown>[];
}

describe('the Cashfree settlement report of a day', () => {
  let sandbox: RunningSandbox;
  let adapter: CashfreeAdapter;
  const upi = { orderId: randomUUID(), cfPaymentId: '', cfRefundId: '', refundId: randomUUID() };
  const netbanking = { orderId: randomUUID(), cfPaymentId: '' };

  /** The customer pays on the hosted page; answers the successful attempt's cf_payment_id. */
  async function pay(orderId: string, paymentMethod: string): Promise<string> {
    const paid = await cashfreeControl(sandbox, `/orders/${orderId}/pay`, { paymentMethod });
    if (paid.status !== 200) throw new Error(`could not pay ${orderId}: ${paid.raw}`);
    return (paid.body as { payment: { cf_payment_id: string } }).payment.cf_payment_id;
  }

  async function paidOrder(orderId: string, amountMinor: number, paymentMethod: string): Promise<string> {
    await adapter.openCheckout(inrCheckout(orderId, { amountMinor }));
    return pay(orderId, paymentMethod);
  }

  async function refund(orderId: string, refundId: string, amountMinor: number): Promise<void> {
    await adapter.refund({ providerReference: orderId, amountMinor, currency: 'INR', orderId, refundId, idempotencyKey: `refund-${refundId}` });
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox({ runtime });
    adapter = cashfreeAdapterFor(sandbox);
    upi.cfPaymentId = await paidOrder(upi.orderId, 58_882, 'upi');
    now = Date.parse('2024-11-22T11:00:00Z');
    await adapter.openCheckout(inrCheckout(netbanking.orderId, { amountMinor: 120_000 }));
    await cashfreeControl(sandbox, `/orders/${netbanking.orderId}/decline`, { paymentMethod: 'upi' });
    netbanking.cfPaymentId = await pay(netbanking.orderId, 'netbanking');
    now = Date.parse('2024-11-22T15:00:00Z');
    await refund(upi.orderId, upi.refundId, 8_882);
    now = Date.parse('2024-11-22T15:30:00Z');
    await cashfreeControl(sandbox, `/orders/${upi.orderId}/refunds/${upi.refundId}/succeed`);
    upi.cfRefundId = (await sandboxCashfreeOrder(sandbox, upi.orderId))?.refunds[0].cf_refund_id ?? '';
    await refund(netbanking.orderId, randomUUID(), 1_000);
    now = Date.parse('2024-11-23T00:00:00Z');
    await paidOrder(randomUUID(), 2_500, 'wallet');
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('lists the day’s UPI and net banking payments and the processed partial refund, with Cashfree’s ids, service charge, GST and net in paise', async () => {
    const { status, body } = await getJson<ReportJson>(sandbox, '/_sandbox/cashfree/settlements?date=2024-11-22');
    expect(status).toBe(200);
    expect(body).toMatchObject({ provider: 'cashfree', date: '2024-11-22' });
    expect(body.rows).toEqual([
      expect.objectContaining({ type: 'payment', cfPaymentId: upi.cfPaymentId, cfRefundId: null, orderId: upi.orderId, paymentGroup: 'upi', currency: 'INR',
        grossMinor: 58_882, feeMinor: 0, taxOnFeeMinor: 0, netMinor: 58_882 }),
      expect.objectContaining({ type: 'payment', cfPaymentId: netbanking.cfPaymentId, orderId: netbanking.orderId, paymentGroup: 'net_banking',
        grossMinor: 120_000, feeMinor: 2_280, taxOnFeeMinor: 410, netMinor: 117_310 }),
      expect.objectContaining({ type: 'refund', cfPaymentId: upi.cfPaymentId, cfRefundId: upi.cfRefundId, refundId: upi.refundId, orderId: upi.orderId,
        paymentGroup: 'upi', occurredAt: '2024-11-22T15:30:00.000Z', grossMinor: -8_882, feeMinor: 0, taxOnFeeMinor: 0, netMinor: -8_882 }),
    ]);
    expect(body.totals).toEqual([{ currency: 'INR', payments: 2, refunds: 1, grossMinor: 170_000, feeMinor: 2_280, taxOnFeeMinor: 410, netMinor: 167_310 }]);
  });

  it('puts a payment made at midnight on the next day, with the wallet charge', async () => {
    const { body } = await getJson<ReportJson>(sandbox, '/_sandbox/cashfree/settlements?date=2024-11-23');
    expect(body.rows).toEqual([expect.objectContaining({ paymentGroup: 'wallet', grossMinor: 2_500, feeMinor: 48, taxOnFeeMinor: 9, netMinor: 2_443 })]);
  });

  it('answers the same report as CSV when asked', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/cashfree/settlements?date=2024-11-22&format=csv`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('type,cf_payment_id,cf_refund_id,refund_id,order_id,payment_group,currency,occurred_at,gross_minor,fee_minor,tax_on_fee_minor,net_minor');
    expect(lines[2]).toBe(`payment,${netbanking.cfPaymentId},,,${netbanking.orderId},net_banking,INR,2024-11-22T11:00:00.000Z,120000,2280,410,117310`);
    expect(lines.at(-1)).toBe('total,,,,,,INR,2024-11-22,170000,2280,410,167310');
  });

  it('refuses a date that is not a calendar day, and an unknown format, in Cashfree’s error shape', async () => {
    const badDate = await getJson(sandbox, '/_sandbox/cashfree/settlements?date=2024-02-30');
    expect(badDate).toMatchObject({ status: 400, body: { code: 'date_invalid', type: 'invalid_request_error' } });
    const badFormat = await getJson(sandbox, '/_sandbox/cashfree/settlements?date=2024-11-22&format=xml');
    expect(badFormat).toMatchObject({ status: 400, body: { code: 'format_invalid' } });
  });
});
