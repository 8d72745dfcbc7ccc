import type { ProviderSettlement, SettlementLine } from '@payments/providers';
import { eventually } from '@payments/testing';
import { TEST_WEBHOOK_SECRET } from './sandbox-harness.fixture';
import { stripeHarness } from './stripe-harness.fixture';
import { adapterFor, controlCall, stripeCall } from './stripe-sandbox-calls.fixture';
import { PaidOrder, movableClock, openedDispute, paidOrder, payDay } from './stripe-settlement.fixture';

const byCurrency = (settlements: ProviderSettlement[]) => [...settlements].sort((a, b) => a.currency.localeCompare(b.currency));
const netOf = (settlement: ProviderSettlement) => settlement.lines.reduce((sum, line) => sum + line.netMinor, 0);
const txn = expect.stringMatching(/^txn_/);

describe('Stripe payouts read through the Stripe adapter from the sandbox', () => {
  const clock = movableClock('2024-11-22T09:00:00Z');
  const stripe = stripeHarness({ runtime: clock.runtime });
  const paid = {} as Record<'a' | 'b' | 'c' | 'inr', PaidOrder>;
  let refundId = '';
  let disputeId = '';

  const payment = (order: PaidOrder, at: string, gross: number, fee: number, tax = 0, currency = 'USD'): SettlementLine => ({
    lineId: txn, kind: 'payment', paymentId: order.paymentIntentId, refundId: null, disputeId: null, orderId: order.orderId, currency,
    grossMinor: gross, feeMinor: fee, taxOnFeeMinor: tax, netMinor: gross - fee - tax, occurredAt: at,
  });

  beforeAll(async () => {
    paid.a = await paidOrder(stripe.adapter, stripe.sandbox, 4999);
    clock.set('2024-11-22T09:01:00Z');
    paid.b = await paidOrder(stripe.adapter, stripe.sandbox, 2500);
    clock.set('2024-11-22T09:02:00Z');
    paid.c = await paidOrder(stripe.adapter, stripe.sandbox, 1000);
    clock.set('2024-11-22T09:03:00Z');
    paid.inr = await paidOrder(stripe.adapter, stripe.sandbox, 120_000, 'INR');
    clock.set('2024-11-22T10:00:00Z');
    const refund = { currency: 'USD', orderId: paid.a.orderId, refundId: 'rf_a', idempotencyKey: 'refund-rf_a' };
    refundId = (await stripe.adapter.refund({ ...refund, providerReference: paid.a.paymentIntentId, amountMinor: 1000 })).providerRefundId;
    clock.set('2024-11-22T10:30:00Z');
    await controlCall(stripe.sandbox, '/_sandbox/stripe/refunds/next_outcome', { outcome: 'fail' });
    await stripe.adapter.refund({ currency: 'USD', orderId: paid.c.orderId, refundId: 'rf_c', idempotencyKey: 'refund-rf_c', providerReference: paid.c.paymentIntentId, amountMinor: 500 });
    clock.set('2024-11-22T11:00:00Z');
    disputeId = (await openedDispute(stripe.sandbox, paid.b.paymentIntentId)).id;
    clock.set('2024-11-23T00:00:00Z');
    await paidOrder(stripe.adapter, stripe.sandbox, 700);
  });

  it('pays the day out once per currency and lists exactly its payments, refund and dispute, without the failed refund or the next day’s payment', async () => {
    const answer = await payDay(stripe.sandbox, '2024-11-22');
    expect(answer.status).toBe(200);
    expect(answer.body.payouts.map((payout) => [payout.currency, payout.amount, payout.status])).toEqual([['inr', 117_168, 'paid'], ['usd', 3162, 'paid']]);
    const [inr, usd] = byCurrency(await stripe.adapter.listSettlements({ date: '2024-11-22' }));
    expect(inr).toEqual({
      settlementId: answer.body.payouts[0].id, currency: 'INR', amountMinor: 117_168, status: 'paid', paid: true, settledAt: '2024-11-22T00:00:00.000Z',
      bankReference: 'SBX-2024-11-22-INR', lines: [payment(paid.inr, '2024-11-22T09:03:00.000Z', 120_000, 2_400, 432, 'INR')],
    });
    expect(usd).toMatchObject({ settlementId: answer.body.payouts[1].id, currency: 'USD', amountMinor: 3162, paid: true, bankReference: 'SBX-2024-11-22-USD' });
    expect(usd.lines).toEqual([
      {
        lineId: txn, kind: 'dispute', paymentId: paid.b.paymentIntentId, refundId: null, disputeId, orderId: null, currency: 'USD',
        grossMinor: -2500, feeMinor: 1500, taxOnFeeMinor: 0, netMinor: -4000, occurredAt: '2024-11-22T11:00:00.000Z',
      },
      {
        lineId: txn, kind: 'refund', paymentId: paid.a.paymentIntentId, refundId, disputeId: null, orderId: paid.a.orderId, currency: 'USD',
        grossMinor: -1000, feeMinor: 0, taxOnFeeMinor: 0, netMinor: -1000, occurredAt: '2024-11-22T10:00:00.000Z',
      },
      payment(paid.c, '2024-11-22T09:02:00.000Z', 1000, 59),
      payment(paid.b, '2024-11-22T09:01:00.000Z', 2500, 103),
      payment(paid.a, '2024-11-22T09:00:00.000Z', 4999, 175),
    ]);
    expect([netOf(inr), netOf(usd)]).toEqual([inr.amountMinor, usd.amountMinor]);
  });

  it('answers the same payouts when the day is asked for again, and refuses other knobs for it', async () => {
    const first = await payDay(stripe.sandbox, '2024-11-22');
    const again = await payDay(stripe.sandbox, '2024-11-22');
    expect(again.body).toMatchObject({ replayed: true });
    expect(again.body.payouts.map((payout) => payout.id)).toEqual(first.body.payouts.map((payout) => payout.id));
    const other = await payDay(stripe.sandbox, '2024-11-22', { discrepancies: { dropPayment: paid.a.paymentIntentId } });
    expect(other).toMatchObject({ status: 409, body: { error: { param: 'discrepancies', message: expect.stringMatching(/paid out already/) } } });
  });

  it('delivers payout.paid and payout.reconciliation_completed for each payout, which the adapter reads as settlement.paid of the day', async () => {
    const { body } = await payDay(stripe.sandbox, '2024-11-22');
    for (const payout of body.payouts) {
      for (const type of ['payout.paid', 'payout.reconciliation_completed']) {
        const webhook = await eventually(async () => stripe.receiver.deliveriesOf(payout.id, type)[0], 15_000, `${type} of ${payout.id}`);
        expect(stripe.adapter.parseWebhook(webhook.rawBody, webhook.headers)).toMatchObject({
          event: { kind: 'settlement.paid', providerObjectId: payout.id, orderId: null, currency: payout.currency.toUpperCase(), settlement: { settlementId: payout.id, date: '2024-11-22' } },
        });
      }
    }
  });

  it('sends payout webhooks with the delivery faults asked for: twice each, and out of order', async () => {
    clock.set('2024-11-24T08:00:00Z');
    await paidOrder(stripe.adapter, stripe.sandbox, 4999);
    clock.set('2024-11-25T00:00:00Z');
    const { body } = await payDay(stripe.sandbox, '2024-11-24', { faults: { duplicate: 2, reorder: true } });
    const [payout] = body.payouts;
    const deliveries = await eventually(async () => {
      const received = stripe.receiver.received.filter((webhook) => webhook.json.data.object.id === payout.id);
      return received.length >= 4 ? received : undefined;
    }, 20_000, `four deliveries about ${payout.id}`);
    expect(deliveries.map((webhook) => webhook.json.type)).toEqual(['payout.reconciliation_completed', 'payout.reconciliation_completed', 'payout.paid', 'payout.paid']);
  });

  it('refuses a day that is not a calendar day, before asking Stripe', async () => {
    await expect(stripe.adapter.listSettlements({ date: '2024-11-31' })).rejects.toMatchObject({ code: 'PROVIDER.INVALID_REQUEST' });
  });

  it('has no settlements on a day nothing was paid out', async () => {
    await expect(stripe.adapter.listSettlements({ date: '2024-11-21' })).resolves.toEqual([]);
  });
});

describe('Stripe payouts with discrepancies, each changing exactly one thing', () => {
  const clock = movableClock('2024-12-01T08:00:00Z');
  const stripe = stripeHarness({ runtime: clock.runtime });

  /** A day with two USD payments, A (4999, fee 175) then B (2500, fee 103), paid out the next midnight with `discrepancies`. */
  async function dayPaidOutWith(date: string, discrepancies: (a: PaidOrder) => Record<string, unknown>) {
    clock.set(`${date}T08:00:00Z`);
    const a = await paidOrder(stripe.adapter, stripe.sandbox, 4999);
    clock.set(`${date}T08:01:00Z`);
    const b = await paidOrder(stripe.adapter, stripe.sandbox, 2500);
    clock.set(`${date}T23:59:59Z`);
    const answer = await payDay(stripe.sandbox, date, { discrepancies: discrepancies(a) });
    if (answer.status !== 200) throw new Error(`payouts of ${date} refused: ${JSON.stringify(answer.body)}`);
    const [settlement] = await stripe.adapter.listSettlements({ date });
    const lines = settlement.lines.map(({ kind, paymentId, grossMinor, feeMinor, netMinor }) => ({ kind, paymentId, grossMinor, feeMinor, netMinor }));
    return { a, b, settlement, lines };
  }
  const line = (order: PaidOrder, grossMinor: number, feeMinor: number) => ({ kind: 'payment', paymentId: order.paymentIntentId, grossMinor, feeMinor, netMinor: grossMinor - feeMinor });

  it('pays both payments when no knob is set', async () => {
    const { a, b, settlement, lines } = await dayPaidOutWith('2024-12-01', () => ({}));
    expect(lines).toEqual([line(b, 2500, 103), line(a, 4999, 175)]);
    expect(settlement.amountMinor).toBe(2397 + 4824);
  });

  it('dropPayment leaves that payment out', async () => {
    const { b, settlement, lines } = await dayPaidOutWith('2024-12-02', (a) => ({ dropPayment: a.paymentIntentId }));
    expect(lines).toEqual([line(b, 2500, 103)]);
    expect(settlement.amountMinor).toBe(2397);
  });

  it('changeAmount changes that payment’s gross and net, not its fee', async () => {
    const { a, b, settlement, lines } = await dayPaidOutWith('2024-12-03', (a) => ({ changeAmount: { paymentId: a.paymentIntentId, byMinor: -300 } }));
    expect(lines).toEqual([line(b, 2500, 103), { ...line(a, 4699, 175), netMinor: 4524 }]);
    expect(settlement.amountMinor).toBe(2397 + 4524);
  });

  it('settleTwice pays that payment twice, under two line ids', async () => {
    const { a, b, settlement, lines } = await dayPaidOutWith('2024-12-04', (a) => ({ settleTwice: a.paymentIntentId }));
    expect(lines).toEqual([line(b, 2500, 103), line(a, 4999, 175), line(a, 4999, 175)]);
    const ids = settlement.lines.filter((entry) => entry.paymentId === a.paymentIntentId).map((entry) => entry.lineId);
    expect(new Set(ids).size).toBe(2);
    expect(settlement.amountMinor).toBe(2397 + 2 * 4824);
  });

  it('unknownFee takes a fee no payment explains', async () => {
    const { a, b, settlement, lines } = await dayPaidOutWith('2024-12-05', () => ({ unknownFee: { amountMinor: 250 } }));
    expect(lines).toEqual([{ kind: 'fee', paymentId: null, grossMinor: -250, feeMinor: 0, netMinor: -250 }, line(b, 2500, 103), line(a, 4999, 175)]);
    expect(settlement.lines[0]).toMatchObject({ refundId: null, disputeId: null, orderId: null, occurredAt: '2024-12-05T23:59:59.000Z' });
    expect(settlement.amountMinor).toBe(2397 + 4824 - 250);
  });

  it('refuses a knob naming a payment the day did not pay, and pays nothing out for it', async () => {
    clock.set('2024-12-06T08:00:00Z');
    const other = await paidOrder(stripe.adapter, stripe.sandbox, 999);
    const answer = await payDay(stripe.sandbox, '2024-12-07', { discrepancies: { dropPayment: other.paymentIntentId } });
    expect(answer).toMatchObject({ status: 400, body: { error: { param: 'discrepancies.dropPayment', code: 'PAYOUT.DISCREPANCY_NOT_APPLICABLE' } } });
    await expect(stripe.adapter.listSettlements({ date: '2024-12-07' })).resolves.toEqual([]);
  });
});

describe('Stripe payouts over more than one page', () => {
  const clock = movableClock('2024-12-10T08:00:00Z');
  const stripe = stripeHarness({ runtime: clock.runtime, listPageSize: 2 });

  it('reads every payout and every balance transaction, page after page, as one read of a single page would', async () => {
    const usd: PaidOrder[] = [];
    for (const [index, amount] of [1000, 2000, 3000, 4000, 5000].entries()) {
      clock.set(`2024-12-10T08:0${index}:00Z`);
      usd.push(await paidOrder(stripe.adapter, stripe.sandbox, amount));
    }
    clock.set('2024-12-10T09:00:00Z');
    await stripe.adapter.refund({ providerReference: usd[0].paymentIntentId, amountMinor: 400, currency: 'USD', orderId: usd[0].orderId, refundId: 'rf_p', idempotencyKey: 'refund-rf_p' });
    await paidOrder(stripe.adapter, stripe.sandbox, 1500, 'EUR');
    await paidOrder(stripe.adapter, stripe.sandbox, 50_000, 'INR');
    expect((await payDay(stripe.sandbox, '2024-12-10')).body.payouts).toHaveLength(3);

    const firstPage = await stripeCall<{ has_more: boolean; data: unknown[] }>(stripe.sandbox, 'GET', '/v1/payouts?limit=2&arrival_date[gte]=1733788800');
    expect(firstPage.body).toMatchObject({ has_more: true, data: [expect.anything(), expect.anything()] });

    const paged = byCurrency(await stripe.adapter.listSettlements({ date: '2024-12-10' }));
    const whole = byCurrency(await adapterFor(stripe.sandbox, [TEST_WEBHOOK_SECRET], { now: clock.runtime.now }).listSettlements({ date: '2024-12-10' }));
    expect(paged).toEqual(whole);
    expect(paged.map((settlement) => [settlement.currency, settlement.lines.length])).toEqual([['EUR', 1], ['INR', 1], ['USD', 6]]);
    expect(new Set(paged[2].lines.map((entry) => entry.lineId)).size).toBe(6);
    expect(paged.every((settlement) => netOf(settlement) === settlement.amountMinor)).toBe(true);
  });
});
