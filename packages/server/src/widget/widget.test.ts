import { createHmac } from 'node:crypto';
import { CLOSE_CODES, LIMITS } from '@kefu/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { TestSocket, wsBase } from '../test/testSocket.js';
import { createTestInbox } from '../test/testWidget.js';
import { verifyVisitorToken } from './visitorToken.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
interface VisitorSession {
  visitorToken: string;
  contact: { id: string; name: string; verified: boolean };
  inbox: { name: string; agentsOnline: boolean };
  conversation: { id: string; status: string; lastSeq: number; agentLastReadSeq: number } | null;
}

let ids = 0;
const newClientId = (label = 'w') => `${label}-${Date.now().toString(36)}-${++ids}`;
let addresses = 0;
const nextAddress = () => `10.8.${(++addresses >> 8) & 255}.${addresses & 255}`;
const hmac = (secret: string, identifier: string) => createHmac('sha256', secret).update(identifier).digest('hex');

describe('widget visitors', () => {
  let t: TestApp;
  let w: Workspace;
  let inboxA: InboxRow;
  let inboxB: InboxRow;
  let agent: Session;
  let admin: Session;
  const opened: TestSocket[] = [];

  const session = (body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/widget/session', payload: body, remoteAddress: nextAddress() });
  const startSession = async (body: Record<string, unknown> = {}) => {
    const res = await session({ websiteToken: inboxA.website_token, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as VisitorSession;
  };
  const asVisitor = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { 'x-kefu-visitor': token },
      remoteAddress: nextAddress(),
      ...(payload ? { payload } : {}),
    });
  const socketFor = async (token: string) => {
    const socket = await TestSocket.connect(`${wsBase(t.app)}/ws/widget?v=1&token=${encodeURIComponent(token)}`);
    opened.push(socket);
    return socket;
  };
  /** The visitor writes their first message over the socket; returns the conversation id. */
  const writeFirst = async (token: string, content: string) => {
    const socket = await socketFor(token);
    const ack = await socket.sendMessage({ clientId: newClientId(), conversationId: null, content });
    await socket.close();
    return ack.conversationId;
  };
  const contactRow = (id: string) =>
    t.ctx.db.kysely.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'wg');
    inboxA = await createTestInbox(t.ctx, w.accountId, '官网');
    inboxB = await createTestInbox(t.ctx, w.accountId, '小程序');
    agent = await signInAs(t.app, w.users.agent.email);
    admin = await signInAs(t.app, w.users.admin.email);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  it('starts an anonymous session with the inbox settings, and refuses an unknown website token', async () => {
    const started = await startSession();
    expect(started).toMatchObject({
      contact: { verified: false },
      inbox: { name: '官网', agentsOnline: false },
      conversation: null,
    });
    expect(started.contact.name).toMatch(/^访客\d+$/);
    const claims = verifyVisitorToken(t.ctx.config.secret, started.visitorToken, t.clock.now());
    expect(claims).toMatchObject({ accountId: w.accountId, inboxId: inboxA.id, contactId: started.contact.id });

    const unknown = await session({ websiteToken: 'no-such-website-token' });
    expect(unknown.statusCode).toBe(404);
  });

  it('a returning visitor with their token continues as the same contact and sees their conversation', async () => {
    const first = await startSession();
    const conversationId = await writeFirst(first.visitorToken, '上次的问题');
    const again = await startSession({ visitorToken: first.visitorToken });
    expect(again.contact.id).toBe(first.contact.id);
    expect(again.conversation).toMatchObject({ id: conversationId, status: 'open', lastSeq: 1 });
  });

  describe('identity verification', () => {
    it('refuses a wrong identifierHash, a missing one, and one made with another inbox’s secret with 403', async () => {
      const identifier = 'user-1001';
      for (const identifierHash of [
        hmac('wrong-secret', identifier),
        undefined,
        hmac(inboxB.hmac_secret, identifier),
      ]) {
        const res = await session({
          websiteToken: inboxA.website_token,
          identifier,
          ...(identifierHash ? { identifierHash } : {}),
        });
        expect(res.statusCode, String(identifierHash)).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      // The hash of another identifier does not fit either.
      const other = await session({
        websiteToken: inboxA.website_token,
        identifier,
        identifierHash: hmac(inboxA.hmac_secret, 'user-1002'),
      });
      expect(other.statusCode).toBe(403);
      const identities = await t.ctx.db.kysely
        .selectFrom('contact_identities')
        .select('id')
        .where('identifier', '=', identifier)
        .execute();
      expect(identities).toEqual([]);
    });

    it('the right HMAC attaches a second browser (no visitor token) to the same verified contact and conversation', async () => {
      const identifier = 'member-88';
      const identifierHash = hmac(inboxA.hmac_secret, identifier);
      const desktop = await startSession({ identifier, identifierHash, name: '王小明' });
      expect(desktop.contact).toMatchObject({ name: '王小明', verified: true });
      const conversationId = await writeFirst(desktop.visitorToken, '电脑上问的');

      const phone = await startSession({ identifier, identifierHash });
      expect(phone.contact).toEqual(desktop.contact);
      expect(phone.conversation).toMatchObject({ id: conversationId, lastSeq: 1 });

      const history = await asVisitor(
        phone.visitorToken,
        'GET',
        `/api/widget/conversations/${conversationId}/messages`,
      );
      expect(history.statusCode).toBe(200);
      expect(history.json().items.map((m: { content: string }) => m.content)).toEqual(['电脑上问的']);
      // The second browser continues the same conversation.
      const socket = await socketFor(phone.visitorToken);
      const ack = await socket.sendMessage({ clientId: newClientId(), conversationId: null, content: '手机上继续问' });
      expect(ack).toMatchObject({ conversationId, seq: 2 });

      // An anonymous visitor's token does not stop a verified identifier from taking effect…
      const anonymous = await startSession();
      const upgraded = await startSession({ visitorToken: anonymous.visitorToken, identifier, identifierHash });
      expect(upgraded.contact.id).toBe(desktop.contact.id);
      // …and a wrong hash with the verified contact's own token is still refused.
      const wrong = await session({
        websiteToken: inboxA.website_token,
        visitorToken: desktop.visitorToken,
        identifier,
        identifierHash: hmac('nope', identifier),
      });
      expect(wrong.statusCode).toBe(403);
    });

    it('several tabs starting at once with the same new identifier all get the same contact', async () => {
      const identifier = 'first-visit-42';
      const identifierHash = hmac(inboxA.hmac_secret, identifier);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => session({ websiteToken: inboxA.website_token, identifier, identifierHash })),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
      expect(new Set(results.map((r) => r.json().contact.id)).size).toBe(1);
      const identities = await t.ctx.db.kysely
        .selectFrom('contact_identities')
        .select('contact_id')
        .where('identifier', '=', identifier)
        .execute();
      expect(identities).toEqual([{ contact_id: results[0]!.json().contact.id }]);
    });

    it("without verification, a visitor never reaches another contact's conversation", async () => {
      const identifier = 'vip-7';
      const victim = await startSession({
        identifier,
        identifierHash: hmac(inboxA.hmac_secret, identifier),
        name: '受害者',
        email: 'victim@example.com',
      });
      const conversationId = await writeFirst(victim.visitorToken, '我的银行卡信息');

      // Same name and email, no identifier: a new contact with no conversation.
      const lookalike = await startSession({ name: '受害者', email: 'victim@example.com' });
      expect(lookalike.contact.id).not.toBe(victim.contact.id);
      expect(lookalike.conversation).toBeNull();

      // A visitor token whose contactId was changed: the signature no longer fits.
      const [prefix, payload, signature] = lookalike.visitorToken.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as unknown[];
      claims[2] = victim.contact.id;
      const forged = `${prefix}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      const rest = await asVisitor(forged, 'GET', `/api/widget/conversations/${conversationId}/messages`);
      expect(rest.statusCode).toBe(401);
      expect(rest.json().error.code).toBe('UNAUTHENTICATED');
      for (const [url, body] of [
        ['/api/widget/prechat', { name: '改名' }],
        ['/api/widget/leave-message', { name: 'x', phone: '13800000000', content: 'x' }],
      ] as const) {
        expect((await asVisitor(forged, 'POST', url, body)).statusCode, url).toBe(401);
      }
      const socket = await TestSocket.open(`${wsBase(t.app)}/ws/widget?v=1&token=${encodeURIComponent(forged)}`);
      expect(await socket.closedWithin()).toBe(CLOSE_CODES.unauthenticated);
      expect(socket.all('ready')).toEqual([]);

      // The forged token in a session request does not pick the victim either.
      const viaSession = await startSession({ visitorToken: forged });
      expect(viaSession.contact.id).not.toBe(victim.contact.id);
      expect(viaSession.conversation).toBeNull();

      // With their own valid token the lookalike still gets 404 for the victim's conversation.
      const own = await asVisitor(
        lookalike.visitorToken,
        'GET',
        `/api/widget/conversations/${conversationId}/messages`,
      );
      expect(own.statusCode).toBe(404);
      expect((await contactRow(victim.contact.id)).name).toBe('受害者');
    });

    it("a visitor token of inbox A used on inbox B's widget starts a new contact there", async () => {
      const onA = await startSession();
      const conversationId = await writeFirst(onA.visitorToken, '在官网问的');
      const res = await session({ websiteToken: inboxB.website_token, visitorToken: onA.visitorToken });
      expect(res.statusCode).toBe(200);
      const onB = res.json() as VisitorSession;
      expect(onB.contact.id).not.toBe(onA.contact.id);
      expect(onB.conversation).toBeNull();
      expect(onB.inbox.name).toBe('小程序');
      expect(verifyVisitorToken(t.ctx.config.secret, onB.visitorToken, t.clock.now())?.inboxId).toBe(inboxB.id);
      const history = await asVisitor(onB.visitorToken, 'GET', `/api/widget/conversations/${conversationId}/messages`);
      expect(history.statusCode).toBe(404);
    });
  });

  describe('leave a message (留言) and the pre-chat form', () => {
    it('leave-message opens an unassigned conversation with 【留言】 and records phone and email, masked for agents', async () => {
      const visitor = await startSession();
      const res = await asVisitor(visitor.visitorToken, 'POST', '/api/widget/leave-message', {
        name: '张三',
        phone: '13812345678',
        email: 'zhangsan@example.com',
        content: '请明天上午给我回电话',
      });
      expect(res.statusCode, res.body).toBe(200);
      const { conversationId } = res.json() as { ok: true; conversationId: string };

      const contact = await contactRow(visitor.contact.id);
      expect(contact).toMatchObject({ name: '张三', phone: '13812345678', email: 'zhangsan@example.com' });

      const list = await call(t.app, agent, 'GET', '/api/conversations?tab=unassigned');
      expect(list.statusCode).toBe(200);
      const entry = list.json().items.find((c: { id: string }) => c.id === conversationId);
      expect(entry).toMatchObject({
        status: 'open',
        assigneeId: null,
        unreadCount: 1,
        contact: { id: visitor.contact.id, name: '张三', phone: '138****5678', email: 'z***@example.com' },
        lastMessage: { kind: 'incoming', preview: '【留言】请明天上午给我回电话' },
      });
      expect(JSON.stringify(list.json())).not.toContain('13812345678');
      expect(JSON.stringify(list.json())).not.toContain('zhangsan@example.com');
      const messages = await call(t.app, agent, 'GET', `/api/conversations/${conversationId}/messages`);
      expect(messages.json().items).toMatchObject([
        { seq: 1, kind: 'incoming', content: '【留言】请明天上午给我回电话', sender: { type: 'contact' } },
      ]);
    });

    it('leave-message needs a phone or an email', async () => {
      const visitor = await startSession();
      const res = await asVisitor(visitor.visitorToken, 'POST', '/api/widget/leave-message', {
        name: '李四',
        content: '没有联系方式',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      const rows = await t.ctx.db.kysely
        .selectFrom('conversations')
        .select('id')
        .where('contact_id', '=', visitor.contact.id)
        .execute();
      expect(rows).toEqual([]);
    });

    it('the pre-chat form records name, phone and email on the contact', async () => {
      const visitor = await startSession();
      const res = await asVisitor(visitor.visitorToken, 'POST', '/api/widget/prechat', {
        name: '赵六',
        phone: '13900001111',
        email: 'zhao@example.com',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(await contactRow(visitor.contact.id)).toMatchObject({
        name: '赵六',
        phone: '13900001111',
        email: 'zhao@example.com',
      });
      const again = await startSession({ visitorToken: visitor.visitorToken });
      expect(again.contact.name).toBe('赵六');
      // A partial form changes only what it names.
      expect(
        (await asVisitor(visitor.visitorToken, 'POST', '/api/widget/prechat', { name: '赵六六' })).statusCode,
      ).toBe(200);
      expect(await contactRow(visitor.contact.id)).toMatchObject({ name: '赵六六', phone: '13900001111' });
      const bad = await asVisitor(visitor.visitorToken, 'POST', '/api/widget/prechat', { phone: 'call me' });
      expect(bad.statusCode).toBe(400);
    });

    it('a left message keeps the page URL and referrer the session reported', async () => {
      const visitor = await startSession({
        pageUrl: 'https://shop.example.com/after-sales',
        referrer: 'https://www.so.com/',
      });
      const res = await asVisitor(visitor.visitorToken, 'POST', '/api/widget/leave-message', {
        name: '钱七',
        phone: '13700001111',
        content: '退货怎么寄',
      });
      expect(res.statusCode, res.body).toBe(200);
      const conversation = await call(t.app, agent, 'GET', `/api/conversations/${res.json().conversationId}`);
      expect(conversation.json().meta).toMatchObject({
        pageUrl: 'https://shop.example.com/after-sales',
        referrer: 'https://www.so.com/',
      });
    });

    describe('limits', () => {
      const leave = (token: string, remoteAddress: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/widget/leave-message',
          headers: { 'x-kefu-visitor': token },
          payload: { name: '孙八', email: 'sun@example.com', content: '请回复' },
          remoteAddress,
        });
      const conversationsOf = async (contactId: string) =>
        (await t.ctx.db.kysely.selectFrom('conversations').select('id').where('contact_id', '=', contactId).execute())
          .length;
      const expectRateLimited = (res: Awaited<ReturnType<typeof leave>>, limit: number) => {
        expect(res.statusCode, res.body).toBe(429);
        expect(res.json().error).toMatchObject({
          code: 'RATE_LIMITED',
          details: { retryAfter: expect.any(Number), limit },
        });
        const retryAfter = res.json().error.details.retryAfter as number;
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(LIMITS.leaveMessageWindowMs / 1000);
        expect(res.headers['retry-after']).toBe(String(retryAfter));
      };

      it(`one visitor may leave ${LIMITS.leaveMessagesPerVisitor} messages per window; more are RATE_LIMITED and stored nowhere`, async () => {
        const visitor = await startSession();
        for (let i = 0; i < LIMITS.leaveMessagesPerVisitor; i++) {
          expect((await leave(visitor.visitorToken, nextAddress())).statusCode).toBe(200);
        }
        const before = await t.ctx.db.kysely.selectFrom('messages').select('id').execute();
        expectRateLimited(await leave(visitor.visitorToken, nextAddress()), LIMITS.leaveMessagesPerVisitor);
        expect(await t.ctx.db.kysely.selectFrom('messages').select('id').execute()).toHaveLength(before.length);
        expect(await conversationsOf(visitor.contact.id)).toBe(1);
        // Another visitor can still leave one.
        const other = await startSession();
        expect((await leave(other.visitorToken, nextAddress())).statusCode).toBe(200);
      });

      it(`one address may leave ${LIMITS.leaveMessagesPerIp} messages per window, whatever visitor tokens it holds`, async () => {
        const address = nextAddress();
        for (let i = 0; i < LIMITS.leaveMessagesPerIp; i++) {
          const visitor = await startSession();
          expect((await leave(visitor.visitorToken, address)).statusCode).toBe(200);
        }
        const fresh = await startSession();
        expectRateLimited(await leave(fresh.visitorToken, address), LIMITS.leaveMessagesPerIp);
        expect(await conversationsOf(fresh.contact.id)).toBe(0);
        expect((await leave(fresh.visitorToken, nextAddress())).statusCode).toBe(200);
      });
    });
  });

  describe('history', () => {
    it('pages backwards with beforeSeq and hasMore, never showing notes or agent ids', async () => {
      const visitor = await startSession();
      const conversationId = await writeFirst(visitor.visitorToken, 'q1');
      // seq 2..13: agent replies, with a note at seq 5 and 10.
      for (let seq = 2; seq <= 13; seq++) {
        const res = await call(t.app, agent, 'POST', `/api/conversations/${conversationId}/messages`, {
          content: `m${seq}`,
          private: seq % 5 === 0,
        });
        expect(res.statusCode).toBe(201);
        expect(res.json().seq).toBe(seq);
      }
      const page = async (query: string) => {
        const res = await asVisitor(
          visitor.visitorToken,
          'GET',
          `/api/widget/conversations/${conversationId}/messages${query}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as {
          items: { seq: number; kind: string; sender: { id: string | null } }[];
          hasMore: boolean;
        };
        for (const m of body.items) {
          expect(m.kind).not.toBe('note');
          if (m.kind === 'outgoing') expect(m.sender.id).toBeNull();
        }
        return { seqs: body.items.map((m) => m.seq), hasMore: body.hasMore };
      };
      expect(await page('?limit=4')).toEqual({ seqs: [9, 11, 12, 13], hasMore: true });
      expect(await page('?limit=4&beforeSeq=9')).toEqual({ seqs: [4, 6, 7, 8], hasMore: true });
      expect(await page('?limit=4&beforeSeq=4')).toEqual({ seqs: [1, 2, 3], hasMore: false });
      expect(await page('?limit=3&beforeSeq=4')).toEqual({ seqs: [1, 2, 3], hasMore: false });
      expect(await page('')).toEqual({ seqs: [1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13], hasMore: false });
      expect(await page('?afterSeq=8&limit=2')).toEqual({ seqs: [9, 11], hasMore: true });
      expect(await page('?afterSeq=11')).toEqual({ seqs: [12, 13], hasMore: false });
      const tooBig = await asVisitor(
        visitor.visitorToken,
        'GET',
        `/api/widget/conversations/${conversationId}/messages?limit=500`,
      );
      expect(tooBig.statusCode).toBe(400);
    });
  });

  it('the inbox secret is only shown to admins', async () => {
    const asAdmin = await call(t.app, admin, 'GET', `/api/inboxes/${inboxA.id}`);
    expect(asAdmin.json().hmacSecret).toBe(inboxA.hmac_secret);
    const asAgent = await call(t.app, agent, 'GET', `/api/inboxes/${inboxA.id}`);
    expect(asAgent.statusCode).toBe(200);
    expect(asAgent.json().hmacSecret).toBeNull();
    expect(JSON.stringify((await call(t.app, agent, 'GET', '/api/inboxes')).json())).not.toContain(inboxA.hmac_secret);
  });
});
