import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Browser, Page } from 'playwright-core';
import { PaymentSucceeded, Topics, buildMessage, encodeEnvelope } from '@payments/contracts';
import { eventually, kafkaBrokers } from '@payments/testing';
import { E2E_PORTS, E2E_URLS, E2eSystem, bearerFor, openCheckout, orderView, startE2eSystem } from './e2e-system';
import { launchBrowser, newPage, screenshot, signIn, unlabelledControls, webSystemEnvironment } from './web-browser.fixture';

interface Opened { orderId: string; payment: { providerReference: string } }

const ADMIN = 'admin-console-1';

/** A paid Stripe order of a new buyer, made through the API as the storefront would. */
async function paidOrder(): Promise<{ buyer: string; orderId: string }> {
  const buyer = `buyer-${randomUUID().slice(0, 8)}`;
  const token = await bearerFor(buyer);
  const { body } = await openCheckout<Opened>(token, { productId: 'course-typescript-101', currency: 'USD' });
  const pay = await fetch(`${E2E_URLS.sandbox}/_sandbox/stripe/payment_intents/${body.payment.providerReference}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(pay.status).toBe(200);
  await eventually(async () => ((await orderView<{ status: string }>(token, body.orderId))?.status === 'paid' ? true : undefined), 60_000, 'the order paid');
  return { buyer, orderId: body.orderId };
}

/** Reloads the page and waits until the listing in `section` has answered (it reads every time it is shown). */
async function reloadListing(page: Page, section: string): Promise<void> {
  await page.reload();
  await page.locator(`section[aria-labelledby="${section}"][aria-busy="false"]`).waitFor({ timeout: 30_000 });
}

async function openConsolePage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('the operations console in a browser', () => {
  let e2e: E2eSystem;
  let browser: Browser;
  let page: Page;
  let kafka: Kafka;

  beforeAll(async () => {
    e2e = await startE2eSystem(webSystemEnvironment({ ORDER_UNMATCHED_AFTER_MS: '1000', ORDER_PENDING_SWEEP_MS: '500' }));
    browser = await launchBrowser();
    page = await newPage(browser);
    kafka = new Kafka({ clientId: 'e2e-web-console', brokers: kafkaBrokers(), logLevel: logLevel.ERROR });
    await signIn(page, ADMIN, { admin: true });
    await page.getByRole('link', { name: 'Operations console' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it('documents the admin API, the catalog, the status stream and the development sign-in in the OpenAPI document', async () => {
    const document = await (await fetch(`${E2E_URLS.gateway}/docs-json`)).json() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([
      '/api/catalog', '/api/orders/{id}/events', '/api/admin/orders', '/api/admin/orders/{id}', '/api/admin/subscriptions', '/api/admin/subscriptions/{id}', '/api/admin/review-flags/{orderId}/resolve',
      '/api/admin/unmatched-payments', '/api/admin/dead-letters/{topic}/replay', '/api/admin/parked-messages/{service}/{id}/retry',
      '/api/admin/metrics/overview', '/api/admin/audit', '/dev/sign-in',
    ]));
    const page = await fetch(`${E2E_URLS.gateway}/app/console`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const refused = await fetch(`${E2E_URLS.gateway}/api/admin/orders`, { headers: { authorization: `Bearer ${await bearerFor('buyer-not-admin')}` } });
    expect(refused.status).toBe(403);
    // The services' own endpoints that the admin API reads refuse anyone without the internal token.
    const ledger = `http://127.0.0.1:${E2E_PORTS.orderLedger}`;
    for (const path of [`/orders/${randomUUID()}/history`, '/unmatched-payments', '/parked-messages']) {
      const direct = await fetch(`${ledger}${path}`);
      expect({ path, status: direct.status, body: await direct.json() }).toEqual({ path, status: 401, body: expect.objectContaining({ error: expect.objectContaining({ code: 'INTERNAL_API.UNAUTHORIZED' }) }) });
    }
  });

  it('an admin refunds part of an order and sees its history and journals change', async () => {
    const { buyer, orderId } = await paidOrder();
    await openConsolePage(page, 'Overview');
    await page.locator('figure').filter({ hasText: 'Paid orders since start by provider' }).locator('svg').waitFor();
    await screenshot(page, 'console-overview');

    await openConsolePage(page, 'Orders');
    await page.getByLabel('User').fill(buyer);
    await page.getByLabel('Status').selectOption('paid');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator(`tr[data-order-id="${orderId}"]`).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'console-orders');
    await page.locator(`tr[data-order-id="${orderId}"] a`).click();

    await page.locator('tr[data-event-type="OrderPaid"]').waitFor();
    const journalsBefore = new Set(await page.locator('tr[data-journal-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-journal-id'))));
    expect(journalsBefore.size).toBeGreaterThanOrEqual(1);
    await page.getByLabel(/^Amount in minor units/).fill('500');
    await page.getByLabel('Reason').fill('requested by the buyer');
    await page.getByRole('button', { name: 'Issue refund' }).click();

    await page.locator('[data-status="partially_refunded"]').waitFor();
    await page.locator('[data-refunded-minor="500"]').waitFor();
    await page.locator('tr[data-event-type="RefundSucceeded"]').waitFor();
    await page.locator('[data-refund-state="succeeded"]').waitFor();
    const journalsAfter = new Set(await page.locator('tr[data-journal-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-journal-id'))));
    expect([...journalsAfter].filter((journal) => !journalsBefore.has(journal))).toHaveLength(1);
    await screenshot(page, 'console-order-detail');

    // What the page showed is what order-ledger holds: one more balanced journal, and the audit names the admin.
    const { rows } = await e2e.db.query(`SELECT journal_id, sum(amount_minor) AS balance FROM order_ledger.ledger_postings WHERE order_id = $1 GROUP BY journal_id`, [orderId]);
    expect(rows).toHaveLength(journalsAfter.size);
    expect(rows.every((row) => Number(row.balance) === 0)).toBe(true);
    await openConsolePage(page, 'Audit trail');
    await page.locator('tr[data-action="refund.request"]').filter({ hasText: `order:${orderId}` }).waitFor();
    const audit = await e2e.db.query(`SELECT admin_id, status_code FROM gateway.admin_actions WHERE subject = $1`, [`order:${orderId}`]);
    expect(audit.rows).toEqual([{ admin_id: ADMIN, status_code: 202 }]);
    await screenshot(page, 'console-audit');
  });

  it('an admin finds a subscription by its buyer and sees its stream and one journal per paid period', async () => {
    const buyer = `subscriber-${randomUUID().slice(0, 8)}`;
    const token = await bearerFor(buyer);
    const opened = await fetch(`${E2E_URLS.gateway}/api/subscriptions/checkout`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ planId: 'plan-pro-monthly', currency: 'USD' }),
    });
    expect(opened.status).toBe(201);
    const { subscriptionId, providerReference } = await opened.json() as { subscriptionId: string; providerReference: string };
    const pay = await fetch(`${E2E_URLS.sandbox}/_sandbox/stripe/checkout_sessions/${providerReference}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(pay.status).toBe(200);

    await openConsolePage(page, 'Subscriptions');
    await page.getByLabel('User').fill(buyer);
    await page.getByLabel('Status').selectOption('active');
    // The read model turns active once the provider's webhook is applied: search until it does.
    await eventually(async () => {
      await page.getByRole('button', { name: 'Search' }).click();
      // The row shown active: the page's first, unfiltered listing may show it still incomplete.
      return (await page.locator(`tr[data-subscription-id="${subscriptionId}"] [data-status="active"]`).count()) === 1 ? true : undefined;
    }, 60_000, 'the subscription listed as active');
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'console-subscriptions');
    await page.locator(`tr[data-subscription-id="${subscriptionId}"] a`).click();

    await page.locator('tr[data-event-type="SubscriptionPeriodPaid"]').waitFor();
    await page.locator('[data-periods-paid="1"]').waitFor();
    const journals = await page.locator('tr[data-journal-id]').evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute('data-journal-id')))]);
    expect(journals).toEqual([expect.stringMatching(/^subscription-payment:stripe:/)]);
    await screenshot(page, 'console-subscription-detail');
    const { rows } = await e2e.db.query(`SELECT sum(amount_minor)::int AS total, count(DISTINCT journal_id)::int AS journals FROM order_ledger.ledger_postings WHERE order_id = $1`, [subscriptionId]);
    expect(rows).toEqual([{ total: 0, journals: 1 }]);
    const direct = await fetch(`http://127.0.0.1:${E2E_PORTS.orderLedger}/subscriptions/${subscriptionId}/history`);
    expect(direct.status).toBe(401);
  });

  it('an unmatched payment appears in the console and is resolved, and the resolution is recorded', async () => {
    const orderId = randomUUID();
    const producer = kafka.producer();
    await producer.connect();
    const payment = buildMessage(PaymentSucceeded, {
      key: orderId, origin: { correlationId: `e2e-${orderId}` }, occurredAt: new Date(),
      payload: { orderId, provider: 'stripe', providerEventId: `evt_${randomUUID()}`, providerPaymentId: `pi_${randomUUID()}`, amountMinor: 4200, currency: 'USD', succeededAt: new Date().toISOString() },
    });
    await producer.send({ topic: Topics.providerEvents, messages: [{ key: orderId, value: encodeEnvelope(payment), headers: { 'message-id': payment.id } }] });
    await producer.disconnect();

    await openConsolePage(page, 'Unmatched payments');
    const item = page.locator(`[data-unmatched-order-id="${orderId}"]`);
    // Listed as soon as order-ledger records it, surfaced once ORDER_UNMATCHED_AFTER_MS passes.
    await eventually(async () => {
      await reloadListing(page, 'unmatched-title');
      return (await item.filter({ hasText: 'surfaced' }).count()) === 1 ? true : undefined;
    }, 60_000, 'the unmatched payment listed as surfaced');
    expect(await item.textContent()).toContain('$42.00');
    await screenshot(page, 'console-unmatched');

    await item.getByLabel('Resolution note').fill('refunded at the provider by hand');
    await item.getByRole('button', { name: 'Resolve' }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByLabel('Show').selectOption('resolved');
    await item.locator('[data-resolved="true"]').filter({ hasText: `Resolved by ${ADMIN}` }).waitFor();

    const { rows } = await e2e.db.query(`SELECT resolved_by, note FROM gateway.review_resolutions WHERE kind = 'unmatched' AND subject_id = $1`, [orderId]);
    expect(rows).toEqual([{ resolved_by: ADMIN, note: 'refunded at the provider by hand' }]);
    const audit = await e2e.db.query(`SELECT action FROM gateway.admin_actions WHERE subject = $1`, [`unmatched:${orderId}`]);
    expect(audit.rows).toEqual([{ action: 'unmatched.resolve' }]);
  });

  it('a dead letter is listed, inspected and replayed from the console', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const key = randomUUID();
    // Not an envelope at all: order-ledger dead-letters it at once. On checkout.events, which no
    // other test records from the beginning (the broker is shared), so nobody else reads it.
    await producer.send({ topic: Topics.checkoutEvents, messages: [{ key, value: JSON.stringify({ not: 'an envelope', key }) }] });
    await producer.disconnect();

    await openConsolePage(page, 'Dead letters');
    const topic = page.locator(`[data-topic="${Topics.checkoutEvents}"]`);
    const letter = topic.locator('li').filter({ hasText: key });
    await eventually(async () => {
      await reloadListing(page, 'dlq-title');
      return (await letter.count()) === 1 ? true : undefined;
    }, 60_000, 'the dead letter listed');
    await letter.locator('summary').click();
    await screenshot(page, 'console-dead-letters');
    await topic.getByRole('button', { name: `Replay to ${Topics.checkoutEvents}` }).click();
    await letter.filter({ hasText: '(replayed)' }).waitFor();
    const audit = await e2e.db.query(`SELECT count(*)::int AS n FROM gateway.admin_actions WHERE action = 'dead-letters.replay' AND subject = $1`, [`topic:${Topics.checkoutEvents}`]);
    expect(audit.rows[0].n).toBe(1);

    await openConsolePage(page, 'Parked messages');
    await screenshot(page, 'console-parked');
    await openConsolePage(page, 'Review flags');
    await screenshot(page, 'console-review-flags');
  });
});
