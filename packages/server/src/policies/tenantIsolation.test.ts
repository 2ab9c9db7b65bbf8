import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KefuApp } from '../http/kefuApp.js';
import {
  createTestApp,
  nextTestAddress,
  type Session,
  seedWorkspace,
  signInAs,
  TEST_PASSWORD,
  type TestApp,
} from '../test/testApp.js';
import { TestSocket, wsBase } from '../test/testSocket.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
type Credentials = { session: Session } | { token: string };
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

function send(app: KefuApp, who: Credentials, method: Method, url: string, payload?: object) {
  const headers: Record<string, string> = {};
  if ('session' in who) {
    headers.cookie = who.session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = who.session.csrfToken;
  } else {
    headers.authorization = `Bearer ${who.token}`;
  }
  return app.inject({
    method,
    url,
    headers,
    remoteAddress: nextTestAddress(),
    ...(payload === undefined ? {} : { payload }),
  });
}

function expectNotFound(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(404);
  expect(res.json().error.code, what).toBe('NOT_FOUND');
}

describe('tenant isolation between two workspaces', () => {
  let t: TestApp;
  let a: Workspace;
  let b: Workspace;
  let adminA: Session;
  let supervisorA: Session;
  let adminAToken: string;
  let adminB: Session;
  let adminBToken: { id: string; secret: string };
  let agentBToken: { id: string; secret: string };
  let teamA: string;
  let teamB: string;
  let invitedB: string;

  /** Every row that belongs to a workspace, read straight from the database. */
  async function snapshot(accountId: string) {
    const db = t.ctx.db.kysely;
    return {
      account: await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst(),
      users: await db.selectFrom('users').selectAll().where('account_id', '=', accountId).orderBy('id').execute(),
      sessions: await db.selectFrom('sessions').selectAll().where('account_id', '=', accountId).orderBy('id').execute(),
      apiTokens: await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute(),
      invites: await db.selectFrom('invites').selectAll().where('account_id', '=', accountId).orderBy('id').execute(),
      teams: await db.selectFrom('teams').selectAll().where('account_id', '=', accountId).orderBy('id').execute(),
      teamMembers: await db
        .selectFrom('team_members')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('team_id')
        .orderBy('user_id')
        .execute(),
      auditEvents: await db
        .selectFrom('audit_events')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute(),
    };
  }

  const usersOfB = () => [...Object.values(b.users).map((u) => u.id), invitedB];

  beforeAll(async () => {
    t = await createTestApp();
    a = await seedWorkspace(t.ctx, 'alpha');
    b = await seedWorkspace(t.ctx, 'beta');

    // Workspace B: a team, API tokens, a pending invite, a disabled user and audit events of its own.
    adminB = await signInAs(t.app, b.users.admin.email);
    const createdTeamB = await send(t.app, { session: adminB }, 'POST', '/api/teams', {
      name: 'Beta support',
      memberIds: [b.users.agent.id, b.users.supervisor.id],
    });
    expect(createdTeamB.statusCode).toBe(201);
    teamB = createdTeamB.json().id;
    const tokenB = await send(t.app, { session: adminB }, 'POST', '/api/api-tokens', { name: 'beta admin token' });
    expect(tokenB.statusCode).toBe(201);
    adminBToken = { id: tokenB.json().token.id, secret: tokenB.json().secret };
    const agentB = await signInAs(t.app, b.users.agent.email);
    const tokenAgentB = await send(t.app, { session: agentB }, 'POST', '/api/api-tokens', { name: 'beta agent token' });
    expect(tokenAgentB.statusCode).toBe(201);
    agentBToken = { id: tokenAgentB.json().token.id, secret: tokenAgentB.json().secret };
    const invite = await send(t.app, { session: adminB }, 'POST', '/api/users/invite', {
      email: 'invitee@beta.test',
      name: 'Beta invitee',
      role: 'agent',
    });
    expect(invite.statusCode).toBe(201);
    invitedB = invite.json().user.id;
    const disable = await send(t.app, { session: adminB }, 'POST', `/api/users/${b.users.department.id}/disable`);
    expect(disable.statusCode).toBe(200);

    // Workspace A: its own team and an admin API token.
    adminA = await signInAs(t.app, a.users.admin.email);
    supervisorA = await signInAs(t.app, a.users.supervisor.email);
    const createdTeamA = await send(t.app, { session: adminA }, 'POST', '/api/teams', {
      name: 'Alpha support',
      memberIds: [a.users.agent.id],
    });
    expect(createdTeamA.statusCode).toBe(201);
    teamA = createdTeamA.json().id;
    const tokenA = await send(t.app, { session: adminA }, 'POST', '/api/api-tokens', { name: 'alpha admin token' });
    expect(tokenA.statusCode).toBe(201);
    adminAToken = tokenA.json().secret;
  });
  afterAll(() => t.close());

  describe("A's admin cannot reach B's users", () => {
    it("control: the same requests work on A's own user", async () => {
      const res = await send(t.app, { session: adminA }, 'GET', `/api/users/${a.users.agent.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().id).toBe(a.users.agent.id);
    });

    it("gets 404 NOT_FOUND reading, renaming, re-roling, disabling, enabling or resetting B's users, and B is unchanged", async () => {
      const before = await snapshot(b.accountId);
      for (const id of usersOfB()) {
        for (const who of [{ session: adminA }, { token: adminAToken }] as const) {
          const via = 'session' in who ? 'session' : 'token';
          expectNotFound(await send(t.app, who, 'GET', `/api/users/${id}`), `GET user ${id} via ${via}`);
          expectNotFound(
            await send(t.app, who, 'PATCH', `/api/users/${id}`, { name: 'Taken over', role: 'admin' }),
            `PATCH user ${id} via ${via}`,
          );
          expectNotFound(await send(t.app, who, 'POST', `/api/users/${id}/disable`), `disable ${id} via ${via}`);
          expectNotFound(await send(t.app, who, 'POST', `/api/users/${id}/enable`), `enable ${id} via ${via}`);
          expectNotFound(
            await send(t.app, who, 'POST', `/api/users/${id}/password`, { newPassword: 'taken-over-password' }),
            `reset password of ${id} via ${via}`,
          );
        }
      }
      expect(await snapshot(b.accountId)).toEqual(before);
    });

    it("A's supervisor gets 404 NOT_FOUND reading B's users", async () => {
      for (const id of usersOfB()) {
        expectNotFound(await send(t.app, { session: supervisorA }, 'GET', `/api/users/${id}`), `GET user ${id}`);
      }
    });

    it("B's users can still sign in with their own password after A tried to reset it", async () => {
      const reset = await send(t.app, { session: adminA }, 'POST', `/api/users/${b.users.agent.id}/password`, {
        newPassword: 'taken-over-password',
      });
      expectNotFound(reset, 'reset password of B agent');
      const own = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: b.users.agent.email, password: TEST_PASSWORD },
        remoteAddress: nextTestAddress(),
      });
      expect(own.statusCode).toBe(200);
      const attackers = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: b.users.agent.email, password: 'taken-over-password' },
        remoteAddress: nextTestAddress(),
      });
      expect(attackers.statusCode).toBe(401);
    });
  });

  describe("A's admin cannot reach B's teams", () => {
    it("control: the same requests work on A's own team", async () => {
      const res = await send(t.app, { session: adminA }, 'GET', `/api/teams/${teamA}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().id).toBe(teamA);
    });

    it("gets 404 NOT_FOUND reading, changing or deleting B's team, and B is unchanged", async () => {
      const before = await snapshot(b.accountId);
      for (const who of [{ session: adminA }, { token: adminAToken }] as const) {
        expectNotFound(await send(t.app, who, 'GET', `/api/teams/${teamB}`), 'GET team');
        expectNotFound(
          await send(t.app, who, 'PATCH', `/api/teams/${teamB}`, { name: 'Taken over', memberIds: [] }),
          'PATCH team',
        );
        expectNotFound(await send(t.app, who, 'PATCH', `/api/teams/${teamB}`, { description: 'x' }), 'PATCH team');
        expectNotFound(await send(t.app, who, 'DELETE', `/api/teams/${teamB}`), 'DELETE team');
      }
      expect(await snapshot(b.accountId)).toEqual(before);
    });
  });

  describe("A's admin cannot revoke B's API tokens", () => {
    it('gets 404 NOT_FOUND, and the tokens stay valid for B', async () => {
      const before = await snapshot(b.accountId);
      for (const id of [adminBToken.id, agentBToken.id]) {
        expectNotFound(await send(t.app, { session: adminA }, 'DELETE', `/api/api-tokens/${id}`), `revoke ${id}`);
        expectNotFound(await send(t.app, { token: adminAToken }, 'DELETE', `/api/api-tokens/${id}`), `revoke ${id}`);
      }
      expect(await snapshot(b.accountId)).toEqual(before);

      const stillWorks = await send(t.app, { token: adminBToken.secret }, 'GET', '/api/account');
      expect(stillWorks.statusCode).toBe(200);
      expect(stillWorks.json().id).toBe(b.accountId);
    });
  });

  describe("team members must be users of the caller's own workspace", () => {
    it("rejects creating a team with B's user as a member with 400, and writes nothing", async () => {
      const beforeA = await snapshot(a.accountId);
      const beforeB = await snapshot(b.accountId);
      const res = await send(t.app, { session: adminA }, 'POST', '/api/teams', {
        name: 'Mixed team',
        memberIds: [a.users.agent.id, b.users.agent.id],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details).toEqual([
        { field: 'body.memberIds', issue: `unknown user ${b.users.agent.id}` },
      ]);
      expect(await snapshot(a.accountId)).toEqual(beforeA);
      expect(await snapshot(b.accountId)).toEqual(beforeB);
      const anywhere = await t.ctx.db.kysely
        .selectFrom('teams')
        .select('id')
        .where('name', '=', 'Mixed team')
        .execute();
      expect(anywhere).toEqual([]);
    });

    it("rejects changing A's team to include B's user with 400, and rolls back the rest of the change", async () => {
      const beforeA = await snapshot(a.accountId);
      const beforeB = await snapshot(b.accountId);
      const res = await send(t.app, { session: adminA }, 'PATCH', `/api/teams/${teamA}`, {
        name: 'Renamed while smuggling',
        description: 'should not stick',
        memberIds: [b.users.supervisor.id],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details).toEqual([
        { field: 'body.memberIds', issue: `unknown user ${b.users.supervisor.id}` },
      ]);
      expect(await snapshot(a.accountId)).toEqual(beforeA);
      expect(await snapshot(b.accountId)).toEqual(beforeB);
      const team = await send(t.app, { session: adminA }, 'GET', `/api/teams/${teamA}`);
      expect(team.json()).toMatchObject({ name: 'Alpha support', description: '', memberIds: [a.users.agent.id] });
    });
  });

  describe('team names are per workspace', () => {
    it("A may name a team like B's team; B's team is untouched", async () => {
      const beforeB = await snapshot(b.accountId);
      const res = await send(t.app, { session: adminA }, 'POST', '/api/teams', { name: 'Beta support' });
      expect(res.statusCode).toBe(201);
      expect(res.json().id).not.toBe(teamB);
      expect(await snapshot(b.accountId)).toEqual(beforeB);
      expect((await send(t.app, { session: adminA }, 'DELETE', `/api/teams/${res.json().id}`)).statusCode).toBe(200);
    });
  });

  describe('list endpoints only show the caller’s workspace', () => {
    it("GET /api/users lists exactly A's users, for A's admin and supervisor", async () => {
      const expectedIds = (
        await t.ctx.db.kysely.selectFrom('users').select('id').where('account_id', '=', a.accountId).execute()
      )
        .map((r) => r.id)
        .sort();
      expect(expectedIds).toEqual(
        Object.values(a.users)
          .map((u) => u.id)
          .sort(),
      );
      for (const session of [adminA, supervisorA]) {
        const res = await send(t.app, { session }, 'GET', '/api/users');
        expect(res.statusCode).toBe(200);
        const ids: string[] = res.json().items.map((u: { id: string }) => u.id);
        expect([...ids].sort()).toEqual(expectedIds);
        for (const id of usersOfB()) expect(ids).not.toContain(id);
      }
    });

    it("searching users by B's name or email finds nothing", async () => {
      for (const q of ['beta', b.users.admin.email, 'invitee']) {
        const res = await send(t.app, { session: adminA }, 'GET', `/api/users?q=${encodeURIComponent(q)}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().items).toEqual([]);
      }
      // Control: the same search finds A's own users.
      const own = await send(t.app, { session: adminA }, 'GET', '/api/users?q=alpha');
      expect(own.json().items.length).toBe(4);
    });

    it("GET /api/teams lists A's teams and none of B's", async () => {
      const res = await send(t.app, { session: adminA }, 'GET', '/api/teams');
      expect(res.statusCode).toBe(200);
      const ids: string[] = res.json().items.map((team: { id: string }) => team.id);
      expect(ids).toContain(teamA);
      expect(ids).not.toContain(teamB);
      const rows = await t.ctx.db.kysely
        .selectFrom('teams')
        .select('id')
        .where('account_id', '=', a.accountId)
        .execute();
      expect([...ids].sort()).toEqual(rows.map((r) => r.id).sort());
    });

    it("GET /api/audit-events shows only A's events, even when filtered by B's actor", async () => {
      const db = t.ctx.db.kysely;
      const eventsOfB = (
        await db.selectFrom('audit_events').select('id').where('account_id', '=', b.accountId).execute()
      ).map((r) => r.id);
      expect(eventsOfB.length).toBeGreaterThan(0);
      const eventsOfA = (
        await db.selectFrom('audit_events').select('id').where('account_id', '=', a.accountId).execute()
      ).map((r) => r.id);

      const res = await send(t.app, { session: adminA }, 'GET', '/api/audit-events?limit=200');
      expect(res.statusCode).toBe(200);
      const items: { id: string; actorId: string | null; targetId: string | null }[] = res.json().items;
      expect(items.map((e) => e.id).sort()).toEqual([...eventsOfA].sort());
      for (const event of items) {
        expect(eventsOfB).not.toContain(event.id);
        expect(usersOfB()).not.toContain(event.actorId);
        expect([...usersOfB(), teamB, adminBToken.id, agentBToken.id]).not.toContain(event.targetId);
      }

      const byB = await send(t.app, { session: adminA }, 'GET', `/api/audit-events?actorId=${b.users.admin.id}`);
      expect(byB.statusCode).toBe(200);
      expect(byB.json().items).toEqual([]);
    });

    it("GET /api/api-tokens shows A's admin their own token and none of B's", async () => {
      const res = await send(t.app, { session: adminA }, 'GET', '/api/api-tokens');
      expect(res.statusCode).toBe(200);
      const ids: string[] = res.json().items.map((token: { id: string }) => token.id);
      expect(ids.length).toBe(1);
      expect(ids).not.toContain(adminBToken.id);
      expect(ids).not.toContain(agentBToken.id);
    });
  });

  describe("the workspace profile is the caller's own", () => {
    it("GET /api/account returns A's workspace", async () => {
      const res = await send(t.app, { session: adminA }, 'GET', '/api/account');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: a.accountId, name: 'Workspace alpha' });
    });

    it('PATCH /api/account changes A and leaves B untouched', async () => {
      const beforeB = await snapshot(b.accountId);
      const res = await send(t.app, { session: adminA }, 'PATCH', '/api/account', {
        name: 'Alpha renamed',
        timezone: 'Asia/Tokyo',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: a.accountId, name: 'Alpha renamed', timezone: 'Asia/Tokyo' });
      const rowA = await t.ctx.db.kysely
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', a.accountId)
        .executeTakeFirstOrThrow();
      expect(rowA).toMatchObject({ name: 'Alpha renamed', timezone: 'Asia/Tokyo' });
      expect(await snapshot(b.accountId)).toEqual(beforeB);

      const seenByB = await send(t.app, { session: adminB }, 'GET', '/api/account');
      expect(seenByB.json()).toMatchObject({ id: b.accountId, name: 'Workspace beta', timezone: 'Asia/Shanghai' });
    });
  });

  describe('live chat: conversations, messages, contacts, inboxes and attachments', () => {
    const NIL = '00000000-0000-7000-8000-000000000000';
    let agentA: Session;
    let agentB: Session;
    let inboxA: { id: string; websiteToken: string };
    let inboxB: { id: string; websiteToken: string };
    let visitorA: { token: string; contactId: string; conversationId: string };
    let visitorB: { token: string; contactId: string; conversationId: string };
    let attachmentB: string;
    const sockets: TestSocket[] = [];

    const createInbox = async (session: Session, name: string) => {
      const res = await send(t.app, { session }, 'POST', '/api/inboxes', { name });
      expect(res.statusCode, res.body).toBe(201);
      return { id: res.json().id as string, websiteToken: res.json().websiteToken as string };
    };
    /** A widget visitor who leaves a message (留言) with a phone number: a contact with a conversation. */
    const leaveMessage = async (websiteToken: string, phone: string) => {
      const session = await t.app.inject({
        method: 'POST',
        url: '/api/widget/session',
        payload: { websiteToken },
        remoteAddress: nextTestAddress(),
      });
      const token: string = session.json().visitorToken;
      const left = await t.app.inject({
        method: 'POST',
        url: '/api/widget/leave-message',
        headers: { 'x-kefu-visitor': token },
        payload: { name: '客户', phone, content: '请联系我' },
        remoteAddress: nextTestAddress(),
      });
      expect(left.statusCode, left.body).toBe(200);
      return { token, contactId: session.json().contact.id as string, conversationId: left.json().conversationId };
    };
    const asVisitor = (token: string, method: Method, url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { 'x-kefu-visitor': token },
        remoteAddress: nextTestAddress(),
        ...(payload ? { payload } : {}),
      });
    /** A workspace's live-chat rows, straight from the database. */
    async function liveChatOf(accountId: string) {
      const db = t.ctx.db.kysely;
      return {
        inboxes: await db.selectFrom('inboxes').selectAll().where('account_id', '=', accountId).orderBy('id').execute(),
        contacts: await db
          .selectFrom('contacts')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('id')
          .execute(),
        identities: await db
          .selectFrom('contact_identities')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('id')
          .execute(),
        conversations: await db
          .selectFrom('conversations')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('id')
          .execute(),
        messages: await db
          .selectFrom('messages')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('id')
          .execute(),
        attachments: await db
          .selectFrom('attachments')
          .select(['id', 'conversation_id', 'uploader_id'])
          .where('account_id', '=', accountId)
          .orderBy('id')
          .execute(),
        audit: await db.selectFrom('audit_events').select('id').where('account_id', '=', accountId).execute(),
      };
    }

    beforeAll(async () => {
      agentA = await signInAs(t.app, a.users.agent.email);
      agentB = await signInAs(t.app, b.users.agent.email);
      inboxA = await createInbox(adminA, 'Alpha site');
      inboxB = await createInbox(adminB, 'Beta site');
      visitorA = await leaveMessage(inboxA.websiteToken, '13800000001');
      visitorB = await leaveMessage(inboxB.websiteToken, '13900000002');
      // B's agent replies and writes a note; B's agent has an upload of their own.
      for (const body of [{ content: 'Beta reply' }, { content: 'Beta note', private: true }]) {
        const res = await send(
          t.app,
          { session: agentB },
          'POST',
          `/api/conversations/${visitorB.conversationId}/messages`,
          body,
        );
        expect(res.statusCode).toBe(201);
      }
      const boundary = 'tenant-boundary';
      const upload = await t.app.inject({
        method: 'POST',
        url: '/api/attachments',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          cookie: agentB.cookie,
          'x-csrf-token': agentB.csrfToken,
        },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.txt"\r\nContent-Type: text/plain\r\n\r\nbeta secret\r\n--${boundary}--\r\n`,
      });
      expect(upload.statusCode, upload.body).toBe(201);
      attachmentB = upload.json().id;
      await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await Promise.all(sockets.map((s) => s.close()));
    });

    it("control: A's agent reaches A's own conversation", async () => {
      const res = await send(t.app, { session: agentA }, 'GET', `/api/conversations/${visitorA.conversationId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().contact.phone).toBe('138****0001');
    });

    it("A's admin, supervisor, agent and API token get 404 for B's conversation, messages, read, contact and inbox; B is unchanged", async () => {
      const before = await liveChatOf(b.accountId);
      const conversation = `/api/conversations/${visitorB.conversationId}`;
      const whos: [string, Credentials][] = [
        ['admin', { session: adminA }],
        ['supervisor', { session: supervisorA }],
        ['agent', { session: agentA }],
        ['admin token', { token: adminAToken }],
      ];
      for (const [label, who] of whos) {
        const attempts: [Method, string, object?][] = [
          ['GET', conversation],
          ['GET', `${conversation}/messages`],
          ['GET', `${conversation}/messages?afterSeq=0`],
          ['POST', `${conversation}/messages`, { content: 'Taken over' }],
          ['POST', `${conversation}/messages`, { content: 'Sneaky note', private: true, clientId: 'tenant-test-1' }],
          ['PATCH', conversation, { status: 'resolved' }],
          ['PATCH', conversation, { assigneeId: a.users.agent.id }],
          ['PATCH', conversation, { labels: ['hijacked'] }],
          ['POST', `${conversation}/read`, { seq: 3 }],
          ['GET', `/api/contacts/${visitorB.contactId}/conversations`],
          ['GET', `/api/inboxes/${inboxB.id}`],
        ];
        for (const [method, url, body] of attempts) {
          expectNotFound(await send(t.app, who, method, url, body), `${label}: ${method} ${url}`);
        }
      }
      for (const who of [{ session: adminA }, { session: supervisorA }, { token: adminAToken }] as const) {
        for (const field of ['phone', 'email']) {
          const res = await send(t.app, who, 'POST', `/api/contacts/${visitorB.contactId}/reveal`, {
            field,
            reason: 'curious',
          });
          expectNotFound(res, `reveal ${field}`);
          expect(res.body).not.toContain('13900000002');
        }
      }
      // An agent may not reveal at all.
      const agentReveal = await send(t.app, { session: agentA }, 'POST', `/api/contacts/${visitorB.contactId}/reveal`, {
        field: 'phone',
        reason: 'curious',
      });
      expect(agentReveal.statusCode).toBe(403);
      expectNotFound(
        await send(t.app, { session: adminA }, 'PATCH', `/api/inboxes/${inboxB.id}`, { name: 'Taken over' }),
        'PATCH inbox',
      );
      expect(await liveChatOf(b.accountId)).toEqual(before);
      const unread = await send(t.app, { session: agentB }, 'GET', `/api/conversations/${visitorB.conversationId}`);
      expect(unread.json()).toMatchObject({ status: 'open', unreadCount: 1, labels: [], assigneeId: null });
    });

    it("A's list endpoints never contain B's conversations or inboxes", async () => {
      for (const session of [adminA, supervisorA, agentA]) {
        for (const tab of ['all', 'unassigned', 'mine']) {
          const res = await send(t.app, { session }, 'GET', `/api/conversations?tab=${tab}&status=any&limit=200`);
          expect(res.statusCode).toBe(200);
          const ids: string[] = res.json().items.map((c: { id: string }) => c.id);
          expect(ids).not.toContain(visitorB.conversationId);
          if (tab !== 'mine') expect(ids).toContain(visitorA.conversationId);
          expect(res.json().counts.all).toBe(1);
        }
        const byInbox = await send(t.app, { session }, 'GET', `/api/conversations?inboxId=${inboxB.id}&status=any`);
        expect(byInbox.json()).toMatchObject({ items: [], counts: { all: 0, mine: 0, unassigned: 0 } });
        const byCursor = await send(
          t.app,
          { session },
          'GET',
          `/api/conversations?status=any&cursor=${visitorB.conversationId}`,
        );
        expect(byCursor.json().items.map((c: { id: string }) => c.id)).toEqual([visitorA.conversationId]);
        const inboxes = await send(t.app, { session }, 'GET', '/api/inboxes');
        expect(inboxes.json().items.map((i: { id: string }) => i.id)).toEqual([inboxA.id]);
      }
      expect(JSON.stringify((await send(t.app, { session: adminA }, 'GET', '/api/inboxes')).json())).not.toContain(
        inboxB.websiteToken,
      );
    });

    it("A's agent cannot attach B's upload, and cannot assign A's conversation to B's agent", async () => {
      const before = await liveChatOf(b.accountId);
      const res = await send(
        t.app,
        { session: agentA },
        'POST',
        `/api/conversations/${visitorA.conversationId}/messages`,
        {
          content: 'look',
          attachmentIds: [attachmentB],
        },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      const assign = await send(t.app, { session: adminA }, 'PATCH', `/api/conversations/${visitorA.conversationId}`, {
        assigneeId: b.users.agent.id,
      });
      expect(assign.statusCode).toBe(400);
      const team = await send(t.app, { session: adminA }, 'PATCH', `/api/conversations/${visitorA.conversationId}`, {
        teamId: teamB,
      });
      expect(team.statusCode).toBe(400);
      expect(team.json().error.details).toEqual([{ field: 'body.teamId', issue: 'is not a team of this workspace' }]);
      expect(await liveChatOf(b.accountId)).toEqual(before);
    });

    it("a visitor token of B's inbox cannot read or write A's conversation, over REST or the socket", async () => {
      const before = await liveChatOf(a.accountId);
      expectNotFound(
        await asVisitor(visitorB.token, 'GET', `/api/widget/conversations/${visitorA.conversationId}/messages`),
        "B's visitor reads A's conversation",
      );
      expectNotFound(
        await asVisitor(visitorB.token, 'GET', `/api/widget/conversations/${NIL}/messages`),
        'an unknown conversation',
      );
      // B's visitor token presented to A's widget: a new contact of A, never B's contact or A's existing one.
      const crossed = await t.app.inject({
        method: 'POST',
        url: '/api/widget/session',
        payload: { websiteToken: inboxA.websiteToken, visitorToken: visitorB.token },
        remoteAddress: nextTestAddress(),
      });
      expect(crossed.statusCode).toBe(200);
      expect(crossed.json().contact.id).not.toBe(visitorB.contactId);
      expect(crossed.json().contact.id).not.toBe(visitorA.contactId);
      expect(crossed.json().conversation).toBeNull();

      const socket = await TestSocket.connect(
        `${wsBase(t.app)}/ws/widget?v=1&token=${encodeURIComponent(visitorB.token)}`,
      );
      sockets.push(socket);
      for (const frame of [
        { type: 'resume', conversations: [{ conversationId: visitorA.conversationId, afterSeq: 0 }] },
        { type: 'typing', conversationId: visitorA.conversationId, typing: true },
        { type: 'read', conversationId: visitorA.conversationId, seq: 1 },
        {
          type: 'message.send',
          clientId: 'cross-tenant-1',
          conversationId: visitorA.conversationId,
          content: 'hello A',
        },
      ]) {
        socket.send(frame);
        expect(await socket.nextOf('error'), frame.type).toMatchObject({ code: 'NOT_FOUND' });
      }
      expect(socket.all('message')).toEqual([]);
      // (The crossed session added a contact to A; A's conversations and messages are what must not change.)
      const unchanged = await liveChatOf(a.accountId);
      expect(unchanged.conversations).toEqual(before.conversations);
      expect(unchanged.messages).toEqual(before.messages);
    });

    it("A's agent socket never hears B's conversations", async () => {
      const staffA = await TestSocket.connect(`${wsBase(t.app)}/ws/agent?v=1`, { headers: { cookie: agentA.cookie } });
      const staffB = await TestSocket.connect(`${wsBase(t.app)}/ws/agent?v=1`, { headers: { cookie: agentB.cookie } });
      const visitor = await TestSocket.connect(
        `${wsBase(t.app)}/ws/widget?v=1&token=${encodeURIComponent(visitorB.token)}`,
      );
      sockets.push(staffA, staffB, visitor);
      await visitor.sendMessage({
        clientId: 'beta-live-1',
        conversationId: visitorB.conversationId,
        content: 'beta live',
      });
      visitor.send({ type: 'typing', conversationId: visitorB.conversationId, typing: true });
      await staffB.nextOf('message', (f) => f.conversationId === visitorB.conversationId);
      await staffB.nextOf('typing');
      await staffB.sendMessage({
        clientId: 'beta-live-2',
        conversationId: visitorB.conversationId,
        content: 'beta answer',
      });
      await staffA.flush();
      expect(staffA.frames.map((f) => f.type)).toEqual(['ready', 'pong']);
      // A's agent cannot act on it over the socket either.
      staffA.send({ type: 'resume', conversations: [{ conversationId: visitorB.conversationId, afterSeq: 0 }] });
      expect(await staffA.nextOf('error')).toMatchObject({ code: 'NOT_FOUND' });
      const clientId = 'alpha-intrude-1';
      staffA.send({ type: 'message.send', clientId, conversationId: visitorB.conversationId, content: 'hi' });
      expect(await staffA.nextOf('error')).toMatchObject({ code: 'NOT_FOUND', ref: clientId });
      staffA.send({ type: 'typing', conversationId: visitorB.conversationId, typing: true });
      expect(await staffA.nextOf('error')).toMatchObject({ code: 'NOT_FOUND' });
      await visitor.flush();
      expect(visitor.all('typing')).toEqual([]);
    });
  });
});
