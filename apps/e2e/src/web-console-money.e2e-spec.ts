import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Browser, Page } from 'playwright-core';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, openCheckout, orderView, sandboxControl, startE2eSystem } from './e2e-system';
import { launchBrowser, newPage, screenshot, signIn, unlabelledControls, webSystemEnvironment } from './web-browser.fixture';

interface Opened { orderId: string; payment: { providerReference: string } }

const ADMIN = 'admin-console-money';

/** A paid Stripe order of a new buyer, made through the API as the storefront would. */
async function paidOrder(): Promise<{ orderId: string; paymentIntent: string }> {
  const token = await bearerFor(`buyer-${randomUUID().slice(0, 8)}`);
  const { body } = await openCheckout<Opened>(token, { productId: 'course-typescript-101', currency: 'USD' });
  await sandboxControl(`/_sandbox/stripe/payment_intents/${body.payment.providerReference}/pay`);
  await eventually(async () => ((await orderView<{ status: string }>(token, body.orderId))?.status === 'paid' ? true : undefined), 60_000, 'the order paid');
  return { orderId: body.orderId, paymentIntent: body.payment.providerReference };
}

async function openConsolePage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('disputes and reconciliation in the operations console, in a browser', () => {
  let e2e: E2eSystem;
  let browser: Browser;
  let page: Page;
  /** Today's settlement day (UTC): the sandbox pays a day out the same day. */
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    e2e = await startE2eSystem(webSystemEnvironment());
    browser = await launchBrowser();
    page = await newPage(browser);
    await signIn(page, ADMIN, { admin: true });
    await page.getByRole('link', { name: 'Operations console' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it('documents the reconciliation and dispute endpoints the pages call', async () => {
    const document = await (await fetch(`${E2E_URLS.gateway}/docs-json`)).json() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([
      '/api/admin/reconciliation/runs', '/api/admin/reconciliation/runs/{runId}', '/api/admin/reconciliation/discrepancies',
      '/api/admin/reconciliation/reports/{provider}/{date}', '/api/admin/disputes', '/api/admin/orders/{orderId}/disputes',
      '/api/admin/orders/{orderId}/disputes/{disputeId}/accept', '/api/admin/orders/{orderId}/disputes/{disputeId}/evidence',
    ]));
  });

  it("an admin finds a paid order's dispute, contests it with evidence and sees the provider's answer recorded", async () => {
    const { orderId, paymentIntent } = await paidOrder();
    const { dispute } = await sandboxControl<{ dispute: { id: string } }>(`/_sandbox/stripe/payment_intents/${paymentIntent}/dispute`);

    await openConsolePage(page, 'Disputes');
    await page.getByLabel('Stage').selectOption('opened');
    await page.getByLabel('Provider').selectOption('stripe');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    // Listed once order-ledger applied the provider's dispute webhook: the page reads the list again every few seconds.
    const row = page.locator(`tr[data-order-id="${orderId}"]`);
    await row.locator('[data-stage="opened"]').waitFor({ timeout: 90_000 });
    expect(await row.getByRole('link', { name: /Order details/ }).getAttribute('href')).toBe(`/app/console/orders/${orderId}`);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'console-disputes');

    await row.getByRole('link', { name: /disputes/ }).click();
    await page.getByRole('heading', { level: 1, name: /Disputes of order/ }).waitFor();
    const card = page.locator(`[data-dispute-id="${dispute.id}"]`);
    await card.locator('dd[data-stage="opened"]').waitFor();
    expect(await card.textContent()).toContain('$');
    expect(await page.getByRole('link', { name: 'Order details' }).getAttribute('href')).toBe(`/app/console/orders/${orderId}`);

    // By keyboard: type the explanation, Tab to Submit evidence, Enter.
    await card.getByLabel('Explanation for the provider').fill('The customer watched every lesson of the course after paying.');
    await card.getByLabel('Explanation for the provider').focus();
    await page.keyboard.press('Tab');
    expect(await card.getByRole('button', { name: 'Submit evidence' }).evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await card.getByRole('status').filter({ hasText: 'Evidence submitted' }).waitFor();

    // checkout carries it to the provider and order-ledger records the answer; the page reads the disputes again every few seconds.
    const recorded = card.locator('tr[data-action="submit-evidence"][data-outcome="done"]');
    await recorded.waitFor({ timeout: 90_000 });
    expect(await recorded.getAttribute('data-status')).toBe('under_review');
    await card.locator('[data-dispute-status="under_review"]').waitFor();
    // What the page shows is what order-ledger holds, not what this page asked for.
    await page.reload();
    await recorded.waitFor();
    expect(await card.locator('tr[data-outcome="requested"]').count()).toBe(0);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'console-dispute-detail');

    const audit = await e2e.db.query(`SELECT admin_id, action, status_code FROM gateway.admin_actions WHERE subject = $1`, [`order:${orderId}`]);
    expect(audit.rows).toEqual([{ admin_id: ADMIN, action: 'dispute.submit-evidence', status_code: 202 }]);
  });

  it("an admin reconciles today's Stripe day, reads its report and downloads the CSV", async () => {
    // The day's payments, the dispute's withdrawal included, paid out at once. order-ledger may start
    // a run of its own when the payout webhook arrives; the admin's run is another run of the same day.
    await sandboxControl('/_sandbox/stripe/payouts', { date: today });

    await openConsolePage(page, 'Reconciliation');
    const form = page.getByRole('form', { name: 'Run a day' });
    expect(await form.getByLabel('Provider').inputValue()).toBe('stripe');
    expect(await form.getByLabel('Settlement day (UTC)').inputValue()).toBe(today);
    await form.getByRole('button', { name: 'Run', exact: true }).focus();
    await page.keyboard.press('Enter');

    const followed = form.locator('[data-followed-run-id]');
    await followed.locator('dl[data-run-status="reconciled"]').waitFor({ timeout: 120_000 });
    expect(await followed.locator('dl').getAttribute('data-open-discrepancies')).toBe('0');
    const runId = await followed.getAttribute('data-followed-run-id') as string;

    // The runs list (read again once the run ended) shows it reconciled with nothing open.
    await page.locator(`tr[data-run-id="${runId}"][data-run-status="reconciled"][data-open-discrepancies="0"]`).waitFor();
    const discrepancies = page.getByRole('form', { name: 'Discrepancy filters' });
    await discrepancies.getByLabel('Provider').selectOption('stripe');
    await discrepancies.getByLabel('Settlement day').fill(today);
    await discrepancies.getByLabel('Kind').selectOption('');
    await discrepancies.getByLabel('Status').selectOption('open');
    await discrepancies.getByRole('button', { name: 'Search discrepancies' }).click();
    await page.locator('table.discrepancies caption').filter({ hasText: /^0 open discrepancies$/ }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'console-reconciliation');

    await followed.getByRole('link', { name: `Day report of stripe ${today}` }).click();
    await page.getByRole('heading', { level: 1, name: `Reconciliation report: stripe ${today}` }).waitFor();
    await page.locator('table.totals tr[data-currency="USD"]').waitFor();
    const outcomes = await page.locator('table.lines tbody tr').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-kind'), row.getAttribute('data-outcome')]));
    expect(outcomes).toEqual(expect.arrayContaining([['payment', 'matched'], ['dispute', 'matched']]));
    expect(outcomes.every(([, outcome]) => outcome === 'matched')).toBe(true);
    expect(await page.locator('table.payouts tr[data-paid="true"]').count()).toBe(1);
    expect(await page.locator('table.discrepancies tr[data-status="open"]').count()).toBe(0);
    // Money as exact minor units: every amount shown carries them.
    const paidOut = await page.locator('table.totals tr[data-currency="USD"] td').last().locator('[data-minor]').getAttribute('data-minor');
    const payout = await page.locator('table.payouts tr[data-paid="true"] [data-minor]').getAttribute('data-minor');
    expect(paidOut).toBe(payout);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'console-reconciliation-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`reconciliation-stripe-${today}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\n');
    expect(header).toMatch(/^record,settlement_id,/);
    expect(rows.filter((line) => line.startsWith('settlement,'))).toHaveLength(1);
    expect(rows.filter((line) => line.startsWith('line,')).length).toBe(outcomes.length);
  });

  it("shows the refusal's code when a page still showing a dispute open accepts it after it closed", async () => {
    const admin = await bearerFor(ADMIN, ['admin']);
    const disputesOf = async (orderId: string) => {
      const response = await fetch(`${E2E_URLS.gateway}/api/admin/orders/${orderId}/disputes`, { headers: { authorization: `Bearer ${admin}` } });
      return { status: response.status, body: await response.text() };
    };
    const { orderId, paymentIntent } = await paidOrder();
    const { dispute } = await sandboxControl<{ dispute: { id: string } }>(`/_sandbox/stripe/payment_intents/${paymentIntent}/dispute`);
    const opened = await eventually(async () => {
      const answer = await disputesOf(orderId);
      return answer.status === 200 && (JSON.parse(answer.body) as { disputes: { stage: string }[] }).disputes[0]?.stage === 'opened' ? answer.body : undefined;
    }, 60_000, 'the dispute opened on the order');
    await sandboxControl(`/_sandbox/stripe/disputes/${dispute.id}/resolve`, { outcome: 'lost' });
    await eventually(async () => ((await disputesOf(orderId)).body.includes('"stage":"lost"') ? true : undefined), 60_000, 'the dispute lost');

    // The page still shows what it read before the bank decided: its reads of the order's disputes are held at that answer.
    const stale = `**/api/admin/orders/${orderId}/disputes`;
    await page.route(stale, (route) => (route.request().method() === 'GET' ? route.fulfill({ status: 200, contentType: 'application/json', body: opened }) : route.fallback()));
    await page.goto(`${E2E_URLS.gateway}/app/console/disputes/${orderId}`);
    const card = page.locator(`[data-dispute-id="${dispute.id}"][data-stage="opened"]`);
    await card.getByLabel(/Accepting closes the dispute lost/).check();
    await card.getByRole('button', { name: 'Accept dispute' }).click();
    await card.locator('[data-error-code="DISPUTE.CLOSED"]').waitFor();
    expect(await card.locator('[data-error-code="DISPUTE.CLOSED"]').textContent()).toMatch(/^DISPUTE\.CLOSED: /);

    await page.unroute(stale);
    await page.reload();
    await page.locator(`[data-dispute-id="${dispute.id}"][data-stage="lost"] [data-closed="true"]`).waitFor();
    expect(await page.getByRole('button', { name: 'Accept dispute' }).count()).toBe(0);
  });

  it('says a day without a run has none yet', async () => {
    const day = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await openConsolePage(page, 'Reconciliation');
    const picker = page.getByRole('form', { name: 'Day report' });
    await picker.getByLabel('Provider').selectOption('cashfree');
    await picker.getByLabel('Settlement day (UTC)').fill(day);
    await picker.getByRole('button', { name: 'Show report' }).click();
    await page.getByRole('heading', { level: 1, name: `Reconciliation report: cashfree ${day}` }).waitFor();
    await page.locator('[data-error-code="RECONCILIATION.NOT_FOUND"]').waitFor();
    expect(await page.getByRole('button', { name: 'Download CSV' }).count()).toBe(0);
  });
});
