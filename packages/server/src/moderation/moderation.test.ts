import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import type { RealtimeEvent } from '../realtime/events.js';
import { messageIndexer } from '../search/messageIndexer.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { TestSocket, wsBase } from '../test/testSocket.js';
import { createTestInbox } from '../test/testWidget.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';
import { MATCHER_RECHECK_MS } from './matcherCache.js';

const meta = () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null });
let sent = 0;
const clientId = () => `moderation-${++sent}-msg`;

describe('sensitive words (敏感词)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let inbox: InboxRow;
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  let conversationId: string;
  const sockets: TestSocket[] = [];

  const words = (query = '') => call(t.app, admin, 'GET', `/api/moderation/words${query}`);
  const addWord = (body: object) => call(t.app, admin, 'POST', '/api/moderation/words', body);
  const reply = (content: string, extra: object = {}) =>
    call(t.app, agent, 'POST', `/api/conversations/${conversationId}/messages`, { content, ...extra });
  const storedMessages = async () =>
    (
      await t.ctx.db.kysely
        .selectFrom('messages')
        .select('content')
        .where('conversation_id', '=', conversationId)
        .orderBy('seq')
        .execute()
    ).map((m) => m.content);
  const flags = async (session = supervisor, query = `?conversationId=${conversationId}`) => {
    const res = await call(t.app, session, 'GET', `/api/moderation/flags${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { messageId: string; source: string; matches: { word: string }[] }[];
  };
  const agentSocket = async (session: Session) => {
    const socket = await TestSocket.connect(`${wsBase(t.app)}/ws/agent?v=1`, { headers: { cookie: session.cookie } });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'md');
    inbox = await createTestInbox(t.ctx, w.accountId);
    admin = await signInAs(t.app, w.users.admin.email);
    supervisor = await signInAs(t.app, w.users.supervisor.email);
    agent = await signInAs(t.app, w.users.agent.email);
    const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
    const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
    const created = await visitorMessageSender(
      t.ctx,
      visitor,
      { clientId: clientId(), conversationId: null, content: '你好', attachmentIds: [] },
      meta,
    );
    conversationId = created.conversation.id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  describe('the list', () => {
    it('admins add, change and remove words, each audited; the same word disguised is a duplicate', async () => {
      const added = await addWord({ word: '微信', category: '引流', action: 'block' });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toMatchObject({ word: '微信', category: '引流', action: 'block' });
      for (const duplicate of ['微 信', '微-信', '微＊信']) {
        const res = await addWord({ word: duplicate });
        expect(res.statusCode, duplicate).toBe(409);
      }
      expect((await addWord({ word: '！！' })).json().error.details).toEqual([
        { field: 'body.word', issue: 'has no letters or digits' },
      ]);
      const id = added.json().id;
      const changed = await call(t.app, admin, 'PATCH', `/api/moderation/words/${id}`, { action: null });
      expect(changed.json()).toMatchObject({ word: '微信', action: null });
      expect((await call(t.app, admin, 'DELETE', `/api/moderation/words/${id}`)).statusCode).toBe(200);
      expect((await call(t.app, admin, 'DELETE', `/api/moderation/words/${id}`)).statusCode).toBe(404);
      const audit = (await call(t.app, admin, 'GET', '/api/audit-events'))
        .json()
        .items.map((e: { action: string }) => e.action);
      expect(audit).toEqual(
        expect.arrayContaining(['sensitive_word.created', 'sensitive_word.updated', 'sensitive_word.deleted']),
      );
    });

    it('imports a pasted list: categories and actions per line, duplicates skipped, a bad line rejects all', async () => {
      const bad = await call(t.app, admin, 'POST', '/api/moderation/words/import', {
        text: '好评返现,营销\n加qq,引流,拦截\n刷单,营销,maybe\n,空词',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details).toEqual([
        { field: 'body.text', issue: 'line 3: unknown action "maybe" (block/拦截 or warn/提醒)' },
        { field: 'body.text', issue: 'line 4: has no word' },
      ]);
      expect((await words()).json().total).toBe(0);

      const imported = await call(t.app, admin, 'POST', '/api/moderation/words/import', {
        text: '# 导入\n好评返现，营销\n加qq\t引流\t拦截\n\n退款\n退 款\n投訴,,提醒\n',
        category: '默认分类',
      });
      expect(imported.json()).toEqual({ added: 4, duplicates: 1 });
      const list = (await words('?limit=10')).json();
      expect(list.total).toBe(4);
      expect(
        list.items.map((i: { word: string; category: string; action: string | null }) => [
          i.word,
          i.category,
          i.action,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['好评返现', '营销', null],
          ['加qq', '引流', 'block'],
          ['退款', '默认分类', null],
          ['投訴', '默认分类', 'warn'],
        ]),
      );
      expect((await words('?q=引流')).json().items.map((i: { word: string }) => i.word)).toEqual(['加qq']);
      const again = await call(t.app, admin, 'POST', '/api/moderation/words/import', { text: '退款\n新词' });
      expect(again.json()).toEqual({ added: 1, duplicates: 1 });
    });

    it('checks a sample text as the send check would, and keeps agents and supervisors out', async () => {
      const check = await call(t.app, admin, 'POST', '/api/moderation/check', { text: '加 Ｑ Ｑ 退貨退-款' });
      expect(
        check.json().matches.map((m: { word: string; start: number; end: number }) => [m.word, m.start, m.end]),
      ).toEqual([
        ['加qq', 0, 5],
        ['退款', 8, 11],
      ]);
      for (const session of [agent, supervisor]) {
        expect((await call(t.app, session, 'GET', '/api/moderation/words')).statusCode).toBe(403);
        expect((await call(t.app, session, 'POST', '/api/moderation/words', { word: 'x' })).statusCode).toBe(403);
      }
      expect((await call(t.app, agent, 'GET', '/api/moderation/flags')).statusCode).toBe(403);
    });
  });

  describe("an agent's reply", () => {
    it('with a word set to block is refused before it is stored, naming the words and where they are', async () => {
      const before = await storedMessages();
      const res = await reply('您可以加 Q-Q 联系我');
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'SENSITIVE_WORD_BLOCKED',
        details: { matches: [{ word: '加qq', category: '引流', action: 'block', start: 3, end: 8 }] },
      });
      // Confirming does not get past a block.
      expect((await reply('您可以加 Q-Q 联系我', { confirmSensitive: true })).statusCode).toBe(422);
      expect(await storedMessages()).toEqual(before);
    });

    it('with a word set to warn needs the agent to confirm; the sent message is flagged', async () => {
      const warned = await reply('已为您办理退款');
      expect(warned.statusCode).toBe(422);
      expect(warned.json().error).toMatchObject({
        code: 'SENSITIVE_WORD_WARNING',
        details: { matches: [{ word: '退款', action: 'warn', start: 5, end: 7 }] },
      });
      expect(await storedMessages()).not.toContain('已为您办理退款');

      const events: RealtimeEvent[] = [];
      const unsubscribe = t.ctx.bus.subscribe((event) => events.push(event));
      const confirmed = await reply('已为您办理退款', { confirmSensitive: true });
      unsubscribe();
      expect(confirmed.statusCode).toBe(201);
      const [flag] = await flags();
      expect(flag).toMatchObject({ messageId: confirmed.json().id, source: 'agent', matches: [{ word: '退款' }] });
      expect(events.some((e) => e.type === 'message.flagged')).toBe(true);
    });

    it('private notes are not checked', async () => {
      expect((await reply('客户想加qq，已拒绝', { private: true })).statusCode).toBe(201);
    });

    it('over the socket: refused with the matched words, sent once confirmed', async () => {
      const socket = await agentSocket(agent);
      const id = clientId();
      socket.send({ type: 'message.send', clientId: id, conversationId, content: '我们支持退款' });
      const refused = await socket.nextOf('error', (f) => f.ref === id);
      expect(refused).toMatchObject({
        code: 'SENSITIVE_WORD_WARNING',
        details: { matches: [{ word: '退款', start: 4, end: 6 }] },
      });
      socket.send({
        type: 'message.send',
        clientId: id,
        conversationId,
        content: '我们支持退款',
        confirmSensitive: true,
      });
      await socket.nextOf('ack', (f) => f.clientId === id);
    });

    it('the default action applies to words without their own, and changes at once on this node', async () => {
      const settings = await call(t.app, admin, 'PATCH', '/api/moderation/settings', { defaultAction: 'block' });
      expect(settings.json()).toEqual({ defaultAction: 'block' });
      expect((await call(t.app, admin, 'GET', '/api/moderation/settings')).json()).toEqual({ defaultAction: 'block' });
      const res = await reply('好评返现活动');
      expect(res.json().error.code).toBe('SENSITIVE_WORD_BLOCKED');
      await call(t.app, admin, 'PATCH', '/api/moderation/settings', { defaultAction: 'warn' });
      expect((await reply('好评返现活动')).json().error.code).toBe('SENSITIVE_WORD_WARNING');
    });

    it("another node's change is seen once the cached matcher is rechecked", async () => {
      expect((await reply('周末也发货')).statusCode).toBe(201);
      // As another node would: a new word and a new version, straight into the database.
      const now = t.clock.now();
      await t.ctx.db.kysely
        .insertInto('sensitive_words')
        .values({
          id: '01900000-0000-7000-8000-000000000001',
          account_id: w.accountId,
          word: '发货',
          pattern: '发货',
          category: '',
          action: 'block',
          created_at: now,
          updated_at: now,
        })
        .execute();
      await t.ctx.db.kysely
        .updateTable('moderation_settings')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('account_id', '=', w.accountId)
        .execute();
      expect((await reply('今天发货')).statusCode).toBe(201);
      t.clock.advance(MATCHER_RECHECK_MS);
      expect((await reply('明天发货')).json().error.code).toBe('SENSITIVE_WORD_BLOCKED');
    });
  });

  describe("a customer's message", () => {
    it('is stored as sent, then flagged for supervisors and admins, live, by the indexer', async () => {
      const boss = await agentSocket(supervisor);
      const staff = await agentSocket(agent);
      const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
      const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
      const created = await visitorMessageSender(
        t.ctx,
        visitor,
        { clientId: clientId(), conversationId: null, content: '不给退 款我就去投-诉', attachmentIds: [] },
        meta,
      );
      expect(created.message.content).toBe('不给退 款我就去投-诉');
      await messageIndexer(t.ctx);

      const [flag] = await flags(supervisor, `?conversationId=${created.conversation.id}`);
      expect(flag).toMatchObject({ messageId: created.message.id, source: 'customer' });
      expect(flag!.matches.map((m) => m.word)).toEqual(['退款', '投訴']);
      const notice = await boss.nextOf('flag', (f) => f.flag.messageId === created.message.id);
      expect(notice.flag.source).toBe('customer');
      await staff.flush();
      expect(staff.all('flag')).toEqual([]);

      // Running the indexer again flags nothing twice.
      await messageIndexer(t.ctx);
      expect(await flags(supervisor, `?conversationId=${created.conversation.id}`)).toHaveLength(1);
    });
  });
});
