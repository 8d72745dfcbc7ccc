import { randomUUID } from 'node:crypto';
import { ProviderName, Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, TopicRecorder, bearerFor, messagesAbout, openCheckout, sandboxControl, startE2eSystem, topicRecorder } from './e2e-system';
import { Answer, TRUSTING_LOCAL_PROXY, call, newUser } from './gateway-http.fixture';

/*
 * A provider's settlement day through the running system: buyers pay through the gateway and the
 * sandbox, admins refund through the gateway, the buyers' banks dispute at the sandbox, the sandbox
 * pays the day out, and an admin reconciles it through the gateway's admin API.
 */

interface Run {
  runId: string; status: string; matchedLines: number | null; journalsBooked: number | null; openDiscrepancies: number | null; error: string | null;
}
interface Discrepancy { discrepancyId: string; kind: string; reference: string; orderId: string | null; providerMinor: number | null; ledgerMinor: number | null; status: string }
interface DayReport {
  run: Run;
  lines: { kind: string; reference: string; outcome: string; journalId: string | null; feeMinor: number }[];
  settlements: { settlementId: string; journalId: string | null; paid: boolean; amountMinor: number }[];
  discrepancies: Discrepancy[];
}
interface Paid { provider: ProviderName; orderId: string; userId: string; paymentId: string; amountMinor: number }

const today = () => new Date().toISOString().slice(0, 10);
const CURRENCY: Record<ProviderName, string> = { stripe: 'USD', cashfree: 'INR' };

function expectStatus(answer: Answer, status: number): Answer {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text}`);
  return answer;
}

/** The system under test, and what the tests do to it through its public doors. */
function settlementDay(e2e: () => E2eSystem, adminToken: () => string) {
  const summary = async (orderId: string) =>
    (await e2e().db.query(`SELECT status, refunded_minor, dispute_status FROM order_ledger.order_summaries WHERE order_id = $1`, [orderId])).rows[0] as
      { status: string; refunded_minor: string; dispute_status: string | null } | undefined;

  const until = (orderId: string, what: string, test: (row: NonNullable<Awaited<ReturnType<typeof summary>>>) => boolean) =>
    eventually(async () => {
      const row = await summary(orderId);
      return row && test(row) ? row : undefined;
    }, 60_000, `order ${orderId}: ${what}`);

  /** A course bought through the gateway and paid at the provider the moment checkout answers. */
  async function paid(provider: ProviderName, method: 'upi' | 'netbanking' = 'upi'): Promise<Paid> {
    const userId = newUser();
    const opened = await openCheckout<{ orderId: string; amountMinor: number; payment: { providerReference: string } }>(
      await bearerFor(userId), { productId: 'course-typescript-101', currency: CURRENCY[provider] },
    );
    if (opened.status !== 201) throw new Error(`checkout answered ${opened.status}`);
    const { orderId, amountMinor } = opened.body;
    const paymentId = provider === 'stripe'
      ? (await sandboxControl<{ id: string }>(`/_sandbox/stripe/payment_intents/${opened.body.payment.providerReference}/pay`), opened.body.payment.providerReference)
      : (await sandboxControl<{ payment: { cf_payment_id: string | number } }>(`/_sandbox/cashfree/orders/${orderId}/pay`, { paymentMethod: method })).payment.cf_payment_id.toString();
    await until(orderId, 'paid', (row) => row.status === 'Paid');
    return { provider, orderId, userId, paymentId, amountMinor };
  }

  /** An admin refunds through the gateway; a Cashfree refund is then processed by the bank. */
  async function refunded(order: Paid, amountMinor: number): Promise<string> {
    const asked = expectStatus(await call('POST', `/api/orders/${order.orderId}/refunds`, {
      token: adminToken(), key: randomUUID(), body: { amountMinor, reason: 'asked within 14 days' },
    }), 202);
    const refundId = asked.body.refundId as string;
    if (order.provider === 'cashfree') {
      await eventually(async () => {
        const response = await fetch(`${E2E_URLS.sandbox}/_sandbox/cashfree/orders/${order.orderId}/refunds/${refundId}/succeed`, { method: 'POST' });
        return response.status === 200 ? true : undefined;
      }, 60_000, 'the refund at Cashfree');
    }
    return refundId;
  }

  /** The buyer's bank disputes the whole payment and decides it lost. */
  async function lostDispute(order: Paid): Promise<string> {
    const disputeId = order.provider === 'stripe'
      ? (await sandboxControl<{ dispute: { id: string } }>(`/_sandbox/stripe/payment_intents/${order.paymentId}/dispute`)).dispute.id
      : String((await sandboxControl<{ dispute: { dispute_id: string | number } }>(`/_sandbox/cashfree/orders/${order.orderId}/dispute`)).dispute.dispute_id);
    await until(order.orderId, 'disputed', (row) => row.dispute_status === 'opened');
    await sandboxControl(order.provider === 'stripe' ? `/_sandbox/stripe/disputes/${disputeId}/resolve` : `/_sandbox/cashfree/disputes/${disputeId}/resolve`, { outcome: 'lost' });
    await until(order.orderId, 'dispute lost', (row) => row.dispute_status === 'lost');
    return disputeId;
  }

  async function payOut(provider: ProviderName, discrepancies?: unknown): Promise<void> {
    await sandboxControl(provider === 'stripe' ? '/_sandbox/stripe/payouts' : '/_sandbox/cashfree/settlements', { date: today(), ...(discrepancies ? { discrepancies } : {}) });
  }

  /** An admin reconciles the day through the gateway and follows the run to its end. */
  async function reconciled(provider: ProviderName): Promise<Run> {
    const started = expectStatus(await call('POST', '/api/admin/reconciliation/runs', { token: adminToken(), key: randomUUID(), body: { provider, date: today() } }), 202);
    const { runId } = started.body as unknown as Run;
    return eventually(async () => {
      const run = (await call('GET', `/api/admin/reconciliation/runs/${runId}`, { token: adminToken() })).body as unknown as Run;
      return run.status === 'reconciled' || run.status === 'failed' ? run : undefined;
    }, 90_000, `reconciliation run ${runId}`);
  }

  const report = async (provider: ProviderName) =>
    expectStatus(await call('GET', `/api/admin/reconciliation/reports/${provider}/${today()}`, { token: adminToken() }), 200).body as unknown as DayReport;

  const openDiscrepancies = async (provider: ProviderName) =>
    (expectStatus(await call('GET', `/api/admin/reconciliation/discrepancies?provider=${provider}&date=${today()}`, { token: adminToken() }), 200).body as unknown as { items: Discrepancy[] }).items;

  /** provider_clearing per currency over the whole ledger (this system's database holds only this test's orders). */
  const clearing = async () => Object.fromEntries((await e2e().db.query(
    `SELECT currency, sum(amount_minor)::bigint AS total FROM order_ledger.ledger_postings WHERE account = 'provider_clearing' GROUP BY currency ORDER BY currency`,
  )).rows.map((row: { currency: string; total: string }) => [row.currency, Number(row.total)]));

  /** Journals whose postings do not sum to zero, and currencies whose books do not. */
  const unbalanced = async () => (await e2e().db.query(
    `SELECT journal_id AS what FROM order_ledger.ledger_postings GROUP BY journal_id, currency HAVING sum(amount_minor) <> 0
     UNION ALL SELECT currency FROM order_ledger.ledger_postings GROUP BY currency HAVING sum(amount_minor) <> 0`,
  )).rows.map((row: { what: string }) => row.what);

  /** Every run this system made (the admin's, and those the payout webhooks started): the broker also holds other systems' messages. */
  const runIds = async () => new Set((expectStatus(await call('GET', '/api/admin/reconciliation/runs?limit=500', { token: adminToken() }), 200).body as unknown as { items: Run[] }).items.map((run) => run.runId));

  const postings = async () => Number((await e2e().db.query(`SELECT count(*) AS n FROM order_ledger.ledger_postings`)).rows[0].n);

  return { paid, refunded, lostDispute, payOut, reconciled, report, openDiscrepancies, clearing, unbalanced, postings, runIds };
}

describe('a settlement day on both providers, reconciled through the gateway', () => {
  let e2e: E2eSystem;
  let recorder: TopicRecorder;
  let admin: string;
  const day = settlementDay(() => e2e, () => admin);
  const orders: Record<ProviderName, { partial: Paid; full: Paid; disputed: Paid; plain?: Paid }> = {} as never;

  beforeAll(async () => {
    e2e = await startE2eSystem({ ...TRUSTING_LOCAL_PROXY, RECONCILIATION_SCHEDULE: 'off', ENTITLEMENTS_DISPUTE_POLICY: 'suspend-while-open' });
    recorder = await topicRecorder([Topics.entitlementChanged, Topics.entitlementRevoked, Topics.reconciliationEvents]);
    admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);

    // A day of business on each provider: payments made at once, refunds in part and in full, a chargeback lost.
    for (const provider of ['stripe', 'cashfree'] as const) {
      const [partial, full, disputed, plain] = await Promise.all([
        day.paid(provider), day.paid(provider, 'netbanking'), day.paid(provider), provider === 'stripe' ? day.paid(provider) : Promise.resolve(undefined),
      ]);
      orders[provider] = { partial, full, disputed, ...(plain ? { plain } : {}) };
      await Promise.all([day.refunded(partial, 500), day.refunded(full, full.amountMinor), day.lostDispute(disputed)]);
      await eventually(async () => {
        const { rows } = await e2e.db.query(`SELECT order_id, refunded_minor FROM order_ledger.order_summaries WHERE order_id = ANY($1)`, [[partial.orderId, full.orderId]]);
        const refundedOf = new Map(rows.map((row: { order_id: string; refunded_minor: string }) => [row.order_id, Number(row.refunded_minor)]));
        return refundedOf.get(partial.orderId) === 500 && refundedOf.get(full.orderId) === full.amountMinor ? true : undefined;
      }, 60_000, `the ${provider} refunds booked`);
      await day.payOut(provider);
    }
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  it.each([['stripe', 7], ['cashfree', 6]] as const)(
    'reconciles the %s day with zero discrepancies, every line matched, fees and the payout booked once, and nothing booked twice on a second run',
    async (provider, lines) => {
      const run = await day.reconciled(provider);
      expect(run).toMatchObject({ status: 'reconciled', matchedLines: lines, openDiscrepancies: 0, error: null });

      const report = await day.report(provider);
      expect(report.lines).toHaveLength(lines);
      expect(report.lines.filter((line) => line.outcome !== 'matched')).toEqual([]);
      expect(report.discrepancies.filter((discrepancy) => discrepancy.status === 'open')).toEqual([]);
      const { partial, full, disputed, plain } = orders[provider];
      const payments = report.lines.filter((line) => line.kind === 'payment');
      expect(payments.map((line) => line.reference).sort()).toEqual([partial, full, disputed, ...(plain ? [plain] : [])].map((order) => order.paymentId).sort());
      expect(report.lines.filter((line) => line.kind === 'refund')).toHaveLength(2);
      expect(report.lines.filter((line) => line.kind === 'dispute')).toHaveLength(1);
      // Each charged payment's fee is its own journal (UPI is charged nothing: nothing to book); the day's payout is one more.
      const charged = payments.filter((line) => line.feeMinor !== 0);
      expect(charged.length).toBeGreaterThan(0);
      expect(payments.filter((line) => line.feeMinor === 0).map((line) => line.journalId)).toEqual(payments.filter((line) => line.feeMinor === 0).map(() => null));
      const feeJournals = charged.map((line) => line.journalId);
      expect(new Set(feeJournals).size).toBe(charged.length);
      expect(feeJournals.every((id) => id?.startsWith(`fee:${provider}:`))).toBe(true);
      expect(report.settlements).toHaveLength(1);
      expect(report.settlements[0]).toMatchObject({ paid: true, journalId: expect.stringMatching(/^payout:/) });
      const { rows } = await e2e.db.query(
        `SELECT journal_id, count(*)::int AS n FROM order_ledger.ledger_postings WHERE journal_id = ANY($1) AND account IN ('provider_fees', 'bank') GROUP BY journal_id`,
        [[...feeJournals, report.settlements[0].journalId]],
      );
      expect(rows).toHaveLength(charged.length + 1);
      expect(rows.every((row: { n: number }) => row.n === 1)).toBe(true);

      const booked = await day.postings();
      const again = await day.reconciled(provider);
      expect(again).toMatchObject({ status: 'reconciled', matchedLines: lines, journalsBooked: 0, openDiscrepancies: 0 });
      expect(await day.postings()).toBe(booked);
    },
  );

  it('leaves provider clearing at zero in every currency and every journal and currency balanced, once both days are reconciled', async () => {
    await day.reconciled('stripe');
    await day.reconciled('cashfree');
    expect(await day.clearing()).toEqual({ INR: 0, USD: 0 });
    expect(await day.unbalanced()).toEqual([]);
    await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 30_000, 'the recorder caught up');
    const runs = await day.runIds();
    expect(runs.size).toBeGreaterThanOrEqual(4);
    expect(recorder.on(Topics.reconciliationEvents).filter((m) => m.type === 'ReconciliationDiscrepancyFound' && runs.has((m.payload as { runId: string }).runId))).toEqual([]);
  });

  it.each(['stripe', 'cashfree'] as const)('suspends the %s buyer’s access while the dispute is open and revokes it when it is lost; a full refund revokes too', async (provider) => {
    const { disputed, full, partial } = orders[provider];
    const changes = await eventually(async () => {
      const revoked = messagesAbout(recorder, Topics.entitlementRevoked, disputed.orderId);
      return revoked.length > 0 ? { revoked, changed: messagesAbout(recorder, Topics.entitlementChanged, disputed.orderId) } : undefined;
    }, 60_000, 'the disputed access revoked');
    expect(changes.changed.map((m) => (m.payload as { status: string; reason: string }))).toEqual([expect.objectContaining({ status: 'suspended', reason: 'dispute-opened' })]);
    expect(changes.revoked.map((m) => m.payload)).toEqual([expect.objectContaining({ userId: disputed.userId, reason: 'dispute-lost' })]);
    const refundRevoked = await eventually(async () => {
      const revoked = messagesAbout(recorder, Topics.entitlementRevoked, full.orderId);
      return revoked.length > 0 ? revoked : undefined;
    }, 60_000, 'the refunded access revoked');
    expect(refundRevoked.map((m) => (m.payload as { reason: string }).reason)).toEqual(['order-refunded']);
    expect(messagesAbout(recorder, Topics.entitlementRevoked, partial.orderId)).toEqual([]);
  });

  it('serves the day report as CSV, and answers a bad day, an unknown run, a non-admin or a missing key with a clear error', async () => {
    const csv = await fetch(`${E2E_URLS.gateway}/api/admin/reconciliation/reports/stripe/${today()}?format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`reconciliation-stripe-${today()}.csv`);
    const rows = (await csv.text()).trim().split('\n');
    expect(rows[0]).toBe('record,settlement_id,line_id,kind,reference,order_id,currency,gross_minor,fee_minor,tax_on_fee_minor,net_minor,outcome,journal_id');
    expect(rows.filter((row) => row.startsWith('line,'))).toHaveLength(7);

    const asAdmin = (method: string, path: string, extra: { key?: string; body?: unknown } = {}) => call(method, path, { token: admin, ...extra });
    const codes = async (answer: Promise<Answer>) => {
      const { status, body } = await answer;
      return [status, body.error?.code];
    };
    expect(await codes(asAdmin('GET', '/api/admin/reconciliation/reports/stripe/2001-01-01'))).toEqual([404, 'RECONCILIATION.NOT_FOUND']);
    expect(await codes(asAdmin('GET', `/api/admin/reconciliation/runs/${randomUUID()}`))).toEqual([404, 'RECONCILIATION.NOT_FOUND']);
    expect(await codes(asAdmin('GET', '/api/admin/reconciliation/runs/not-a-uuid'))).toEqual([400, 'REQUEST.INVALID']);
    expect(await codes(asAdmin('GET', '/api/admin/reconciliation/reports/paypal/2026-12-01'))).toEqual([400, 'REQUEST.INVALID']);
    expect(await codes(asAdmin('GET', `/api/admin/reconciliation/reports/stripe/${today()}?format=xml`))).toEqual([400, 'REQUEST.INVALID']);
    expect(await codes(asAdmin('GET', '/api/admin/reconciliation/discrepancies?kind=lost'))).toEqual([400, 'REQUEST.INVALID']);
    expect(await codes(asAdmin('POST', '/api/admin/reconciliation/runs', { body: { provider: 'stripe', date: today() } }))).toEqual([400, 'IDEMPOTENCY.KEY_MISSING']);
    for (const body of [{}, { provider: 'stripe' }, { provider: 'paypal', date: today() }, { provider: 'stripe', date: '2026-02-30' }, { provider: 'stripe', date: '2999-01-01' }, { provider: 'stripe', date: today(), extra: 1 }]) {
      expect([body, ...(await codes(asAdmin('POST', '/api/admin/reconciliation/runs', { key: randomUUID(), body })))]).toEqual([body, 400, 'REQUEST.INVALID']);
    }
    const buyer = await bearerFor(newUser());
    expect((await call('GET', '/api/admin/reconciliation/discrepancies', { token: buyer })).status).toBe(403);
    expect((await call('POST', '/api/admin/reconciliation/runs', { token: buyer, key: randomUUID(), body: { provider: 'stripe', date: today() } })).status).toBe(403);

    const key = randomUUID();
    const first = await asAdmin('POST', '/api/admin/reconciliation/runs', { key, body: { provider: 'cashfree', date: today() } });
    const replay = await asAdmin('POST', '/api/admin/reconciliation/runs', { key, body: { provider: 'cashfree', date: today() } });
    expect([replay.status, replay.text, replay.headers.get('idempotent-replayed')]).toEqual([202, first.text, 'true']);
    expect(await codes(asAdmin('POST', '/api/admin/reconciliation/runs', { key, body: { provider: 'stripe', date: today() } }))).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
  });
});

describe('each sandbox discrepancy knob, through the running system, raises exactly its discrepancy', () => {
  let e2e: E2eSystem;
  let recorder: TopicRecorder;
  let admin: string;
  const day = settlementDay(() => e2e, () => admin);

  beforeAll(async () => {
    e2e = await startE2eSystem({ ...TRUSTING_LOCAL_PROXY, RECONCILIATION_SCHEDULE: 'off' });
    recorder = await topicRecorder([Topics.reconciliationEvents]);
    admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  it.each(['stripe', 'cashfree'] as const)('%s: a dropped payment, a changed amount, a payment settled twice and an unknown fee, and nothing else', async (provider) => {
    const [dropped, changed, twice, untouched] = await Promise.all([day.paid(provider), day.paid(provider), day.paid(provider), day.paid(provider)]);
    await day.payOut(provider, { dropPayment: dropped.paymentId, changeAmount: { paymentId: changed.paymentId, byMinor: 100 }, settleTwice: twice.paymentId, unknownFee: { amountMinor: 250 } });

    const run = await day.reconciled(provider);
    expect(run).toMatchObject({ status: 'reconciled', openDiscrepancies: 4 });
    const found = await day.openDiscrepancies(provider);
    const byKind = Object.fromEntries(found.map((d) => [d.kind, d]));
    expect(found.map((d) => d.kind).sort()).toEqual(['amount-mismatch', 'missing-at-provider', 'settled-twice', 'unexplained-fee']);
    expect(byKind['missing-at-provider']).toMatchObject({ reference: dropped.paymentId, orderId: dropped.orderId, providerMinor: null, ledgerMinor: dropped.amountMinor });
    expect(byKind['amount-mismatch']).toMatchObject({ reference: changed.paymentId, providerMinor: changed.amountMinor + 100, ledgerMinor: changed.amountMinor });
    expect(byKind['settled-twice']).toMatchObject({ reference: twice.paymentId });
    expect(byKind['unexplained-fee']).toMatchObject({ providerMinor: -250 });
    const report = await day.report(provider);
    expect(report.lines.find((line) => line.reference === untouched.paymentId)?.outcome).toBe('matched');

    const again = await day.reconciled(provider);
    expect(again).toMatchObject({ status: 'reconciled', openDiscrepancies: 4, journalsBooked: 0 });
    expect((await day.openDiscrepancies(provider)).map((d) => d.discrepancyId).sort()).toEqual(found.map((d) => d.discrepancyId).sort());
    await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 30_000, 'the recorder caught up');
    const runs = await day.runIds();
    const published = recorder.on(Topics.reconciliationEvents)
      .filter((m) => m.type === 'ReconciliationDiscrepancyFound' && (m.payload as { provider: string }).provider === provider && runs.has((m.payload as { runId: string }).runId));
    // The payout webhook starts a run of the day too: two runs may each report what they found (same discrepancy ids).
    expect([...new Set(published.map((m) => (m.payload as { discrepancyId: string }).discrepancyId))].sort()).toEqual(found.map((d) => d.discrepancyId).sort());
  });
});
