import { CLOSE_CODES, REALTIME_LIMITS } from '@kefu/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { eventually, TestSocket, wsBase } from '../test/testSocket.js';
import { createTestInbox } from '../test/testWidget.js';
import { issueVisitorToken, VISITOR_TOKEN_TTL_MS } from '../widget/visitorToken.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
interface VisitorSession {
  visitorToken: string;
  contact: { id: string; name: string };
  inbox: { agentsOnline: boolean };
  conversation: { id: string; lastSeq: number } | null;
}

let ids = 0;
/** A fresh clientId (8-64 of A-Z a-z 0-9 - _). */
const newClientId = (label = 'm') => `${label}-${Date.now().toString(36)}-${++ids}`;
let addresses = 0;
/** Each widget session comes from its own address, so the per-IP session limit never interferes. */
const nextAddress = () => `10.7.${(++addresses >> 8) & 255}.${addresses & 255}`;

describe('realtime gateway', () => {
  let t: TestApp;
  let w: Workspace;
  let inbox: InboxRow;
  let agent: Session;
  let supervisor: Session;
  let department: Session;
  let base: string;
  const opened: TestSocket[] = [];

  const startSession = async (websiteToken = inbox.website_token, extra: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/widget/session',
      payload: { websiteToken, ...extra },
      remoteAddress: nextAddress(),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as VisitorSession;
  };
  const track = (socket: TestSocket) => {
    opened.push(socket);
    return socket;
  };
  const widgetUrl = (token: string) => `${base}/ws/widget?v=1&token=${encodeURIComponent(token)}`;
  const visitorSocket = async (token: string) => track(await TestSocket.connect(widgetUrl(token)));
  const agentSocket = async (session: Session) =>
    track(await TestSocket.connect(`${base}/ws/agent?v=1`, { headers: { cookie: session.cookie } }));
  /** Opens a socket the server is expected to close; resolves with the close code. */
  const refusedWith = async (url: string, options: Parameters<typeof TestSocket.open>[1] = {}) => {
    const socket = track(await TestSocket.open(url, options));
    const code = await socket.closedWithin();
    expect(socket.all('ready')).toEqual([]);
    return code;
  };
  const visitorGet = (token: string, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { 'x-kefu-visitor': token } });
  const messageRows = (conversationId: string) =>
    t.ctx.db.kysely
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute();
  /** A visitor with a socket and an open conversation holding their first message. */
  const visitorWithConversation = async (content = '你好，我想咨询一下') => {
    const session = await startSession();
    const socket = await visitorSocket(session.visitorToken);
    const ack = await socket.sendMessage({ clientId: newClientId('first'), conversationId: null, content });
    return { session, socket, conversationId: ack.conversationId, ack };
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'rt');
    inbox = await createTestInbox(t.ctx, w.accountId);
    agent = await signInAs(t.app, w.users.agent.email);
    supervisor = await signInAs(t.app, w.users.supervisor.email);
    department = await signInAs(t.app, w.users.department.email);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = wsBase(t.app);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  it('a visitor opens a conversation over the socket, an agent sees it and replies, the visitor gets the reply', async () => {
    const session = await startSession();
    const staff = await agentSocket(agent);
    const visitor = await visitorSocket(session.visitorToken);
    expect(visitor.frames[0]).toEqual({
      type: 'ready',
      protocol: 1,
      heartbeatMs: REALTIME_LIMITS.heartbeatMs,
    });

    const clientId = newClientId();
    const ack = await visitor.sendMessage({ clientId, conversationId: null, content: '  你好，在吗？ ' });
    expect(ack).toMatchObject({ type: 'ack', clientId, seq: 1, duplicate: false });
    const conversationId = ack.conversationId;
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);

    const incoming = await staff.nextOf('message', (f) => f.conversationId === conversationId);
    expect(incoming).toMatchObject({
      seq: 1,
      message: {
        id: ack.messageId,
        conversationId,
        seq: 1,
        kind: 'incoming',
        sender: { type: 'contact', id: session.contact.id, name: session.contact.name },
        content: '你好，在吗？',
        clientId,
      },
    });
    const listed = await staff.nextOf('conversation', (f) => f.conversation.id === conversationId);
    expect(listed.conversation).toMatchObject({
      inboxId: inbox.id,
      status: 'open',
      assigneeId: null,
      lastSeq: 1,
      unreadCount: 1,
      contact: { id: session.contact.id },
      lastMessage: { kind: 'incoming', preview: '你好，在吗？' },
    });
    // The visitor's own socket gets its message too (another tab of the same visitor would).
    await visitor.nextOf('message', (f) => f.seq === 1 && f.conversationId === conversationId);

    const replyId = newClientId('reply');
    const replyAck = await staff.sendMessage({ clientId: replyId, conversationId, content: '您好，请讲' });
    expect(replyAck).toMatchObject({ conversationId, seq: 2, duplicate: false });
    const reply = await visitor.nextOf('message', (f) => f.conversationId === conversationId && f.seq === 2);
    expect(reply.message).toMatchObject({
      id: replyAck.messageId,
      kind: 'outgoing',
      content: '您好，请讲',
      sender: { type: 'user', id: null, name: 'rt agent' },
    });
    // Agents still see who wrote it.
    const seenByStaff = await staff.nextOf('message', (f) => f.seq === 2 && f.conversationId === conversationId);
    expect(seenByStaff.message.sender).toEqual({ type: 'user', id: w.users.agent.id, name: 'rt agent' });

    const rows = await messageRows(conversationId);
    expect(rows.map((r) => [r.seq, r.kind, r.client_id])).toEqual([
      [1, 'incoming', clientId],
      [2, 'outgoing', replyId],
    ]);
  });

  it('a resend of the same clientId after a reconnect is acked as a duplicate and stored once', async () => {
    const session = await startSession();
    const first = await visitorSocket(session.visitorToken);
    const clientId = newClientId('dup');
    const original = await first.sendMessage({ clientId, conversationId: null, content: '我的订单还没到' });
    expect(original.duplicate).toBe(false);
    await first.close();

    const second = await visitorSocket(session.visitorToken);
    // The widget never learnt the conversation (the ack was lost), so it sends with null again.
    const again = await second.sendMessage({ clientId, conversationId: null, content: '我的订单还没到' });
    expect(again).toEqual({ ...original, duplicate: true });
    // And once more naming the conversation.
    const named = await second.sendMessage({
      clientId,
      conversationId: original.conversationId,
      content: '我的订单还没到',
    });
    expect(named).toEqual({ ...original, duplicate: true });

    const rows = await messageRows(original.conversationId);
    expect(rows.filter((r) => r.client_id === clientId)).toHaveLength(1);
    expect(rows).toHaveLength(1);
    const conversation = await t.ctx.db.kysely
      .selectFrom('conversations')
      .select(['last_seq', 'unread_count'])
      .where('id', '=', original.conversationId)
      .executeTakeFirstOrThrow();
    expect(conversation).toEqual({ last_seq: 1, unread_count: 1 });
  });

  it('two tabs of one visitor sending their first message at once share one conversation', async () => {
    const session = await startSession();
    const tabs = await Promise.all([1, 2, 3].map(() => visitorSocket(session.visitorToken)));
    const acks = await Promise.all(
      tabs.map((tab, i) =>
        tab.sendMessage({ clientId: newClientId(`tab${i}`), conversationId: null, content: `标签页 ${i}` }),
      ),
    );
    expect(new Set(acks.map((a) => a.conversationId)).size).toBe(1);
    expect(acks.map((a) => a.seq).sort()).toEqual([1, 2, 3]);
    const conversations = await t.ctx.db.kysely
      .selectFrom('conversations')
      .select('id')
      .where('contact_id', '=', session.contact.id)
      .execute();
    expect(conversations).toHaveLength(1);
  });

  it('resume replays exactly the messages a disconnected visitor missed, in seq order, then resumed', async () => {
    const { session, socket, conversationId, ack } = await visitorWithConversation();
    const lastSeen = ack.seq;
    await socket.close();

    const staff = await agentSocket(agent);
    const sent = [];
    for (const content of ['第一条', '第二条', '第三条']) {
      sent.push(await staff.sendMessage({ clientId: newClientId('missed'), conversationId, content }));
    }
    expect(sent.map((a) => a.seq)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);

    const back = await visitorSocket(session.visitorToken);
    back.send({ type: 'resume', conversations: [{ conversationId, afterSeq: lastSeen }] });
    const resumed = await back.nextOf('resumed');
    expect(resumed).toEqual({ type: 'resumed', conversationId, lastSeq: lastSeen + 3 });
    const untilResumed = back.frames.slice(1, back.frames.indexOf(resumed));
    expect(untilResumed.map((f) => (f.type === 'message' ? [f.seq, f.message.content] : f.type))).toEqual([
      [lastSeen + 1, '第一条'],
      [lastSeen + 2, '第二条'],
      [lastSeen + 3, '第三条'],
    ]);
    expect(untilResumed.every((f) => f.type === 'message' && f.message.sender.id === null)).toBe(true);

    // Nothing missed: an empty replay, and lastSeq stays where the client is.
    back.send({ type: 'resume', conversations: [{ conversationId, afterSeq: lastSeen + 3 }] });
    expect(await back.nextOf('resumed')).toEqual({ type: 'resumed', conversationId, lastSeq: lastSeen + 3 });
    expect(back.all('message')).toHaveLength(3);
  });

  it('private notes reach agents only: never the visitor, live, on resume or in the widget history', async () => {
    const { session, socket: visitor, conversationId } = await visitorWithConversation('发票怎么开？');
    const staff = await agentSocket(agent);
    const boss = await agentSocket(supervisor);

    const noteAck = await staff.sendMessage({
      clientId: newClientId('note'),
      conversationId,
      content: '内部备注：老客户，优先处理',
      private: true,
    });
    const noteSeen = await boss.nextOf('message', (f) => f.message.id === noteAck.messageId);
    expect(noteSeen.message).toMatchObject({ kind: 'note', sender: { type: 'user', id: w.users.agent.id } });
    const replyAck = await staff.sendMessage({ clientId: newClientId('reply'), conversationId, content: '可以开' });

    // The reply after the note arrives; the note never did.
    await visitor.nextOf('message', (f) => f.message.id === replyAck.messageId);
    await visitor.flush();
    const live = visitor.all('message').map((f) => f.message.id);
    expect(live).not.toContain(noteAck.messageId);
    expect(JSON.stringify(visitor.frames)).not.toContain('内部备注');

    visitor.send({ type: 'resume', conversations: [{ conversationId, afterSeq: 0 }] });
    const resumed = await visitor.nextOf('resumed');
    expect(resumed.lastSeq).toBe(replyAck.seq);
    expect(JSON.stringify(visitor.frames)).not.toContain('内部备注');
    expect(visitor.all('message', (f) => f.message.kind === 'note')).toEqual([]);

    const history = await visitorGet(session.visitorToken, `/api/widget/conversations/${conversationId}/messages`);
    expect(history.statusCode).toBe(200);
    const items: { id: string; seq: number; kind: string; sender: { id: string | null } }[] = history.json().items;
    expect(items.map((m) => m.kind)).toEqual(['incoming', 'outgoing']);
    expect(items.map((m) => m.id)).not.toContain(noteAck.messageId);
    expect(items[1]!.sender.id).toBeNull();
    // Agents see the note in the same history.
    const agentHistory = await call(t.app, agent, 'GET', `/api/conversations/${conversationId}/messages`);
    expect(agentHistory.json().items.map((m: { kind: string }) => m.kind)).toEqual(['incoming', 'note', 'outgoing']);
  });

  it("a visitor never receives another contact's messages, and may not resume, type in or read their conversation", async () => {
    const first = await visitorWithConversation('这是第一位访客的私事');
    const other = await startSession();
    expect(other.contact.id).not.toBe(first.session.contact.id);
    const stranger = await visitorSocket(other.visitorToken);
    const staff = await agentSocket(agent);

    const reply = await staff.sendMessage({
      clientId: newClientId(),
      conversationId: first.conversationId,
      content: '给第一位访客的回复',
    });
    await first.socket.sendMessage({
      clientId: newClientId(),
      conversationId: first.conversationId,
      content: '再问一句',
    });
    await first.socket.nextOf('message', (f) => f.message.id === reply.messageId);
    await staff.sendMessage({ clientId: newClientId(), conversationId: first.conversationId, content: '在的' });
    staff.send({ type: 'typing', conversationId: first.conversationId, typing: true });
    await first.socket.nextOf('typing');
    await stranger.flush();
    expect(stranger.frames.map((f) => f.type)).toEqual(['ready', 'pong']);

    for (const frame of [
      { type: 'resume', conversations: [{ conversationId: first.conversationId, afterSeq: 0 }] },
      { type: 'typing', conversationId: first.conversationId, typing: true },
      { type: 'read', conversationId: first.conversationId, seq: 1 },
    ]) {
      stranger.send(frame);
      const error = await stranger.nextOf('error');
      expect(error, frame.type).toMatchObject({ code: 'NOT_FOUND' });
    }
    // Writing into it is refused the same way, and stores nothing.
    stranger.send({
      type: 'message.send',
      clientId: newClientId('intrude'),
      conversationId: first.conversationId,
      content: '我来捣乱',
    });
    expect(await stranger.nextOf('error')).toMatchObject({ code: 'NOT_FOUND' });
    expect(stranger.all('message')).toEqual([]);
    expect(stranger.all('resumed')).toEqual([]);
    const rows = await messageRows(first.conversationId);
    expect(rows.map((r) => r.content)).not.toContain('我来捣乱');
    // No typing or read receipt reached the agents or the owner from the stranger.
    await staff.flush();
    await first.socket.flush();
    expect(staff.all('typing')).toEqual([]);
    expect(staff.all('read')).toEqual([]);

    const history = await visitorGet(other.visitorToken, `/api/widget/conversations/${first.conversationId}/messages`);
    expect(history.statusCode).toBe(404);
  });

  it("a stranger naming another visitor's conversation and clientId gets NOT_FOUND, never the stored message", async () => {
    const first = await visitorWithConversation('订单的收货地址要改一下');
    const stranger = await visitorSocket((await startSession()).visitorToken);
    stranger.send({
      type: 'message.send',
      clientId: first.ack.clientId,
      conversationId: first.conversationId,
      content: '订单的收货地址要改一下',
    });
    expect(await stranger.nextOf('error')).toMatchObject({ code: 'NOT_FOUND', ref: first.ack.clientId });
    expect(stranger.all('ack')).toEqual([]);
    expect((await messageRows(first.conversationId)).map((r) => r.seq)).toEqual([1]);
  });

  it('a visitor asking for private: true still writes an ordinary incoming message', async () => {
    const { socket: visitor, conversationId } = await visitorWithConversation();
    const staff = await agentSocket(agent);
    const ack = await visitor.sendMessage({
      clientId: newClientId('sneaky'),
      conversationId,
      content: '我假装是备注',
      private: true,
    });
    const seen = await staff.nextOf('message', (f) => f.message.id === ack.messageId);
    expect(seen.message).toMatchObject({ kind: 'incoming', sender: { type: 'contact' } });
    const row = (await messageRows(conversationId)).find((r) => r.id === ack.messageId);
    expect(row?.kind).toBe('incoming');
  });

  it('typing indicators travel both ways', async () => {
    const { socket: visitor, conversationId } = await visitorWithConversation();
    const staff = await agentSocket(agent);
    const boss = await agentSocket(supervisor);

    visitor.send({ type: 'typing', conversationId, typing: true });
    expect(await staff.nextOf('typing')).toEqual({
      type: 'typing',
      conversationId,
      sender: { type: 'contact', name: null },
      typing: true,
    });
    staff.send({ type: 'typing', conversationId, typing: true });
    expect(await visitor.nextOf('typing')).toEqual({
      type: 'typing',
      conversationId,
      sender: { type: 'user', name: 'rt agent' },
      typing: true,
    });
    // Other agents see it too; the typing agent does not get their own back, and the visitor not their own.
    expect(await boss.nextOf('typing', (f) => f.sender.type === 'user')).toMatchObject({ typing: true });
    staff.send({ type: 'typing', conversationId, typing: false });
    expect(await visitor.nextOf('typing')).toMatchObject({ typing: false });
    await staff.flush();
    await visitor.flush();
    expect(staff.all('typing').map((f) => f.sender.type)).toEqual(['contact']);
    expect(visitor.all('typing').map((f) => f.sender.type)).toEqual(['user', 'user']);
  });

  it('read receipts: the visitor reading tells the agents; an agent reading clears unread and tells the visitor', async () => {
    const { session, socket: visitor, conversationId } = await visitorWithConversation('第一问');
    await visitor.sendMessage({ clientId: newClientId(), conversationId, content: '第二问' });
    const staff = await agentSocket(agent);
    const reply = await staff.sendMessage({ clientId: newClientId(), conversationId, content: '收到' });
    expect(reply.seq).toBe(3);

    visitor.send({ type: 'read', conversationId, seq: 3 });
    expect(await staff.nextOf('read')).toEqual({ type: 'read', conversationId, reader: 'contact', seq: 3 });
    const contactRead = await call(t.app, agent, 'GET', `/api/conversations/${conversationId}`);
    expect(contactRead.json()).toMatchObject({ contactLastReadSeq: 3, unreadCount: 2 });

    const read = await call(t.app, agent, 'POST', `/api/conversations/${conversationId}/read`, { seq: 3 });
    expect(read.statusCode).toBe(200);
    expect(await visitor.nextOf('read')).toEqual({ type: 'read', conversationId, reader: 'agent', seq: 3 });
    const after = await call(t.app, agent, 'GET', `/api/conversations/${conversationId}`);
    expect(after.json().unreadCount).toBe(0);
    // The agents' list entry is updated live as well.
    const entry = await staff.nextOf(
      'conversation',
      (f) => f.conversation.id === conversationId && f.conversation.unreadCount === 0,
    );
    expect(entry.conversation.unreadCount).toBe(0);
    // A returning widget learns how far the agents have read.
    const again = await startSession(inbox.website_token, { visitorToken: session.visitorToken });
    expect(again.conversation).toMatchObject({ id: conversationId, lastSeq: 3, agentLastReadSeq: 3 });
  });

  describe('bad input', () => {
    let visitor: TestSocket;
    let conversationId: string;

    beforeAll(async () => {
      const started = await visitorWithConversation();
      visitor = started.socket;
      conversationId = started.conversationId;
      opened.splice(opened.indexOf(visitor), 1);
    });
    afterAll(() => visitor.close());

    it('non-JSON text is an INVALID_FRAME error and the socket stays open', async () => {
      visitor.send('this is not json');
      expect(await visitor.nextOf('error')).toMatchObject({ code: 'INVALID_FRAME' });
      visitor.send('[1,2,3]');
      expect(await visitor.nextOf('error')).toMatchObject({ code: 'INVALID_FRAME' });
      await visitor.flush();
      expect(visitor.isOpen).toBe(true);
    });

    it('an unknown type is UNKNOWN_TYPE', async () => {
      visitor.send({ type: 'conversation.delete', conversationId });
      expect(await visitor.nextOf('error')).toMatchObject({ code: 'UNKNOWN_TYPE' });
      await visitor.flush();
    });

    it('a message over 5000 characters is MESSAGE_TOO_LONG naming its clientId; 5000 exactly is fine', async () => {
      const clientId = newClientId('long');
      visitor.send({ type: 'message.send', clientId, conversationId, content: 'x'.repeat(5001) });
      expect(await visitor.nextOf('error')).toMatchObject({ code: 'MESSAGE_TOO_LONG', ref: clientId });
      const ok = await visitor.sendMessage({
        clientId: newClientId('max'),
        conversationId,
        content: '长'.repeat(5000),
      });
      expect(ok.duplicate).toBe(false);
      const rows = await messageRows(conversationId);
      expect(rows.filter((r) => r.client_id === clientId)).toEqual([]);
    });

    it('an empty or blank message is EMPTY_MESSAGE naming its clientId', async () => {
      for (const content of ['', '   \n ']) {
        const clientId = newClientId('empty');
        visitor.send({ type: 'message.send', clientId, conversationId, content });
        expect(await visitor.nextOf('error')).toMatchObject({ code: 'EMPTY_MESSAGE', ref: clientId });
      }
    });

    it('a malformed message frame is VALIDATION_FAILED', async () => {
      visitor.send({ type: 'message.send', clientId: 'short', conversationId, content: 'hi' });
      expect(await visitor.nextOf('error')).toMatchObject({ code: 'VALIDATION_FAILED' });
      visitor.send({ type: 'read', conversationId: 'not-a-uuid', seq: 1 });
      expect(await visitor.nextOf('error')).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('a binary frame is INVALID_FRAME and the socket stays open', async () => {
      visitor.ws.send(Buffer.from('{"type":"ping"}'), { binary: true });
      expect(await visitor.nextOf('error')).toMatchObject({ code: 'INVALID_FRAME' });
      await visitor.flush();
      expect(visitor.isOpen).toBe(true);
    });

    it('a frame over 64 KiB closes the socket with 1009', async () => {
      const session = await startSession();
      const socket = await visitorSocket(session.visitorToken);
      socket.send({ type: 'ping', pad: 'x'.repeat(REALTIME_LIMITS.maxFrameBytes) });
      expect(await socket.closedWithin()).toBe(CLOSE_CODES.tooBig);
    });
  });

  it('an agent must name the conversation; a visitor-only null is VALIDATION_FAILED', async () => {
    const staff = await agentSocket(agent);
    const clientId = newClientId('nowhere');
    staff.send({ type: 'message.send', clientId, conversationId: null, content: '发给谁？' });
    expect(await staff.nextOf('error')).toMatchObject({ code: 'VALIDATION_FAILED', ref: clientId });
    const unknown = newClientId('unknown');
    staff.send({
      type: 'message.send',
      clientId: unknown,
      conversationId: '00000000-0000-7000-8000-000000000000',
      content: '不存在',
    });
    expect(await staff.nextOf('error')).toMatchObject({ code: 'NOT_FOUND', ref: unknown });
    expect(staff.isOpen).toBe(true);
  });

  describe('frames sent before ready', () => {
    /** Types of the frames a socket received, leaving out live updates that may come in between. */
    const answers = (socket: TestSocket) =>
      socket.frames.map((f) => f.type).filter((type) => ['ready', 'ack', 'pong', 'error'].includes(type));

    it("an agent's frames sent at once on opening (while the session is checked) are handled after ready, in order", async () => {
      const { conversationId } = await visitorWithConversation();
      const staff = track(await TestSocket.open(`${base}/ws/agent?v=1`, { headers: { cookie: agent.cookie } }));
      const clientId = newClientId('early');
      staff.send({ type: 'message.send', clientId, conversationId, content: '您好，马上为您查询' });
      staff.send({ type: 'ping' });
      const ack = await staff.nextOf('ack', (f) => f.clientId === clientId);
      await staff.nextOf('pong');
      expect(answers(staff)).toEqual(['ready', 'ack', 'pong']);
      const rows = await messageRows(conversationId);
      expect(rows.map((r) => [r.seq, r.kind, r.client_id])).toEqual([
        [1, 'incoming', expect.any(String)],
        [ack.seq, 'outgoing', clientId],
      ]);
    });

    it("a visitor's frames sent at once on opening are handled after ready, in order", async () => {
      const session = await startSession();
      const visitor = track(await TestSocket.open(widgetUrl(session.visitorToken)));
      const first = newClientId('early');
      const second = newClientId('early');
      visitor.send({ type: 'message.send', clientId: first, conversationId: null, content: '第一条' });
      visitor.send({ type: 'message.send', clientId: second, conversationId: null, content: '第二条' });
      visitor.send({ type: 'ping' });
      await visitor.nextOf('pong');
      expect(answers(visitor)).toEqual(['ready', 'ack', 'ack', 'pong']);
      const acks = visitor.all('ack');
      expect(acks.map((a) => [a.clientId, a.seq])).toEqual([
        [first, 1],
        [second, 2],
      ]);
    });
  });

  describe('who may connect', () => {
    it('a wrong or forged visitor token is closed with 4001', async () => {
      const session = await startSession();
      expect(await refusedWith(widgetUrl('kv1.bm90LWEtdG9rZW4.c2lnbmF0dXJl'))).toBe(CLOSE_CODES.unauthenticated);
      expect(await refusedWith(`${base}/ws/widget?v=1`)).toBe(CLOSE_CODES.unauthenticated);
      const [prefix, payload, signature] = session.visitorToken.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as [string, string, string, number];
      claims[2] = w.users.agent.id;
      const forged = `${prefix}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      expect(await refusedWith(widgetUrl(forged))).toBe(CLOSE_CODES.unauthenticated);
      // Signed with another key.
      const otherKey = issueVisitorToken('another-secret-another-secret-000', {
        accountId: w.accountId,
        inboxId: inbox.id,
        contactId: session.contact.id,
        iat: t.clock.now(),
      });
      expect(await refusedWith(widgetUrl(otherKey))).toBe(CLOSE_CODES.unauthenticated);
    });

    it('a connection without v=1 is closed with 4006', async () => {
      const session = await startSession();
      const token = encodeURIComponent(session.visitorToken);
      expect(await refusedWith(`${base}/ws/widget?token=${token}`)).toBe(CLOSE_CODES.unsupportedVersion);
      expect(await refusedWith(`${base}/ws/widget?v=2&token=${token}`)).toBe(CLOSE_CODES.unsupportedVersion);
      expect(await refusedWith(`${base}/ws/agent`, { headers: { cookie: agent.cookie } })).toBe(
        CLOSE_CODES.unsupportedVersion,
      );
    });

    it('an agent socket needs a session (4001) and a role that reads conversations (4003)', async () => {
      expect(await refusedWith(`${base}/ws/agent?v=1`)).toBe(CLOSE_CODES.unauthenticated);
      expect(await refusedWith(`${base}/ws/agent?v=1`, { headers: { cookie: 'kefu_session=forged' } })).toBe(
        CLOSE_CODES.unauthenticated,
      );
      expect(await refusedWith(`${base}/ws/agent?v=1`, { headers: { cookie: department.cookie } })).toBe(
        CLOSE_CODES.forbidden,
      );
    });

    it('an agent socket from a foreign Origin is refused with 4003; the console origin is accepted', async () => {
      const headers = { cookie: agent.cookie };
      expect(await refusedWith(`${base}/ws/agent?v=1`, { headers, origin: 'https://evil.example' })).toBe(
        CLOSE_CODES.forbidden,
      );
      expect(await refusedWith(`${base}/ws/agent?v=1`, { headers, origin: 'not a url' })).toBe(CLOSE_CODES.forbidden);
      const ok = track(await TestSocket.connect(`${base}/ws/agent?v=1`, { headers, origin: 'http://kefu.test' }));
      await ok.flush();
    });
  });

  describe('ending access', () => {
    it("a disabled agent's open socket is closed with 4001 on its next frame and stores nothing", async () => {
      const admin = await signInAs(t.app, w.users.admin.email);
      const created = await call(t.app, admin, 'POST', '/api/users', {
        email: 'leaver@rt.test',
        name: 'Leaver',
        role: 'agent',
        password: 'initial-password-1',
      });
      expect(created.statusCode).toBe(201);
      const leaver = await signInAs(t.app, 'leaver@rt.test', 'initial-password-1');
      const { conversationId } = await visitorWithConversation();
      const socket = await agentSocket(leaver);
      await socket.sendMessage({ clientId: newClientId(), conversationId, content: '还在' });

      expect((await call(t.app, admin, 'POST', `/api/users/${created.json().id}/disable`)).statusCode).toBe(200);
      socket.send({ type: 'message.send', clientId: newClientId('gone'), conversationId, content: '已被停用' });
      expect(await socket.closedWithin()).toBe(CLOSE_CODES.unauthenticated);
      expect(socket.all('ack')).toHaveLength(1);
      expect((await messageRows(conversationId)).map((r) => r.content)).not.toContain('已被停用');
    });

    it('an agent who signs out has their socket closed with 4001 on its next frame', async () => {
      const session = await signInAs(t.app, w.users.supervisor.email);
      const { conversationId } = await visitorWithConversation();
      const socket = await agentSocket(session);
      socket.send({ type: 'typing', conversationId, typing: true });
      await socket.flush();
      expect((await call(t.app, session, 'POST', '/api/auth/logout')).statusCode).toBe(200);
      socket.send({ type: 'resume', conversations: [{ conversationId, afterSeq: 0 }] });
      expect(await socket.closedWithin()).toBe(CLOSE_CODES.unauthenticated);
      expect(socket.all('resumed')).toEqual([]);
    });
  });

  describe('visitor rate limit', () => {
    it('more than 20 messages in 10 s get RATE_LIMITED naming the clientId; the acked ones are stored once', async () => {
      const { socket: visitor, conversationId } = await visitorWithConversation('限速测试');
      const clientIds = Array.from({ length: t.ctx.config.visitorMessageLimit + 2 }, () => newClientId('rl'));
      for (const [i, clientId] of clientIds.entries()) {
        visitor.send({ type: 'message.send', clientId, conversationId, content: `消息 ${i}` });
      }
      const answers = [];
      for (const clientId of clientIds) {
        answers.push(
          await visitor.next(
            (f) => (f.type === 'ack' && f.clientId === clientId) || (f.type === 'error' && f.ref === clientId),
          ),
        );
      }
      // The first message of the window was the one that opened the conversation.
      const allowed = t.ctx.config.visitorMessageLimit - 1;
      expect(answers.slice(0, allowed).every((a) => a.type === 'ack')).toBe(true);
      for (const answer of answers.slice(allowed)) {
        expect(answer).toMatchObject({ type: 'error', code: 'RATE_LIMITED' });
      }
      const rows = await messageRows(conversationId);
      expect(rows).toHaveLength(t.ctx.config.visitorMessageLimit);
      const stored = rows.map((r) => r.client_id);
      for (const clientId of clientIds.slice(0, allowed)) expect(stored.filter((c) => c === clientId)).toHaveLength(1);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
      // Still connected; pings are not messages.
      await visitor.flush();
    });

    it('the limit is per visitor, not per socket: a second socket does not get a fresh allowance', async () => {
      const { session, socket: first, conversationId } = await visitorWithConversation('两个标签页');
      const second = await visitorSocket(session.visitorToken);
      const half = t.ctx.config.visitorMessageLimit / 2;
      for (let i = 1; i < half; i++)
        await first.sendMessage({ clientId: newClientId(), conversationId, content: `a${i}` });
      for (let i = 0; i < half; i++)
        await second.sendMessage({ clientId: newClientId(), conversationId, content: `b${i}` });
      const clientId = newClientId('over');
      second.send({ type: 'message.send', clientId, conversationId, content: '第 21 条' });
      expect(await second.nextOf('error', (f) => f.ref === clientId)).toMatchObject({ code: 'RATE_LIMITED' });
      expect(await messageRows(conversationId)).toHaveLength(t.ctx.config.visitorMessageLimit);
    });
  });

  describe('agent presence', () => {
    const online = async () => (await startSession()).inbox.agentsOnline;
    const connectionRows = () => t.ctx.db.kysely.selectFrom('agent_connections').selectAll().execute();

    it('the widget says agents are online exactly while an agent socket is open', async () => {
      await eventually(async () => (await connectionRows()).length === 0, 'earlier agent sockets are gone');
      expect(await online()).toBe(false);
      const staff = await agentSocket(agent);
      expect(await online()).toBe(true);
      await staff.close();
      await eventually(async () => !(await online()), 'agentsOnline turns false after the socket closed');
    });

    it('a department member with a socket attempt never counts as online', async () => {
      await eventually(async () => (await connectionRows()).length === 0, 'earlier agent sockets are gone');
      expect(await refusedWith(`${base}/ws/agent?v=1`, { headers: { cookie: department.cookie } })).toBe(
        CLOSE_CODES.forbidden,
      );
      expect(await online()).toBe(false);
    });

    it('an agent socket that closes while it is being authenticated leaves no presence behind', async () => {
      await eventually(async () => (await connectionRows()).length === 0, 'earlier agent sockets are gone');
      for (let i = 0; i < 5; i++) {
        const socket = await TestSocket.open(`${base}/ws/agent?v=1`, { headers: { cookie: agent.cookie } });
        socket.ws.terminate();
        await socket.closed;
      }
      await eventually(async () => (await connectionRows()).length === 0, 'no ghost agent connection remains');
      expect(await online()).toBe(false);
    });
  });
});

describe('realtime with an expiring visitor token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('a visitor token past VISITOR_TOKEN_TTL_MS is closed with 4001 (and refused on REST with 401)', async () => {
    const w = await seedWorkspace(t.ctx, 'exp');
    const inbox = await createTestInbox(t.ctx, w.accountId);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/widget/session',
      payload: { websiteToken: inbox.website_token },
    });
    const token: string = res.json().visitorToken;
    const url = `${wsBase(t.app)}/ws/widget?v=1&token=${encodeURIComponent(token)}`;

    const fresh = await TestSocket.connect(url);
    await fresh.close();
    t.clock.advance(VISITOR_TOKEN_TTL_MS - 1000);
    const stillFresh = await TestSocket.connect(url);
    await stillFresh.close();

    t.clock.advance(2000);
    const expired = await TestSocket.open(url);
    expect(await expired.closedWithin()).toBe(CLOSE_CODES.unauthenticated);
    expect(expired.all('ready')).toEqual([]);
    const rest = await t.app.inject({
      method: 'GET',
      url: '/api/widget/conversations/00000000-0000-7000-8000-000000000000/messages',
      headers: { 'x-kefu-visitor': token },
    });
    expect(rest.statusCode).toBe(401);
  });

  it('a server shutting down closes sockets with 1001 (going away)', async () => {
    const w = await seedWorkspace(t.ctx, 'bye');
    const inbox = await createTestInbox(t.ctx, w.accountId);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/widget/session',
      payload: { websiteToken: inbox.website_token },
    });
    const socket = await TestSocket.connect(
      `${wsBase(t.app)}/ws/widget?v=1&token=${encodeURIComponent(res.json().visitorToken)}`,
    );
    await t.app.close();
    expect(await socket.closedWithin()).toBe(CLOSE_CODES.goingAway);
  });
});
