import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, mustLogin } from './support/api.js';
import { launchChromium } from './support/browser.js';
import {
  consoleBubbles,
  newWatchedPage,
  openDemoWidget,
  signInToConsole,
  widgetBubbles,
  widgetComposer,
  widgetWindow,
} from './support/chat.js';
import { type KefuProcess, makeTempDir, startKefu, type TempDir } from './support/kefuProcess.js';

/**
 * Script injection, end to end: payloads typed by a customer (chat messages, the leave-a-message and pre-chat
 * name fields) and by an agent (replies and notes) are shown as the literal text that was typed, and no script
 * runs in the console, in the widget's iframe or on the host page: every payload would set `window.__xss` (or
 * open a dialog) if it ran.
 */

const ADMIN_EMAIL = 'admin@kefu.local';
const ADMIN_PASSWORD = `Xss-${randomBytes(9).toString('base64url')}`;
const LIVE = { timeout: 30_000 };

/** Entities must stay entities: shown as `&lt;`, never decoded into markup. About 3,000 characters. */
const LONG_ENTITIES = Array.from(
  { length: 30 },
  (_, i) =>
    `第${i}段 &lt;img src=x onerror=window.__xss=1&gt; &#x3C;script&#x3E;window.__xss=1&#x3C;/script&#x3E; &amp;`,
).join(' ');

const MESSAGE_PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  '<svg onload=window.__xss=1>',
  '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
  '"><iframe srcdoc="<script>parent.__xss=1</script>">',
  "'><details open ontoggle=window.__xss=1>",
  '<input autofocus onfocus=window.__xss=1>',
  '<a href="javascript:window.__xss=1">点我查看订单</a> javascript:window.__xss=1',
  '[查看物流](javascript:window.__xss=1) ![x](x" onerror="window.__xss=1)',
  '<img src=x onerror=alert(1)>',
  `{{constructor.constructor("window.__xss=1")()}} \${window.__xss=1}`,
  LONG_ENTITIES,
];
/** Contact names are at most 100 characters. */
const LEAVE_NAME = '<img src=x onerror=window.__xss=1>';
const LEAVE_CONTENT = '<script>window.__xss=1</script>请回电';
const PRECHAT_NAME = '"><svg onload=window.__xss=1>';
const NOTE = '<img src=x onerror=window.__xss=1>（内部备注，顾客看不到）';
const LAST_REPLY = '以上是全部测试消息';

/** Elements and attributes a payload would create if it were parsed as HTML instead of shown as text. */
const INJECTED =
  'img[src="x"], iframe, script:not([src]), svg[onload], details[ontoggle], [onerror], [onload], [onbegin], ' +
  '[onfocus], [ontoggle], a[href^="javascript:" i]';

let tmp: TempDir;
let kefu: KefuProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

beforeAll(async () => {
  tmp = makeTempDir('xss');
  kefu = await startKefu({
    cwd: tmp.dir,
    env: { DATABASE_URL: './data/kefu.db', KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
  });
  const loader = await fetch(`${kefu.url}/widget/loader.js`);
  await loader.body?.cancel();
  if (loader.status !== 200)
    throw new Error('The server does not serve the widget: run `npm run build -w @kefu/widget`');
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await browser?.close();
  await kefu?.stop();
  tmp?.remove();
});

const xssFlag = (target: Page | Frame) => target.evaluate(() => (window as { __xss?: unknown }).__xss ?? null);
const injected = (target: Page | Frame, selector: string) =>
  target.evaluate((s) => [...document.querySelectorAll(s)].map((element) => element.outerHTML.slice(0, 120)), selector);

/** Fills a form field of the widget by its `name`. */
async function fillField(widget: FrameLocator, name: string, value: string) {
  await widget.locator(`form [name="${name}"]`).fill(value);
}

describe('script injection, customer and agent', () => {
  test('nothing typed on either side runs as script, and all of it is shown as typed', async () => {
    // 1. Nobody is online yet: a customer leaves a message (留言) with a payload as the name and in the text.
    const leaver = await newWatchedPage(browser, contexts, problems);
    const leaveWidget = await openDemoWidget(leaver, kefu.url);
    await leaveWidget.locator('.offline form').waitFor(LIVE);
    await fillField(leaveWidget, 'name', LEAVE_NAME);
    await fillField(leaveWidget, 'phone', '13800138000');
    await fillField(leaveWidget, 'content', LEAVE_CONTENT);
    await leaveWidget.locator('.offline form button[type=submit]').click();
    await leaveWidget.locator('.offline .success').waitFor(LIVE);

    // 2. An inbox with a pre-chat form asking for the name.
    const admin = await mustLogin(kefu.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await api<{ websiteToken: string }>(kefu.url, admin, 'POST', '/api/inboxes', {
      name: '预聊表单测试',
      settings: { preChatForm: { enabled: true, fields: ['name'] } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    // 3. An agent signs in and opens the inbox; the leave-a-message conversation shows its payloads as text.
    const agent = await newWatchedPage(browser, contexts, problems);
    await signInToConsole(agent, kefu.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await agent.getByTestId('nav-inbox').click();
    await expect.poll(() => agent.getByTestId('connection-state').getAttribute('data-state'), LIVE).toBe('connected');
    await agent.getByTestId('conversation-name').filter({ hasText: LEAVE_NAME }).click();
    await expect.poll(() => agent.getByTestId('conversation-title').textContent(), LIVE).toBe(LEAVE_NAME);
    await consoleBubbles(agent, `【留言】${LEAVE_CONTENT}`).waitFor(LIVE);

    // 4. A second customer fills the pre-chat form with a payload as the name.
    const customer = await newWatchedPage(browser, contexts, problems);
    const widget = await openDemoWidget(
      customer,
      kefu.url,
      `?websiteToken=${encodeURIComponent(created.body.websiteToken)}`,
    );
    await fillField(widget, 'name', PRECHAT_NAME);
    await widget.locator('form button[type=submit]').click();
    await widgetComposer(widget).waitFor(LIVE);

    // 5. Each payload goes from the customer to the agent, and a reply carrying it comes back; both sides show it
    //    exactly as typed, live.
    for (const [i, payload] of MESSAGE_PAYLOADS.entries()) {
      await widgetComposer(widget).fill(payload);
      await widgetComposer(widget).press('Enter');
      if (i === 0) {
        // The first message opens the conversation: the agent opens it from the list.
        const row = agent.getByTestId('conversation-row').filter({ hasText: PRECHAT_NAME });
        await row.waitFor(LIVE);
        await row.click();
        await expect.poll(() => agent.getByTestId('conversation-title').textContent(), LIVE).toBe(PRECHAT_NAME);
      }
      await consoleBubbles(agent, payload).waitFor(LIVE);
      const reply = `回复 ${payload}`;
      await agent.locator('textarea:visible').fill(reply);
      await agent.locator('textarea:visible').press('Enter');
      await widgetBubbles(widget, reply).waitFor(LIVE);
    }

    // 6. A note with a payload: the agent sees it as text, the customer never sees it.
    await agent.getByTestId('composer-mode').getByText('内部备注').click();
    await agent.locator('textarea:visible').fill(NOTE);
    await agent.locator('textarea:visible').press('Enter');
    await agent.locator('[data-testid=message][data-kind=note]').filter({ hasText: NOTE }).waitFor(LIVE);
    await agent.getByTestId('composer-mode').getByText('回复').click();
    await agent.locator('textarea:visible').fill(LAST_REPLY);
    await agent.locator('textarea:visible').press('Enter');
    await widgetBubbles(widget, LAST_REPLY).waitFor(LIVE);
    expect(await widget.getByText(NOTE).count()).toBe(0);

    // The widget keeps the whole conversation in the DOM: every payload is there once, as the text typed.
    for (const payload of MESSAGE_PAYLOADS) {
      expect(await widgetBubbles(widget, payload).count(), payload).toBe(1);
      expect(await widgetBubbles(widget, `回复 ${payload}`).count(), payload).toBe(1);
    }

    // 7. Nothing ran anywhere: the console, both widget iframes, both host pages; and no dialog opened.
    const widgetFrames = [widgetWindow(leaver), widgetWindow(customer)];
    for (const target of [agent, leaver, customer, ...widgetFrames]) {
      expect(await xssFlag(target), target.url()).toBeNull();
    }
    for (const target of [agent, ...widgetFrames]) {
      expect(await injected(target, INJECTED), target.url()).toEqual([]);
    }
    for (const host of [leaver, customer]) {
      // The host page has its own iframe (the widget) and nothing else a payload could have made.
      expect(await injected(host, INJECTED.replace('iframe, ', '')), host.url()).toEqual([]);
    }
    // Reload the console so everything is rendered from the server's copy, and look again.
    await agent.reload();
    await consoleBubbles(agent, LAST_REPLY).waitFor(LIVE);
    await agent.getByTestId('conversation-name').filter({ hasText: LEAVE_NAME }).waitFor(LIVE);
    expect(await xssFlag(agent)).toBeNull();
    expect(await injected(agent, INJECTED)).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);
});
