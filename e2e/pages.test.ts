import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { zhCN } from '../packages/console/src/i18n/zh-CN.js';
import { api, mustLogin } from './support/api.js';
import { launchChromium } from './support/browser.js';
import { newWatchedPage } from './support/chat.js';
import { type KefuProcess, makeTempDir, startKefu, type TempDir } from './support/kefuProcess.js';

/**
 * Every page an admin can reach from the menu, and every tab on it, in each language: a page that crashes, calls
 * the API wrongly, logs an error or shows a translation key instead of text fails here, including pages added
 * later, because the crawl follows the menu rather than a list.
 */

const ADMIN_EMAIL = 'admin@kefu.local';
const ADMIN_PASSWORD = `Pages-${randomBytes(9).toString('base64url')}`;
/** A translation key shown as text looks like `tickets.contact.label`: a top-level namespace, a dot, more. */
const RAW_KEY = new RegExp(`(?:^|[^\\w@.-])((?:${Object.keys(zhCN).join('|')})\\.[A-Za-z][\\w.]*[A-Za-z])`);

let kefu: KefuProcess;
let browser: Browser;
let tmp: TempDir;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tmp = makeTempDir('pages');
  kefu = await startKefu({
    cwd: tmp.dir,
    env: { DATABASE_URL: './data/kefu.db', KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await browser?.close();
  await kefu?.stop();
  tmp?.remove();
});

/** Records what the page must never do while it is used: log errors and get failing API answers. */
function watch(page: Page, problems: string[]) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === kefu.url && response.status() >= 400) {
      problems.push(`${response.request().method()} ${url.pathname} answered ${response.status()} on ${page.url()}`);
    }
  });
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  // Lazy pages show a spinner while their code and first query load.
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => {});
}

async function pageProblems(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  if ((await page.locator('.ant-result-500').count()) > 0) problems.push(`${where}: the page crashed`);
  // What the user sees, line by line: hidden text and text run together without spaces would hide a raw key.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here
  const text = await page.locator('body').innerText();
  for (const line of text.split('\n')) {
    const key = RAW_KEY.exec(line)?.[1];
    if (key) problems.push(`${where}: shows the translation key "${key}"`);
  }
  return problems;
}

describe.each([
  ['zh-CN', '会话'],
  ['zh-TW', '對話'],
  ['en', 'Conversations'],
])('every console page in %s', (locale, inboxLabel) => {
  test('renders its menu pages and their tabs without errors or raw translation keys', async () => {
    const admin = await mustLogin(kefu.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await api(kefu.url, admin, 'PATCH', '/api/auth/profile', { locale })).status).toBe(200);
    const problems: string[] = [];
    const page = await newWatchedPage(browser, contexts, problems, { locale, width: 1440, height: 900 });
    // The sign-in form speaks the browser's language, so its fields are found by what they hold.
    await page.goto(`${kefu.url}/login`);
    await page.locator('input[autocomplete="username"]').fill(ADMIN_EMAIL);
    await page.locator('input[autocomplete="current-password"]').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    watch(page, problems);
    await expect.poll(() => page.getByTestId('nav-inbox').textContent()).toContain(inboxLabel);

    const links = await page
      .locator('[data-testid^="nav-"]')
      .evaluateAll((elements) =>
        elements.map((element) => element.getAttribute('href')).filter((href): href is string => !!href),
      );
    expect(links.length, 'menu entries').toBeGreaterThanOrEqual(15);

    const visited: string[] = [];
    for (const href of [...new Set(links)]) {
      await page.goto(`${kefu.url}${href}`);
      await settle(page);
      problems.push(...(await pageProblems(page, href)));
      visited.push(href);
      const tabs = page.locator('.ant-tabs-tab:not(.ant-tabs-tab-disabled)');
      const count = await tabs.count();
      for (let index = 1; index < count; index += 1) {
        const label = (await tabs.nth(index).textContent())?.trim();
        await tabs.nth(index).click();
        await settle(page);
        problems.push(...(await pageProblems(page, `${href} › ${label}`)));
        visited.push(`${href} › ${label}`);
      }
    }
    expect(visited.length, `pages and tabs visited: ${visited.join(', ')}`).toBeGreaterThan(links.length);
    expect(problems, `problems while visiting ${visited.join(', ')}`).toEqual([]);
  });
});
