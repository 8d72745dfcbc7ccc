import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { E2E_URLS } from './e2e-system';

const REPOSITORY = join(__dirname, '..', '..', '..');
/** Debian's chromium (scripts/test.sh installs it when missing), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(REPOSITORY, 'docs', 'screenshots');
const WEB_BUILD = join(REPOSITORY, 'dist', 'apps', 'web', 'index.html');

/**
 * What the web specs add to the e2e system: the development sign-in (the gateway's own issuer,
 * trusted through JWT_JWKS_URL exactly as an identity provider would be) and Cashfree's return URL
 * pointing at the storefront's return page.
 */
export function webSystemEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    DEV_SIGN_IN: 'true',
    JWT_JWKS_URL: `${E2E_URLS.gateway}/dev/jwks.json`,
    CASHFREE_RETURN_URL: `${E2E_URLS.gateway}/app/return?order_id={order_id}`,
    CHECKOUT_SUBSCRIPTION_SUCCESS_URL: `${E2E_URLS.gateway}/app/subscriptions?subscription_id={SUBSCRIPTION_ID}`,
    ...extra,
  };
}

/** Headless Chromium through playwright-core; fails with what to do when the browser or the web build is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium; npm test does it when run as root) or set CHROMIUM_PATH`);
  }
  if (!existsSync(WEB_BUILD)) throw new Error(`the web pages are not built (${WEB_BUILD}): run npx nx run web:build (npm test does)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return page;
}

/** A full-page screenshot for the README, under docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Signs in through the development sign-in with the keyboard only: Tab to the user id, type it,
 * Tab to the admin checkbox (Space ticks it), Enter submits.
 */
export async function signIn(page: Page, userId: string, options: { admin?: boolean } = {}): Promise<void> {
  await page.goto(`${E2E_URLS.gateway}/app/`);
  const field = page.getByLabel('User id');
  await field.waitFor();
  await page.locator('body').focus();
  for (let presses = 0; presses < 20 && !(await field.evaluate((element) => element === element.ownerDocument.activeElement)); presses += 1) await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(userId);
  await page.keyboard.press('Tab');
  if (options.admin) await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await page.locator(`[data-user-id="${userId}"]`).waitFor();
}

/** Inputs, selects and textareas without a label (or aria-label), links without an href and buttons without text: none should exist. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  const controls = await page.locator('input, select, textarea').evaluateAll((elements) =>
    elements.filter((element) => ((element as unknown as { labels?: { length: number } }).labels?.length ?? 0) === 0 && !element.getAttribute('aria-label'))
      .map((element) => `unlabelled ${element.tagName.toLowerCase()} ${element.getAttribute('name') ?? element.id}`));
  const links = await page.locator('a:not([href])').evaluateAll((elements) => elements.map((element) => `link without href: ${element.textContent}`));
  const buttons = await page.locator('button').evaluateAll((elements) => elements.filter((element) => !element.textContent?.trim()).map(() => 'button without text'));
  return [...controls, ...links, ...buttons];
}
