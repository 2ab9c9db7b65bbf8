import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageCreator } from '../conversations/messageCreator.js';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { eventually } from '../test/testSocket.js';
import { createTestInbox } from '../test/testWidget.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';
import { INDEX_BATCH, messageIndexer, startMessageIndexer } from './messageIndexer.js';

interface Hit {
  conversation: { id: string; contact: { name: string; phone: string | null; email: string | null }; labels: string[] };
  match: {
    messageId: string;
    kind: string;
    snippet: string;
    highlights: { start: number; end: number }[];
  } | null;
}

const meta = () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null });
let sent = 0;
const clientId = () => `search-${++sent}-msg`;

describe('conversation search', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;
  let inbox: InboxRow;
  let admin: Session;
  let agent: Session;

  /** A customer's new conversation with their first messages; returns its id. */
  const customer = async (
    details: { name?: string; phone?: string; email?: string },
    messages: string[],
    target: InboxRow = inbox,
  ) => {
    const session = await widgetSessionStarter(t.ctx, { websiteToken: target.website_token, ...details });
    const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
    let conversationId: string | null = null;
    for (const content of messages) {
      t.clock.advance(1000);
      const created = await visitorMessageSender(
        t.ctx,
        visitor,
        { clientId: clientId(), conversationId, content, attachmentIds: [] },
        meta,
      );
      conversationId = created.conversation.id;
    }
    return conversationId!;
  };
  const agentSays = async (conversationId: string, content: string, note = false) => {
    t.clock.advance(1000);
    const res = await call(t.app, agent, 'POST', `/api/conversations/${conversationId}/messages`, {
      content,
      private: note,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  /** Indexes everything waiting, as the background loop would. */
  const indexAll = async () => {
    for (let run = await messageIndexer(t.ctx); run.more; run = await messageIndexer(t.ctx));
  };
  const search = async (query: Record<string, string>, session = agent) => {
    const res = await call(t.app, session, 'GET', `/api/conversations/search?${new URLSearchParams(query)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Hit[]; nextCursor: string | null };
  };
  const ids = (result: { items: Hit[] }) => result.items.map((h) => h.conversation.id);

  const c: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'se');
    other = await seedWorkspace(t.ctx, 'seother');
    inbox = await createTestInbox(t.ctx, w.accountId);
    admin = await signInAs(t.app, w.users.admin.email);
    agent = await signInAs(t.app, w.users.agent.email);

    c.refund = await customer({ name: '张三', phone: '138-1234-5678', email: 'Zhang.San@Example.com' }, [
      '你好，我要退貨，請問退款多久到賬？',
      '訂單號是 ＡＢ２０２４０５０１',
    ]);
    c.invoice = await customer({ name: '李四', phone: '13900001111' }, ['发票怎么开？', '要开增值税专用发票']);
    c.shipping = await customer({ name: 'Wang Wu', email: 'wangwu@example.com' }, ['快递到哪了', '物流一直没更新']);
    await agentSays(c.shipping, '已帮您催促快递公司');
    await agentSays(c.invoice, '客户是老客户，记得优惠券', true);
    const otherInbox = await createTestInbox(t.ctx, other.accountId, '别家');
    c.otherWorkspace = await customer({ name: '张三' }, ['我要退货退款'], otherInbox);
    await indexAll();
  });
  afterAll(() => t.close());

  it('a new message is searchable once the indexer has run, not before (off the send path)', async () => {
    const id = await customer({ name: '赵六' }, ['我想咨询一下以旧换新活动']);
    expect(ids(await search({ q: '以旧换新' }))).toEqual([]);
    const run = await messageIndexer(t.ctx);
    expect(run).toMatchObject({ indexed: 1, more: false });
    expect(ids(await search({ q: '以旧换新' }))).toEqual([id]);
    expect(await messageIndexer(t.ctx)).toMatchObject({ indexed: 0 });
  });

  it('the background loop on each node indexes new messages by itself, and stops cleanly', async () => {
    const loop = startMessageIndexer(t.ctx, { busyMs: 10, idleMs: 10, backlogMs: 0 });
    try {
      const id = await customer({ name: '后台' }, ['想问问礼品卡怎么兑换礼品']);
      await eventually(async () => ids(await search({ q: '兑换礼品' })).includes(id), 'the loop indexed the message');
    } finally {
      await loop.stop();
    }
    const after = await customer({ name: '停止后' }, ['停止之后的留言不会被索引']);
    expect(ids(await search({ q: '停止之后' }))).not.toContain(after);
  });

  it('finds Chinese words across Traditional and Simplified, full and half width, however jieba cut them', async () => {
    for (const q of ['退货', '退貨', '退款 到账', '多久到账', 'ab20240501', 'ＡＢ２０２４', '订单号', '单号']) {
      expect(ids(await search({ q })), q).toEqual([c.refund]);
    }
    // Every word must be there: 发票 alone finds the invoice conversation, 发票 + 快递 finds nothing.
    expect(ids(await search({ q: '发票' }))).toEqual([c.invoice]);
    expect(ids(await search({ q: '发票 快递' }))).toEqual([]);
    // A run of characters inside a longer word still matches (增值税专用发票 → 专用).
    expect(ids(await search({ q: '专用' }))).toEqual([c.invoice]);
    // Particles in the query do not make it miss.
    expect(ids(await search({ q: '物流一直没更新啊' }))).toEqual([c.shipping]);
    // Symbols alone are no query and match nothing.
    expect(ids(await search({ q: '！！！' }))).toEqual([]);
  });

  it("shows the newest matching message with the query's words marked in the text as written", async () => {
    const [hit] = (await search({ q: '退款 到账' })).items;
    expect(hit!.match).toMatchObject({ kind: 'incoming', snippet: '你好，我要退貨，請問退款多久到賬？' });
    const marked = hit!.match!.highlights.map((h) => hit!.match!.snippet.slice(h.start, h.end));
    expect(marked).toEqual(['退款', '到賬']);

    const shipping = (await search({ q: '快递' })).items[0]!;
    expect(shipping.match).toMatchObject({ kind: 'outgoing', snippet: '已帮您催促快递公司' });
  });

  it('searches private notes too (agents only; nothing here reaches customers)', async () => {
    const [hit] = (await search({ q: '优惠券' })).items;
    expect(hit).toMatchObject({ conversation: { id: c.invoice }, match: { kind: 'note' } });
  });

  it('filters by contact name, phone and email without revealing them', async () => {
    expect(ids(await search({ contact: '张' }))).toEqual([c.refund]);
    expect(ids(await search({ contact: 'wang' }))).toEqual([c.shipping]);
    for (const phone of ['13812345678', '+8613812345678', '138 1234 5678']) {
      const result = await search({ phone });
      expect(ids(result), phone).toEqual([c.refund]);
      expect(result.items[0]!.conversation.contact.phone).toBe('138****5678');
    }
    // Only the whole number matches: a part of it lists nobody.
    expect(ids(await search({ phone: '1381234' }))).toEqual([]);
    const byEmail = await search({ email: 'zhang.san@example.COM' });
    expect(ids(byEmail)).toEqual([c.refund]);
    expect(byEmail.items[0]!.conversation.contact.email).toBe('Z***@Example.com');
    expect(ids(await search({ email: 'san@example.com' }))).toEqual([]);
  });

  it('filters by label, agent, status, inbox and dates, with or without text', async () => {
    await call(t.app, admin, 'POST', '/api/labels', { name: '售后' });
    await call(t.app, agent, 'PATCH', `/api/conversations/${c.refund}`, {
      labels: ['售后'],
      assigneeId: w.users.agent.id,
    });
    await call(t.app, agent, 'PATCH', `/api/conversations/${c.invoice}`, { status: 'resolved' });
    expect(ids(await search({ label: '售后' }))).toEqual([c.refund]);
    expect(ids(await search({ label: '售后', q: '发票' }))).toEqual([]);
    expect(ids(await search({ assigneeId: w.users.agent.id }))).toEqual([c.refund]);
    expect(ids(await search({ status: 'resolved' }))).toEqual([c.invoice]);
    expect(ids(await search({ status: 'resolved', q: '退款' }))).toEqual([]);
    expect(await search({ inboxId: '00000000-0000-7000-8000-000000000000' })).toEqual({ items: [], nextCursor: null });

    // Dates: with text, when the matching message was written; without, when the conversation was active.
    const refundWrittenAt = new Date(t.clock.now() - 3_600_000).toISOString();
    expect(ids(await search({ q: '退款', to: refundWrittenAt }))).toEqual([]);
    expect(ids(await search({ q: '退款', from: '2020-01-01T00:00:00Z' }))).toEqual([c.refund]);
    expect(ids(await search({ from: new Date(t.clock.now() + 1000).toISOString() }))).toEqual([]);
  });

  it('pages newest hit first, each conversation once', async () => {
    const many: string[] = [];
    for (let i = 0; i < 5; i += 1) many.push(await customer({ name: `客户${i}` }, [`积分兑换第${i}次`, '积分还没到']));
    await indexAll();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search({ q: '积分', limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...many].reverse());

    const filtered: string[] = [];
    cursor = null;
    do {
      const page = await search({ contact: '客户', limit: '2', ...(cursor ? { cursor } : {}) });
      filtered.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(filtered).toEqual([...many].reverse());
  });

  it("never shows another workspace's conversations", async () => {
    expect(ids(await search({ q: '退货' }))).toEqual([c.refund]);
    expect(ids(await search({ contact: '张三' }))).toEqual([c.refund]);
    const otherAgent = await signInAs(t.app, other.users.agent.email);
    expect(ids(await search({ q: '退货' }, otherAgent))).toEqual([c.otherWorkspace]);
  });

  it('refuses bad input with 400', async () => {
    for (const query of [
      'cursor=%3Cscript%3E',
      'cursor=bm9wZQ',
      `q=${'字'.repeat(201)}`,
      'phone=abc',
      'email=x',
      'limit=0',
    ]) {
      const res = await call(t.app, agent, 'GET', `/api/conversations/search?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
    const textCursor = await call(t.app, agent, 'GET', '/api/conversations/search?q=退款&cursor=abc');
    expect(textCursor.statusCode).toBe(400);
  });

  it('indexes in batches, once each, even when several indexers run at the same time', async () => {
    const id = await customer({ name: '批量' }, ['第一条']);
    const conversation = { accountId: w.accountId, conversationId: id };
    for (let i = 0; i < INDEX_BATCH + 30; i += 1) {
      await messageCreator(t.ctx, {
        ...conversation,
        kind: 'incoming',
        sender: { type: 'contact', id: null, name: null },
        content: `批量消息 ${i}`,
      });
    }
    const runs = await Promise.all([messageIndexer(t.ctx), messageIndexer(t.ctx), messageIndexer(t.ctx)]);
    expect(runs.some((r) => r.more)).toBe(true);
    await indexAll();
    const counts = await t.ctx.db.kysely
      .selectFrom('messages')
      .leftJoin('message_search', 'message_search.message_id', 'messages.id')
      .select((eb) => [eb.fn.count('messages.id').as('messages'), eb.fn.count('message_search.message_id').as('docs')])
      .where('messages.conversation_id', '=', id)
      .where('messages.kind', '!=', 'activity')
      .executeTakeFirstOrThrow();
    expect(Number(counts.docs)).toBe(Number(counts.messages));
    expect(ids(await search({ q: '批量消息' }))).toEqual([id]);
  });

  it("a deleted conversation's documents go with it", async () => {
    const id = await customer({ name: '删除' }, ['独一无二的内容']);
    await indexAll();
    expect(ids(await search({ q: '独一无二' }))).toEqual([id]);
    await t.ctx.db.kysely.deleteFrom('conversations').where('id', '=', id).execute();
    expect(ids(await search({ q: '独一无二' }))).toEqual([]);
    if (t.ctx.db.kind === 'sqlite') {
      const { rows } = await sql<{ n: number }>`select count(*) as n from message_search_fts
        where message_search_fts match 'words:"独一无二"'`.execute(t.ctx.db.kysely);
      expect(rows[0]!.n).toBe(0);
    }
  });
});
