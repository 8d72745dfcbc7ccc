import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { DisputeReported, ProviderName, Topics, buildMessage } from '@payments/contracts';
import { cashfreeAdapterConfigFrom, stripeApiTarget } from '@payments/nest-runtime';
import { CashfreeAdapter, PaymentProviderPort, StripeAdapter } from '@payments/providers';
import {
  SandboxProcess, TestDatabase, TopicTail, eventually, kafkaBrokers, spawnAppProcess, startSandboxProcess, testDatabase, uniqueName,
} from '@payments/testing';
import { OrderLedgerUnderTest, startOrderLedger } from '../order-ledger-app.fixture';
import { SettlementDayReport } from './domain/settlement-day-report';
import { ReconciliationProbe, daysAgo, paidOrderMessages, refundMessages } from './reconciliation-messages.fixture';

process.env.LOG_LEVEL ??= 'error';
const ROOT = resolve(__dirname, '../../../..');
const SANDBOX_PORT = 16040;
const CHECKOUT_PORT = 16042;
/**
 * The sandbox numbers Cashfree's ids from one counter per process, and other tests' Cashfree payments
 * stay in the shared broker's history (later systems replay it): this test's are numbered past theirs.
 */
const CASHFREE_IDS_TO_SKIP = 200;

/** Checkout as its own process (an app may not import another), consuming checkout.commands in a group of its own. */
async function startCheckout(sandbox: SandboxProcess, databaseUrl: string, groupId: string): Promise<ChildProcess> {
  const env = {
    PATH: process.env.PATH, HOME: process.env.HOME, ...sandbox.secrets, DATABASE_URL: databaseUrl, KAFKA_BROKERS: kafkaBrokers().join(','),
    STRIPE_API_URL: sandbox.url, CASHFREE_API_URL: `${sandbox.url}/cashfree/pg`, CHECKOUT_PORT: String(CHECKOUT_PORT), CHECKOUT_CONSUMER_GROUP: groupId,
    CHECKOUT_ORDER_ID_SECRET: 'reconciliation-tests-order-id-secret-0123456789', LOG_LEVEL: 'warn',
  };
  const child = spawnAppProcess('checkout', env, join(ROOT, 'tmp', 'int-logs', `checkout-${CHECKOUT_PORT}.log`));
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`checkout exited with ${child.exitCode} (see tmp/int-logs)`);
    return (await fetch(`http://127.0.0.1:${CHECKOUT_PORT}/health/ready`).catch(() => undefined))?.ok ? true : undefined;
  }, 90_000, 'checkout ready');
  return child;
}

async function stopped(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function control(sandbox: SandboxProcess, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

describe('a settlement day reconciled end to end: order-ledger asks, checkout fetches through the real adapters from the sandbox', () => {
  let ledger: OrderLedgerUnderTest;
  let tail: TopicTail;
  let probe: ReconciliationProbe;
  let sandbox: SandboxProcess;
  let checkoutDatabase: TestDatabase;
  let checkout: ChildProcess | undefined;
  let adapters: Record<ProviderName, PaymentProviderPort>;

  beforeAll(async () => {
    ledger = await startOrderLedger({ RECONCILIATION_SCHEDULE: 'off' });
    tail = await ledger.kafka.tail([Topics.checkoutCommands, Topics.reconciliationEvents, Topics.settlementReports]);
    probe = new ReconciliationProbe(ledger, tail);
    [sandbox, checkoutDatabase] = await Promise.all([startSandboxProcess({ port: SANDBOX_PORT }), testDatabase('checkout_reconciliation')]);
    const groupId = uniqueName('checkout_reconciliation');
    await ledger.kafka.startGroupAtEnd(groupId, [Topics.checkoutCommands]);
    checkout = await startCheckout(sandbox, checkoutDatabase.url, groupId);
    const env = { ...sandbox.secrets, STRIPE_API_URL: sandbox.url, CASHFREE_API_URL: `${sandbox.url}/cashfree/pg` };
    adapters = {
      stripe: new StripeAdapter({ secretKey: sandbox.secrets.STRIPE_SECRET_KEY, webhookSecrets: [], ...stripeApiTarget(env) }),
      cashfree: new CashfreeAdapter(cashfreeAdapterConfigFrom(env) as NonNullable<ReturnType<typeof cashfreeAdapterConfigFrom>>),
    };
    for (let i = 0; i < CASHFREE_IDS_TO_SKIP; i += 1) await openCheckout('cashfree', randomUUID(), 100);
  });

  afterAll(async () => {
    await stopped(checkout);
    await sandbox?.stop();
    await checkoutDatabase?.drop();
    await ledger?.stop();
  });

  /** An order opened through the adapter, paid at the sandbox, and reported to order-ledger as paid; resolves to what the ledger booked. */
  const currencyOf = (provider: ProviderName) => (provider === 'stripe' ? 'USD' : 'INR');
  const openCheckout = (provider: ProviderName, orderId: string, amountMinor: number) => adapters[provider].openCheckout({
    orderId, amountMinor, currency: currencyOf(provider), customerId: 'user-reconciliation', customerEmail: 'finance@example.com',
    description: 'TypeScript 101 x 1', idempotencyKey: `order-${orderId}-open`,
  });

  async function paidOrder(provider: ProviderName, amountMinor: number) {
    const orderId = randomUUID();
    const currency = currencyOf(provider);
    const opened = await openCheckout(provider, orderId, amountMinor);
    const paid = provider === 'stripe'
      ? { paymentId: opened.providerReference, ...(await control(sandbox, `/_sandbox/stripe/payment_intents/${opened.providerReference}/pay`, {})) }
      : { paymentId: ((await control(sandbox, `/_sandbox/cashfree/orders/${orderId}/pay`, { paymentMethod: 'netbanking' })) as { payment: { cf_payment_id: string } }).payment.cf_payment_id };
    const order = { orderId, provider, paymentId: paid.paymentId, amountMinor, currency, paidAt: new Date().toISOString() };
    await probe.paid(paidOrderMessages(order));
    return order;
  }

  /** Part of a paid order refunded at the provider (processed, for Cashfree), and the outcome reported to order-ledger. */
  async function refunded(order: Awaited<ReturnType<typeof paidOrder>>, amountMinor: number) {
    const refundId = randomUUID();
    const providerReference = order.provider === 'stripe' ? order.paymentId : order.orderId;
    const { providerRefundId } = await adapters[order.provider].refund({
      providerReference, amountMinor, currency: order.currency, orderId: order.orderId, refundId, idempotencyKey: `refund-${refundId}`,
    });
    if (order.provider === 'cashfree') await control(sandbox, `/_sandbox/cashfree/orders/${order.orderId}/refunds/${refundId}/succeed`, {});
    await probe.refunded(refundMessages({ ...order, refundId, providerRefundId, amountMinor, at: new Date().toISOString() }));
    return { refundId, providerRefundId };
  }

  const journalsOf = async (runId: string): Promise<string[]> => {
    const { rows } = await ledger.db.query<{ journal_id: string }>(`SELECT DISTINCT journal_id FROM order_ledger.settled_lines WHERE run_id = $1 AND journal_id IS NOT NULL
      UNION SELECT journal_id FROM order_ledger.settled_payouts WHERE run_id = $1 AND journal_id IS NOT NULL`, [runId]);
    return rows.map((row) => row.journal_id).sort();
  };

  it.each([
    ['stripe', '/_sandbox/stripe/payouts', 'USD', 4999] as const,
    ['cashfree', '/_sandbox/cashfree/settlements', 'INR', 240_000] as const,
  ])('reconciles a %s day with zero discrepancies, books its fees and payout once, and leaves provider clearing at zero', async (provider, payOutPath, currency, amountMinor) => {
    const today = daysAgo(0);
    const [first, second] = [await paidOrder(provider, amountMinor), await paidOrder(provider, amountMinor)];
    const refund = await refunded(first, 1000);
    await control(sandbox, payOutPath, { date: today });

    const run = await probe.startRun(provider, today);
    const ended = await probe.runEnded(run.runId);
    expect(ended).toMatchObject({ status: 'reconciled', matchedLines: 3, openDiscrepancies: 0 });
    // order-ledger may read checkout's report before this test's own reader does.
    const reports = () => tail.on(Topics.settlementReports).filter((m) => (m.payload as { runId: string }).runId === run.runId);
    await eventually(async () => (reports().length > 0 ? true : undefined), 30_000, "checkout's settlement report on the topic");
    expect(reports()).toHaveLength(1);
    const booked = await journalsOf(run.runId);
    expect(booked.filter((id) => id.startsWith('payout:'))).toHaveLength(1);
    expect(booked.filter((id) => id.startsWith(`fee:${provider}:`))).toHaveLength(2);
    expect(ended.journalsBooked).toBe(booked.length);
    const journals = [...booked, `payment:${first.paymentId}`, `payment:${second.paymentId}`, `refund:${refund.refundId}`];
    expect(await probe.clearing(journals)).toEqual({ [currency]: 0 });
    expect(await probe.unbalancedJournals()).toEqual([]);

    const again = await probe.runEnded((await probe.startRun(provider, today)).runId);
    expect(again).toMatchObject({ status: 'reconciled', matchedLines: 3, journalsBooked: 0, openDiscrepancies: 0 });
  });

  it('records a run failed when the provider cannot be reached, and a run of the day once it is back reconciles it', async () => {
    const yesterday = daysAgo(1);
    await sandbox.stop();
    const failed = await probe.runEnded((await probe.startRun('stripe', yesterday)).runId);
    expect(failed).toMatchObject({ status: 'failed', error: 'PROVIDER.UNAVAILABLE' });

    sandbox = await startSandboxProcess({ port: SANDBOX_PORT });
    const again = await probe.runEnded((await probe.startRun('stripe', yesterday)).runId);
    expect(again).toMatchObject({ status: 'reconciled', matchedLines: 0, openDiscrepancies: 0 });
  });

  it('matches a dispute withdrawal against the dispute journal and books its fee once, whoever booked it first', async () => {
    // The sandbox restarted above knows nothing of the day so far: this payment and dispute are all it pays out.
    const today = daysAgo(0);
    const order = await paidOrder('stripe', 2500);
    const dispute = (await control(sandbox, `/_sandbox/stripe/payment_intents/${order.paymentId}/dispute`, {})).dispute as { id: string; balance_transactions: { fee: number }[] };
    const feeMinor = dispute.balance_transactions[0].fee;
    await ledger.kafka.publish(Topics.providerEvents, [buildMessage(DisputeReported, {
      key: order.paymentId, origin: { correlationId: 'reconciliation-dispute-test' }, occurredAt: new Date(),
      payload: {
        provider: 'stripe', providerEventId: `evt_${randomUUID()}`, disputeId: dispute.id, providerPaymentId: order.paymentId, stage: 'opened', status: 'needs_response',
        amountMinor: 2500, currency: 'USD', feeMinor, inquiry: false, reportedAt: new Date().toISOString(),
      },
    })]);
    await eventually(async () => ((await probe.clearing([`dispute:${dispute.id}:withdrawn`])).USD === -2500 ? true : undefined), 30_000, 'the withdrawal booked');
    await control(sandbox, '/_sandbox/stripe/payouts', { date: today });

    const run = await probe.runEnded((await probe.startRun('stripe', today)).runId);
    const report = await probe.json<SettlementDayReport>(`/reconciliation/stripe/${today}`);
    expect(report.run.runId).toBe(run.runId);
    expect(report.lines.map((line) => [line.kind, line.reference, line.outcome])).toEqual(expect.arrayContaining([
      ['payment', order.paymentId, 'matched'], ['dispute', dispute.id, 'matched'],
    ]));
    expect(report.discrepancies.filter((d) => d.status === 'open' && [order.paymentId, dispute.id, `dispute-fee:${dispute.id}`].includes(d.reference))).toEqual([]);
    const { rows } = await ledger.db.query(`SELECT count(*)::int AS n FROM order_ledger.ledger_postings WHERE journal_id = $1 AND account = 'provider_fees'`, [`dispute-fee:${dispute.id}`]);
    expect(rows[0].n).toBe(1);
    const paymentFee = report.lines.find((line) => line.reference === order.paymentId)?.journalId as string;
    const journals = [`payment:${order.paymentId}`, paymentFee, `dispute:${dispute.id}:withdrawn`, `dispute-fee:${dispute.id}`, report.settlements[0].journalId as string];
    expect(await probe.clearing(journals)).toEqual({ USD: 0 });
  });
});
