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
  widgetComposer,
  widgetConnection,
} from './support/chat.js';
import { type KefuProcess, makeTempDir, REPO_ROOT, startKefu, type TempDir } from './support/kefuProcess.js';

/**
 * The complaint loop (投诉闭环) through the UI, in a real browser against the built server on SQLite with the demo
 * shop: a customer complains in the chat; the agent 李晓 turns the conversation into a complaint with one click and
 * fills the register; proposes a replacement; the supervisor 王主管 approves; the customer accepts the solution in
 * the widget's 我的工单; the warehouse user 孙库管 marks the replacement shipped in the task inbox, which moves the
 * ticket to 待回访; the agent records a satisfied follow-up and the ticket closes.
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');
const PASSWORD = `Demo-${randomBytes(9).toString('base64url')}`;
const AGENT_EMAIL = 'xiaoli@demo.kefu.local';
const SUPERVISOR_EMAIL = 'zhuguan@demo.kefu.local';
const WAREHOUSE_EMAIL = 'cangku@demo.kefu.local';
const LIVE = { timeout: 30_000 };

const COMPLAINT = '收到的保温杯一直漏水，包都湿了';
const PLAN = '为客户补发一个新的 500ml 保温杯，并赠送杯套';
const SHIPPED = '已补发，顺丰 SF1234567890';

let tmp: TempDir;
let kefu: KefuProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

let agent: Page;
let customer: Page;
let widget: FrameLocator;
let ticketUrl = '';

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = makeTempDir('tickets');
  kefu = await startKefu({
    cwd: tmp.dir,
    env: { DATABASE_URL: './data/kefu.db', KEFU_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
  });
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

/** The ticket page's state tag, as the header shows it. */
const ticketState = (page: Page) => page.getByTestId('ticket-state').first();

/** Confirms an open dialog with its OK button (Ant Design renders it outside the form). */
async function confirm(page: Page, testId: string): Promise<void> {
  await page.getByTestId(`${testId}-ok`).click();
  await page.getByTestId(testId).waitFor({ state: 'hidden' });
}

describe('the complaint loop in the console and the widget', () => {
  test('an agent turns a chat complaint into a ticket with its register filled in', async () => {
    agent = await newWatchedPage(browser, contexts, problems);
    await signInToConsole(agent, kefu.url, AGENT_EMAIL, PASSWORD);
    await agent.getByTestId('nav-inbox').click();
    await expect.poll(() => agent.getByTestId('connection-state').getAttribute('data-state'), LIVE).toBe('connected');

    customer = await newWatchedPage(browser, contexts, problems, { width: 414, height: 860 });
    widget = await openDemoWidget(customer, kefu.url);
    await expect.poll(() => widgetConnection(widget).getAttribute('class'), LIVE).toContain('conn-connected');
    await widgetComposer(widget).fill(COMPLAINT);
    await widgetComposer(widget).press('Enter');

    const row = agent.getByTestId('conversation-row').filter({ hasText: COMPLAINT });
    await row.waitFor(LIVE);
    await row.click();
    await consoleBubbles(agent, COMPLAINT).waitFor(LIVE);

    // 转工单 → 投诉: the complaint register has required fields, so its form opens for this conversation.
    await agent.getByTestId('create-ticket-from-conversation').click();
    await agent.getByRole('menuitem', { name: '投诉' }).click();
    await agent.waitForURL(/\/tickets\/new\?/);
    const form = agent.getByRole('form', { name: '新建工单' });
    await form.getByText('客户来自当前会话').waitFor();
    await form.getByLabel('单位').fill('悦家贸易');
    await form.getByLabel('联系电话').fill('13900001111');
    await form.getByLabel('投诉原因').fill('新买的保温杯漏水，弄湿了包');
    await form.getByLabel('产品').fill('304 保温杯 500ml');
    await form.getByLabel('批次').fill('B20260201');
    await form.getByTestId('create-ticket').click();
    await agent.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    ticketUrl = agent.url();

    await expect.poll(() => ticketState(agent).textContent(), LIVE).toBe('待受理');
    // The title is the customer's first words and the transcript came along.
    await expect.poll(() => agent.getByTestId('ticket-title').textContent()).toContain(COMPLAINT);
    await agent.getByRole('tab', { name: /会话与通话/ }).click();
    await agent
      .getByTestId('linked-conversations')
      .getByText(/条聊天记录/)
      .waitFor();
    // The phone number is personal: masked on the ticket.
    await agent.getByRole('tab', { name: '处理' }).click();
    await expect.poll(() => agent.getByTestId('masked-field-phone').textContent()).toBe('139****1111');
    expect(problems).toEqual([]);
  }, 180_000);

  test('the agent accepts it and proposes a resolution; 王主管 approves it', async () => {
    await agent.getByTestId('transition-accept').click();
    await confirm(agent, 'transition-dialog');
    await expect.poll(() => ticketState(agent).textContent(), LIVE).toBe('处理中');

    await agent.getByTestId('propose-resolution').click();
    await agent.getByTestId('propose-dialog').getByLabel('方案内容').fill(PLAN);
    await confirm(agent, 'propose-dialog');
    await expect.poll(() => ticketState(agent).textContent(), LIVE).toBe('待审批');
    await agent.getByText('处理方案等待主管审批').waitFor();

    const supervisor = await newWatchedPage(browser, contexts, problems);
    await signInToConsole(supervisor, kefu.url, SUPERVISOR_EMAIL, PASSWORD);
    // The approval request reaches the supervisor's bell.
    await expect.poll(() => supervisor.getByTestId('notification-count').textContent(), LIVE).not.toBe('');
    await supervisor.getByTestId('notification-bell').click();
    await supervisor
      .getByText(/请审批/)
      .first()
      .click();
    await supervisor.waitForURL(ticketUrl);
    await supervisor.getByTestId('resolution-card').getByText(PLAN).waitFor();
    await supervisor.getByTestId('approve-resolution').click();
    await confirm(supervisor, 'approval-dialog');
    await expect.poll(() => ticketState(supervisor).textContent(), LIVE).toBe('待客户确认');
    await supervisor.screenshot({ path: path.join(SCREENSHOTS, 'tickets-approved.png') });
    expect(problems).toEqual([]);
  }, 120_000);

  test('the customer accepts the solution in the widget’s 我的工单', async () => {
    await widget.getByTestId('widget-open-tickets').click();
    const pending = widget.getByTestId('pending-decision');
    await pending.waitFor(LIVE);
    await expect.poll(() => pending.textContent()).toContain(PLAN);
    await pending.getByRole('button', { name: '同意方案' }).click();
    await widget.getByText('已收到您的确认，我们会尽快处理').waitFor(LIVE);
    await expect.poll(() => widget.locator('.ticket-state').first().textContent(), LIVE).toBe('执行中');
    await customer.screenshot({ path: path.join(SCREENSHOTS, 'tickets-widget.png') });

    // The agent's open ticket follows live.
    await expect.poll(() => ticketState(agent).textContent(), LIVE).toBe('执行中');
    expect(problems).toEqual([]);
  }, 120_000);

  test('the agent hands the replacement to 孙库管 of 仓库, re-words it; 孙库管 replies with the waybill, marks it shipped, and the ticket moves to 待回访', async () => {
    await agent.getByRole('tab', { name: /协办任务/ }).click();
    await agent.getByTestId('new-task').click();
    const dialog = agent.getByTestId('new-task-dialog');
    await dialog.getByTestId('task-team').click();
    await agent.getByTitle('仓库（部门）').click();
    // The owner is one of the department's members, who are not in the agent directory.
    await dialog.getByLabel('负责人').click();
    await agent.getByTitle('孙库管').click();
    await dialog.getByLabel('任务', { exact: true }).fill('补发新杯');
    await dialog.getByLabel('说明').fill('按客户收货地址补发 500ml 保温杯');
    await dialog.getByText('向该部门提供客户联系方式').click();
    await agent.getByRole('button', { name: '交办' }).click();
    const row = agent.getByTestId('task-row').filter({ hasText: '补发新杯' });
    await row.getByText('仓库 · 孙库管').waitFor(LIVE);
    await row.getByTestId('edit-task').click();
    const editor = agent.getByTestId('edit-task-dialog');
    await editor.getByLabel('说明').fill('按客户收货地址补发 500ml 保温杯，附杯套');
    await agent.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await row.getByText('按客户收货地址补发 500ml 保温杯，附杯套').waitFor(LIVE);

    const warehouse = await newWatchedPage(browser, contexts, problems);
    await signInToConsole(warehouse, kefu.url, WAREHOUSE_EMAIL, PASSWORD);
    // A department user sees the task inbox, not the ticket list; a task they own is under 交给我的.
    expect(await warehouse.getByTestId('nav-tickets').count()).toBe(0);
    await warehouse.getByTestId('nav-tasks').click();
    await warehouse.getByTestId('task-item').filter({ hasText: '补发新杯' }).click();
    // The task shares the customer's details: the warehouse sees the phone in full, and the approved plan.
    const facts = warehouse.getByTestId('restricted-ticket');
    await facts.getByText('13900001111').waitFor(LIVE);
    await facts.getByText(PLAN).waitFor();
    const detail = warehouse.getByTestId('task-detail');
    await detail.getByText('按客户收货地址补发 500ml 保温杯，附杯套').waitFor(LIVE);
    // The waybill goes back as a file in the task's thread (type checked by its bytes on upload).
    await detail.locator('input[type=file]').setInputFiles({
      name: '面单.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('顺丰 SF1234567890'),
    });
    await detail.getByTestId('task-reply-input').fill('已打包，面单见附件');
    await expect.poll(() => detail.getByTestId('task-reply-send').isEnabled(), LIVE).toBe(true);
    await detail.getByTestId('task-reply-send').click();
    await detail.getByRole('link', { name: /面单\.txt/ }).waitFor(LIVE);
    await warehouse.getByTestId('complete-task').click();
    await warehouse.getByTestId('task-result-input').fill(SHIPPED);
    await warehouse.getByTestId('complete-task-ok').click();
    await warehouse.getByText('任务已完成').waitFor(LIVE);
    await warehouse.screenshot({ path: path.join(SCREENSHOTS, 'tickets-warehouse.png') });

    await expect.poll(() => ticketState(agent).textContent(), LIVE).toBe('待回访');
    await agent.getByTestId('task-result').filter({ hasText: SHIPPED }).waitFor(LIVE);
    // The agent opens the waybill the warehouse attached.
    await row.getByRole('button', { name: '沟通记录' }).click();
    const waybill = row.getByRole('link', { name: /面单\.txt/ });
    await waybill.waitFor(LIVE);
    const href = await waybill.getAttribute('href');
    const download = await agent.request.get(`${kefu.url}${href}`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe('顺丰 SF1234567890');
    expect(problems).toEqual([]);
  }, 120_000);

  test('the agent records a satisfied follow-up and the ticket closes, with every step on the timeline', async () => {
    await agent.getByTestId('record-follow-up').click();
    const dialog = agent.getByTestId('follow-up-dialog');
    await dialog.getByRole('radio', { name: '满意', exact: true }).check();
    await dialog.getByLabel('回访记录').fill('客户已收到新杯，很满意');
    await confirm(agent, 'follow-up-dialog');
    await expect.poll(() => ticketState(agent).textContent(), LIVE).toBe('已关闭');
    await agent.getByText('当前状态没有可执行的操作').waitFor();

    await agent.getByRole('tab', { name: '时间线' }).click();
    const actions = async () =>
      agent
        .getByTestId('timeline-entry')
        .evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-action')));
    await expect
      .poll(actions, LIVE)
      .toEqual(
        expect.arrayContaining([
          'created',
          'conversation.linked',
          'transitioned',
          'resolution.proposed',
          'approval.approved',
          'customer.accepted',
          'task.created',
          'task.updated',
          'task.completed',
          'follow_up.recorded',
        ]),
      );
    await agent.screenshot({ path: path.join(SCREENSHOTS, 'tickets-closed.png') });
    expect(problems).toEqual([]);
  }, 120_000);
});
