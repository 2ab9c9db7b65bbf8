import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotPayload, InboxBotSettings } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessagePage } from '../conversations/messageRepository.js';
import { RoutingKit } from '../test/routingKit.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { TestSocket, wsBase } from '../test/testSocket.js';
import type { VisitorClaims } from '../widget/visitorToken.js';
import { botTurnsSettled } from './botTurnQueue.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
type DeepPartialBot = Partial<Omit<InboxBotSettings, 'menu' | 'texts'>> & {
  menu?: Partial<InboxBotSettings['menu']>;
};

const FAQ = {
  refund: {
    title: '退款多久能到账',
    similarQuestions: ['退款什么时候到账', '钱多久能退回来'],
    body: '退款审核通过后，微信和支付宝1-3个工作日到账，银行卡3-7个工作日到账。',
  },
  returns: {
    title: '支持七天无理由退货吗',
    similarQuestions: ['能无理由退货吗'],
    body: '签收后7天内，商品完好不影响二次销售的，支持七天无理由退货。',
  },
  freight: {
    title: '运费怎么计算',
    similarQuestions: ['邮费多少钱'],
    body: '全场满59元包邮，不满59元收取8元运费。',
  },
  pointsUse: {
    title: '会员积分怎么使用',
    similarQuestions: ['积分能抵现吗'],
    body: '下单时100积分抵1元。',
  },
  pointsEarn: {
    title: '会员积分怎么获得',
    similarQuestions: ['怎么赚积分'],
    body: '每消费1元得1积分。',
  },
  invoice: {
    title: '怎么开发票',
    similarQuestions: ['如何申请发票'],
    body: '下单时选择开具发票，或在订单详情申请开票。',
  },
} as const;
type FaqKey = keyof typeof FAQ;

interface Shop {
  w: Workspace;
  admin: Session;
  supervisor: Session;
  agent: Session;
  entries: Record<FaqKey, string>;
}

describe('the answer bot (智能机器人)', () => {
  let t: TestApp;
  let otherAdmin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    otherAdmin = await signInAs(t.app, (await seedWorkspace(t.ctx, 'botother')).users.admin.email);
  });
  afterAll(() => t.close());

  /** A workspace of its own (agents' presence and statistics are per workspace) with the FAQ entries above. */
  async function openShop(label: string): Promise<Shop> {
    const w = await seedWorkspace(t.ctx, label);
    const [admin, supervisor, agent] = await Promise.all([
      signInAs(t.app, w.users.admin.email),
      signInAs(t.app, w.users.supervisor.email),
      signInAs(t.app, w.users.agent.email),
    ]);
    const entries = {} as Record<FaqKey, string>;
    for (const [key, faq] of Object.entries(FAQ)) {
      const res = await call(t.app, admin, 'POST', '/api/knowledge/entries', {
        kind: 'faq',
        locale: 'zh-CN',
        variant: { ...faq, similarQuestions: [...faq.similarQuestions], status: 'published' },
      });
      expect(res.statusCode, res.body).toBe(201);
      entries[key as FaqKey] = res.json().id;
    }
    return { w, admin, supervisor, agent, entries };
  }

  /** An inbox of the workspace with routing on, its bot set up as given (bot first unless said otherwise). */
  async function botInbox(shop: Shop, label: string, bot: DeepPartialBot = {}) {
    const kit = await RoutingKit.forAccount(t.ctx, shop.w.accountId, label);
    const { menu, ...rest } = bot;
    const res = await call(t.app, shop.admin, 'PATCH', `/api/inboxes/${kit.inbox.id}`, {
      settings: { bot: { mode: 'bot_first', ...rest, ...(menu ? { menu } : {}) } },
    });
    expect(res.statusCode, res.body).toBe(200);
    return kit;
  }

  /** The visitor writes; resolves once the bot has replied. Returns the conversation id and what came after. */
  async function say(kit: RoutingKit, visitor: VisitorClaims, content: string, conversationId: string | null = null) {
    const created = await kit.says(visitor, content, conversationId);
    await botTurnsSettled(t.ctx);
    const after = (await kit.timeline(created.conversation.id)).filter((m) => m.seq > created.message.seq);
    return { conversationId: created.conversation.id, question: created.message, after };
  }

  const payloadOf = (m: { payload: string | null }) => (m.payload ? (JSON.parse(m.payload) as BotPayload) : null);
  const listIds = async (session: Session, tab = 'all') => {
    const res = await call(t.app, session, 'GET', `/api/conversations?tab=${tab}&status=open&limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string }[]).map((c) => c.id);
  };
  const sessionRow = (conversationId: string) =>
    t.ctx.db.kysely
      .selectFrom('bot_sessions')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('started_at', 'desc')
      .executeTakeFirstOrThrow();

  it('answers a confident question with the FAQ, as the bot, while the conversation stays out of agents’ queues', async () => {
    const shop = await openShop('botconfident');
    const kit = await botInbox(shop, 'confident');
    await kit.agent('值班小李', { presence: 'online' });
    const visitor = await kit.visitor();
    const { conversationId, after } = await say(kit, visitor, '退款多久能到帐啊');

    expect(after).toHaveLength(1);
    const [reply] = after;
    expect(reply).toMatchObject({ kind: 'outgoing', sender_type: 'bot', sender_name: '智能客服小助手' });
    expect(reply!.content).toBe(FAQ.refund.body);
    expect(payloadOf(reply!)).toEqual({
      kind: 'bot_answer',
      source: 'faq',
      entryId: shop.entries.refund,
      title: FAQ.refund.title,
      citations: [{ entryId: shop.entries.refund, title: FAQ.refund.title }],
      rateable: true,
    });
    const conversation = await kit.conversation(conversationId);
    expect(conversation).toMatchObject({ bot_active: 1, assignee_id: null });
    // Routing has not run: the bot has it.
    expect(await kit.routing(conversationId)).toBeUndefined();
    expect(await listIds(shop.agent)).not.toContain(conversationId);
    expect(await listIds(shop.agent, 'unassigned')).not.toContain(conversationId);
    expect(await listIds(shop.supervisor)).toContain(conversationId);
    const one = await call(t.app, shop.supervisor, 'GET', `/api/conversations/${conversationId}`);
    expect(one.json()).toMatchObject({ botActive: true });
  });

  it('offers up to three “您是不是想问” choices when unsure, and answers the one the customer picks by number or title', async () => {
    const shop = await openShop('botsuggest');
    const kit = await botInbox(shop, 'suggest');
    const visitor = await kit.visitor();
    const first = await say(kit, visitor, '积分');
    const [suggestion] = first.after;
    const payload = payloadOf(suggestion!);
    expect(payload?.kind).toBe('bot_suggestions');
    if (payload?.kind !== 'bot_suggestions') return;
    expect(payload.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(payload.suggestions.length).toBeLessThanOrEqual(3);
    expect(payload.suggestions.map((s) => s.entryId)).toEqual(
      expect.arrayContaining([shop.entries.pointsUse, shop.entries.pointsEarn]),
    );
    expect(suggestion!.content.startsWith('您是不是想问：\n1. ')).toBe(true);

    const picked = payload.suggestions[1]!;
    const second = await say(kit, visitor, '２', first.conversationId);
    expect(payloadOf(second.after[0]!)).toMatchObject({ kind: 'bot_answer', entryId: picked.entryId });

    // The choices offered last stay pickable by their title, as the widget's buttons send it.
    const third = await say(kit, visitor, '积分', first.conversationId);
    const offered = payloadOf(third.after[0]!);
    if (offered?.kind !== 'bot_suggestions') throw new Error('expected suggestions');
    const byTitle = await say(kit, visitor, offered.suggestions[0]!.title, first.conversationId);
    expect(payloadOf(byTitle.after[0]!)).toMatchObject({
      kind: 'bot_answer',
      entryId: offered.suggestions[0]!.entryId,
    });
  });

  it('says it does not know and offers a person; the second miss in a row hands over with a summary for agents', async () => {
    const shop = await openShop('botmisses');
    const kit = await botInbox(shop, 'misses', { missesBeforeHandoff: 2 });
    const agent = await kit.agent('售后小王', { presence: 'online' });
    const visitor = await kit.visitor();
    const first = await say(kit, visitor, '你们的仓库猫叫什么名字');
    expect(first.after).toHaveLength(1);
    expect(payloadOf(first.after[0]!)).toEqual({
      kind: 'bot_unknown',
      offerHandoff: true,
      handoffText: '转人工',
      rateable: false,
    });
    expect((await sessionRow(first.conversationId)).misses).toBe(1);

    const second = await say(kit, visitor, '明天火星上下雨吗', first.conversationId);
    const told = second.after.find((m) => m.kind === 'outgoing');
    expect(payloadOf(told!)).toEqual({ kind: 'bot_handoff', reason: 'repeated_misses', rateable: false });
    expect(told!.content).toBe('好的，正在为您转接人工客服，请稍候。');
    const note = second.after.find((m) => m.kind === 'note');
    expect(note).toMatchObject({ sender_type: 'bot' });
    expect(note!.content).toContain('原因：机器人连续没能回答');
    expect(note!.content).toContain('1. 客户：你们的仓库猫叫什么名字');
    expect(note!.content).toContain('2. 客户：明天火星上下雨吗');
    expect(payloadOf(note!)).toMatchObject({
      kind: 'bot_summary',
      reason: 'repeated_misses',
      turns: [
        { question: '你们的仓库猫叫什么名字', outcome: 'unknown' },
        { question: '明天火星上下雨吗', outcome: 'handoff' },
      ],
    });
    const conversation = await kit.conversation(first.conversationId);
    expect(conversation).toMatchObject({ bot_active: 0, assignee_id: agent.id });
    expect(await sessionRow(first.conversationId)).toMatchObject({
      state: 'handed_off',
      handoff_reason: 'repeated_misses',
    });
  });

  it('hands over when the customer asks for a person (轉人工): the agent gets the summary, the customer never sees it', async () => {
    const shop = await openShop('botrequest');
    const kit = await botInbox(shop, 'request');
    const agent = await kit.agent('售后老张', { presence: 'online' });
    const visitor = await kit.visitor();
    const asked = await say(kit, visitor, '退款什么时候能到账');
    expect(payloadOf(asked.after[0]!)).toMatchObject({ kind: 'bot_answer', entryId: shop.entries.refund });
    const handed = await say(kit, visitor, '轉人工', asked.conversationId);
    const note = handed.after.find((m) => m.kind === 'note')!;
    expect(note.content).toContain('原因：客户要求转人工');
    expect(note.content).toContain('触发内容：“轉人工”');
    expect(note.content).toContain(`机器人：已回答《${FAQ.refund.title}》`);
    expect(await kit.assignee(asked.conversationId)).toBe(agent.id);
    // The waiting clock starts at the customer's request, for the agent's first response time.
    expect((await kit.conversation(asked.conversationId)).waiting_since).toBe(handed.question.created_at);
    expect(await listIds(shop.agent)).toContain(asked.conversationId);

    const customerView = await readMessagePage(t.ctx.db.kysely, shop.w.accountId, asked.conversationId, {
      limit: 50,
      includeNotes: false,
    });
    expect(customerView.rows.some((m) => m.kind === 'note')).toBe(false);
    expect(customerView.rows.map((m) => m.sender_type)).toEqual(['contact', 'bot', 'contact', 'bot']);

    // After the hand-off the bot keeps quiet.
    const later = await say(kit, visitor, '退款多久到账', asked.conversationId);
    expect(later.after).toHaveLength(0);
  });

  it('hands an angry customer or a complaint to a person at once, with an apology', async () => {
    const shop = await openShop('botcomplaint');
    const kit = await botInbox(shop, 'complaint');
    await kit.agent('主管', { presence: 'online' });
    const visitor = await kit.visitor();
    const { after, conversationId } = await say(kit, visitor, '你们这什么破服务，等了一个星期还没发货！！');
    const told = after.find((m) => m.kind === 'outgoing')!;
    expect(told.content).toBe('非常抱歉给您带来不好的体验，正在为您转接人工客服处理。');
    expect(payloadOf(told)).toMatchObject({ kind: 'bot_handoff', reason: 'complaint' });
    expect(after.find((m) => m.kind === 'note')!.content).toContain('原因：客户投诉或情绪激动');
    expect((await kit.conversation(conversationId)).bot_active).toBe(0);
  });

  it('sends a human-only topic to the team it names, and says so when nobody is online', async () => {
    const shop = await openShop('bottopic');
    const kit = await botInbox(shop, 'topic');
    // Signed in but busy: the team has someone, yet no agent takes chats now.
    const finance = await kit.agent('财务小陈', { presence: 'busy' });
    const financeTeam = await kit.team('财务', [finance]);
    const res = await call(t.app, shop.admin, 'PATCH', `/api/inboxes/${kit.inbox.id}`, {
      settings: {
        bot: {
          mode: 'bot_first',
          humanOnlyTopics: [{ name: '发票问题', keywords: ['专票', '发票作废'], teamId: financeTeam }],
        },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const visitor = await kit.visitor();
    const { after, conversationId } = await say(kit, visitor, '我要开專票');
    const told = after.find((m) => m.kind === 'outgoing')!;
    expect(told.content).toBe('人工客服暂时不在线，您的问题已经转给客服，上线后会第一时间回复您。');
    expect(after.find((m) => m.kind === 'note')!.content).toContain('触发内容：“专票”');
    // It waits for 财务 until someone there takes chats.
    expect(await kit.routing(conversationId)).toMatchObject({ team_id: financeTeam });
    await kit.presence(finance, 'online');
    expect(await kit.assignee(conversationId)).toBe(finance.id);
  });

  it('refuses bot settings naming another workspace’s team or thresholds out of order', async () => {
    const shop = await openShop('botinvalid');
    const kit = await botInbox(shop, 'invalid');
    const foreignTeam = await call(t.app, otherAdmin, 'POST', '/api/teams', { name: '外部', kind: 'skill' });
    expect(foreignTeam.statusCode, foreignTeam.body).toBe(201);
    const res = await call(t.app, shop.admin, 'PATCH', `/api/inboxes/${kit.inbox.id}`, {
      settings: {
        bot: {
          mode: 'bot_first',
          answerThreshold: 0.4,
          suggestThreshold: 0.6,
          menu: {
            enabled: true,
            items: [{ label: '人工', action: { type: 'handoff', teamId: foreignTeam.json().id } }],
          },
        },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'body.settings.bot.suggestThreshold', issue: 'must not be above answerThreshold' },
        { field: 'body.settings.bot.menu.items.0.action.teamId', issue: 'is not a team of this workspace' },
      ]),
    );
  });

  it('runs a guided menu: a greeting shows it, a number or a label picks an item', async () => {
    const shop = await openShop('botmenu');
    const kit = await botInbox(shop, 'menu', {
      menu: {
        enabled: true,
        prompt: '请回复数字：',
        items: [
          { label: '查订单', action: { type: 'answer', text: '请在“我的—全部订单”查看。' } },
          { label: '退换货', action: { type: 'entry', entryId: '00000000-0000-7000-8000-000000000000' } },
          { label: '人工客服', action: { type: 'handoff', teamId: null } },
        ],
      },
    });
    // The entry item names the return-policy entry (set here: its id is known only now).
    const settings = await call(t.app, shop.admin, 'GET', `/api/inboxes/${kit.inbox.id}`);
    const bot = settings.json().settings.bot;
    bot.menu.items[1].action.entryId = shop.entries.returns;
    expect(
      (await call(t.app, shop.admin, 'PATCH', `/api/inboxes/${kit.inbox.id}`, { settings: { bot } })).statusCode,
    ).toBe(200);
    const agent = await kit.agent('客服', { presence: 'online' });

    const visitor = await kit.visitor();
    const hello = await say(kit, visitor, '你好');
    expect(hello.after.map((m) => m.content)).toEqual([
      '您好，我是智能客服，请问有什么可以帮您？',
      '请回复数字：\n1. 查订单\n2. 退换货\n3. 人工客服',
    ]);
    expect(payloadOf(hello.after[1]!)).toEqual({
      kind: 'bot_menu',
      prompt: '请回复数字：',
      items: [
        { key: '1', label: '查订单' },
        { key: '2', label: '退换货' },
        { key: '3', label: '人工客服' },
      ],
      rateable: false,
    });
    const id = hello.conversationId;
    const one = await say(kit, visitor, '1', id);
    expect(one.after[0]).toMatchObject({ content: '请在“我的—全部订单”查看。' });
    expect(payloadOf(one.after[0]!)).toMatchObject({ kind: 'bot_answer', source: 'menu', entryId: null });
    const two = await say(kit, visitor, '退换货', id);
    expect(payloadOf(two.after[0]!)).toMatchObject({
      kind: 'bot_answer',
      source: 'faq',
      entryId: shop.entries.returns,
    });
    expect(two.after[0]!.content).toBe(FAQ.returns.body);
    const three = await say(kit, visitor, '第3个', id);
    expect(three.after.find((m) => m.kind === 'note')!.content).toContain('原因：客户在菜单中选择人工服务');
    expect(await kit.assignee(id)).toBe(agent.id);
  });

  it('takes conversations by mode: off never, human first only when no agent is online, after hours only when closed', async () => {
    const shop = await openShop('botmode');
    const off = await botInbox(shop, 'mode-off', { mode: 'off' });
    const offVisitor = await off.visitor();
    const offChat = await say(off, offVisitor, '退款多久到账');
    expect(offChat.after.filter((m) => m.sender_type === 'bot')).toHaveLength(0);
    expect((await off.conversation(offChat.conversationId)).bot_active).toBe(0);

    const humanFirst = await botInbox(shop, 'mode-human', { mode: 'human_first' });
    const nobody = await humanFirst.visitor();
    const unattended = await say(humanFirst, nobody, '退款多久到账');
    expect((await humanFirst.conversation(unattended.conversationId)).bot_active).toBe(1);
    expect(payloadOf(unattended.after[0]!)).toMatchObject({ kind: 'bot_answer' });
    const person = await humanFirst.agent('在线客服', { presence: 'online' });
    const attended = await say(humanFirst, await humanFirst.visitor(), '退款多久到账');
    expect(await humanFirst.conversation(attended.conversationId)).toMatchObject({
      bot_active: 0,
      assignee_id: person.id,
    });

    const closed = await call(t.app, shop.admin, 'POST', '/api/business-hours', {
      name: '从不营业',
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
      specialWorkingDays: [],
    });
    expect(closed.statusCode, closed.body).toBe(201);
    const afterHours = await botInbox(shop, 'mode-hours', { mode: 'after_hours' });
    const session = await call(t.app, null, 'POST', '/api/widget/session', {
      websiteToken: afterHours.inbox.website_token,
    });
    expect(session.json().inbox).toMatchObject({ botAvailable: false });
    expect(session.json().inbox.settings.bot).toBeUndefined();
    const open = await say(afterHours, await afterHours.visitor(), '退款多久到账');
    expect((await afterHours.conversation(open.conversationId)).bot_active).toBe(0);
    const hoursSet = await call(t.app, shop.admin, 'PATCH', `/api/inboxes/${afterHours.inbox.id}`, {
      settings: { businessHours: { calendarId: closed.json().id, autoReply: '' } },
    });
    expect(hoursSet.statusCode, hoursSet.body).toBe(200);
    const night = await call(t.app, null, 'POST', '/api/widget/session', {
      websiteToken: afterHours.inbox.website_token,
    });
    expect(night.json().inbox).toMatchObject({ botAvailable: true, open: false });
    const atNight = await say(afterHours, await afterHours.visitor(), '退款多久到账');
    expect((await afterHours.conversation(atNight.conversationId)).bot_active).toBe(1);
  });

  it('steps aside when a person takes the chat over: it says nothing more', async () => {
    const shop = await openShop('bottakeover');
    const kit = await botInbox(shop, 'takeover');
    const visitor = await kit.visitor();
    const first = await say(kit, visitor, '运费怎么算');
    expect(first.after).toHaveLength(1);
    const taken = await call(t.app, shop.supervisor, 'PATCH', `/api/conversations/${first.conversationId}`, {
      assigneeId: shop.w.users.supervisor.id,
    });
    expect(taken.statusCode, taken.body).toBe(200);
    const second = await say(kit, visitor, '邮费多少', first.conversationId);
    expect(second.after).toHaveLength(0);
    expect(await sessionRow(first.conversationId)).toMatchObject({ state: 'taken_over' });
    expect((await kit.conversation(first.conversationId)).bot_active).toBe(0);
  });

  it('records 有用 / 没用 per answer; only the customer’s own bot answers can be rated', async () => {
    const shop = await openShop('botratings');
    const kit = await botInbox(shop, 'ratings');
    const visitor = await kit.visitor();
    const { after, conversationId } = await say(kit, visitor, '运费怎么计算呀');
    const answer = after[0]!;
    const rate = (token: string, body: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/widget/bot-ratings',
        headers: { 'x-kefu-visitor': token },
        payload: body,
      });
    const helpful = await rate(visitor.token, { messageId: answer.id, rating: 'helpful' });
    expect(helpful.statusCode, helpful.body).toBe(200);
    expect(helpful.json()).toEqual({ messageId: answer.id, rating: 'helpful' });
    const changed = await rate(visitor.token, { messageId: answer.id, rating: 'unhelpful' });
    expect(changed.statusCode).toBe(200);
    const turn = await t.ctx.db.kysely
      .selectFrom('bot_turns')
      .selectAll()
      .where('reply_message_id', '=', answer.id)
      .executeTakeFirstOrThrow();
    expect(turn).toMatchObject({ rating: 'unhelpful', entry_id: shop.entries.freight, outcome: 'answer' });

    // The customer's own message is no bot answer; another visitor's answer is not theirs to rate.
    expect(
      (await rate(visitor.token, { messageId: (await kit.timeline(conversationId))[0]!.id, rating: 'helpful' }))
        .statusCode,
    ).toBe(400);
    const stranger = await kit.visitor();
    expect((await rate(stranger.token, { messageId: answer.id, rating: 'helpful' })).statusCode).toBe(404);
    expect((await rate(visitor.token, { messageId: answer.id, rating: 'great' })).statusCode).toBe(400);
    expect((await rate('not-a-token', { messageId: answer.id, rating: 'helpful' })).statusCode).toBe(401);
  });

  it('the learning list groups missed and 没用 questions; teaching one makes the bot answer it right away', async () => {
    const shop = await openShop('botlearning');
    const kit = await botInbox(shop, 'learning', { missesBeforeHandoff: null });
    const ask = async (text: string) => say(kit, await kit.visitor(), text);
    await ask('发票抬头写错了可以重新开吗');
    await ask('發票抬頭寫錯了可以重新開嗎？');
    await ask('仓库里养的猫叫啥');
    const list = await call(t.app, shop.supervisor, 'GET', '/api/bot/learning');
    expect(list.statusCode, list.body).toBe(200);
    const groups = list.json().groups as {
      key: string;
      count: number;
      questions: { turnId: string; text: string }[];
    }[];
    const invoiceGroup = groups.find((g) => g.questions.some((q) => q.text.startsWith('发票抬头')))!;
    expect(invoiceGroup.count).toBe(2);
    expect(invoiceGroup.questions.map((q) => q.text).sort()).toEqual(
      ['发票抬头写错了可以重新开吗', '發票抬頭寫錯了可以重新開嗎？'].sort(),
    );
    expect(groups.find((g) => g.questions.some((q) => q.text === '仓库里养的猫叫啥'))!.count).toBe(1);

    const taught = await call(t.app, shop.supervisor, 'POST', '/api/bot/learning/similar', {
      turnIds: invoiceGroup.questions.map((q) => q.turnId),
      entryId: shop.entries.invoice,
    });
    expect(taught.statusCode, taught.body).toBe(200);
    expect(taught.json()).toEqual({ learned: 2, entryId: shop.entries.invoice });
    const tried = await call(t.app, shop.supervisor, 'POST', '/api/bot/try', {
      inboxId: kit.inbox.id,
      question: '发票抬头写错了可以重新开吗',
    });
    expect(tried.json()).toMatchObject({ outcome: 'answer', payload: { entryId: shop.entries.invoice } });
    const after = (await call(t.app, shop.supervisor, 'GET', '/api/bot/learning')).json().groups as typeof groups;
    expect(after.some((g) => g.key === invoiceGroup.key)).toBe(false);

    const catGroup = after.find((g) => g.questions.some((q) => q.text === '仓库里养的猫叫啥'))!;
    const created = await call(t.app, shop.supervisor, 'POST', '/api/bot/learning/new-entry', {
      turnIds: catGroup.questions.map((q) => q.turnId),
      question: '仓库的猫叫什么',
      answer: '它叫团团。',
    });
    expect(created.statusCode, created.body).toBe(200);
    const newEntryId = created.json().entryId as string;
    const catAnswer = await call(t.app, shop.supervisor, 'POST', '/api/bot/try', {
      inboxId: kit.inbox.id,
      question: '仓库里养的猫叫啥',
    });
    expect(catAnswer.json()).toMatchObject({
      outcome: 'answer',
      reply: '它叫团团。',
      payload: { entryId: newEntryId },
    });

    // A question dealt with already cannot be taught twice; an agent may not use the list.
    expect(
      (
        await call(t.app, shop.supervisor, 'POST', '/api/bot/learning/dismiss', {
          turnIds: [catGroup.questions[0]!.turnId],
        })
      ).statusCode,
    ).toBe(400);
    expect((await call(t.app, shop.agent, 'GET', '/api/bot/learning')).statusCode).toBe(403);
  });

  it('counts resolution, hand-offs and their reasons, outcomes, top questions and the entries rated 没用 most', async () => {
    const shop = await openShop('botstats');
    const stats = async (query = '') => {
      const res = await call(t.app, shop.supervisor, 'GET', `/api/bot/stats${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const kit = await botInbox(shop, 'stats');
    await kit.agent('统计客服', { presence: 'online' });
    const resolvedVisitor = await kit.visitor();
    const resolvedByBot = await say(kit, resolvedVisitor, '运费怎么算');
    const rated = await t.app.inject({
      method: 'POST',
      url: '/api/widget/bot-ratings',
      headers: { 'x-kefu-visitor': resolvedVisitor.token },
      payload: { messageId: resolvedByBot.after[0]!.id, rating: 'unhelpful' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    await kit.resolve(await kit.agent('关单人', { role: 'supervisor' }), resolvedByBot.conversationId);
    const visitor = await kit.visitor();
    const handed = await say(kit, visitor, '运费怎么算');
    await say(kit, visitor, '人工', handed.conversationId);

    const inboxStats = await stats(`?inboxId=${kit.inbox.id}`);
    expect(inboxStats).toMatchObject({
      conversations: 2,
      resolvedByBot: 1,
      resolutionRate: 0.5,
      handoffs: 1,
      handoffRate: 0.5,
      questions: 3,
      outcomes: { answer: 2, handoff: 1, suggest: 0, unknown: 0 },
      ratings: { helpful: 0, unhelpful: 1 },
    });
    expect(inboxStats.handoffReasons).toContainEqual({ reason: 'customer_request', count: 1 });
    expect(inboxStats.handoffReasons).toContainEqual({ reason: 'complaint', count: 0 });
    expect(inboxStats.topQuestions[0]).toEqual({
      text: '运费怎么算',
      count: 2,
      entry: { entryId: shop.entries.freight, title: FAQ.freight.title },
    });
    expect(inboxStats.mostUnhelpful).toEqual([
      { entry: { entryId: shop.entries.freight, title: FAQ.freight.title }, unhelpful: 1, helpful: 0 },
    ]);
    // Another inbox's numbers are apart; so are another workspace's.
    const otherInbox = await botInbox(shop, 'stats-other');
    expect(await stats(`?inboxId=${otherInbox.inbox.id}`)).toMatchObject({ conversations: 0, questions: 0 });
    expect((await stats()).conversations).toBe(2);
    const foreign = await call(t.app, otherAdmin, 'GET', '/api/bot/stats');
    expect(foreign.json()).toMatchObject({ conversations: 0, questions: 0 });
    // A range before anything happened is empty; a range ending before it starts is refused.
    expect(await stats('?from=2000-01-01&to=2000-01-31')).toMatchObject({ conversations: 0, questions: 0 });
    expect((await call(t.app, shop.supervisor, 'GET', '/api/bot/stats?from=2026-02-01&to=2026-01-01')).statusCode).toBe(
      400,
    );
    expect((await call(t.app, shop.supervisor, 'GET', '/api/bot/stats?from=yesterday')).statusCode).toBe(400);
    expect((await call(t.app, shop.agent, 'GET', '/api/bot/stats')).statusCode).toBe(403);
  });

  it('tries a question without storing anything, in the caller’s workspace only', async () => {
    const shop = await openShop('bottry');
    const kit = await botInbox(shop, 'try');
    const res = await call(t.app, shop.admin, 'POST', '/api/bot/try', {
      inboxId: kit.inbox.id,
      question: '退款多久能到账呢',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ outcome: 'answer', reply: FAQ.refund.body, handoffReason: null });
    expect(body.candidates[0]).toMatchObject({ entryId: shop.entries.refund, title: FAQ.refund.title });
    expect(body.complaint).toEqual({ detected: false, score: expect.any(Number) });
    const person = await call(t.app, shop.admin, 'POST', '/api/bot/try', {
      inboxId: kit.inbox.id,
      question: '我要人工',
    });
    expect(person.json()).toMatchObject({ outcome: 'handoff', handoffReason: 'customer_request' });
    expect(
      await t.ctx.db.kysely.selectFrom('bot_turns').select('id').where('inbox_id', '=', kit.inbox.id).execute(),
    ).toEqual([]);
    const foreign = await call(t.app, otherAdmin, 'POST', '/api/bot/try', { inboxId: kit.inbox.id, question: '退款' });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await call(t.app, shop.admin, 'POST', '/api/bot/try', { inboxId: kit.inbox.id, question: '  ' })).statusCode,
    ).toBe(400);
  });
});

describe('the answer bot, live', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await t.close();
  });
  const connect = async (path: string, headers: Record<string, string> = {}) => {
    const socket = await TestSocket.connect(`${wsBase(t.app)}${path}`, { headers });
    sockets.push(socket);
    return socket;
  };

  it('the customer sees the bot’s answers with their data; agents see the chat only once it is handed over', async () => {
    const w = await seedWorkspace(t.ctx, 'botlive');
    const [admin, supervisor, agent] = await Promise.all([
      signInAs(t.app, w.users.admin.email),
      signInAs(t.app, w.users.supervisor.email),
      signInAs(t.app, w.users.agent.email),
    ]);
    const entry = await call(t.app, admin, 'POST', '/api/knowledge/entries', {
      kind: 'faq',
      locale: 'zh-CN',
      variant: { ...FAQ.refund, similarQuestions: [...FAQ.refund.similarQuestions], status: 'published' },
    });
    const kit = await RoutingKit.forAccount(t.ctx, w.accountId, 'live');
    await call(t.app, admin, 'PATCH', `/api/inboxes/${kit.inbox.id}`, { settings: { bot: { mode: 'bot_first' } } });
    const supervisorSocket = await connect('/ws/agent?v=1', { cookie: supervisor.cookie });
    const agentSocket = await connect('/ws/agent?v=1', { cookie: agent.cookie });
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/widget/session',
      payload: { websiteToken: kit.inbox.website_token },
    });
    expect(session.json().inbox.botAvailable).toBe(true);
    const widget = await connect(`/ws/widget?v=1&token=${encodeURIComponent(session.json().visitorToken)}`);

    const ack = await widget.sendMessage({
      clientId: 'live-question-1',
      conversationId: null,
      content: '退货要多久到账啊',
    });
    const answer = await widget.nextOf('message', (f) => f.message.sender.type === 'bot');
    expect(answer.message).toMatchObject({
      conversationId: ack.conversationId,
      kind: 'outgoing',
      sender: { type: 'bot', id: null, name: '智能客服小助手' },
      content: FAQ.refund.body,
      payload: { kind: 'bot_answer', entryId: entry.json().id, rateable: true },
    });
    await supervisorSocket.nextOf('message', (f) => f.message.id === answer.message.id);
    await supervisorSocket.nextOf(
      'conversation',
      (f) => f.conversation.id === ack.conversationId && f.conversation.botActive === true,
    );
    await agentSocket.flush();
    expect(agentSocket.all('message', (f) => f.conversationId === ack.conversationId)).toEqual([]);
    expect(agentSocket.all('conversation', (f) => f.conversation.id === ack.conversationId)).toEqual([]);

    await widget.sendMessage({ clientId: 'live-question-2', conversationId: ack.conversationId, content: '转人工' });
    const told = await widget.nextOf('message', (f) => f.message.payload?.kind === 'bot_handoff');
    expect(told.message.payload).toEqual({ kind: 'bot_handoff', reason: 'customer_request', rateable: false });
    const note = await agentSocket.nextOf(
      'message',
      (f) => f.conversationId === ack.conversationId && f.message.kind === 'note',
    );
    expect(note.message.payload).toMatchObject({ kind: 'bot_summary', reason: 'customer_request' });
    expect(note.message.content).toContain('退货要多久到账啊');
    await agentSocket.nextOf(
      'conversation',
      (f) => f.conversation.id === ack.conversationId && f.conversation.botActive === false,
    );
    await widget.flush();
    expect(widget.all('message', (f) => f.message.kind === 'note')).toEqual([]);
  });
});

/** A fake OpenAI-compatible endpoint: each test sets how it answers. */
class FakeModel {
  private server!: Server;
  answer: (body: { messages: { role: string; content: string }[] }, res: ServerResponse) => void = () => {};
  requests: { messages: { role: string; content: string }[]; model: string }[] = [];

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let raw = '';
      req.on('data', (chunk) => {
        raw += chunk;
      });
      req.on('end', () => {
        if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
          res.writeHead(404).end();
          return;
        }
        const body = JSON.parse(raw);
        this.requests.push(body);
        this.answer(body, res);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const completion = (content: string) =>
  JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] });

describe('the answer bot with a language model', () => {
  let t: TestApp;
  let w: Workspace;
  let admin: Session;
  const model = new FakeModel();
  let refundId: string;
  let freightId: string;

  beforeAll(async () => {
    const baseUrl = await model.start();
    t = await createTestApp({ llm: { baseUrl, model: 'fake-model', apiKey: 'sk-test', timeoutMs: 300, topK: 2 } });
    w = await seedWorkspace(t.ctx, 'botllm');
    admin = await signInAs(t.app, w.users.admin.email);
    const create = async (faq: (typeof FAQ)[FaqKey]) => {
      const res = await call(t.app, admin, 'POST', '/api/knowledge/entries', {
        kind: 'faq',
        locale: 'zh-CN',
        variant: { ...faq, similarQuestions: [...faq.similarQuestions], status: 'published' },
      });
      return res.json().id as string;
    };
    refundId = await create(FAQ.refund);
    freightId = await create(FAQ.freight);
  });
  afterAll(async () => {
    await t.close();
    await model.stop();
  });

  async function ask(question: string) {
    const kit = await RoutingKit.forAccount(t.ctx, w.accountId, `llm-${question}`);
    const res = await call(t.app, admin, 'PATCH', `/api/inboxes/${kit.inbox.id}`, {
      settings: { bot: { mode: 'bot_first' } },
    });
    expect(res.statusCode).toBe(200);
    const created = await kit.says(await kit.visitor(), question);
    await botTurnsSettled(t.ctx);
    const replies = (await kit.timeline(created.conversation.id)).filter((m) => m.sender_type === 'bot');
    return replies.map((m) => ({ content: m.content, payload: JSON.parse(m.payload!) as BotPayload }));
  }

  it('answers from the retrieved entries only, citing them', async () => {
    model.answer = (_body, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(completion('退款审核通过后，微信1-3个工作日到账 [1]。'));
    };
    const [reply] = await ask('退款多久到账');
    expect(reply!.content).toBe('退款审核通过后，微信1-3个工作日到账。');
    expect(reply!.payload).toEqual({
      kind: 'bot_answer',
      source: 'llm',
      entryId: refundId,
      title: FAQ.refund.title,
      citations: [{ entryId: refundId, title: FAQ.refund.title }],
      rateable: true,
    });
    const request = model.requests.at(-1)!;
    expect(request.model).toBe('fake-model');
    const prompt = request.messages.find((m) => m.role === 'user')!.content;
    expect(prompt).toContain(`[1] 问题：${FAQ.refund.title}`);
    expect(prompt).toContain(FAQ.refund.body);
    expect(prompt).toContain('客户的问题：退款多久到账');
    // Only entries related to the question are given.
    expect(prompt).not.toContain(FAQ.freight.body);
  });

  it('falls back to the FAQ answer on a timeout, an error status, garbage, or an answer citing nothing', async () => {
    const faqAnswer = {
      kind: 'bot_answer',
      source: 'faq',
      entryId: refundId,
      title: FAQ.refund.title,
      citations: [{ entryId: refundId, title: FAQ.refund.title }],
      rateable: true,
    };
    const answers: ((res: ServerResponse) => void)[] = [
      // Slower than the 300 ms timeout.
      (res) => {
        setTimeout(() => {
          if (!res.writableEnded)
            res.writeHead(200, { 'content-type': 'application/json' }).end(completion('太迟了 [1]'));
        }, 1500);
      },
      (res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"overloaded"}}'),
      (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway</html>'),
      (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices":[]}'),
      (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(completion('根据我的了解，大概一周吧。')),
      (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(completion('见 [7]。')),
    ];
    for (const answer of answers) {
      model.answer = (_body, res) => answer(res);
      const [reply] = await ask('退款多久到账');
      expect(reply!.content).toBe(FAQ.refund.body);
      expect(reply!.payload).toEqual(faqAnswer);
    }
  });

  it('keeps the FAQ outcome when the model declines (NO_ANSWER)', async () => {
    model.answer = (_body, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(completion('NO_ANSWER'));
    const [reply] = await ask('运费怎么计算');
    expect(reply!.payload).toMatchObject({ kind: 'bot_answer', source: 'faq', entryId: freightId });
  });
});
