import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApiSession, api, mustLogin } from './support/api.js';
import { launchChromium } from './support/browser.js';
import {
  consoleBubbles,
  newWatchedPage,
  openDemoWidget,
  signInToConsole,
  widgetBubbles,
  widgetComposer,
  widgetConnection,
} from './support/chat.js';
import { type KefuProcess, makeTempDir, REPO_ROOT, startKefu, type TempDir } from './support/kefuProcess.js';
import { solidPng } from './support/png.js';

/**
 * Issue 4's quick replies in a real browser against the built server: an admin imports replies from a CSV on
 * the settings page, and in a chat `/tkzc` inserts 退款政策 with the customer's name filled in; a reply with a
 * picture sends the picture along.
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');
const ADMIN_EMAIL = 'admin@kefu.local';
const ADMIN_PASSWORD = `Demo-${randomBytes(9).toString('base64url')}`;
const LIVE = { timeout: 30_000 };
const PICTURE = 'qr-code.png';

let tmp: TempDir;
let kefu: KefuProcess;
let browser: Browser;
let admin: ApiSession;
const contexts: BrowserContext[] = [];
const problems: string[] = [];
let agent: Page;
let widget: FrameLocator;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = makeTempDir('quick-replies');
  kefu = await startKefu({
    cwd: tmp.dir,
    env: { DATABASE_URL: './data/kefu.db', KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
  });
  browser = await launchChromium();
  admin = await mustLogin(kefu.url, ADMIN_EMAIL, ADMIN_PASSWORD);
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await browser?.close();
  await kefu?.stop();
  tmp?.remove();
});

/** A workspace reply with a picture, made over the API as an integration would. */
async function createReplyWithPicture() {
  const form = new FormData();
  form.append('file', new Blob([solidPng(40, 40, [20, 160, 90])], { type: 'image/png' }), PICTURE);
  const uploaded = await fetch(`${kefu.url}/api/attachments`, {
    method: 'POST',
    headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrfToken },
    body: form,
  });
  expect(uploaded.status).toBe(201);
  const { id } = (await uploaded.json()) as { id: string };
  const created = await api(kefu.url, admin, 'POST', '/api/quick-replies', {
    scope: 'workspace',
    title: '关注公众号',
    content: '扫码关注我们的公众号，领取优惠券。',
    attachmentId: id,
  });
  expect(created.status).toBe(201);
}

describe('quick replies in the console', () => {
  test('an admin imports quick replies from a CSV file on the settings page', async () => {
    await createReplyWithPicture();
    agent = await newWatchedPage(browser, contexts, problems);
    await signInToConsole(agent, kefu.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await agent.getByTestId('nav-quick-replies').click();
    await agent.waitForURL(`${kefu.url}/settings/quick-replies`);
    await agent.getByTestId('import').click();
    const csv = '分类,标题,内容,范围\r\n售后,退款政策,您好 {{contact.name}}，我们支持七天无理由退货。,全员\r\n';
    await agent
      .getByRole('dialog')
      .locator('input[type=file]')
      .setInputFiles({ name: '快捷回复.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await agent.getByText('导入完成：新增 1 条，更新 0 条，新建分类 1 个').waitFor(LIVE);
    await agent.keyboard.press('Escape');
    const table = agent.getByRole('table', { name: '快捷回复列表' });
    await table.getByText('退款政策').waitFor(LIVE);
    await table.getByText('关注公众号').waitFor();
    await agent.screenshot({ path: path.join(SCREENSHOTS, 'quick-replies-settings.png') });

    // The edit form shows the stored picture, served to the signed-in console by its cookie.
    await table
      .getByRole('row', { name: /关注公众号/ })
      .getByRole('button', { name: '编辑' })
      .click();
    const dialog = agent.getByRole('dialog', { name: '编辑快捷回复' });
    const preview = dialog.locator(`img[alt="${PICTURE}"]`);
    await expect
      .poll(() => preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), LIVE)
      .toBe(true);
    await agent.screenshot({ path: path.join(SCREENSHOTS, 'quick-replies-edit.png') });
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(problems).toEqual([]);
  });

  test('/tkzc inserts 退款政策 with the customer’s name filled in, and the customer receives it', async () => {
    await agent.getByTestId('nav-inbox').click();
    await expect.poll(() => agent.getByTestId('connection-state').getAttribute('data-state'), LIVE).toBe('connected');

    const customer = await newWatchedPage(browser, contexts, problems, { width: 414, height: 860 });
    widget = await openDemoWidget(customer, kefu.url);
    await expect.poll(() => widgetConnection(widget).getAttribute('class'), LIVE).toContain('conn-connected');
    await widgetComposer(widget).fill('我想退款');
    await widgetComposer(widget).press('Enter');

    const row = agent.getByTestId('conversation-row').filter({ hasText: '我想退款' });
    await row.waitFor(LIVE);
    await row.click();
    await consoleBubbles(agent, '我想退款').waitFor(LIVE);
    const name = (await agent.getByTestId('conversation-title').textContent())?.trim() ?? '';
    expect(name.length).toBeGreaterThan(0);

    const input = agent.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('/tkzc');
    const picker = agent.getByTestId('quick-reply-picker');
    await picker.getByRole('option', { name: /退款政策/ }).waitFor(LIVE);
    await agent.screenshot({ path: path.join(SCREENSHOTS, 'quick-replies-picker.png') });
    await input.press('Enter');
    const text = `您好 ${name}，我们支持七天无理由退货。`;
    await expect.poll(() => input.inputValue()).toBe(text);
    await input.press('Enter');
    await widgetBubbles(widget, text).waitFor(LIVE);
    expect(problems).toEqual([]);
  });

  test('a reply with a picture attaches a fresh copy that reaches the customer', async () => {
    const input = agent.getByTestId('composer-input');
    await input.pressSequentially('/gzgzh');
    await agent
      .getByTestId('quick-reply-picker')
      .getByRole('option', { name: /关注公众号/ })
      .waitFor(LIVE);
    await input.press('Enter');
    await agent.getByTestId('uploads').getByText(PICTURE).waitFor(LIVE);
    await expect.poll(() => agent.getByTestId('send').isEnabled(), LIVE).toBe(true);
    await input.press('Enter');
    await widgetBubbles(widget, '扫码关注我们的公众号，领取优惠券。').waitFor(LIVE);
    const picture = widget.locator(`.messages li.row.agent img[alt="${PICTURE}"]`);
    await picture.waitFor(LIVE);
    await expect
      .poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), LIVE)
      .toBe(true);
    expect(problems).toEqual([]);
  });
});
