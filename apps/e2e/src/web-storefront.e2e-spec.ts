import { randomUUID } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, orderView, startE2eSystem } from './e2e-system';
import { launchBrowser, newPage, screenshot, signIn, unlabelledControls, webSystemEnvironment } from './web-browser.fixture';

interface OrderView { orderId: string; userId: string; status: string; amountMinor: number; currency: string; provider: string }

/** A new buyer signs in and buys TypeScript 101: the browser is then on the hosted Stripe page. */
async function buyOnStripePage(browser: Browser): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, `buyer-${randomUUID().slice(0, 8)}`);
  await page.locator('[data-product-id="course-typescript-101"]').getByRole('button', { name: 'Buy TypeScript 101' }).click();
  await page.waitForURL(`${E2E_URLS.sandbox}/pay/stripe/**`);
  return page;
}

/** A new buyer signs in, picks INR (Cashfree), checks the product's server price and presses its button. */
async function buyInRupees(browser: Browser, productId: string, totalMinor: number, button: string): Promise<{ buyer: string; page: Page }> {
  const buyer = `buyer-${randomUUID().slice(0, 8)}`;
  const page = await newPage(browser);
  await signIn(page, buyer);
  await page.getByLabel('Currency').selectOption('INR');
  await page.locator('[data-provider="cashfree"]').waitFor();
  const product = page.locator(`[data-product-id="${productId}"]`);
  await product.locator(`.total[data-total-minor="${totalMinor}"]`).waitFor();
  await product.getByRole('button', { name: button }).click();
  return { buyer, page };
}

const orderIdOnReturnPage = async (page: Page) => (await page.locator('[data-order-id]').first().getAttribute('data-order-id')) as string;

describe('the storefront in a browser', () => {
  let e2e: E2eSystem;
  let browser: Browser;

  beforeAll(async () => {
    e2e = await startE2eSystem(webSystemEnvironment());
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it('a buyer previews a coupon, pays a course on the hosted Stripe page and sees access granted', async () => {
    const buyer = `buyer-${randomUUID().slice(0, 8)}`;
    const page = await newPage(browser);
    await signIn(page, buyer);
    const course = page.locator('[data-product-id="course-typescript-101"]');
    await expect(course.locator('.total').getAttribute('data-total-minor')).resolves.toBe('1900');
    await page.getByLabel('Coupon code').fill('LAUNCH20');
    await page.getByRole('button', { name: 'Apply coupon' }).click();
    await course.locator('.total[data-total-minor="1520"]').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'storefront-catalog');

    await course.getByRole('button', { name: 'Buy TypeScript 101' }).click();
    await page.waitForURL(`${E2E_URLS.sandbox}/pay/stripe/**`);
    await screenshot(page, 'sandbox-stripe-page');
    await page.getByRole('button', { name: 'Pay' }).click();

    await page.waitForURL(`${E2E_URLS.gateway}/app/return?**`);
    await page.locator('[data-status="paid"]').waitFor();
    await page.locator('[data-access="granted"]').waitFor();
    expect(await page.locator('[data-access="granted"]').textContent()).toContain('course-typescript-101');
    await screenshot(page, 'storefront-return-paid');

    // The page showed what the gateway's read model says, which only a verified webhook could set.
    const order = await orderView<OrderView>(await bearerFor(buyer), await orderIdOnReturnPage(page));
    expect(order).toMatchObject({ userId: buyer, status: 'paid', amountMinor: 1520, currency: 'USD', provider: 'stripe' });

    await page.getByRole('link', { name: 'My access' }).first().click();
    await page.locator('.access-list [data-product-id="course-typescript-101"]').waitFor();
    await screenshot(page, 'storefront-my-access');
    await page.getByRole('link', { name: 'My orders' }).first().click();
    await page.locator(`tr[data-order-id="${order?.orderId}"] [data-status="paid"]`).waitFor();
    await screenshot(page, 'storefront-my-orders');
    await page.close();
  });

  it('a buyer pays in INR with UPI on the hosted Cashfree page and sees access granted', async () => {
    // 1299.00 + GST 18% = 1532.82, priced by checkout.
    const { buyer, page } = await buyInRupees(browser, 'course-event-sourcing', 153282, 'Buy Event Sourcing in Practice');

    await page.waitForURL(`${E2E_URLS.sandbox}/pay/cashfree/**`);
    await page.getByLabel('UPI').check();
    await screenshot(page, 'sandbox-cashfree-page');
    await page.getByRole('button', { name: 'Pay' }).click();

    await page.waitForURL(`${E2E_URLS.gateway}/app/return?**`);
    await page.locator('[data-status="paid"]').waitFor();
    await page.locator('[data-access="granted"]').waitFor();
    const order = await orderView<OrderView>(await bearerFor(buyer), await orderIdOnReturnPage(page));
    expect(order).toMatchObject({ status: 'paid', amountMinor: 153282, currency: 'INR', provider: 'cashfree' });
    const { rows } = await e2e.db.query(`SELECT product_id FROM entitlements.entitlements WHERE order_id = $1`, [order?.orderId]);
    expect(rows).toEqual([{ product_id: 'course-event-sourcing' }]);
    await page.close();
  });

  it('a buyer subscribes to a plan with UPI Autopay on the Cashfree mandate page and sees it active and the access granted', async () => {
    // 799.00 + GST 18% = 942.82 a month, priced by checkout.
    const { buyer, page } = await buyInRupees(browser, 'plan-pro-monthly', 94282, 'Subscribe to Pro plan (monthly)');

    await page.waitForURL(`${E2E_URLS.sandbox}/pay/cashfree/subscriptions/**`);
    await page.getByLabel('UPI Autopay').check();
    await screenshot(page, 'sandbox-cashfree-mandate');
    await page.getByRole('button', { name: 'Approve' }).click();

    // Back on My subscriptions, which shows it active once the provider's webhook is applied.
    await page.waitForURL(`${E2E_URLS.gateway}/app/subscriptions?**`);
    const subscriptionId = new URL(page.url()).searchParams.get('subscription_id') as string;
    await page.locator(`[data-subscription-id="${subscriptionId}"][data-status="active"]`).waitFor({ timeout: 60_000 });
    await screenshot(page, 'storefront-my-subscriptions');
    await page.getByRole('link', { name: 'My access' }).first().click();
    await page.locator('.access-list [data-product-id="plan-pro-monthly"]').waitFor();
    const { rows } = await e2e.db.query(`SELECT product_id, subscription_id FROM entitlements.entitlements WHERE user_id = $1`, [buyer]);
    expect(rows).toEqual([{ product_id: 'plan-pro-monthly', subscription_id: subscriptionId }]);
    await page.close();
  });

  it('the return page goes from confirming to paid by itself when the webhook is applied', async () => {
    const page = await buyOnStripePage(browser);
    const paymentIntentId = new URL(page.url()).pathname.split('/').at(-1) as string;
    // The buyer comes back before paying: the order is pending, the page says so.
    const back = new URL(page.url()).searchParams.get('return_url') as string;
    await page.goto(back);
    await page.locator('[data-status="pending"]').waitFor();
    await expect(page.locator('[role="status"]').textContent()).resolves.toBe('Confirming your payment…');
    await screenshot(page, 'storefront-return-confirming');
    await page.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));

    const pay = await fetch(`${E2E_URLS.sandbox}/_sandbox/stripe/payment_intents/${paymentIntentId}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(pay.status).toBe(200);

    await page.locator('[data-status="paid"]').waitFor();
    await page.locator('[data-access="granted"]').waitFor();
    // Nothing reloaded it: the status stream did.
    expect(await page.evaluate(() => (globalThis as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    await page.close();
  });

  it('a declined payment is shown as its code and our sentence, never the provider\'s words', async () => {
    const page = await buyOnStripePage(browser);
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.locator('#status').filter({ hasText: 'requires_payment_method' }).waitFor();
    await page.goto(new URL(page.url()).searchParams.get('return_url') as string);
    const failure = page.locator('.failure[data-failure-code]');
    await failure.waitFor();
    const code = (await failure.getAttribute('data-failure-code')) as string;
    expect(code).toMatch(/^PAYMENT\./);
    const explained = await eventually(async () => {
      const text = (await failure.textContent()) ?? '';
      return text.length > code.length + 2 ? text : undefined;
    }, 30_000, 'the failure explained');
    const safe = await (await fetch(`${E2E_URLS.gateway}/api/payment-failures/${code}`)).json() as { message: string };
    expect(explained).toContain(safe.message);
    await page.close();
  });
});
