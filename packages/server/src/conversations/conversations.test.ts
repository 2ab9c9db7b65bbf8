import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { createTestInbox } from '../test/testWidget.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { type VisitorClaims, verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';
import { conversationOpener } from './conversationOpener.js';
import { messageCreator } from './messageCreator.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
interface ConversationView {
  id: string;
  status: string;
  assigneeId: string | null;
  labels: string[];
  snoozedUntil: string | null;
  lastSeq: number;
  unreadCount: number;
  waitingSince: string | null;
  contact: { id: string; name: string; phone: string | null; email: string | null };
  lastMessage: { kind: string; preview: string } | null;
  lastActivityAt: string;
}
interface MessageView {
  id: string;
  seq: number;
  kind: string;
  content: string;
  clientId: string | null;
  sender: { type: string; id: string | null; name: string | null };
  activity: { code: string; params: Record<string, unknown> } | null;
}

const meta = () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null });
let ids = 0;
const newClientId = (label = 'c') => `${label}-${Date.now().toString(36)}-${++ids}`;

describe('conversations', () => {
  let t: TestApp;
  let w: Workspace;
  let other: Workspace;
  let inbox: InboxRow;
  let admin: Session;
  let supervisor: Session;
  let agent: Session;

  /** A new widget visitor (contact) of the inbox. */
  const newVisitor = async (details: { name?: string; phone?: string; email?: string } = {}) => {
    const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token, ...details });
    return verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
  };
  const visitorSays = (visitor: VisitorClaims, content: string, conversationId: string | null = null) =>
    visitorMessageSender(
      t.ctx,
      visitor,
      { clientId: newClientId('v'), conversationId, content, attachmentIds: [] },
      meta,
    );
  /** A visitor's new conversation with one incoming message. */
  const newConversation = async (content = '你好') => {
    const visitor = await newVisitor();
    const created = await visitorSays(visitor, content);
    return { visitor, id: created.conversation.id };
  };
  const get = async (session: Session, id: string) => {
    const res = await call(t.app, session, 'GET', `/api/conversations/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ConversationView;
  };
  const patch = (session: Session, id: string, body: object) =>
    call(t.app, session, 'PATCH', `/api/conversations/${id}`, body);
  const messagesOf = async (session: Session, id: string, query = '') => {
    const res = await call(t.app, session, 'GET', `/api/conversations/${id}/messages${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: MessageView[]; hasMore: boolean };
  };
  const messageRows = (conversationId: string) =>
    t.ctx.db.kysely
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'cv');
    other = await seedWorkspace(t.ctx, 'cvother');
    inbox = await createTestInbox(t.ctx, w.accountId);
    admin = await signInAs(t.app, w.users.admin.email);
    supervisor = await signInAs(t.app, w.users.supervisor.email);
    agent = await signInAs(t.app, w.users.agent.email);
  });
  afterAll(() => t.close());

  describe('the inbox list', () => {
    let listInbox: InboxRow;
    const c: Record<string, string> = {};
    const list = async (session: Session, query: string) => {
      const res = await call(t.app, session, 'GET', `/api/conversations?inboxId=${listInbox.id}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: ConversationView[];
        nextCursor: string | null;
        counts: { mine: number; unassigned: number; all: number };
      };
    };
    const idsOf = (items: { id: string }[]) => items.map((i) => i.id);

    beforeAll(async () => {
      // A separate inbox, so the counts here are exact: conversations get older from a to g.
      listInbox = await createTestInbox(t.ctx, w.accountId, '列表测试');
      for (const name of ['g', 'f', 'e', 'd', 'c', 'b', 'a']) {
        const session = await widgetSessionStarter(t.ctx, { websiteToken: listInbox.website_token, name });
        const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
        c[name] = (await visitorSays(visitor, `我是 ${name}`)).conversation.id;
        t.clock.advance(1000);
      }
      // a, b: mine (agent); c: the supervisor's; d: resolved and unassigned; e: mine, pending; f, g: unassigned.
      for (const [key, body] of [
        ['a', { assigneeId: w.users.agent.id }],
        ['b', { assigneeId: w.users.agent.id }],
        ['c', { assigneeId: w.users.supervisor.id }],
        ['d', { status: 'resolved' }],
        ['e', { assigneeId: w.users.agent.id, status: 'pending' }],
      ] as const) {
        const res = await patch(admin, c[key]!, body);
        expect(res.statusCode, res.body).toBe(200);
      }
      // A write to g makes it the most recent.
      t.clock.advance(1000);
      await call(t.app, agent, 'POST', `/api/conversations/${c.g}/messages`, { content: '在的' });
    });

    it('tabs mine / unassigned / all, open by default, with counts for every tab', async () => {
      const counts = { mine: 2, unassigned: 2, all: 5 };
      const all = await list(agent, 'tab=all');
      expect(all.counts).toEqual(counts);
      expect(all.items.every((i) => i.status === 'open')).toBe(true);
      expect(idsOf(all.items)).toEqual([c.g, c.a, c.b, c.c, c.f]);
      expect(all.nextCursor).toBeNull();
      const defaults = await list(agent, '');
      expect(idsOf(defaults.items)).toEqual(idsOf(all.items));

      const mine = await list(agent, 'tab=mine');
      expect(idsOf(mine.items)).toEqual([c.a, c.b]);
      expect(mine.counts).toEqual(counts);
      const unassigned = await list(agent, 'tab=unassigned');
      expect(idsOf(unassigned.items)).toEqual([c.g, c.f]);
      // "Mine" is the caller's own.
      const supervisorsOwn = await list(supervisor, 'tab=mine');
      expect(idsOf(supervisorsOwn.items)).toEqual([c.c]);
      expect(supervisorsOwn.counts).toEqual({ mine: 1, unassigned: 2, all: 5 });
    });

    it('the status filter applies to the items and the counts', async () => {
      const resolved = await list(agent, 'status=resolved');
      expect(idsOf(resolved.items)).toEqual([c.d]);
      expect(resolved.counts).toEqual({ mine: 0, unassigned: 1, all: 1 });
      const pending = await list(agent, 'tab=mine&status=pending');
      expect(idsOf(pending.items)).toEqual([c.e]);
      const any = await list(agent, 'status=any');
      expect(any.counts).toEqual({ mine: 3, unassigned: 3, all: 7 });
      expect(idsOf(any.items)).toHaveLength(7);
      expect(any.items[0]!.id).toBe(c.g);
      expect((await call(t.app, agent, 'GET', '/api/conversations?status=closed')).statusCode).toBe(400);
      expect((await call(t.app, agent, 'GET', '/api/conversations?tab=everything')).statusCode).toBe(400);
    });

    it('cursor paging walks every conversation once, newest activity first', async () => {
      const everything = idsOf((await list(agent, 'status=any')).items);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res = await list(agent, `status=any&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.items.length).toBeLessThanOrEqual(3);
        seen.push(...idsOf(res.items));
        cursor = res.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(everything);
    });

    it('cursor paging is stable when many conversations share the same activity time', async () => {
      const sameTime = await createTestInbox(t.ctx, w.accountId, '同一时刻');
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        const session = await widgetSessionStarter(t.ctx, { websiteToken: sameTime.website_token });
        const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
        created.push((await visitorSays(visitor, `同时 ${i}`)).conversation.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `inboxId=${sameTime.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await call(t.app, agent, 'GET', `/api/conversations?${query}`);
        seen.push(...idsOf(res.json().items));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(seen).toEqual([...created].reverse());
    });

    it('paging while messages arrive never repeats or skips a conversation that did not move', async () => {
      const busy = await createTestInbox(t.ctx, w.accountId, '翻页时有新消息');
      const byAge: string[] = [];
      const visitors = new Map<string, VisitorClaims>();
      for (let i = 0; i < 10; i++) {
        const session = await widgetSessionStarter(t.ctx, { websiteToken: busy.website_token });
        const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
        const id = (await visitorSays(visitor, `第 ${i} 位`)).conversation.id;
        visitors.set(id, visitor);
        byAge.unshift(id);
        t.clock.advance(1000);
      }
      const page = async (cursor: string | null) => {
        const query = `inboxId=${busy.id}&status=any&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await call(t.app, agent, 'GET', `/api/conversations?${query}`);
        expect(response.statusCode, response.body).toBe(200);
        const res = response.json() as { items: ConversationView[]; nextCursor: string | null };
        // The list entry says when it last moved: the order the list is in.
        const times = res.items.map((i) => Date.parse(i.lastActivityAt));
        expect(times).toEqual([...times].sort((x, y) => y - x));
        return res;
      };
      const first = await page(null);
      expect(idsOf(first.items)).toEqual(byAge.slice(0, 3));
      // New messages: in a row already seen, in the row the cursor ended on, and in a row not reached yet.
      const moved = [byAge[1]!, byAge[2]!, byAge[7]!];
      for (const id of moved) {
        t.clock.advance(1000);
        await visitorSays(visitors.get(id)!, '又来了', id);
      }
      const seen = idsOf(first.items);
      let cursor = first.nextCursor;
      while (cursor) {
        const next = await page(cursor);
        seen.push(...idsOf(next.items));
        cursor = next.nextCursor;
      }
      expect(new Set(seen).size, 'no conversation is listed twice').toBe(seen.length);
      const stayed = byAge.filter((id) => !moved.includes(id));
      expect(seen.filter((id) => stayed.includes(id))).toEqual(stayed);
      // A fresh first page shows the moved ones on top, newest first.
      expect(idsOf((await page(null)).items)).toEqual([...moved].reverse());
    });

    it('a cursor that is not a nextCursor gets 400 naming querystring.cursor', async () => {
      const garbage = Buffer.from('["yesterday","x"]').toString('base64url');
      for (const cursor of [c.a!, garbage, 'bm90LWpzb24x', 'x']) {
        const res = await call(t.app, agent, 'GET', `/api/conversations?cursor=${encodeURIComponent(cursor)}`);
        expect(res.statusCode, cursor).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'querystring.cursor' })]);
      }
    });
  });

  describe('changing a conversation', () => {
    it('assigning appends an activity message with the next seq and shows in the list', async () => {
      const { id } = await newConversation('帮我查下物流');
      const res = await patch(supervisor, id, { assigneeId: w.users.agent.id });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id, assigneeId: w.users.agent.id, lastSeq: 2 });
      const { items } = await messagesOf(agent, id);
      expect(items.map((m) => [m.seq, m.kind])).toEqual([
        [1, 'incoming'],
        [2, 'activity'],
      ]);
      expect(items[1]).toMatchObject({
        sender: { type: 'system', id: null },
        content: 'cv supervisor 将会话分配给 cv agent',
      });
      const activity = (await messageRows(id))[1]!;
      expect(JSON.parse(activity.activity!)).toMatchObject({
        code: 'assigned',
        params: { assigneeId: w.users.agent.id },
      });
      // Clients translate the activity by its code; a plain message has none.
      expect(items[1]!.activity).toEqual({
        code: 'assigned',
        params: { assigneeId: w.users.agent.id, assigneeName: 'cv agent', by: 'cv supervisor' },
      });
      expect(items[0]!.activity).toBeNull();
      // An activity is not the last customer-visible message and does not clear the wait.
      const after = await get(agent, id);
      expect(after.lastMessage).toMatchObject({ kind: 'incoming', preview: '帮我查下物流' });
      expect(after.waitingSince).not.toBeNull();

      // Assigning to the same person again changes nothing.
      expect((await patch(supervisor, id, { assigneeId: w.users.agent.id })).json().lastSeq).toBe(2);
      const unassigned = await patch(agent, id, { assigneeId: null });
      expect(unassigned.json()).toMatchObject({ assigneeId: null, lastSeq: 3 });
      expect((await messagesOf(agent, id)).items[2]).toMatchObject({
        kind: 'activity',
        content: 'cv agent 取消了分配',
      });
    });

    it('the assignee must be an active, non-department user of this workspace (400 otherwise)', async () => {
      const { id } = await newConversation();
      const disabled = await call(t.app, admin, 'POST', '/api/users', {
        email: 'gone@cv.test',
        name: 'Gone agent',
        role: 'agent',
        password: 'initial-password-1',
      });
      expect(disabled.statusCode).toBe(201);
      expect((await call(t.app, admin, 'POST', `/api/users/${disabled.json().id}/disable`)).statusCode).toBe(200);
      for (const assigneeId of [
        w.users.department.id,
        disabled.json().id,
        other.users.agent.id,
        '00000000-0000-7000-8000-000000000000',
      ]) {
        const res = await patch(admin, id, { assigneeId });
        expect(res.statusCode, assigneeId).toBe(400);
        expect(res.json().error).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: 'body.assigneeId', issue: 'is not an active agent' }],
        });
      }
      const unchanged = await get(admin, id);
      expect(unchanged).toMatchObject({ assigneeId: null, lastSeq: 1 });
      expect(await messageRows(id)).toHaveLength(1);
      // Admins and supervisors may be assignees.
      expect((await patch(admin, id, { assigneeId: w.users.admin.id })).statusCode).toBe(200);
    });

    it('resolve, reopen, snooze (which needs snoozedUntil) and labels', async () => {
      const { id } = await newConversation('发票');
      const resolved = await patch(agent, id, { status: 'resolved' });
      expect(resolved.json()).toMatchObject({ status: 'resolved', waitingSince: null, lastSeq: 2 });
      const reopened = await patch(agent, id, { status: 'open' });
      expect(reopened.json()).toMatchObject({ status: 'open', lastSeq: 3 });

      const noTime = await patch(agent, id, { status: 'snoozed' });
      expect(noTime.statusCode).toBe(400);
      expect(noTime.json().error.details).toEqual([{ field: 'body.snoozedUntil', issue: 'is required to snooze' }]);
      expect((await get(agent, id)).status).toBe('open');
      const until = '2026-03-03T09:00:00.000Z';
      const snoozed = await patch(agent, id, { status: 'snoozed', snoozedUntil: '2026-03-03T17:00:00+08:00' });
      expect(snoozed.json()).toMatchObject({ status: 'snoozed', snoozedUntil: until, lastSeq: 4 });
      const pending = await patch(agent, id, { status: 'pending' });
      expect(pending.json()).toMatchObject({ status: 'pending', snoozedUntil: null, lastSeq: 5 });

      // Conversations carry only the workspace's managed labels (labels/labels.test.ts).
      for (const name of ['发票', 'VIP', '退款']) {
        expect((await call(t.app, admin, 'POST', '/api/labels', { name })).statusCode).toBe(201);
      }
      const labelled = await patch(agent, id, { labels: ['发票', 'VIP', '发票', ' 退款 '] });
      expect(labelled.json()).toMatchObject({ labels: ['发票', 'VIP', '退款'], lastSeq: 5 });
      expect((await patch(agent, id, { labels: [] })).json().labels).toEqual([]);

      const { items } = await messagesOf(agent, id);
      expect(items.map((m) => m.kind)).toEqual(['incoming', 'activity', 'activity', 'activity', 'activity']);
      expect(items.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(items.map((m) => m.activity?.code ?? null)).toEqual([
        null,
        'status.resolved',
        'status.open',
        'status.snoozed',
        'status.pending',
      ]);
      expect(items[1]!.activity!.params).toEqual({ by: 'cv agent' });

      for (const body of [{}, { status: 'closed' }, { labels: [''] }, { snoozedUntil: 'tomorrow' }]) {
        expect((await patch(agent, id, body)).statusCode, JSON.stringify(body)).toBe(400);
      }
      const department = await signInAs(t.app, w.users.department.email);
      expect((await patch(department, id, { status: 'resolved' })).statusCode).toBe(403);
      expect((await patch(agent, '00000000-0000-7000-8000-000000000000', { status: 'resolved' })).statusCode).toBe(404);
    });

    it('a customer writing to a resolved or snoozed conversation reopens it', async () => {
      const { visitor, id } = await newConversation('第一次');
      await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, { content: '已处理' });
      await call(t.app, agent, 'POST', `/api/conversations/${id}/read`, { seq: 2 });
      expect((await patch(agent, id, { status: 'resolved' })).json()).toMatchObject({
        status: 'resolved',
        unreadCount: 0,
      });

      await visitorSays(visitor, '还有一个问题', id);
      expect(await get(agent, id)).toMatchObject({
        status: 'open',
        unreadCount: 1,
        lastMessage: { kind: 'incoming', preview: '还有一个问题' },
      });
      expect((await get(agent, id)).waitingSince).not.toBeNull();

      await patch(agent, id, { status: 'snoozed', snoozedUntil: '2026-04-01T00:00:00Z' });
      await visitorSays(visitor, '在吗', id);
      expect(await get(agent, id)).toMatchObject({ status: 'open', snoozedUntil: null, unreadCount: 2 });
    });
  });

  describe('last activity and unread', () => {
    it('lastActivityAt is the time of the latest message or change, notes and activities included', async () => {
      const { id } = await newConversation('几点了');
      const opened = t.clock.now();
      expect((await get(agent, id)).lastActivityAt).toBe(new Date(opened).toISOString());
      t.clock.advance(60_000);
      await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, { content: '备注', private: true });
      expect((await get(agent, id)).lastActivityAt).toBe(new Date(opened + 60_000).toISOString());
      t.clock.advance(60_000);
      await patch(agent, id, { status: 'pending' });
      const after = await get(agent, id);
      expect(after.lastActivityAt).toBe(new Date(opened + 120_000).toISOString());
      // The last customer-visible message stays what it was.
      expect(after.lastMessage).toMatchObject({ kind: 'incoming', preview: '几点了' });
    });

    it("unread counts only the customer's messages after the agents' read position; an older read clears nothing newer", async () => {
      const visitor = await newVisitor();
      const one = await visitorSays(visitor, '一');
      const id = one.conversation.id;
      const two = await visitorSays(visitor, '二', id);
      await visitorSays(visitor, '三', id);
      const read = (seq: number) => call(t.app, agent, 'POST', `/api/conversations/${id}/read`, { seq });
      const unread = async () => (await get(agent, id)).unreadCount;
      expect(await unread()).toBe(3);
      expect((await read(two.message.seq)).statusCode).toBe(200);
      expect(await unread()).toBe(1);

      await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, { content: '在的' });
      const four = await visitorSays(visitor, '四', id);
      const note = await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, {
        content: '备注',
        private: true,
      });
      const five = await visitorSays(visitor, '五', id);
      expect(note.json().seq).toBeGreaterThan(four.message.seq);
      expect(five.message.seq).toBeGreaterThan(note.json().seq);
      expect(await unread()).toBe(3);

      // Reading an older seq (a stale tab) changes nothing: reads never go backwards.
      await read(one.message.seq);
      expect(await unread()).toBe(3);
      await read(four.message.seq);
      expect(await unread()).toBe(1);
      await read(note.json().seq);
      expect(await unread()).toBe(1);
      // A seq beyond the end reads to the end.
      await read(100_000);
      expect(await unread()).toBe(0);
      const row = await t.ctx.db.kysely
        .selectFrom('conversations')
        .select(['agent_last_read_seq', 'last_seq'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.agent_last_read_seq).toBe(row.last_seq);
    });

    it('reads racing incoming messages leave exactly the messages after the read position unread', async () => {
      const { visitor, id } = await newConversation('开始');
      await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => visitorSays(visitor, `客户 ${i}`, id)),
        ...Array.from({ length: 4 }, (_, i) =>
          call(t.app, agent, 'POST', `/api/conversations/${id}/read`, { seq: 2 + i * 2 }),
        ),
      ]);
      const row = await t.ctx.db.kysely
        .selectFrom('conversations')
        .select(['agent_last_read_seq', 'unread_count'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const after = (await messageRows(id)).filter((m) => m.kind === 'incoming' && m.seq > row.agent_last_read_seq);
      expect(row.agent_last_read_seq).toBeGreaterThanOrEqual(1);
      expect(row.unread_count).toBe(after.length);
    });
  });

  describe('messages', () => {
    it('pages 250 messages backwards with beforeSeq: ascending pages and hasMore', async () => {
      const { id } = await newConversation('m1');
      for (let i = 2; i <= 250; i++) {
        await messageCreator(t.ctx, {
          accountId: w.accountId,
          conversationId: id,
          kind: i % 2 ? 'incoming' : 'outgoing',
          sender: i % 2 ? { type: 'contact', id: null, name: null } : { type: 'user', id: w.users.agent.id, name: 'a' },
          content: `m${i}`,
        });
      }
      const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
      const seqs = (page: { items: MessageView[] }) => page.items.map((m) => m.seq);

      const newest = await messagesOf(agent, id, '?limit=100');
      expect(seqs(newest)).toEqual(range(151, 250));
      expect(newest.hasMore).toBe(true);
      const middle = await messagesOf(agent, id, '?limit=100&beforeSeq=151');
      expect(seqs(middle)).toEqual(range(51, 150));
      expect(middle.hasMore).toBe(true);
      const oldest = await messagesOf(agent, id, '?limit=100&beforeSeq=51');
      expect(seqs(oldest)).toEqual(range(1, 50));
      expect(oldest.hasMore).toBe(false);
      expect(oldest.items[0]!.content).toBe('m1');

      const byDefault = await messagesOf(agent, id);
      expect(seqs(byDefault)).toEqual(range(201, 250));
      expect(seqs(await messagesOf(agent, id, '?limit=200&beforeSeq=201'))).toEqual(range(1, 200));
      const exact = await messagesOf(agent, id, '?limit=50&beforeSeq=51');
      expect(exact.hasMore).toBe(false);
      const forwards = await messagesOf(agent, id, '?afterSeq=240&limit=5');
      expect(seqs(forwards)).toEqual(range(241, 245));
      expect(forwards.hasMore).toBe(true);
      for (const query of ['?limit=201', '?limit=0', '?beforeSeq=0', '?afterSeq=-1']) {
        const res = await call(t.app, agent, 'GET', `/api/conversations/${id}/messages${query}`);
        expect(res.statusCode, query).toBe(400);
      }
    });

    it('the same clientId twice stores one message; the second answer is 200 with the same seq', async () => {
      const { id } = await newConversation();
      const body = { clientId: newClientId('rest'), content: '您好，请稍等' };
      const first = await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, body);
      expect(first.statusCode).toBe(201);
      const second = await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, body);
      expect(second.statusCode).toBe(200);
      expect(second.json()).toEqual(first.json());
      expect(first.json()).toMatchObject({ seq: 2, kind: 'outgoing', clientId: body.clientId });
      expect((await messageRows(id)).filter((r) => r.client_id === body.clientId)).toHaveLength(1);
      expect((await get(agent, id)).lastSeq).toBe(2);

      // Without a clientId every send is new.
      for (let i = 0; i < 2; i++) {
        expect(
          (await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, { content: '再说一次' })).statusCode,
        ).toBe(201);
      }
      expect(await messageRows(id)).toHaveLength(4);
      // A note is a note, and an empty message is refused.
      const note = await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, {
        content: '备注',
        private: true,
      });
      expect(note.json()).toMatchObject({ kind: 'note', seq: 5 });
      expect((await get(agent, id)).lastMessage?.preview).toBe('再说一次');
      const empty = await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, { content: '   ' });
      expect(empty.statusCode).toBe(400);
      const tooLong = await call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, {
        content: 'x'.repeat(5001),
      });
      expect(tooLong.statusCode).toBe(400);
    });

    it('20 concurrent sends get distinct, gap-free seqs 1..20', async () => {
      const visitor = await newVisitor();
      const id = await conversationOpener(t.ctx, t.ctx.db.kysely, { ...visitor, meta: meta() });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, {
            clientId: newClientId('par'),
            content: `并发 ${i}`,
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      const seqs = results.map((r) => r.json().seq as number).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const rows = await messageRows(id);
      expect(rows.map((r) => r.seq)).toEqual(seqs);
      expect((await get(agent, id)).lastSeq).toBe(20);
    });

    it('concurrent sends of one clientId store it once and all answer with the same message', async () => {
      const { id } = await newConversation();
      const body = { clientId: newClientId('race'), content: '只能有一条' };
      const results = await Promise.all(
        Array.from({ length: 8 }, () => call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, body)),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
      expect(results.every((r) => r.json().seq === 2)).toBe(true);
      expect(await messageRows(id)).toHaveLength(2);
      expect((await get(agent, id)).lastSeq).toBe(2);
    });

    it('a customer and agents writing at once still get gap-free seqs', async () => {
      const { visitor, id } = await newConversation('开始');
      await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => visitorSays(visitor, `客户 ${i}`, id)),
        ...Array.from({ length: 6 }, (_, i) =>
          call(t.app, agent, 'POST', `/api/conversations/${id}/messages`, { content: `客服 ${i}` }),
        ),
        patch(supervisor, id, { assigneeId: w.users.agent.id }),
      ]);
      const rows = await messageRows(id);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
      const view = await get(agent, id);
      expect(view.lastSeq).toBe(14);
      expect(view.unreadCount).toBe(7);
    });
  });

  describe('contacts', () => {
    it("a supervisor reveals a contact's phone, with the reason audited; an agent gets 403", async () => {
      const visitor = await newVisitor({ name: '陈先生', phone: '13812345678', email: 'chen@example.com' });
      const { conversation } = await visitorSays(visitor, '请回电');
      expect((await get(agent, conversation.id)).contact).toMatchObject({
        name: '陈先生',
        phone: '138****5678',
        email: 'c***@example.com',
      });

      const reason = '客户要求电话回访';
      const revealed = await call(t.app, supervisor, 'POST', `/api/contacts/${visitor.contactId}/reveal`, {
        field: 'phone',
        reason,
      });
      expect(revealed.statusCode, revealed.body).toBe(200);
      expect(revealed.json()).toEqual({ field: 'phone', value: '13812345678' });
      const email = await call(t.app, admin, 'POST', `/api/contacts/${visitor.contactId}/reveal`, {
        field: 'email',
        reason: '发送发票',
      });
      expect(email.json()).toEqual({ field: 'email', value: 'chen@example.com' });

      const audit = await call(t.app, admin, 'GET', '/api/audit-events?limit=200');
      const reveals = audit
        .json()
        .items.filter(
          (e: { action: string; targetId: string }) =>
            e.action === 'contact.revealed' && e.targetId === visitor.contactId,
        );
      expect(reveals).toHaveLength(2);
      expect(reveals).toContainEqual(
        expect.objectContaining({
          actorId: w.users.supervisor.id,
          targetType: 'contact',
          details: { field: 'phone', reason },
        }),
      );

      const before = (await call(t.app, admin, 'GET', '/api/audit-events?limit=200')).json().items.length;
      const byAgent = await call(t.app, agent, 'POST', `/api/contacts/${visitor.contactId}/reveal`, {
        field: 'phone',
        reason,
      });
      expect(byAgent.statusCode).toBe(403);
      expect(JSON.stringify(byAgent.json())).not.toContain('13812345678');
      const noReason = await call(t.app, supervisor, 'POST', `/api/contacts/${visitor.contactId}/reveal`, {
        field: 'phone',
        reason: ' ',
      });
      expect(noReason.statusCode).toBe(400);
      const unknown = await call(
        t.app,
        supervisor,
        'POST',
        '/api/contacts/00000000-0000-7000-8000-000000000000/reveal',
        {
          field: 'phone',
          reason,
        },
      );
      expect(unknown.statusCode).toBe(404);
      expect((await call(t.app, admin, 'GET', '/api/audit-events?limit=200')).json().items.length).toBe(before);
    });

    it("lists a contact's conversations, newest first, masked", async () => {
      const visitor = await newVisitor({ phone: '13987654321' });
      const first = (await visitorSays(visitor, '一')).conversation.id;
      await patch(agent, first, { status: 'resolved' });
      const second = (await visitorSays(visitor, '二')).conversation.id;
      expect(second).not.toBe(first);
      const res = await call(t.app, agent, 'GET', `/api/contacts/${visitor.contactId}/conversations`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((c: ConversationView) => c.id)).toEqual([second, first]);
      expect(res.json().items[0].contact.phone).toBe('139****4321');
    });
  });
});
