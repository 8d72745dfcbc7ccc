import { randomUUID } from 'node:crypto';
import {
  Envelope, SubscriptionCheckoutOpened, SubscriptionPaymentFailed, SubscriptionPaymentSucceeded, SubscriptionStatusReported, Topics, buildMessage,
} from '@payments/contracts';
import { eventually } from '@payments/testing';
import { OrderLedgerUnderTest, startOrderLedger } from '../order-ledger-app.fixture';

const origin = { correlationId: 'subscriptions-int', causationId: null };
const occurredAt = new Date('2026-12-02T10:00:00.000Z');
const AMOUNT = 1180;

const opened = (subscriptionId: string): Envelope => buildMessage(SubscriptionCheckoutOpened, {
  key: subscriptionId, origin, occurredAt,
  payload: {
    subscriptionId, userId: 'user-sub', planId: 'plan-pro-monthly', interval: 'month', amountMinor: AMOUNT, currency: 'USD',
    breakdown: { subtotalMinor: 1000, discountMinor: 0, taxMinor: 180, totalMinor: AMOUNT }, provider: 'stripe', providerReference: `cs_${subscriptionId}`,
  },
});

const paid = (subscriptionId: string, n: number, paidAt = new Date(Date.UTC(2026, n, 1, 0, 5)).toISOString()): Envelope => buildMessage(SubscriptionPaymentSucceeded, {
  key: subscriptionId, origin, occurredAt,
  payload: {
    subscriptionId, provider: 'stripe', providerEventId: `evt_paid_${n}_${subscriptionId}`, providerSubscriptionId: 'sub_1', providerPaymentId: `in_${n}_${subscriptionId}`,
    amountMinor: AMOUNT, currency: 'USD', periodStart: new Date(Date.UTC(2026, n, 1)).toISOString(), periodEnd: new Date(Date.UTC(2026, n + 1, 1)).toISOString(),
    billingReason: n === 0 ? 'create' : 'cycle', paidAt,
  },
});

const failed = (subscriptionId: string, n: number): Envelope => buildMessage(SubscriptionPaymentFailed, {
  key: subscriptionId, origin, occurredAt,
  payload: {
    subscriptionId, provider: 'stripe', providerEventId: `evt_failed_${n}_${subscriptionId}`, providerSubscriptionId: 'sub_1', providerPaymentId: `in_${n}_${subscriptionId}`,
    reason: 'card_declined', failedAt: new Date(Date.UTC(2026, n, 1, 0, 1)).toISOString(),
  },
});

const reported = (subscriptionId: string, id: string, reportedAt: string, status: 'active' | 'past_due' | 'ended', cancelAtPeriodEnd: boolean): Envelope =>
  buildMessage(SubscriptionStatusReported, {
    key: subscriptionId, origin, occurredAt,
    payload: { subscriptionId, provider: 'stripe', providerEventId: `${id}_${subscriptionId}`, providerSubscriptionId: 'sub_1', status, cancelAtPeriodEnd, reportedAt },
  });

describe('order-ledger: subscriptions', () => {
  let ledger: OrderLedgerUnderTest;

  beforeAll(async () => {
    ledger = await startOrderLedger({});
  });

  afterAll(async () => {
    await ledger?.stop();
  });

  const typesAbout = (subscriptionId: string) => ledger.aboutSubscription(subscriptionId).map((m) => m.type);
  const journals = async (subscriptionId: string) =>
    (await ledger.db.query(`SELECT journal_id, sum(amount_minor)::int AS total FROM order_ledger.ledger_postings WHERE order_id = $1 GROUP BY journal_id ORDER BY journal_id`, [subscriptionId])).rows;
  const invoices = async (subscriptionId: string) =>
    (await ledger.db.query(`SELECT invoice_number, provider_payment_id, amount_minor::int AS amount FROM order_ledger.invoices WHERE subscription_id = $1 ORDER BY invoice_number`, [subscriptionId])).rows;

  it('subscribe, two renewals, a failed renewal, recovery, cancel at period end, ended: each period booked and invoiced once', async () => {
    const id = randomUUID();
    await ledger.kafka.publish(Topics.checkoutEvents, [opened(id)]);
    await ledger.kafka.publish(Topics.providerEvents, [paid(id, 0), paid(id, 1), paid(id, 1), failed(id, 2)]);
    await eventually(async () => (typesAbout(id).includes('SubscriptionPastDue') ? true : undefined), 30_000, 'past due');
    await ledger.kafka.publish(Topics.providerEvents, [
      paid(id, 2, '2026-03-03T00:00:00.000Z'),
      reported(id, 'evt_cancel', '2026-03-10T00:00:00.000Z', 'active', true),
      reported(id, 'evt_end', '2026-04-01T00:00:00.000Z', 'ended', true),
    ]);
    await eventually(async () => (typesAbout(id).includes('SubscriptionEnded') ? true : undefined), 30_000, 'ended');

    expect(typesAbout(id)).toEqual([
      'SubscriptionPlaced', 'SubscriptionPeriodPaid', 'SubscriptionPeriodPaid', 'SubscriptionPastDue', 'SubscriptionPeriodPaid', 'SubscriptionCancellationScheduled', 'SubscriptionEnded',
    ]);
    const periods = ledger.aboutSubscription(id).filter((m) => m.type === 'SubscriptionPeriodPaid').map((m) => m.payload as { periodEnd: string; periodsPaid: number; invoiceNumber: string });
    expect(periods.map((p) => [p.periodEnd, p.periodsPaid])).toEqual([['2026-02-01T00:00:00.000Z', 1], ['2026-03-01T00:00:00.000Z', 2], ['2026-04-01T00:00:00.000Z', 3]]);
    expect(ledger.aboutSubscription(id).find((m) => m.type === 'SubscriptionCancellationScheduled')?.payload).toMatchObject({ scheduled: true, endsAt: '2026-04-01T00:00:00.000Z' });
    expect((await journals(id)).map((row) => row.total)).toEqual([0, 0, 0]);
    const issued = await invoices(id);
    expect(issued.map((row) => row.provider_payment_id)).toEqual([`in_0_${id}`, `in_1_${id}`, `in_2_${id}`]);
    expect(new Set(issued.map((row) => row.invoice_number)).size).toBe(3);
    expect(periods.map((p) => p.invoiceNumber).sort()).toEqual(issued.map((row) => row.invoice_number).sort());
  });

  it('facts before the checkout, the end before the last payment: the same end state, nothing dead-lettered', async () => {
    const id = randomUUID();
    await ledger.kafka.publish(Topics.providerEvents, [reported(id, 'evt_end', '2026-03-01T00:00:00.000Z', 'ended', false), paid(id, 1), paid(id, 0)]);
    await ledger.kafka.publish(Topics.checkoutEvents, [opened(id)]);
    await eventually(async () => (typesAbout(id).includes('SubscriptionEnded') ? true : undefined), 30_000, 'ended');
    await eventually(async () => ((await invoices(id)).length === 2 ? true : undefined), 10_000, 'both periods invoiced');
    expect(typesAbout(id).filter((type) => type === 'SubscriptionPeriodPaid')).toHaveLength(2);
    expect(typesAbout(id).filter((type) => type === 'SubscriptionEnded')).toHaveLength(1);
    const { rows } = await ledger.db.query(`SELECT type FROM order_ledger.events WHERE stream_id = $1 ORDER BY stream_version`, [`subscription-${id}`]);
    expect(rows.map((row) => row.type)).toEqual([
      'SubscriptionFactReceivedEarly', 'SubscriptionFactReceivedEarly', 'SubscriptionFactReceivedEarly',
      'SubscriptionPlaced', 'SubscriptionStatusReported', 'SubscriptionPeriodPaid', 'SubscriptionPeriodPaid',
    ]);
    const parked = await ledger.db.query(`SELECT count(*)::int AS n FROM order_ledger.parked_messages`);
    expect(parked.rows[0].n).toBe(0);
  });
});
