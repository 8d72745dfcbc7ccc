import type { SettlementLine } from '@payments/providers';
import { cashfreeAdapterFor, cashfreeSuite, testClock } from './cashfree-harness.fixture';
import { controlOk, paidCashfreeOrder, processedRefund, raisedDispute, settleDay } from './cashfree-settlement.fixture';

const clock = testClock('2024-11-04T09:00:00Z');

/** What every line of a settlement states besides its amounts. */
const line = (fields: Partial<SettlementLine> & Pick<SettlementLine, 'lineId' | 'kind' | 'grossMinor' | 'netMinor' | 'occurredAt'>): SettlementLine => ({
  paymentId: null, refundId: null, disputeId: null, orderId: null, currency: 'INR', feeMinor: 0, taxOnFeeMinor: 0, ...fields,
});

describe('Cashfree settlements of a day, listed by the adapter from the sandbox', () => {
  const suite = cashfreeSuite({ clock });

  async function settled(date: string, body: Record<string, unknown> = {}) {
    const answer = await settleDay(suite.sandbox, date, body);
    if (answer.status !== 200) throw new Error(`settling ${date} answered ${answer.status}: ${answer.raw}`);
    return answer.body;
  }

  it('lists a day of payments, a partial refund and a lost chargeback as exactly its lines, in paise, netting to what reached the bank', async () => {
    clock.set('2024-11-04T09:00:00Z');
    const upi = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882, 'upi');
    clock.set('2024-11-04T10:00:00Z');
    const netbanking = await paidCashfreeOrder(suite.sandbox, suite.adapter, 240_000, 'netbanking');
    clock.set('2024-11-04T10:30:00Z');
    const wallet = await paidCashfreeOrder(suite.sandbox, suite.adapter, 120_000, 'wallet');
    clock.set('2024-11-04T11:00:00Z');
    const refund = await processedRefund(suite.sandbox, suite.adapter, upi.orderId, 8_882);
    clock.set('2024-11-04T12:00:00Z');
    const dispute = await raisedDispute(suite.sandbox, wallet.orderId);
    clock.set('2024-11-04T13:00:00Z');
    await controlOk(suite.sandbox, `/disputes/${dispute.dispute_id}/resolve`, { outcome: 'lost' });
    const { settlement } = await settled('2024-11-04');

    expect(await suite.adapter.listSettlements({ date: '2024-11-04' })).toEqual([{
      settlementId: settlement.cf_settlement_id, currency: 'INR', status: 'SUCCESS', paid: true, settledAt: '2024-11-04T23:59:59.000Z',
      bankReference: settlement.utr, amountMinor: 58_882 + 234_619 + 117_310 - 8_882 - 179_000,
      lines: [
        line({ lineId: upi.cfPaymentId, kind: 'payment', paymentId: upi.cfPaymentId, orderId: upi.orderId, grossMinor: 58_882, netMinor: 58_882, occurredAt: '2024-11-04T09:00:00.000Z' }),
        line({
          lineId: netbanking.cfPaymentId, kind: 'payment', paymentId: netbanking.cfPaymentId, orderId: netbanking.orderId,
          grossMinor: 240_000, feeMinor: 4_560, taxOnFeeMinor: 821, netMinor: 234_619, occurredAt: '2024-11-04T10:00:00.000Z',
        }),
        line({
          lineId: wallet.cfPaymentId, kind: 'payment', paymentId: wallet.cfPaymentId, orderId: wallet.orderId,
          grossMinor: 120_000, feeMinor: 2_280, taxOnFeeMinor: 410, netMinor: 117_310, occurredAt: '2024-11-04T10:30:00.000Z',
        }),
        line({
          lineId: refund.cfRefundId, kind: 'refund', paymentId: upi.cfPaymentId, orderId: upi.orderId, refundId: `${upi.orderId}:${refund.refundId}`,
          grossMinor: -8_882, netMinor: -8_882, occurredAt: '2024-11-04T11:00:00.000Z',
        }),
        line({
          lineId: String(dispute.dispute_id), kind: 'dispute', paymentId: wallet.cfPaymentId, orderId: wallet.orderId, disputeId: String(dispute.dispute_id),
          grossMinor: -120_000, feeMinor: 50_000, taxOnFeeMinor: 9_000, netMinor: -179_000, occurredAt: '2024-11-04T12:00:00.000Z',
        }),
      ],
    }]);
  });

  it('lists nothing for a day Cashfree has not settled, and refuses a day that is no date before calling', async () => {
    expect(await suite.adapter.listSettlements({ date: '2024-10-01' })).toEqual([]);
    await expect(suite.adapter.listSettlements({ date: '2024-02-30' })).rejects.toMatchObject({ code: 'PROVIDER.INVALID_REQUEST' });
  });

  it('gives a won chargeback back on the day it was won, under the dispute’s id, its fee kept', async () => {
    clock.set('2024-11-05T09:00:00Z');
    const paid = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882, 'upi');
    const dispute = await raisedDispute(suite.sandbox, paid.orderId, { amount: 500 });
    await settled('2024-11-05');
    clock.set('2024-11-06T09:00:00Z');
    await controlOk(suite.sandbox, `/disputes/${dispute.dispute_id}/resolve`, { outcome: 'won' });
    await settled('2024-11-06');
    const [withdrawal] = (await suite.adapter.listSettlements({ date: '2024-11-05' }))[0].lines.filter((entry) => entry.kind === 'dispute');
    const [reversal] = (await suite.adapter.listSettlements({ date: '2024-11-06' }))[0].lines;
    expect(withdrawal).toMatchObject({ disputeId: String(dispute.dispute_id), grossMinor: -50_000, feeMinor: 50_000, taxOnFeeMinor: 9_000, netMinor: -109_000 });
    expect(reversal).toEqual(line({
      lineId: expect.stringMatching(/^\d+$/) as unknown as string, kind: 'dispute_reversal', paymentId: paid.cfPaymentId, orderId: paid.orderId,
      disputeId: String(dispute.dispute_id), grossMinor: 50_000, netMinor: 50_000, occurredAt: '2024-11-06T09:00:00.000Z',
    }));
    expect(reversal.lineId).not.toBe(withdrawal.lineId);
  });

  describe('with a discrepancy asked of the sandbox, each showing as one difference in the lines', () => {
    async function dayOfTwoPayments(date: string) {
      clock.set(`${date}T09:00:00Z`);
      const first = await paidCashfreeOrder(suite.sandbox, suite.adapter, 58_882, 'upi');
      clock.set(`${date}T10:00:00Z`);
      const second = await paidCashfreeOrder(suite.sandbox, suite.adapter, 120_000, 'wallet');
      return { first, second };
    }
    const settledLines = async (date: string, discrepancies: Record<string, unknown>) => {
      await settled(date, { discrepancies });
      const [settlement] = await suite.adapter.listSettlements({ date });
      expect(settlement.amountMinor).toBe(settlement.lines.reduce((sum, entry) => sum + entry.netMinor, 0));
      return settlement.lines;
    };

    it('leaves out a dropped payment', async () => {
      const { first, second } = await dayOfTwoPayments('2024-11-07');
      expect((await settledLines('2024-11-07', { dropPayment: first.cfPaymentId })).map((entry) => entry.paymentId)).toEqual([second.cfPaymentId]);
    });

    it('settles a changed amount, with the payment’s charges as they were', async () => {
      const { first, second } = await dayOfTwoPayments('2024-11-08');
      const lines = await settledLines('2024-11-08', { changeAmount: { paymentId: second.cfPaymentId, byMinor: 100 } });
      expect(lines.map((entry) => [entry.paymentId, entry.grossMinor, entry.feeMinor, entry.taxOnFeeMinor, entry.netMinor])).toEqual([
        [first.cfPaymentId, 58_882, 0, 0, 58_882],
        [second.cfPaymentId, 120_100, 2_280, 410, 117_410],
      ]);
    });

    it('settles one payment twice, as two lines of its own', async () => {
      const { first } = await dayOfTwoPayments('2024-11-09');
      const lines = await settledLines('2024-11-09', { settleTwice: first.cfPaymentId });
      const twice = lines.filter((entry) => entry.paymentId === first.cfPaymentId);
      expect(twice.map((entry) => [entry.kind, entry.grossMinor])).toEqual([['payment', 58_882], ['payment', 58_882]]);
      expect(new Set(lines.map((entry) => entry.lineId)).size).toBe(3);
    });

    it('deducts a fee with no order or payment behind it', async () => {
      await dayOfTwoPayments('2024-11-10');
      const lines = await settledLines('2024-11-10', { unknownFee: { amountMinor: 1_500 } });
      expect(lines.at(-1)).toEqual(line({
        lineId: expect.stringMatching(/^\d+$/) as unknown as string, kind: 'fee', grossMinor: -1_500, netMinor: -1_500, occurredAt: '2024-11-10T23:59:59.000Z',
      }));
    });
  });

  it('follows the recon pages to the end when a page holds fewer events than the day', async () => {
    clock.set('2024-11-11T09:00:00Z');
    for (const amountMinor of [10_000, 20_000, 30_000, 40_000, 50_000]) await paidCashfreeOrder(suite.sandbox, suite.adapter, amountMinor, 'netbanking');
    await settled('2024-11-11');
    const paged = await cashfreeAdapterFor(suite.sandbox, { settlementPageSize: 2 }, { now: clock.now }).listSettlements({ date: '2024-11-11' });
    expect(paged[0].lines.map((entry) => entry.grossMinor)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(paged).toEqual(await suite.adapter.listSettlements({ date: '2024-11-11' }));
  });
});
