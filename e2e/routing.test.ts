import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ConversationView, InboxView, MessageView, SupervisionBoard, TeamView, UserView } from '@kefu/shared';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TestSocket } from '../packages/server/src/test/testSocket.js';
import { type ApiSession, api, mustLogin } from './support/api.js';
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
 * Issue 4's routing "done means", in a real browser against the built server on SQLite: three agents in two teams
 * (张敏 and 陈静 in 售后 with different chat limits, 李晓 in 售前); a customer choosing 售后 in the widget lands
 * with the 售后 agent of the lowest saturation; a transfer with a note reaches the colleague, who reads the note;
 * when everyone is full the customer waits in the queue and sees the position fall live as chats are resolved;
 * a supervisor takes a chat over from the board. Customers who only fill seats are plain widget sockets.
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');
const ADMIN_EMAIL = 'admin@kefu.local';
const ADMIN_PASSWORD = `Demo-${randomBytes(9).toString('base64url')}`;
const STAFF_PASSWORD = `Staff-${randomBytes(9).toString('base64url')}`;
const LIVE = { timeout: 30_000 };
/** Sockets of the headless customers ping this often, well inside the server's 40 s silence limit. */
const PING_MS = 10_000;

const NOTE = '客户要换货，订单 20251212-8848，已核实过地址';

let tmp: TempDir;
let kefu: KefuProcess;
let browser: Browser;
let admin: ApiSession;
const contexts: BrowserContext[] = [];
const sockets: TestSocket[] = [];
const pingers: ReturnType<typeof setInterval>[] = [];
const problems: string[] = [];

const staff = {
  zhang: { email: 'zhangmin@kefu.test', name: '张敏', role: 'agent', id: '' },
  chen: { email: 'chenjing@kefu.test', name: '陈静', role: 'agent', id: '' },
  li: { email: 'lixiao@kefu.test', name: '李晓', role: 'agent', id: '' },
  boss: { email: 'wang@kefu.test', name: '王主管', role: 'supervisor', id: '' },
};
const teams = { presales: '', afterSales: '' };
let websiteToken = '';

let zhang: Page;
let chen: Page;
/** The customer who chose 售后 in the widget and got transferred. */
let customer: { page: Page; widget: FrameLocator; conversationId: string };
/** Headless customers' conversations, in the order they arrived. */
const filler: string[] = [];

async function must<T>(answer: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const { status: got, body } = await answer;
  expect(got, JSON.stringify(body)).toBe(status);
  return body;
}

const conversation = (id: string) => must(api<ConversationView>(kefu.url, admin, 'GET', `/api/conversations/${id}`));
const board = () => must(api<SupervisionBoard>(kefu.url, admin, 'GET', '/api/supervision/board'));

/** Every open conversation the workspace has (admins see all). */
async function openConversations(): Promise<ConversationView[]> {
  const page = await must(
    api<{ items: ConversationView[] }>(kefu.url, admin, 'GET', '/api/conversations?tab=all&status=open&limit=100'),
  );
  return page.items;
}

/** Waits until a conversation not seen before opens, and returns it. */
async function newConversation(known: readonly string[]): Promise<ConversationView> {
  let found: ConversationView | undefined;
  await expect
    .poll(async () => {
      found = (await openConversations()).find((c) => !known.includes(c.id));
      return found !== undefined;
    }, LIVE)
    .toBe(true);
  return found!;
}

async function assigneeOf(id: string): Promise<string | null> {
  return (await conversation(id)).assigneeId;
}

/** A customer the routing only has to seat: a widget session that chose 售后, and a first message over the socket. */
async function headlessCustomer(text: string): Promise<string> {
  const response = await fetch(`${kefu.url}/api/widget/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ websiteToken, teamId: teams.afterSales }),
  });
  const session = (await response.json()) as { visitorToken?: string };
  expect(response.status, JSON.stringify(session)).toBe(200);
  const socket = await TestSocket.connect(
    `${kefu.url.replace('http', 'ws')}/ws/widget?v=1&token=${encodeURIComponent(session.visitorToken!)}`,
  );
  sockets.push(socket);
  // A queued customer whose widget goes quiet is dropped and then abandoned: keep it alive like a real widget.
  pingers.push(setInterval(() => socket.send({ type: 'ping' }), PING_MS));
  const ack = await socket.sendMessage({
    clientId: `e2e-${randomBytes(8).toString('hex')}`,
    conversationId: null,
    content: text,
  });
  filler.push(ack.conversationId);
  return ack.conversationId;
}

/** Signs an agent in to the console and waits until the header says they are online (taking chats). */
async function agentConsole(who: keyof typeof staff): Promise<Page> {
  const page = await newWatchedPage(browser, contexts, problems);
  await signInToConsole(page, kefu.url, staff[who].email, STAFF_PASSWORD);
  await page.getByTestId('nav-inbox').click();
  await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-state'), LIVE).toBe('connected');
  await expect.poll(() => page.getByTestId('presence-switcher').getAttribute('data-presence'), LIVE).toBe('online');
  return page;
}

/** Opens a customer's widget on the demo page and picks 售后服务 before writing. */
async function widgetCustomer(text: string): Promise<{ page: Page; widget: FrameLocator }> {
  const page = await newWatchedPage(browser, contexts, problems, { width: 414, height: 860 });
  const widget = await openDemoWidget(page, kefu.url, `?websiteToken=${websiteToken}`, null);
  await expect.poll(() => widgetConnection(widget).getAttribute('class'), LIVE).toContain('conn-connected');
  await widget.getByText('您好！请选择您要咨询的业务：').waitFor(LIVE);
  await expect(widgetComposer(widget).count()).resolves.toBe(0);
  await widget.locator('.team-option').filter({ hasText: '售后服务' }).click();
  await widgetComposer(widget).waitFor(LIVE);
  await widgetComposer(widget).fill(text);
  await widgetComposer(widget).press('Enter');
  return { page, widget };
}

const queueBanner = (widget: FrameLocator) => widget.locator('.banner.queue');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = makeTempDir('routing');
  kefu = await startKefu({
    cwd: tmp.dir,
    // An empty workspace: the staff, teams and inbox of this test are all there is.
    env: {
      DATABASE_URL: './data/kefu.db',
      KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KEFU_SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
  });
  browser = await launchChromium();
  admin = await mustLogin(kefu.url, ADMIN_EMAIL, ADMIN_PASSWORD);

  for (const person of Object.values(staff)) {
    const created = await must(
      api<UserView>(kefu.url, admin, 'POST', '/api/users', {
        email: person.email,
        name: person.name,
        role: person.role,
        password: STAFF_PASSWORD,
      }),
      201,
    );
    person.id = created.id;
  }
  const presales = await must(
    api<TeamView>(kefu.url, admin, 'POST', '/api/teams', { name: '售前', memberIds: [staff.li.id] }),
    201,
  );
  const afterSales = await must(
    api<TeamView>(kefu.url, admin, 'POST', '/api/teams', { name: '售后', memberIds: [staff.zhang.id, staff.chen.id] }),
    201,
  );
  teams.presales = presales.id;
  teams.afterSales = afterSales.id;
  // Different limits: with one chat each, 张敏 (1/3) is less saturated than 陈静 (1/2).
  await must(api(kefu.url, admin, 'PUT', `/api/users/${staff.zhang.id}/chat-limit`, { chatLimit: 3 }));
  await must(api(kefu.url, admin, 'PUT', `/api/users/${staff.chen.id}/chat-limit`, { chatLimit: 2 }));

  const inbox = await must(
    api<InboxView>(kefu.url, admin, 'POST', '/api/inboxes', {
      name: '官网',
      settings: {
        teamChoice: {
          enabled: true,
          prompt: '您好！请选择您要咨询的业务：',
          teams: [
            { teamId: presales.id, label: '售前咨询' },
            { teamId: afterSales.id, label: '售后服务' },
          ],
        },
        routing: {
          enabled: true,
          strategy: 'lowest_saturation',
          whenFull: 'queue',
          // Nothing time-driven may move a chat while the test watches.
          autoTransferSeconds: null,
          autoCloseMinutes: null,
          abandonAfterSeconds: 600,
        },
      },
    }),
    201,
  );
  websiteToken = inbox.websiteToken;
});

afterAll(async () => {
  for (const pinger of pingers) clearInterval(pinger);
  for (const socket of sockets) socket.ws.terminate();
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await browser?.close();
  await kefu?.stop();
  tmp?.remove();
});

describe('routing, transfer, queue and supervision in the console and the widget', () => {
  test('a customer choosing 售后 lands with the 售后 agent of the lowest saturation', async () => {
    chen = await agentConsole('chen');
    zhang = await agentConsole('zhang');
    // 李晓 (售前) is signed in too, with a console socket of their own: the 售后 chats must never reach them.
    const li = await mustLogin(kefu.url, staff.li.email, STAFF_PASSWORD);
    sockets.push(
      await TestSocket.connect(`${kefu.url.replace('http', 'ws')}/ws/agent?v=1`, { headers: { Cookie: li.cookie } }),
    );
    await expect
      .poll(async () => (await board()).agents.find((a) => a.id === staff.li.id)?.presence, LIVE)
      .toBe('online');

    // Two customers first: one chat each for 张敏 and 陈静, whatever order the tie between them took.
    const first = await headlessCustomer('我的快递一直没到');
    await expect.poll(() => assigneeOf(first), LIVE).not.toBeNull();
    const second = await headlessCustomer('想退一件衣服');
    await expect.poll(() => assigneeOf(second), LIVE).not.toBeNull();
    expect(new Set([await assigneeOf(first), await assigneeOf(second)])).toEqual(
      new Set([staff.zhang.id, staff.chen.id]),
    );

    // The least saturated 售后 agent now: chats ÷ limit, not fewest chats (both have one).
    const before = await board();
    const saturation = (id: string) => {
      const agent = before.agents.find((a) => a.id === id)!;
      return agent.activeChats / agent.chatLimit;
    };
    expect(saturation(staff.zhang.id)).toBeLessThan(saturation(staff.chen.id));

    const known = await openConversations();
    const { page, widget } = await widgetCustomer('你好，我买的电饭煲坏了，想换一个');
    const opened = await newConversation(known.map((c) => c.id));
    customer = { page, widget, conversationId: opened.id };
    await expect.poll(() => assigneeOf(opened.id), LIVE).toBe(staff.zhang.id);

    // 张敏 sees it under 我的 with why routing chose them.
    await zhang.goto(`${kefu.url}/inbox/${opened.id}`);
    await consoleBubbles(zhang, '你好，我买的电饭煲坏了，想换一个').waitFor(LIVE);
    await zhang.getByTestId('message').filter({ hasText: '按「分配策略：饱和度最低」分配给 张敏' }).waitFor(LIVE);
    await expect.poll(() => zhang.getByTestId('my-load').textContent(), LIVE).toBe('接待 2/3');
    await zhang.screenshot({ path: path.join(SCREENSHOTS, 'routing-assigned.png') });
    expect((await board()).agents.find((a) => a.id === staff.li.id)?.activeChats).toBe(0);
    expect(problems).toEqual([]);
  });

  test('a transfer with a note reaches the other agent, who reads the note', async () => {
    await zhang.getByTestId('transfer').click();
    const dialog = zhang.getByRole('dialog', { name: '转接会话' });
    await dialog.getByRole('combobox').first().click();
    await zhang.getByTestId('agent-option').filter({ hasText: '陈静' }).click();
    await dialog.getByTestId('transfer-note').fill(NOTE);
    await dialog.getByTestId('transfer-submit').click();
    await dialog.waitFor({ state: 'hidden', ...LIVE });
    await expect.poll(() => assigneeOf(customer.conversationId), LIVE).toBe(staff.chen.id);

    // The customer is told plainly; the note never reaches them.
    await customer.widget.getByText('已为您转接给客服 陈静').waitFor(LIVE);
    expect(await customer.widget.getByText(NOTE).count()).toBe(0);

    // 陈静 finds the chat in her list under 我的, live, opens it and reads the note under its heading.
    await chen.goto(`${kefu.url}/inbox?tab=mine`);
    const row = chen.locator(`[data-conversation-id="${customer.conversationId}"]`);
    await row.waitFor(LIVE);
    await row.click();
    const note = chen.getByTestId('message').filter({ hasText: NOTE });
    await note.waitFor(LIVE);
    expect(await note.textContent()).toContain('转接备注 → 陈静');
    await chen.getByTestId('message').filter({ hasText: '会话已由 张敏 转接给 陈静' }).waitFor(LIVE);
    await chen.screenshot({ path: path.join(SCREENSHOTS, 'routing-transfer-note.png') });
    expect(problems).toEqual([]);
  });

  test('when everyone is full the customer sees the queue position fall live until an agent frees up', async () => {
    // 陈静 is full (2/2); two more fill 张敏 (3/3).
    const third = await headlessCustomer('发票怎么开');
    const fourth = await headlessCustomer('能改收货地址吗');
    await expect.poll(() => assigneeOf(third), LIVE).toBe(staff.zhang.id);
    await expect.poll(() => assigneeOf(fourth), LIVE).toBe(staff.zhang.id);

    // Everyone of 售后 is full: the next customers wait in the queue, first come first served.
    const waitingFirst = await headlessCustomer('还在吗？');
    await expect
      .poll(
        async () =>
          (await must(api<{ items: { conversationId: string }[] }>(kefu.url, admin, 'GET', '/api/routing/queue'))).items
            .length,
        LIVE,
      )
      .toBe(1);
    const known = await openConversations();
    const queued = await widgetCustomer('我要退货，请尽快处理');
    const opened = await newConversation(known.map((c) => c.id));
    const banner = queueBanner(queued.widget);
    await expect.poll(() => banner.getAttribute('data-position'), LIVE).toBe('2');
    expect(await banner.textContent()).toContain('正在排队，您排在第 2 位');
    await queued.page.screenshot({ path: path.join(SCREENSHOTS, 'routing-queue-widget.png') });

    // 张敏 resolves a chat in the console: the first in line gets 张敏, the customer moves up to 1, live.
    await zhang.goto(`${kefu.url}/inbox/${third}`);
    await zhang.getByTestId('resolve').click();
    await expect.poll(() => assigneeOf(waitingFirst), LIVE).toBe(staff.zhang.id);
    await expect.poll(() => banner.getAttribute('data-position'), LIVE).toBe('1');

    // 陈静 resolves the transferred chat: the customer is next and gets her.
    await chen.getByTestId('resolve').click();
    await queued.widget.getByText('客服 陈静 已接入，正在为您服务').waitFor(LIVE);
    await expect.poll(() => assigneeOf(opened.id), LIVE).toBe(staff.chen.id);
    expect(await assigneeOf(fourth)).toBe(staff.zhang.id);
    expect(problems).toEqual([]);
    customer = { ...queued, conversationId: opened.id };
  });

  test('a supervisor takes over a chat from the live board', async () => {
    const boss = await newWatchedPage(browser, contexts, problems);
    await signInToConsole(boss, kefu.url, staff.boss.email, STAFF_PASSWORD);
    await boss.getByTestId('nav-supervision').click();
    await boss.waitForURL(`${kefu.url}/supervision`);
    const chenRow = boss.getByTestId('board-agent').filter({ hasText: '陈静' });
    await expect.poll(() => chenRow.getByTestId('saturation').getAttribute('data-active'), LIVE).toBe('2');
    await boss.screenshot({ path: path.join(SCREENSHOTS, 'routing-supervision-board.png') });

    const { contact } = await conversation(customer.conversationId);
    const row = boss.locator(`[data-testid="live-conversation"][data-contact-name="${contact.name}"]`);
    await row.waitFor(LIVE);
    expect(await row.textContent()).toContain('陈静');
    await row.getByTestId('takeover').click();
    await boss.getByTestId('takeover-confirm').click();
    await boss.waitForURL(`${kefu.url}/inbox/${customer.conversationId}`, LIVE);
    await expect.poll(() => assigneeOf(customer.conversationId), LIVE).toBe(staff.boss.id);
    await boss.getByTestId('message').filter({ hasText: '王主管 接管了 陈静 的会话' }).waitFor(LIVE);

    // The supervisor answers; the customer gets it, and 陈静 has a seat free again.
    await boss.getByTestId('composer-input').fill('您好，我是主管，您的退货马上为您处理');
    await boss.getByTestId('composer-input').press('Enter');
    await customer.widget.getByText('您好，我是主管，您的退货马上为您处理').waitFor(LIVE);
    await expect
      .poll(async () => (await board()).agents.find((a) => a.id === staff.chen.id)?.activeChats, LIVE)
      .toBe(1);
    const history = await must(
      api<{ items: MessageView[] }>(kefu.url, admin, 'GET', `/api/conversations/${customer.conversationId}/messages`),
    );
    expect(history.items.some((m) => m.activity?.code === 'supervision.taken_over')).toBe(true);
    await boss.screenshot({ path: path.join(SCREENSHOTS, 'routing-takeover.png') });
    expect(problems).toEqual([]);
  });
});
