import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { ReconciliationDiscrepancyFoundV1, SettlementDayReconciledV1, SettlementFetchRequestedV1, SettlementLineV1, SettlementV1 } from '@payments/contracts';
import { Topics } from '@payments/contracts';
import { TopicTail, eventually } from '@payments/testing';
import { OrderLedgerUnderTest, startOrderLedger } from '../order-ledger-app.fixture';
import { ReportDiscrepancy, SettlementDayReport } from './domain/settlement-day-report';
import { ReconciliationProbe, daysAgo, paidOrderMessages, refundMessages, reportParts, settlementPaid } from './reconciliation-messages.fixture';

process.env.LOG_LEVEL ??= 'error';
/** The internal endpoints ask for it as in production (the guard reads it at start); removed after. */
const INTERNAL_TOKEN = 'reconciliation-tests-internal-api-token-0123456789';
const ROOT = resolve(__dirname, '../../../..');

/** A Stripe line of `date` (amounts in USD cents); the net is worked out. */
function lineOn(date: string, kind: SettlementLineV1['kind'], fields: Partial<SettlementLineV1>): SettlementLineV1 {
  const base = { lineId: `txn_${randomUUID()}`, paymentId: null, refundId: null, disputeId: null, orderId: null, currency: 'USD', grossMinor: 0, feeMinor: 0, taxOnFeeMinor: 0, ...fields };
  return { ...base, kind, netMinor: base.grossMinor - base.feeMinor - base.taxOnFeeMinor, occurredAt: `${date}T12:00:00.000Z` };
}

function paidSettlement(settlementId: string, date: string, lines: readonly SettlementLineV1[]): SettlementV1 {
  const amountMinor = lines.reduce((sum, each) => sum + each.netMinor, 0);
  return { settlementId, currency: 'USD', amountMinor, status: 'paid', paid: true, settledAt: `${date}T20:00:00.000Z`, bankReference: `trace-${settlementId}`, lines };
}

/** `npm run reconcile -- <args>` against the order-ledger under test. */
function runCli(args: readonly string[], orderLedgerUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'tools', 'reconcile.ts'), ...args], {
      cwd: ROOT, env: { ...process.env, ORDER_LEDGER_URL: orderLedgerUrl, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    }, (error, stdout, stderr) => (error && error.code === undefined ? reject(error) : resolve({ code: child.exitCode, stdout, stderr })));
  });
}

describe('order-ledger reconciles a provider settlement day it asked checkout for', () => {
  let ledger: OrderLedgerUnderTest;
  let tail: TopicTail;
  let probe: ReconciliationProbe;

  beforeAll(async () => {
    process.env.INTERNAL_API_TOKEN = INTERNAL_TOKEN;
    ledger = await startOrderLedger({ RECONCILIATION_SCHEDULE: 'off' });
    tail = await ledger.kafka.tail([Topics.checkoutCommands, Topics.reconciliationEvents]);
    probe = new ReconciliationProbe(ledger, tail);
  });

  afterAll(async () => {
    delete process.env.INTERNAL_API_TOKEN;
    await ledger?.stop();
  });

  /** A Stripe order paid on `date` for `amountMinor`; resolves to its order and payment ids. */
  const paidOn = async (date: string, amountMinor = 1900) => {
    const order = { orderId: randomUUID(), provider: 'stripe' as const, paymentId: `pi_${randomUUID()}`, amountMinor, currency: 'USD', paidAt: `${date}T09:00:00.000Z` };
    await probe.paid(paidOrderMessages(order));
    return order;
  };

  /** A run of `date`, answered with `parts` as checkout would (or its `error`); resolves once it ended. */
  const runAnswered = async (date: string, parts: readonly (readonly SettlementV1[])[], error?: string) => {
    const run = await probe.startRun('stripe', date);
    const request = await probe.fetchRequestOf(run.runId);
    expect(request).toMatchObject({ provider: 'stripe', date });
    await ledger.kafka.publish(Topics.settlementReports, reportParts(request, parts, error));
    return probe.runEnded(run.runId);
  };

  const summaryOf = (runId: string) => eventually(async () => probe.eventsOf('SettlementDayReconciled', runId)[0]?.payload as SettlementDayReconciledV1 | undefined, 30_000, 'SettlementDayReconciled');
  const openOn = (date: string) => probe.json<{ items: ReportDiscrepancy[] }>(`/reconciliation/discrepancies?provider=stripe&date=${date}`);

  it('matches a day in two parts with zero discrepancies, books its fees and payout, and leaves provider clearing at zero', async () => {
    const date = daysAgo(10);
    const [first, second] = [await paidOn(date), await paidOn(date)];
    const refundId = randomUUID();
    await probe.refunded(refundMessages({ orderId: first.orderId, refundId, providerRefundId: `re_${refundId.slice(0, 8)}`, amountMinor: 500, currency: 'USD', at: `${date}T15:00:00.000Z` }));
    const lines = [
      lineOn(date, 'payment', { paymentId: first.paymentId, orderId: first.orderId, grossMinor: 1900, feeMinor: 85 }),
      lineOn(date, 'payment', { paymentId: second.paymentId, orderId: second.orderId, grossMinor: 1900, feeMinor: 85 }),
      lineOn(date, 'refund', { refundId: `re_${refundId.slice(0, 8)}`, paymentId: first.paymentId, grossMinor: -500 }),
    ];
    const payout = paidSettlement(`po_${randomUUID()}`, date, lines);

    const run = await runAnswered(date, [[{ ...payout, lines: lines.slice(0, 2) }], [{ ...payout, lines: lines.slice(2) }]]);
    expect(run).toMatchObject({ status: 'reconciled', matchedLines: 3, journalsBooked: 3, openDiscrepancies: 0 });
    expect(await summaryOf(run.runId)).toMatchObject({ matchedLines: 3, journalsBooked: 3, openDiscrepancies: 0, resolvedDiscrepancies: 0 });
    const dayJournals = [`payment:${first.paymentId}`, `payment:${second.paymentId}`, `refund:${refundId}`, ...lines.slice(0, 2).map((l) => `fee:stripe:${l.lineId}`), `payout:stripe:${payout.settlementId}`];
    expect(await probe.clearing(dayJournals)).toEqual({ USD: 0 });
    expect(await probe.unbalancedJournals()).toEqual([]);
    const { rows: [bank] } = await ledger.db.query(`SELECT sum(amount_minor)::int AS total FROM order_ledger.ledger_postings WHERE journal_id = $1 AND account = 'bank'`, [`payout:stripe:${payout.settlementId}`]);
    expect(bank.total).toBe(1900 * 2 - 85 * 2 - 500);

    const report = await probe.json<SettlementDayReport>(`/reconciliation/stripe/${date}`);
    expect(report.lines.map((l) => l.outcome)).toEqual(['matched', 'matched', 'matched']);
    expect(report.totals).toEqual([{ currency: 'USD', lines: 3, matchedLines: 3, grossMinor: 3300, feeMinor: 170, taxOnFeeMinor: 0, netMinor: 3130, paidOutMinor: 3130 }]);
    const csv = await probe.get(`/reconciliation/stripe/${date}?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n').filter((row) => row.startsWith('line,'))).toHaveLength(3);
  });

  it('books nothing when the same day is run again, and says so', async () => {
    const date = daysAgo(11);
    const order = await paidOn(date);
    const payout = paidSettlement(`po_${randomUUID()}`, date, [lineOn(date, 'payment', { paymentId: order.paymentId, grossMinor: 1900, feeMinor: 85 })]);
    await runAnswered(date, [[payout]]);
    const { rows: [before] } = await ledger.db.query(`SELECT count(*)::int AS n FROM order_ledger.ledger_postings`);

    const again = await runAnswered(date, [[payout]]);
    expect(again).toMatchObject({ status: 'reconciled', matchedLines: 1, journalsBooked: 0, openDiscrepancies: 0 });
    expect(await summaryOf(again.runId)).toMatchObject({ journalsBooked: 0 });
    const { rows: [after] } = await ledger.db.query(`SELECT count(*)::int AS n FROM order_ledger.ledger_postings`);
    expect(after.n).toBe(before.n);
  });

  it('finds every kind of discrepancy exactly once, however often the day is run, and counts them in the metrics', async () => {
    const date = daysAgo(12);
    const [short, foreign, unsettled, twice] = [await paidOn(date), await paidOn(date), await paidOn(date), await paidOn(date)];
    const unknown = `pi_${randomUUID()}`;
    const fee = lineOn(date, 'fee', { grossMinor: -300 });
    const payout = paidSettlement(`po_${randomUUID()}`, date, [
      lineOn(date, 'payment', { paymentId: short.paymentId, grossMinor: 1800 }),
      lineOn(date, 'payment', { paymentId: foreign.paymentId, grossMinor: 1900, currency: 'EUR' }),
      lineOn(date, 'payment', { paymentId: twice.paymentId, grossMinor: 1900 }),
      lineOn(date, 'payment', { paymentId: twice.paymentId, grossMinor: 1900 }),
      lineOn(date, 'payment', { paymentId: unknown, grossMinor: 700 }),
      fee,
    ]);
    const first = await runAnswered(date, [[payout]]);
    const second = await runAnswered(date, [[payout]]);

    const expected = [
      ['amount-mismatch', short.paymentId], ['currency-mismatch', foreign.paymentId], ['missing-at-provider', unsettled.paymentId],
      ['missing-in-ledger', unknown], ['settled-twice', twice.paymentId], ['unexplained-fee', fee.lineId],
    ];
    const found = await eventually(async () => {
      const messages = probe.eventsOf('ReconciliationDiscrepancyFound', first.runId);
      return messages.length === expected.length ? messages.map((m) => m.payload as ReconciliationDiscrepancyFoundV1) : undefined;
    }, 30_000, 'six discrepancies published');
    expect(found.map((d) => [d.kind, d.reference]).sort()).toEqual([...expected].sort());
    expect(found.find((d) => d.kind === 'amount-mismatch')).toMatchObject({ providerMinor: 1800, ledgerMinor: 1900, currency: 'USD', orderId: short.orderId });
    await summaryOf(second.runId);
    expect(probe.eventsOf('ReconciliationDiscrepancyFound', second.runId)).toEqual([]);
    expect(second).toMatchObject({ openDiscrepancies: 6, resolvedDiscrepancies: 0 });
    expect((await openOn(date)).items.map((d) => [d.kind, d.reference]).sort()).toEqual([...expected].sort());
    expect((await probe.json<{ items: ReportDiscrepancy[] }>(`/reconciliation/discrepancies?date=${date}&kind=settled-twice`)).items).toHaveLength(1);

    const metrics = await (await fetch(`${ledger.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/payments_reconciliation_discrepancies_open\{[^}]*provider="stripe"[^}]*kind="unexplained-fee"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/payments_reconciliation_discrepancies_found_total\{[^}]*provider="stripe"[^}]*kind="settled-twice"[^}]*\} 1\n/);
  });

  it('resolves a payment missing in the ledger on the next run once the late payment is booked', async () => {
    const date = daysAgo(13);
    const late = { orderId: randomUUID(), provider: 'stripe' as const, paymentId: `pi_${randomUUID()}`, amountMinor: 2500, currency: 'USD', paidAt: `${date}T23:00:00.000Z` };
    const payout = paidSettlement(`po_${randomUUID()}`, date, [lineOn(date, 'payment', { paymentId: late.paymentId, orderId: late.orderId, grossMinor: 2500, feeMinor: 103 })]);
    const first = await runAnswered(date, [[payout]]);
    expect(first).toMatchObject({ openDiscrepancies: 1 });
    expect((await openOn(date)).items).toEqual([expect.objectContaining({ kind: 'missing-in-ledger', reference: late.paymentId, orderId: late.orderId, status: 'open' })]);

    await probe.paid(paidOrderMessages(late));
    const second = await runAnswered(date, [[payout]]);
    expect(second).toMatchObject({ openDiscrepancies: 0, resolvedDiscrepancies: 1, journalsBooked: 0 });
    const resolved = await eventually(async () => probe.eventsOf('ReconciliationDiscrepancyResolved', second.runId)[0], 30_000, 'ReconciliationDiscrepancyResolved');
    expect(resolved.payload).toMatchObject({ kind: 'missing-in-ledger', reference: late.paymentId, date });
    expect((await openOn(date)).items).toEqual([]);
    expect((await probe.json<{ items: ReportDiscrepancy[] }>(`/reconciliation/discrepancies?date=${date}&status=resolved`)).items).toHaveLength(1);
    expect(await probe.clearing([`payment:${late.paymentId}`, `fee:stripe:${payout.lines[0].lineId}`, `payout:stripe:${payout.settlementId}`])).toEqual({ USD: 0 });
  });

  it('records a run whose fetch the provider refused as failed, and a new run of the day reconciles it', async () => {
    const date = daysAgo(14);
    const failed = await runAnswered(date, [[]], 'PROVIDER.UNAVAILABLE');
    expect(failed).toMatchObject({ status: 'failed', error: 'PROVIDER.UNAVAILABLE', failedAt: expect.any(String), reconciledAt: null });
    const again = await runAnswered(date, [[]]);
    expect(again).toMatchObject({ status: 'reconciled', matchedLines: 0, openDiscrepancies: 0 });
    const report = await probe.json<SettlementDayReport>(`/reconciliation/stripe/${date}`);
    expect(report.runs.map((r) => r.status)).toEqual(['reconciled', 'failed']);
  });

  it('starts one run per provider payout webhook, however often it is delivered', async () => {
    const date = daysAgo(15);
    const eventId = `evt_${randomUUID()}`;
    const deliveries = [settlementPaid('stripe', eventId, date), settlementPaid('stripe', eventId, date)];
    await ledger.kafka.publish(Topics.providerEvents, deliveries);
    await eventually(async () => {
      const { rows } = await ledger.db.query(`SELECT 1 FROM order_ledger.inbox WHERE message_id = ANY($1)`, [deliveries.map((m) => m.id)]);
      return rows.length === 2 ? true : undefined;
    }, 30_000, 'both deliveries applied');
    const runs = await probe.json<{ items: { runId: string; trigger: string; status: string }[] }>(`/reconciliation/runs?provider=stripe&date=${date}`);
    expect(runs.items).toEqual([expect.objectContaining({ trigger: 'settlement-paid', status: 'requested' })]);
    expect(await probe.fetchRequestOf(runs.items[0].runId)).toMatchObject({ provider: 'stripe', date });
  });

  it('runs a day from the command line and prints its report, and refuses a bad argument with a clear message', async () => {
    const date = daysAgo(16);
    const order = await paidOn(date);
    const cli = runCli(['--provider', 'stripe', '--date', date], ledger.baseUrl);
    const request = await eventually(async () => tail.on(Topics.checkoutCommands).map((m) => m.payload as SettlementFetchRequestedV1).find((p) => p.date === date), 30_000, 'the CLI run asked for');
    await ledger.kafka.publish(Topics.settlementReports, reportParts(request, [[paidSettlement(`po_${randomUUID()}`, date, [lineOn(date, 'payment', { paymentId: order.paymentId, grossMinor: 1900, feeMinor: 85 })])]]));
    const done = await cli;
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ provider: 'stripe', date, run: { runId: request.runId, status: 'reconciled' }, discrepancies: [] });

    const listing = await runCli(['discrepancies', '--provider', 'stripe', '--date', date], ledger.baseUrl);
    expect(listing.code).toBe(0);
    expect(JSON.parse(listing.stdout)).toEqual({ items: [] });
    const bad = await runCli(['--provider', 'stripe', '--date', '2026-13-01'], ledger.baseUrl);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--date must be a calendar day as YYYY-MM-DD, got "2026-13-01"') });
    const future = await runCli(['--provider', 'stripe', '--date', daysAgo(-3)], ledger.baseUrl);
    expect(future).toMatchObject({ code: 2, stderr: expect.stringContaining('is in the future') });
  });

  it('answers a bad provider, date, filter or unknown day with a clear 400 or 404', async () => {
    const refused = async (response: Promise<Response>, status: number, code: string, message: RegExp) => {
      const answer = await response;
      expect(answer.status).toBe(status);
      expect(await answer.json()).toEqual({ statusCode: status, code, message: expect.stringMatching(message) });
    };
    await refused(probe.post('/reconciliation/runs', { provider: 'paypal', date: daysAgo(1) }), 400, 'RECONCILIATION.INVALID_PROVIDER', /stripe, cashfree/);
    await refused(probe.post('/reconciliation/runs', { provider: 'stripe', date: '2026-02-30' }), 400, 'RECONCILIATION.INVALID_DATE', /YYYY-MM-DD/);
    await refused(probe.post('/reconciliation/runs', { provider: 'stripe', date: daysAgo(-2) }), 400, 'RECONCILIATION.INVALID_DATE', /future/);
    await refused(probe.get(`/reconciliation/paypal/${daysAgo(1)}`), 400, 'RECONCILIATION.INVALID_PROVIDER', /provider must be/);
    await refused(probe.get(`/reconciliation/stripe/yesterday`), 400, 'RECONCILIATION.INVALID_DATE', /YYYY-MM-DD/);
    await refused(probe.get(`/reconciliation/stripe/${daysAgo(400)}`), 404, 'RECONCILIATION.NOT_FOUND', /no reconciliation run/);
    await refused(probe.get(`/reconciliation/stripe/${daysAgo(10)}?format=xml`), 400, 'RECONCILIATION.INVALID_QUERY', /json or csv/);
    await refused(probe.get(`/reconciliation/discrepancies?kind=typo`), 400, 'RECONCILIATION.INVALID_QUERY', /kind must be one of/);
    await refused(probe.get(`/reconciliation/runs/not-a-uuid`), 400, 'RECONCILIATION.INVALID_QUERY', /UUID/);
    await refused(probe.get(`/reconciliation/runs/${randomUUID()}`), 404, 'RECONCILIATION.NOT_FOUND', /no reconciliation run/);
    const anonymous = await fetch(`${ledger.baseUrl}/reconciliation/discrepancies`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'INTERNAL_API.UNAUTHORIZED' } });
  });
});
