import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BotStatsResponse, InboxView } from '@kefu/shared';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApiSession, api, mustLogin } from './support/api.js';
import { launchChromium } from './support/browser.js';
import {
  newWatchedPage,
  openDemoWidget,
  signInToConsole,
  widgetBubbles,
  widgetComposer,
  widgetConnection,
} from './support/chat.js';
import { type KefuProcess, makeTempDir, REPO_ROOT, startKefu, type TempDir } from './support/kefuProcess.js';

/**
 * Issue 6's "done means", in a real browser against the built server on SQLite with the demo shop: a customer asks
 * '退货要多久到账啊' in the widget and the bot answers from the refund FAQ (rated 有用); a question it cannot
 * answer gets "talk to a person" offered; the customer writes '转人工' and 张敏 (售后) receives the conversation
 * with the bot's summary; for the customer's follow-up the console suggests the knowledge answer, which one click
 * puts into the composer. An editor teaches the missed question as a similar question of the refund FAQ on the
 * learning list, and the bot answers it right away for the next customer.
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');
const ADMIN_EMAIL = 'admin@kefu.local';
/** The demo staff get the admin's password. */
const PASSWORD = `Demo-${randomBytes(9).toString('base64url')}`;
const AGENT_EMAIL = 'xiaozhang@demo.kefu.local';
const LIVE = { timeout: 30_000 };

const BOT_NAME = '智能客服小助手';
const REFUND_QUESTION = '退货要多久到账啊';
/** From the demo FAQ 退款多久到账？ */
const REFUND_ANSWER = '退款审核通过后原路退回';
/** Words no demo entry uses: the bot does not know what to answer. */
const MISSED_QUESTION = '钱到现在还没回到卡上';
const FOLLOW_UP = '退货运费谁出啊';
/** From the demo FAQ 退货运费谁承担？ */
const FREIGHT_ANSWER = '商品质量问题由我们承担来回运费';

let tmp: TempDir;
let kefu: KefuProcess;
let browser: Browser;
let admin: ApiSession;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

let agent: Page;
let customer: Page;
let widget: FrameLocator;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = makeTempDir('bot');
  kefu = await startKefu({
    cwd: tmp.dir,
    env: { DATABASE_URL: './data/kefu.db', KEFU_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
  });
  browser = await launchChromium();
  admin = await mustLogin(kefu.url, ADMIN_EMAIL, PASSWORD);
  // The demo inbox, with its bot answering first (机器人设置 → 机器人优先), set the way the console saves it.
  const inboxes = await api<{ items: InboxView[] }>(kefu.url, admin, 'GET', '/api/inboxes');
  expect(inboxes.status).toBe(200);
  const inbox = inboxes.body.items[0]!;
  const saved = await api<InboxView>(kefu.url, admin, 'PATCH', `/api/inboxes/${inbox.id}`, {
    settings: { bot: { ...inbox.settings.bot, mode: 'bot_first' } },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect(saved.body.settings.bot.mode).toBe('bot_first');
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await browser?.close();
  await kefu?.stop();
  tmp?.remove();
});

/** The bot's message in the widget whose text contains `text`, with its buttons. */
const botRow = (frame: FrameLocator, text: string): Locator =>
  frame.locator('.messages li.row.agent').filter({ has: frame.locator('.bubble', { hasText: text }) });

async function ask(frame: FrameLocator, text: string): Promise<void> {
  await widgetComposer(frame).fill(text);
  await widgetComposer(frame).press('Enter');
  await widgetBubbles(frame, text).waitFor(LIVE);
}

/** A customer on the demo shop page, on a phone-sized screen, who chose 售后服务. */
async function newCustomer(): Promise<{ page: Page; frame: FrameLocator }> {
  const page = await newWatchedPage(browser, contexts, problems, { width: 390, height: 844 });
  const frame = await openDemoWidget(page, kefu.url, '', '售后服务');
  await expect.poll(() => widgetConnection(frame).getAttribute('class'), LIVE).toContain('conn-connected');
  return { page, frame };
}

describe('the answer bot, end to end', () => {
  test('the bot answers from the refund FAQ, and the customer rates the answer 有用', async () => {
    // 张敏 of 售后 is online, but the bot answers first: the conversation does not reach her yet.
    agent = await newWatchedPage(browser, contexts, problems, { width: 1440, height: 900 });
    await signInToConsole(agent, kefu.url, AGENT_EMAIL, PASSWORD);
    await agent.getByTestId('nav-inbox').click();
    await expect.poll(() => agent.getByTestId('connection-state').getAttribute('data-state'), LIVE).toBe('connected');
    await expect.poll(() => agent.getByTestId('presence-switcher').getAttribute('data-presence'), LIVE).toBe('online');

    ({ page: customer, frame: widget } = await newCustomer());
    await ask(widget, REFUND_QUESTION);
    const answer = botRow(widget, REFUND_ANSWER);
    await answer.waitFor(LIVE);
    expect(await answer.locator('.sender').textContent()).toBe(BOT_NAME);

    const helpful = answer.getByRole('button', { name: '有用' });
    const unhelpful = answer.getByRole('button', { name: '没用' });
    expect(await helpful.getAttribute('aria-pressed')).toBe('false');
    await helpful.click();
    await expect.poll(() => helpful.getAttribute('aria-pressed'), LIVE).toBe('true');
    expect(await unhelpful.getAttribute('aria-pressed')).toBe('false');
    await answer.getByText('感谢您的反馈').waitFor();
    // The server has it: one helpful rating.
    const stats = await api<BotStatsResponse>(kefu.url, admin, 'GET', '/api/bot/stats');
    expect(stats.body.ratings).toEqual({ helpful: 1, unhelpful: 0 });
    expect(await agent.getByTestId('conversation-row').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);

  test('a question the bot cannot answer gets "talk to a person" offered', async () => {
    await ask(widget, MISSED_QUESTION);
    const unknown = botRow(widget, '抱歉，我还没有学会回答这个问题');
    await unknown.waitFor(LIVE);
    await unknown.getByRole('button', { name: '转人工客服' }).waitFor();
    await customer.screenshot({ path: path.join(SCREENSHOTS, 'bot-customer.png') });
    expect(problems).toEqual([]);
  }, 60_000);

  test('"转人工" hands the conversation to an agent of the team, with the bot’s summary', async () => {
    await ask(widget, '转人工');
    await botRow(widget, '正在为您转接人工客服').waitFor(LIVE);
    // Older buttons turned into text; the rating stays.
    expect(await widget.locator('.choice').count()).toBe(0);
    expect(await botRow(widget, REFUND_ANSWER).getByRole('button', { name: '有用' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    const row = agent.getByTestId('conversation-row').first();
    await row.waitFor(LIVE);
    await row.click();
    const summary = agent
      .getByTestId('message')
      .filter({ hasText: '【机器人转人工】原因：客户要求转人工' })
      .filter({ hasText: '机器人转人工摘要（客户看不到）' });
    await summary.waitFor(LIVE);
    const text = await summary.getByTestId('message-content').textContent();
    expect(text).toContain(`1. 客户：${REFUND_QUESTION}`);
    expect(text).toContain('机器人：已回答《退款多久到账？》（客户评价：有用）');
    expect(text).toContain(`2. 客户：${MISSED_QUESTION}`);
    expect(text).toContain('机器人：没有找到答案');
    expect(await agent.getByTestId('assignee').textContent()).toBe('由我处理');
    // The customer never sees the summary.
    expect(await widget.getByText('【机器人转人工】').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 90_000);

  test('the agent gets a knowledge answer suggested for the follow-up and inserts it with one click', async () => {
    await ask(widget, FOLLOW_UP);
    const suggestion = agent.getByTestId('knowledge-suggestion').filter({ hasText: '退货运费谁承担？' });
    await suggestion.waitFor(LIVE);
    await suggestion.getByRole('button', { name: '插入输入框' }).click();
    const input = agent.getByTestId('composer-input');
    await expect.poll(() => input.inputValue(), LIVE).toContain(FREIGHT_ANSWER);
    await agent.screenshot({ path: path.join(SCREENSHOTS, 'bot-agent.png') });

    await input.press('Enter');
    await widget.locator('.messages li.row.agent .bubble', { hasText: FREIGHT_ANSWER }).waitFor(LIVE);
    expect(problems).toEqual([]);
  }, 60_000);

  test('an editor adds the missed question as a similar question, and the bot answers it right away', async () => {
    const editor = await newWatchedPage(browser, contexts, problems, { width: 1440, height: 900 });
    await signInToConsole(editor, kefu.url, ADMIN_EMAIL, PASSWORD);
    await editor.goto(`${kefu.url}/bot/learning`);
    const group = editor.getByRole('row').filter({ hasText: MISSED_QUESTION });
    await group.waitFor(LIVE);
    await group.getByRole('button', { name: '添加为相似问题' }).click();

    const dialog = editor.getByRole('dialog', { name: '添加为相似问题' });
    await dialog.getByRole('combobox').fill('退款');
    await editor.locator('.ant-select-item-option').filter({ hasText: '退款多久到账？' }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await editor.getByText('已学习 1 个问题').waitFor(LIVE);
    await expect.poll(() => group.count(), LIVE).toBe(0);

    // The next customer asks it: the bot answers from the refund FAQ at once.
    const next = await newCustomer();
    await ask(next.frame, MISSED_QUESTION);
    const answer = botRow(next.frame, REFUND_ANSWER);
    await answer.waitFor(LIVE);
    // 没用 is taken, and "talk to a person" is offered under the answer.
    await answer.getByRole('button', { name: '没用' }).click();
    await expect
      .poll(() => answer.getByRole('button', { name: '没用' }).getAttribute('aria-pressed'), LIVE)
      .toBe('true');
    await answer.getByRole('button', { name: '转人工客服' }).waitFor();
    await next.page.screenshot({ path: path.join(SCREENSHOTS, 'bot-learned.png') });
    expect(problems).toEqual([]);
  }, 120_000);
});
