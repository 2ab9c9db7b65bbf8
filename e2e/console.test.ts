import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { api, mustLogin } from './support/api.js';
import { launchChromium } from './support/browser.js';
import { type KefuProcess, makeTempDir, REPO_ROOT, startKefu, type TempDir } from './support/kefuProcess.js';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');
const ADMIN_EMAIL = 'admin@kefu.local';
const ADMIN_PASSWORD = `E2e-${randomBytes(9).toString('base64url')}`;
const XSS = '<img src=x onerror="window.__xss=1">';

let kefu: KefuProcess;
let browser: Browser;
let tmp: TempDir;
const contexts: BrowserContext[] = [];
/** Uncaught exceptions in any page: the console must not throw while it is used. */
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = makeTempDir('console');
  kefu = await startKefu({
    cwd: tmp.dir,
    env: { DATABASE_URL: './data/kefu.db', KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
  });
  const index = await fetch(`${kefu.url}/login`, { headers: { Accept: 'text/html' } });
  const html = await index.text();
  if (!html.includes('id="root"')) {
    throw new Error('The server does not serve the console: run `npm run build -w @kefu/console` first');
  }
  browser = await launchChromium();

  // Fail once, with the reason, if the built console does not render at all (e.g. a bundling error).
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    await page.goto(`${kefu.url}/login`);
    await page
      .getByTestId('login-submit')
      .waitFor({ timeout: 15_000 })
      .catch(() => {
        throw new Error(
          `The console did not render its sign-in page.\nUncaught errors:\n${errors.join('\n') || 'none'}`,
        );
      });
  } finally {
    await context.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await kefu?.stop();
  tmp?.remove();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  const errors = pageErrors.splice(0);
  expect(errors, 'uncaught errors in the console').toEqual([]);
});

/**
 * A fresh browser profile. `de-DE` is a language the console does not speak, so it must fall back to its
 * default, Simplified Chinese.
 */
async function newPage(locale = 'de-DE'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${kefu.url}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** Picks the option `label` in the Ant Design Select labelled `field` inside `scope`. */
async function choose(page: Page, scope: Locator, field: string, label: string) {
  await scope.getByLabel(field, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).click();
}

async function navTexts(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByTestId('nav-home').waitFor();
  return (await nav.locator('[data-testid^="nav-"]').allTextContents()).map((text) => text.trim());
}

describe('the console in Chromium', () => {
  const agent = {
    email: `kefu-${randomBytes(3).toString('hex')}@example.com`,
    name: '周小雨',
    password: `Agent-${randomBytes(9).toString('base64url')}`,
  };

  test('an admin signs in in Chinese and creates an agent, who then sees only what agents may', async () => {
    const page = await newPage();

    // The sign-in page defaults to Simplified Chinese.
    await page.goto(`${kefu.url}/login`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByTestId('login-submit').textContent()).toMatch(/登\s*录/);

    // A wrong password is refused with a message in Chinese, and nobody is signed in.
    await page.getByLabel('邮箱').fill(ADMIN_EMAIL);
    await page.getByLabel('密码').fill(`${ADMIN_PASSWORD}-wrong`);
    await page.getByTestId('login-submit').click();
    await page.getByText('邮箱或密码错误').waitFor();
    expect(page.url()).toBe(`${kefu.url}/login`);

    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: '欢迎，管理员' }).waitFor();
    expect(await page.getByTestId('workspace-name').textContent()).toBe('悦家生活旗舰店');
    expect(await navTexts(page)).toEqual(
      expect.arrayContaining(['首页', '工作区', '用户与角色', '团队', 'API 令牌', '审计日志']),
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-home.png'), fullPage: true });

    // Users: the demo staff are listed; create the agent through the modal.
    await page.getByTestId('nav-users').click();
    await page.waitForURL(`${kefu.url}/settings/users`);
    const usersTable = page.getByRole('table');
    await usersTable.getByText('zhuguan@demo.kefu.local').waitFor();
    await page.getByTestId('create-user').click();
    const dialog = page.getByRole('dialog', { name: '创建用户' });
    await dialog.waitFor();
    await dialog.getByLabel('邮箱').fill(agent.email);
    await dialog.getByLabel('姓名').fill(agent.name);
    await choose(page, dialog, '角色', '客服');
    await dialog.getByLabel('初始密码').fill(agent.password);
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByText(`已创建用户 ${agent.name}`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    const row = usersTable.getByRole('row').filter({ hasText: agent.email });
    await row.waitFor();
    expect(await row.textContent()).toContain(agent.name);
    expect(await row.textContent()).toContain('客服');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-users.png'), fullPage: true });

    // The server stored exactly what was typed.
    const admin = await mustLogin(kefu.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const users = await api<{ items: { email: string; name: string; role: string; status: string }[] }>(
      kefu.url,
      admin,
      'GET',
      '/api/users',
    );
    expect(users.body.items.find((u) => u.email === agent.email)).toMatchObject({
      name: agent.name,
      role: 'agent',
      status: 'active',
    });

    // Sign out: back to the sign-in page, and the session no longer works.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-sign-out').click();
    await page.waitForURL(`${kefu.url}/login`);
    expect((await page.request.get(`${kefu.url}/api/auth/session`)).status()).toBe(401);

    // The agent signs in.
    await signIn(page, agent.email, agent.password);
    await page.getByRole('heading', { name: `欢迎，${agent.name}` }).waitFor();
    const agentNav = await navTexts(page);
    expect(agentNav).toEqual(expect.arrayContaining(['首页', '工作区', '团队', 'API 令牌']));
    expect(agentNav).not.toContain('用户与角色');
    expect(agentNav).not.toContain('审计日志');

    // Pages the agent may not use show the forbidden page when opened directly, and the API refuses them too.
    await page.goto(`${kefu.url}/settings/audit`);
    await page.getByTestId('forbidden-page').waitFor();
    expect(await page.getByTestId('forbidden-page').textContent()).toContain('没有访问权限');
    expect((await page.request.get(`${kefu.url}/api/audit-events`)).status()).toBe(403);
    await page.goto(`${kefu.url}/settings/users`);
    await page.getByTestId('forbidden-page').waitFor();
    expect((await page.request.get(`${kefu.url}/api/users`)).status()).toBe(403);

    // Teams: readable, not manageable.
    await page.getByTestId('nav-teams').click();
    await page.waitForURL(`${kefu.url}/settings/teams`);
    await page.getByRole('table').getByText('技术支持', { exact: true }).waitFor();
    expect(await page.getByTestId('create-team').count()).toBe(0);
    expect(await page.getByTestId('forbidden-page').count()).toBe(0);

    // API tokens: the agent creates one, and it carries the agent's permissions, no more.
    await page.getByTestId('nav-api-tokens').click();
    await page.waitForURL(`${kefu.url}/settings/api-tokens`);
    await page.getByTestId('create-api-token').click();
    const tokenDialog = page.getByRole('dialog', { name: '创建 API 令牌' });
    await tokenDialog.getByLabel('名称').fill('工单同步脚本');
    await tokenDialog.getByRole('button', { name: /创\s*建/ }).click();
    const secret = (await page.getByTestId('api-token-secret').textContent())?.trim();
    expect(secret).toMatch(/^kefu_pat_\S+$/);
    const bearer = { headers: { Authorization: `Bearer ${secret}` } };
    expect((await fetch(`${kefu.url}/api/teams`, bearer)).status).toBe(200);
    expect((await fetch(`${kefu.url}/api/users`, bearer)).status).toBe(403);

    // Profile: the agent's own details.
    await page.keyboard.press('Escape');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-profile').click();
    await page.waitForURL(`${kefu.url}/profile`);
    await page.getByRole('heading', { name: '个人资料' }).waitFor();
    expect(await page.getByLabel('邮箱').inputValue()).toBe(agent.email);
    expect(await page.getByLabel('姓名').inputValue()).toBe(agent.name);
  });

  test('switching the language to English relabels the console and is remembered', async () => {
    const page = await newPage();
    await signIn(page, 'zhuguan@demo.kefu.local', ADMIN_PASSWORD);
    const teamsLink = page.getByTestId('nav-teams');
    expect(await teamsLink.textContent()).toBe('团队');

    await page.getByTestId('language-switch').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'English' }).click();
    await expect.poll(() => teamsLink.textContent()).toBe('Teams');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('user-menu').textContent()).toContain('王主管');

    // The choice is saved to the profile, so it survives a reload and applies on the next sign-in.
    await expect
      .poll(async () => (await (await page.request.get(`${kefu.url}/api/auth/session`)).json()).user.locale)
      .toBe('en');
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-teams').textContent()).toBe('Teams');
    expect(await page.getByTestId('nav-users').textContent()).toBe('Users & roles');
  });

  test('a script typed as a team or user name is shown as text and never runs', async () => {
    const page = await newPage();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);

    // A team named with the payload, typed into the create-team modal.
    await page.getByTestId('nav-teams').click();
    await page.waitForURL(`${kefu.url}/settings/teams`);
    await page.getByTestId('create-team').click();
    const dialog = page.getByRole('dialog', { name: '新建团队' });
    await dialog.getByLabel('名称').fill(XSS);
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('table').getByText(XSS, { exact: true }).waitFor();

    // A user named with the payload, typed into the create-user modal.
    await page.getByTestId('nav-users').click();
    await page.waitForURL(`${kefu.url}/settings/users`);
    await page.getByTestId('create-user').click();
    const userDialog = page.getByRole('dialog', { name: '创建用户' });
    await userDialog.getByLabel('邮箱').fill(`xss-${randomBytes(3).toString('hex')}@example.com`);
    await userDialog.getByLabel('姓名').fill(XSS);
    await userDialog.getByLabel('初始密码').fill(`Xss-${randomBytes(9).toString('base64url')}`);
    await userDialog.getByRole('button', { name: /创\s*建/ }).click();
    await userDialog.waitFor({ state: 'detached' });
    await page.getByRole('table').getByText(XSS, { exact: true }).waitFor();

    // Reload so both names are rendered from the server's data, then look everywhere they appear.
    for (const route of ['/settings/users', '/settings/teams', '/settings/audit']) {
      await page.goto(`${kefu.url}${route}`);
      await page.getByRole('table').getByRole('row').nth(1).waitFor();
      expect(await page.locator('img[src="x"]').count(), route).toBe(0);
    }
    await page.goto(`${kefu.url}/settings/teams`);
    await page.getByRole('table').getByText(XSS, { exact: true }).waitFor();
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  });
});
