import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
 * Issue 3's "done means", in a real browser against the built server on SQLite: a customer on the demo shop page
 * talks to an agent in the console, live, both ways, with pictures; the server restarts in the middle of the
 * conversation, both sides write while it is down, and afterwards every message is there exactly once on both.
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');
const ADMIN_EMAIL = 'admin@kefu.local';
const ADMIN_PASSWORD = `Demo-${randomBytes(9).toString('base64url')}`;
/** Live updates and reconnects get this long; the machine may be busy with other tests. */
const LIVE = { timeout: 30_000 };
/** After a restart the clients come back within their backoff ceiling (at most 30 s) plus the server's start. */
const RECONNECT = { timeout: 90_000 };

const QUESTION = '你好，我想查一下订单';
const ANSWER = '您好，请提供一下订单号，我帮您查询 😊';
const CUSTOMER_PICTURE = 'order-photo.png';
const AGENT_PICTURE = 'shipping-label.png';
const CUSTOMER_WHILE_DOWN = '订单号是 20251212-8848，麻烦了';
const AGENT_WHILE_DOWN = '好的，已经为您查到，明天送达';

let tmp: TempDir;
let kefu: KefuProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Uncaught errors and dialogs in any page; there must be none. */
const problems: string[] = [];

let agent: Page;
let customer: Page;
let widget: FrameLocator;

const env = () => ({ DATABASE_URL: './data/kefu.db', KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = makeTempDir('demo');
  kefu = await startKefu({ cwd: tmp.dir, env: env() });
  const loader = await fetch(`${kefu.url}/widget/loader.js`);
  await loader.body?.cancel();
  if (loader.status !== 200)
    throw new Error('The server does not serve the widget: run `npm run build -w @kefu/widget`');
  const consoleHtml = await (await fetch(`${kefu.url}/login`, { headers: { Accept: 'text/html' } })).text();
  if (!consoleHtml.includes('id="root"'))
    throw new Error('The server does not serve the console: run `npm run build -w @kefu/console`');
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await browser?.close();
  await kefu?.stop();
  tmp?.remove();
});

/** How many times each text shows in the widget and in the agent's open conversation. */
async function counts(texts: string[]): Promise<Record<string, [widget: number, console: number]>> {
  const result: Record<string, [number, number]> = {};
  for (const text of texts) {
    result[text] = [await widgetBubbles(widget, text).count(), await consoleBubbles(agent, text).count()];
  }
  return result;
}

/** Whether an <img> has really been drawn (decoded, with a size), not just put in the DOM. */
const drawn = (image: HTMLImageElement) => image.complete && image.naturalWidth > 0;

describe('the /demo page and the console, live', () => {
  test('a customer asks on the demo shop page and an agent answers from the inbox, both live', async () => {
    // The agent signs in first: with nobody online the widget would offer only the leave-a-message form.
    agent = await newWatchedPage(browser, contexts, problems);
    await signInToConsole(agent, kefu.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await agent.getByTestId('nav-inbox').click();
    await agent.waitForURL(`${kefu.url}/inbox`);
    await expect.poll(() => agent.getByTestId('connection-state').getAttribute('data-state'), LIVE).toBe('connected');

    // The agent moves to the home page: the console stays connected on every page.
    await agent.getByTestId('nav-home').click();
    await agent.waitForURL(`${kefu.url}/`);

    // The customer, in another browser profile, on a phone-sized screen.
    customer = await newWatchedPage(browser, contexts, problems, { width: 414, height: 860 });
    widget = await openDemoWidget(customer, kefu.url);
    await expect.poll(() => widgetConnection(widget).getAttribute('class'), LIVE).toContain('conn-connected');
    await widget.getByText('您好，欢迎咨询！请问有什么可以帮您？').waitFor();
    await widgetComposer(widget).fill(QUESTION);
    await widgetComposer(widget).press('Enter');
    await widgetBubbles(widget, QUESTION).waitFor();

    // On the home page the navigation counts the unread message, live; the agent goes to the inbox, where the
    // list shows the new conversation without a reload, opens it and replies.
    await expect.poll(() => agent.getByTestId('badge-inbox').textContent(), LIVE).toBe('1');
    await agent.getByTestId('nav-inbox').click();
    const row = agent.getByTestId('conversation-row').filter({ hasText: QUESTION });
    await row.waitFor(LIVE);
    await row.click();
    await consoleBubbles(agent, QUESTION).waitFor(LIVE);
    await agent.locator('textarea:visible').fill(ANSWER);
    await agent.locator('textarea:visible').press('Enter');
    await agent.getByTestId('message').filter({ hasText: ANSWER }).waitFor(LIVE);

    // The customer sees the answer live.
    await widgetBubbles(widget, ANSWER).waitFor(LIVE);
    expect(await counts([QUESTION, ANSWER])).toEqual({ [QUESTION]: [1, 1], [ANSWER]: [1, 1] });
    await customer.screenshot({ path: path.join(SCREENSHOTS, 'demo-customer.png') });
    await agent.screenshot({ path: path.join(SCREENSHOTS, 'demo-agent.png') });
    expect(problems).toEqual([]);
  }, 120_000);

  test('a picture goes both ways and each side sees the other one drawn', async () => {
    // The customer picks a PNG in the widget; it is uploaded and sent as a message of its own.
    await widget
      .locator('.composer input[type=file]')
      .setInputFiles({ name: CUSTOMER_PICTURE, mimeType: 'image/png', buffer: solidPng(64, 48, [230, 80, 40]) });
    const inConsole = agent.locator(`[data-testid=message] img[alt="${CUSTOMER_PICTURE}"]`);
    await inConsole.waitFor(LIVE);
    await expect.poll(() => inConsole.evaluate(drawn), LIVE).toBe(true);

    // The agent attaches one in the composer and sends it.
    await agent
      .getByTestId('composer')
      .locator('input[type=file]')
      .setInputFiles({ name: AGENT_PICTURE, mimeType: 'image/png', buffer: solidPng(80, 60, [40, 120, 230]) });
    await expect.poll(() => agent.getByTestId('send').isEnabled(), LIVE).toBe(true);
    await agent.getByTestId('send').click();
    const inWidget = widget.locator(`.messages li.row.agent img[alt="${AGENT_PICTURE}"]`);
    await inWidget.waitFor(LIVE);
    await expect.poll(() => inWidget.evaluate(drawn), LIVE).toBe(true);

    // Each side also shows its own picture once.
    const ownInWidget = widget.locator(`.messages li.row.own img[alt="${CUSTOMER_PICTURE}"]`);
    await expect.poll(() => ownInWidget.evaluate(drawn), LIVE).toBe(true);
    const ownInConsole = agent.locator(`[data-testid=message] img[alt="${AGENT_PICTURE}"]`);
    await expect.poll(() => ownInConsole.evaluate(drawn), LIVE).toBe(true);
    expect(await widget.locator('.messages img').count()).toBe(2);
    expect(await agent.locator('[data-testid=message] img').count()).toBe(2);
    expect(problems).toEqual([]);
  }, 120_000);

  test('the server restarts mid-conversation: both sides wait, resume, and lose or double nothing', async () => {
    await kefu.stop();

    // Both sides say they are not connected, and what they write waits in their outbox.
    await expect.poll(() => widgetConnection(widget).getAttribute('class'), LIVE).toContain('conn-reconnecting');
    await expect
      .poll(() => agent.getByTestId('connection-state').getAttribute('data-state'), LIVE)
      .toBe('reconnecting');
    await widgetComposer(widget).fill(CUSTOMER_WHILE_DOWN);
    await widgetComposer(widget).press('Enter');
    await agent.locator('textarea:visible').fill(AGENT_WHILE_DOWN);
    await agent.locator('textarea:visible').press('Enter');
    await widget.locator('.messages li.row.own.pending').filter({ hasText: CUSTOMER_WHILE_DOWN }).waitFor();
    await agent.getByTestId('pending-message').filter({ hasText: AGENT_WHILE_DOWN }).waitFor();
    expect(await widgetConnection(widget).getAttribute('class')).toContain('conn-reconnecting');
    await customer.screenshot({ path: path.join(SCREENSHOTS, 'demo-customer-offline.png') });

    // The same port and data directory: the clients find it by themselves.
    kefu = await startKefu({ cwd: tmp.dir, env: { ...env(), PORT: String(kefu.port) } });
    await expect.poll(() => widgetConnection(widget).getAttribute('class'), RECONNECT).toContain('conn-connected');
    await expect
      .poll(() => agent.getByTestId('connection-state').getAttribute('data-state'), RECONNECT)
      .toBe('connected');

    // Each side's message reaches the other, and every message is there exactly once on both sides.
    const all = [QUESTION, ANSWER, CUSTOMER_WHILE_DOWN, AGENT_WHILE_DOWN];
    const once = Object.fromEntries(all.map((text) => [text, [1, 1]]));
    await expect.poll(() => counts(all), LIVE).toEqual(once);
    await expect.poll(() => widget.locator('.messages li.pending').count(), LIVE).toBe(0);
    await expect.poll(() => agent.getByTestId('pending-message').count(), LIVE).toBe(0);
    expect(await widget.locator('.messages img').count()).toBe(2);
    expect(await agent.locator('[data-testid=message] img').count()).toBe(2);

    // A reload of the agent's view (from the database) agrees: nothing lost, nothing stored twice.
    await agent.reload();
    await consoleBubbles(agent, AGENT_WHILE_DOWN).waitFor(LIVE);
    expect(await counts(all)).toEqual(once);
    await customer.screenshot({ path: path.join(SCREENSHOTS, 'demo-customer-resumed.png') });
    expect(problems).toEqual([]);
  }, 240_000);
});
