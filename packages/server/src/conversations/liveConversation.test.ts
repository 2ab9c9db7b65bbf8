import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { TestSocket, wsBase } from '../test/testSocket.js';
import { createTestInbox } from '../test/testWidget.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
interface VisitorSession {
  visitorToken: string;
  contact: { id: string };
}

let ids = 0;
const newClientId = (label = 'lc') => `${label}-${Date.now().toString(36)}-${++ids}`;
let addresses = 0;
const nextAddress = () => `10.9.${(++addresses >> 8) & 255}.${addresses & 255}`;
const UNKNOWN = '00000000-0000-7000-8000-0000000000aa';

/** The conversation contract as the console and the widget receive it over the socket. */
describe('live conversations over the socket', () => {
  let t: TestApp;
  let w: Workspace;
  let inbox: InboxRow;
  let agent: Session;
  let supervisor: Session;
  let base: string;
  const opened: TestSocket[] = [];

  const startSession = async (extra: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/widget/session',
      payload: { websiteToken: inbox.website_token, ...extra },
      remoteAddress: nextAddress(),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as VisitorSession;
  };
  const track = (socket: TestSocket) => {
    opened.push(socket);
    return socket;
  };
  const visitorSocket = async (token: string, query = '') =>
    track(await TestSocket.connect(`${base}/ws/widget?v=1&token=${encodeURIComponent(token)}${query}`));
  const agentSocket = async (session: Session) =>
    track(await TestSocket.connect(`${base}/ws/agent?v=1`, { headers: { cookie: session.cookie } }));
  /** A new visitor writes their first message; returns their socket and the new conversation's id. */
  const visitorWithConversation = async (content: string, session?: VisitorSession, query = '') => {
    const visitor = session ?? (await startSession());
    const socket = await visitorSocket(visitor.visitorToken, query);
    const ack = await socket.sendMessage({ clientId: newClientId(), conversationId: null, content });
    return { visitor, socket, conversationId: ack.conversationId, seq: ack.seq };
  };
  const metaOf = async (conversationId: string) => {
    const res = await call(t.app, agent, 'GET', `/api/conversations/${conversationId}`);
    expect(res.statusCode).toBe(200);
    return res.json().meta as { pageUrl: string | null; referrer: string | null };
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'live');
    inbox = await createTestInbox(t.ctx, w.accountId);
    agent = await signInAs(t.app, w.users.agent.email);
    supervisor = await signInAs(t.app, w.users.supervisor.email);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = wsBase(t.app);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  it('agents get created: true with a new conversation, and never with later changes to it', async () => {
    const staff = await agentSocket(agent);
    const { socket, conversationId } = await visitorWithConversation('新会话');
    const opening = await staff.nextOf('conversation', (f) => f.conversation.id === conversationId);
    expect(opening.created).toBe(true);
    expect(opening.conversation).toMatchObject({ lastSeq: 1, unreadCount: 1 });
    // Routing may add its own activity to a new conversation; none of that is a new conversation either.

    await socket.sendMessage({ clientId: newClientId(), conversationId, content: '第二句' });
    await staff.sendMessage({ clientId: newClientId(), conversationId, content: '您好' });
    const assign = await call(t.app, supervisor, 'PATCH', `/api/conversations/${conversationId}`, {
      assigneeId: w.users.agent.id,
    });
    expect(assign.statusCode).toBe(200);
    const lastSeq = assign.json().lastSeq as number;
    await staff.nextOf(
      'conversation',
      (f) => f.conversation.id === conversationId && f.conversation.lastSeq === lastSeq,
    );
    await staff.flush();
    const updates = staff.all('conversation', (f) => f.conversation.id === conversationId);
    expect(updates.length).toBeGreaterThanOrEqual(4);
    expect(updates.filter((f) => 'created' in f)).toEqual([opening]);
  });

  it('resume answers an unknown or foreign conversation with an error naming it, and replays the others', async () => {
    const mine = await visitorWithConversation('我的第一个问题');
    const stranger = await visitorWithConversation('别人的会话');
    const staff = await agentSocket(agent);
    const replyOne = await staff.sendMessage({
      clientId: newClientId(),
      conversationId: mine.conversationId,
      content: '回复一',
    });
    const replyTwo = await staff.sendMessage({
      clientId: newClientId(),
      conversationId: stranger.conversationId,
      content: '回复二',
    });
    await mine.socket.close();

    const back = await visitorSocket(mine.visitor.visitorToken);
    back.send({
      type: 'resume',
      conversations: [
        { conversationId: UNKNOWN, afterSeq: 0 },
        { conversationId: stranger.conversationId, afterSeq: 0 },
        { conversationId: mine.conversationId, afterSeq: mine.seq },
      ],
    });
    expect(await back.nextOf('resumed')).toEqual({
      type: 'resumed',
      conversationId: mine.conversationId,
      lastSeq: replyOne.seq,
    });
    const errors = back.all('error');
    expect(errors).toEqual([
      { type: 'error', code: 'NOT_FOUND', message: expect.any(String), conversationId: UNKNOWN },
      { type: 'error', code: 'NOT_FOUND', message: expect.any(String), conversationId: stranger.conversationId },
    ]);
    const replayed = back.all('message');
    expect(replayed.every((f) => f.conversationId === mine.conversationId && f.seq > mine.seq)).toBe(true);
    expect(replayed.at(-1)).toMatchObject({ seq: replyOne.seq, message: { content: '回复一' } });
    expect(JSON.stringify(back.frames)).not.toContain('回复二');

    // An agent's resume goes on past an unknown conversation the same way.
    staff.send({
      type: 'resume',
      conversations: [
        { conversationId: mine.conversationId, afterSeq: mine.seq },
        { conversationId: UNKNOWN, afterSeq: 0 },
        { conversationId: stranger.conversationId, afterSeq: stranger.seq },
      ],
    });
    await staff.nextOf('resumed', (f) => f.conversationId === mine.conversationId);
    expect(await staff.nextOf('error')).toMatchObject({ code: 'NOT_FOUND', conversationId: UNKNOWN });
    expect(await staff.nextOf('resumed', (f) => f.conversationId === stranger.conversationId)).toMatchObject({
      lastSeq: replyTwo.seq,
    });
  });

  it('activity messages carry their code and params; the customer gets them without agent ids', async () => {
    const { socket, conversationId } = await visitorWithConversation('请帮我转人工');
    const staff = await agentSocket(agent);
    // To the admin, who has no socket open: routing may already have given it to the agent online.
    const res = await call(t.app, supervisor, 'PATCH', `/api/conversations/${conversationId}`, {
      assigneeId: w.users.admin.id,
    });
    expect(res.statusCode).toBe(200);
    const isAssignment = (f: { conversationId: string; message: { activity: { code: string } | null } }) =>
      f.conversationId === conversationId && f.message.activity?.code === 'assigned';
    const forStaff = await staff.nextOf('message', isAssignment);
    expect(forStaff.message).toMatchObject({
      kind: 'activity',
      content: 'live supervisor 将会话分配给 live admin',
      activity: {
        code: 'assigned',
        params: { assigneeId: w.users.admin.id, assigneeName: 'live admin', by: 'live supervisor' },
      },
    });
    const forCustomer = await socket.nextOf('message', isAssignment);
    expect(forCustomer.message.activity).toEqual({
      code: 'assigned',
      params: { assigneeName: 'live admin', by: 'live supervisor' },
    });
    expect(JSON.stringify(socket.frames)).not.toContain(w.users.admin.id);
  });

  describe('where the visitor came from', () => {
    it('the page URL and referrer of the session body become the new conversation’s meta', async () => {
      const session = await startSession({
        pageUrl: 'https://shop.example.com/products/42?from=ad',
        referrer: 'https://www.baidu.com/s?wd=%E5%AE%A2%E6%9C%8D',
      });
      const { conversationId } = await visitorWithConversation('这款有货吗', session);
      expect(await metaOf(conversationId)).toMatchObject({
        pageUrl: 'https://shop.example.com/products/42?from=ad',
        referrer: 'https://www.baidu.com/s?wd=%E5%AE%A2%E6%9C%8D',
      });
    });

    it('the socket query is the fallback when the session body had none, and never overrides it', async () => {
      const query = `&page=${encodeURIComponent('https://shop.example.com/query')}&ref=${encodeURIComponent('https://ref.example.com/')}`;
      const bare = await startSession();
      const fromQuery = await visitorWithConversation('没有页面信息', bare, query);
      expect(await metaOf(fromQuery.conversationId)).toMatchObject({
        pageUrl: 'https://shop.example.com/query',
        referrer: 'https://ref.example.com/',
      });

      const withBody = await startSession({ pageUrl: 'https://shop.example.com/body' });
      const fromBody = await visitorWithConversation('页面来自会话', withBody, query);
      expect(await metaOf(fromBody.conversationId)).toMatchObject({
        pageUrl: 'https://shop.example.com/body',
        referrer: 'https://ref.example.com/',
      });
    });

    it('a visitor’s next visit reports its own page: each session’s token carries the page it was issued for', async () => {
      const first = await startSession({ pageUrl: 'https://shop.example.com/first' });
      const { conversationId } = await visitorWithConversation('第一次', first);
      await call(t.app, agent, 'PATCH', `/api/conversations/${conversationId}`, { status: 'resolved' });
      const again = await startSession({ visitorToken: first.visitorToken, pageUrl: 'https://shop.example.com/again' });
      expect(again.contact.id).toBe(first.contact.id);
      const second = await visitorWithConversation('第二次', again);
      expect(second.conversationId).not.toBe(conversationId);
      expect((await metaOf(second.conversationId)).pageUrl).toBe('https://shop.example.com/again');
      expect((await metaOf(conversationId)).pageUrl).toBe('https://shop.example.com/first');
    });

    it('very long or non-ASCII page addresses are kept bounded, and the token still starts a session', async () => {
      const session = await startSession({
        pageUrl: `https://shop.example.com/${'很长的路径'.repeat(380)}`,
        referrer: `https://ref.example.com/${'"'.repeat(1950)}`,
      });
      expect(session.visitorToken.length).toBeLessThan(6000);
      const again = await startSession({ visitorToken: session.visitorToken });
      expect(again.contact.id).toBe(session.contact.id);
      const { conversationId } = await visitorWithConversation('长地址', session);
      const meta = await metaOf(conversationId);
      expect(meta.pageUrl).toMatch(/^https:\/\/shop\.example\.com\/%E5%BE%88/);
      expect(meta.pageUrl!.length).toBe(1000);
      expect(meta.referrer!.length).toBe(1000);
    });
  });
});
