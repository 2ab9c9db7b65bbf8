import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botTurnsSettled } from '../bot/botTurnQueue.js';
import { encodeConversationCursor } from '../conversations/conversationCursor.js';
import type { KefuApp } from '../http/kefuApp.js';
import { messageIndexer } from '../search/messageIndexer.js';
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
import { createTestInbox } from '../test/testWidget.js';
import { defaultTicketTypesSeeder } from '../ticketTypes/defaultTicketTypes.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
type Credentials = { session: Session } | { token: string };
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

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
        expectNotFound(await send(t.app, who, 'GET', `/api/teams/${teamB}/members`), 'GET team members');
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

    it("GET /api/agents lists A's colleagues and none of B's users", async () => {
      const expectedIds = (
        await t.ctx.db.kysely
          .selectFrom('users')
          .select('id')
          .where('account_id', '=', a.accountId)
          .where('status', '=', 'active')
          .where('role', '!=', 'department')
          .execute()
      )
        .map((r) => r.id)
        .sort();
      expect(expectedIds.length).toBeGreaterThan(0);
      for (const who of [{ session: adminA }, { session: supervisorA }, { token: adminAToken }] as const) {
        const res = await send(t.app, who, 'GET', '/api/agents');
        expect(res.statusCode).toBe(200);
        const items: { id: string; teamIds: string[] }[] = res.json().items;
        expect(items.map((u) => u.id).sort()).toEqual(expectedIds);
        for (const item of items) expect(item.teamIds).not.toContain(teamB);
      }
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
        // A cursor positioned at B's conversation is only a position: it lists A's conversations past it.
        const rowB = await t.ctx.db.kysely
          .selectFrom('conversations')
          .select('last_activity_at')
          .where('id', '=', visitorB.conversationId)
          .executeTakeFirstOrThrow();
        const cursorAtB = encodeConversationCursor({
          lastActivityAt: rowB.last_activity_at,
          id: visitorB.conversationId,
        });
        const byCursor = await send(t.app, { session }, 'GET', `/api/conversations?status=any&cursor=${cursorAtB}`);
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

    it("routing: A cannot transfer, join, whisper to, take over or reassign B's conversation, nor see or set B's people", async () => {
      const before = await liveChatOf(b.accountId);
      const routingB = async () => ({
        agents: await t.ctx.db.kysely
          .selectFrom('agent_states')
          .selectAll()
          .where('account_id', '=', b.accountId)
          .orderBy('user_id')
          .execute(),
        participants: await t.ctx.db.kysely
          .selectFrom('conversation_participants')
          .selectAll()
          .where('account_id', '=', b.accountId)
          .execute(),
      });
      const routingBefore = await routingB();
      const conversation = `/api/conversations/${visitorB.conversationId}`;
      const attempts: [Credentials, Method, string, object?][] = [
        [{ session: agentA }, 'POST', `${conversation}/transfer`, { agentId: a.users.agent.id }],
        [{ session: agentA }, 'POST', `${conversation}/transfer`, { teamId: teamA }],
        [{ session: agentA }, 'GET', `${conversation}/participants`],
        [{ session: agentA }, 'POST', `${conversation}/participants`, { userId: a.users.agent.id }],
        [{ session: agentA }, 'DELETE', `${conversation}/participants/${b.users.agent.id}`],
        [{ session: supervisorA }, 'POST', `${conversation}/whisper`, { content: '悄悄话' }],
        [{ session: supervisorA }, 'POST', `${conversation}/takeover`],
        [{ session: supervisorA }, 'POST', `${conversation}/reassign`, { agentId: a.users.agent.id }],
        [{ token: adminAToken }, 'POST', `${conversation}/takeover`],
        [{ session: agentA }, 'GET', `/api/contacts/${visitorB.contactId}/routing`],
        [{ session: supervisorA }, 'PUT', `/api/contacts/${visitorB.contactId}/routing`, { tags: ['VIP'] }],
        [{ session: adminA }, 'PUT', `/api/users/${b.users.agent.id}/chat-limit`, { chatLimit: 1 }],
      ];
      for (const [who, method, url, body] of attempts) {
        expectNotFound(await send(t.app, who, method, url, body), `${method} ${url}`);
      }
      // A's own conversation cannot go to B's agent or team, nor get B's agent as owner or participant.
      const own = `/api/conversations/${visitorA.conversationId}`;
      for (const [url, body, field] of [
        [`${own}/transfer`, { agentId: b.users.agent.id }, 'body.agentId'],
        [`${own}/transfer`, { teamId: teamB }, 'body.teamId'],
        [`${own}/participants`, { userId: b.users.agent.id }, 'body.userId'],
      ] as const) {
        const res = await send(t.app, { session: agentA }, 'POST', url, body);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.details[0].field).toBe(field);
      }
      const owner = await send(t.app, { session: supervisorA }, 'PUT', `/api/contacts/${visitorA.contactId}/routing`, {
        ownerId: b.users.agent.id,
      });
      expect(owner.statusCode).toBe(400);
      // A's board and queue show A's people only.
      const board = await send(t.app, { session: supervisorA }, 'GET', '/api/supervision/board');
      const boardIds = board.json().agents.map((x: { id: string }) => x.id);
      expect(boardIds).toContain(a.users.agent.id);
      for (const id of Object.values(b.users).map((u) => u.id)) expect(boardIds).not.toContain(id);
      expect(JSON.stringify(board.json().teams)).not.toContain(teamB);
      const queue = await send(t.app, { session: agentA }, 'GET', '/api/routing/queue');
      expect(JSON.stringify(queue.json())).not.toContain(visitorB.conversationId);
      expect(await liveChatOf(b.accountId)).toEqual(before);
      expect(await routingB()).toEqual(routingBefore);
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
  describe('labels, sensitive words, their flags and conversation search', () => {
    let labelB: string;
    let wordB: string;
    let conversationB: string;

    beforeAll(async () => {
      const label = await send(t.app, { session: adminB }, 'POST', '/api/labels', { name: 'Beta专属' });
      expect(label.statusCode, label.body).toBe(201);
      labelB = label.json().id;
      const word = await send(t.app, { session: adminB }, 'POST', '/api/moderation/words', {
        word: '贝塔暗号',
        action: 'block',
      });
      expect(word.statusCode, word.body).toBe(201);
      wordB = word.json().id;
      const widget = await send(t.app, { session: adminB }, 'POST', '/api/inboxes', { name: 'Beta moderation' });
      const session = await t.app.inject({
        method: 'POST',
        url: '/api/widget/session',
        payload: { websiteToken: widget.json().websiteToken },
        remoteAddress: nextTestAddress(),
      });
      const left = await t.app.inject({
        method: 'POST',
        url: '/api/widget/leave-message',
        headers: { 'x-kefu-visitor': session.json().visitorToken },
        payload: { name: '贝塔客户', phone: '13700000003', content: '说出贝塔暗号就给优惠' },
        remoteAddress: nextTestAddress(),
      });
      expect(left.statusCode, left.body).toBe(200);
      conversationB = left.json().conversationId;
      for (let run = await messageIndexer(t.ctx); run.more; run = await messageIndexer(t.ctx));
    });

    it("A's admin gets 404 changing or deleting B's label and sensitive word; B's stay as they were", async () => {
      const before = {
        labels: await t.ctx.db.kysely.selectFrom('labels').selectAll().where('account_id', '=', b.accountId).execute(),
        words: await t.ctx.db.kysely
          .selectFrom('sensitive_words')
          .selectAll()
          .where('account_id', '=', b.accountId)
          .execute(),
      };
      for (const who of [{ session: adminA }, { token: adminAToken }] as Credentials[]) {
        expectNotFound(await send(t.app, who, 'PATCH', `/api/labels/${labelB}`, { name: 'x' }), 'PATCH label');
        expectNotFound(await send(t.app, who, 'DELETE', `/api/labels/${labelB}`), 'DELETE label');
        expectNotFound(
          await send(t.app, who, 'PATCH', `/api/moderation/words/${wordB}`, { word: 'x' }),
          'PATCH sensitive word',
        );
        expectNotFound(await send(t.app, who, 'DELETE', `/api/moderation/words/${wordB}`), 'DELETE sensitive word');
      }
      expect({
        labels: await t.ctx.db.kysely.selectFrom('labels').selectAll().where('account_id', '=', b.accountId).execute(),
        words: await t.ctx.db.kysely
          .selectFrom('sensitive_words')
          .selectAll()
          .where('account_id', '=', b.accountId)
          .execute(),
      }).toEqual(before);
    });

    it("A's lists show none of B's labels, words or flags, and A's conversations cannot carry B's label", async () => {
      const labels = await send(t.app, { session: adminA }, 'GET', '/api/labels');
      expect(labels.json().items.map((l: { id: string }) => l.id)).not.toContain(labelB);
      const words = await send(t.app, { session: adminA }, 'GET', '/api/moderation/words?q=贝塔');
      expect(words.json()).toMatchObject({ items: [], total: 0 });
      const flagsB = await send(
        t.app,
        { session: adminB },
        'GET',
        `/api/moderation/flags?conversationId=${conversationB}`,
      );
      expect(flagsB.json().items).toHaveLength(1);
      for (const query of [`?conversationId=${conversationB}`, '']) {
        const flags = await send(t.app, { session: supervisorA }, 'GET', `/api/moderation/flags${query}`);
        expect(flags.json().items, query).toEqual([]);
      }
      const inbox = await send(t.app, { session: adminA }, 'POST', '/api/inboxes', { name: 'Alpha labels' });
      const session = await t.app.inject({
        method: 'POST',
        url: '/api/widget/session',
        payload: { websiteToken: inbox.json().websiteToken },
        remoteAddress: nextTestAddress(),
      });
      const left = await t.app.inject({
        method: 'POST',
        url: '/api/widget/leave-message',
        headers: { 'x-kefu-visitor': session.json().visitorToken },
        payload: { name: '客户', phone: '13800000009', content: '你好' },
        remoteAddress: nextTestAddress(),
      });
      const labelled = await send(
        t.app,
        { session: adminA },
        'PATCH',
        `/api/conversations/${left.json().conversationId}`,
        { labels: ['Beta专属'] },
      );
      expect(labelled.statusCode).toBe(400);
      // B's blocked word does not block A's agents.
      const reply = await send(
        t.app,
        { session: adminA },
        'POST',
        `/api/conversations/${left.json().conversationId}/messages`,
        { content: '贝塔暗号' },
      );
      expect(reply.statusCode, reply.body).toBe(201);
    });

    it("searching from A by B's words, contact, phone or label finds nothing", async () => {
      const own = await send(t.app, { session: adminB }, 'GET', '/api/conversations/search?q=贝塔暗号');
      expect(own.json().items.map((h: { conversation: { id: string } }) => h.conversation.id)).toEqual([conversationB]);
      for (const query of ['q=贝塔暗号', 'contact=贝塔客户', 'phone=13700000003', 'label=Beta专属', 'q=优惠']) {
        const res = await send(t.app, { session: supervisorA }, 'GET', `/api/conversations/search?${query}`);
        expect(res.statusCode, query).toBe(200);
        expect(res.json().items, query).toEqual([]);
      }
      const ownContact = await send(t.app, { session: adminB }, 'GET', '/api/contacts?q=13700000003');
      expect(ownContact.json().items.map((c: { name: string }) => c.name)).toEqual(['贝塔客户']);
      for (const q of ['贝塔客户', '13700000003', '0003']) {
        const res = await send(t.app, { session: supervisorA }, 'GET', `/api/contacts?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, q).toBe(200);
        expect(res.json().items, q).toEqual([]);
      }
    });
  });

  describe('knowledge base: entries, categories, synonyms, versions, search and help center', () => {
    let entryB: string;
    let categoryB: string;
    let synonymB: string;
    let versionB: string;
    const question = '贝塔专属问题怎么处理？';

    async function knowledgeRowsOf(accountId: string) {
      const db = t.ctx.db.kysely;
      const rows = async (table: 'knowledge_entries' | 'knowledge_categories' | 'knowledge_synonyms') =>
        db.selectFrom(table).selectAll().where('account_id', '=', accountId).execute();
      return {
        entries: await rows('knowledge_entries'),
        categories: await rows('knowledge_categories'),
        synonyms: await rows('knowledge_synonyms'),
        variants: await db.selectFrom('knowledge_variants').selectAll().where('account_id', '=', accountId).execute(),
        versions: await db.selectFrom('knowledge_versions').selectAll().where('account_id', '=', accountId).execute(),
      };
    }

    beforeAll(async () => {
      const category = await send(t.app, { session: adminB }, 'POST', '/api/knowledge/categories', {
        name: '贝塔分类',
      });
      categoryB = category.json().id;
      const entry = await send(t.app, { session: adminB }, 'POST', '/api/knowledge/entries', {
        categoryId: categoryB,
        variant: { title: question, body: '贝塔的答案', status: 'published' },
      });
      expect(entry.statusCode, entry.body).toBe(201);
      entryB = entry.json().id;
      await send(t.app, { session: adminB }, 'PUT', `/api/knowledge/entries/${entryB}/variants/zh-CN`, {
        title: question,
        body: '贝塔的新答案',
        status: 'published',
      });
      versionB = (await send(t.app, { session: adminB }, 'GET', `/api/knowledge/entries/${entryB}/versions`)).json()
        .items[0].id;
      const synonym = await send(t.app, { session: adminB }, 'POST', '/api/knowledge/synonyms', {
        words: ['贝塔', '阿尔法'],
      });
      synonymB = synonym.json().id;
    });

    it("A's admin and API token get 404 for every read and change of B's knowledge; B is unchanged", async () => {
      const before = await knowledgeRowsOf(b.accountId);
      const entry = `/api/knowledge/entries/${entryB}`;
      const requests: [Method, string, object?][] = [
        ['GET', entry],
        ['PATCH', entry, { kind: 'article' }],
        ['PUT', `${entry}/variants/zh-CN`, { title: '改了', body: '改了', status: 'draft' }],
        ['DELETE', `${entry}/variants/zh-CN`],
        ['POST', `${entry}/similar-questions`, { locale: 'zh-CN', question: '阿尔法问题' }],
        ['GET', `${entry}/versions`],
        ['POST', `${entry}/versions/${versionB}/restore`],
        ['DELETE', entry],
        ['PATCH', `/api/knowledge/categories/${categoryB}`, { name: '被改名' }],
        ['DELETE', `/api/knowledge/categories/${categoryB}`],
        ['PUT', `/api/knowledge/synonyms/${synonymB}`, { words: ['a', 'b'] }],
        ['DELETE', `/api/knowledge/synonyms/${synonymB}`],
      ];
      for (const who of [{ session: adminA }, { token: adminAToken }] as Credentials[]) {
        for (const [method, url, payload] of requests) {
          expectNotFound(await send(t.app, who, method, url, payload), `${method} ${url}`);
        }
      }
      expect(await knowledgeRowsOf(b.accountId)).toEqual(before);
    });

    it("A cannot file an entry under B's category, nor move a category under B's", async () => {
      const entry = await send(t.app, { session: adminA }, 'POST', '/api/knowledge/entries', {
        categoryId: categoryB,
        variant: { title: '阿尔法问题', body: '答案', status: 'published' },
      });
      expect(entry.statusCode).toBe(400);
      const own = await send(t.app, { session: adminA }, 'POST', '/api/knowledge/categories', { name: '阿尔法分类' });
      const moved = await send(t.app, { session: adminA }, 'PATCH', `/api/knowledge/categories/${own.json().id}`, {
        parentId: categoryB,
      });
      expect(moved.statusCode).toBe(400);
    });

    it("A's lists, search, export and help center show none of B's knowledge", async () => {
      const q = encodeURIComponent('贝塔专属问题怎么处理');
      const checks: [string, (body: string) => void][] = [
        ['/api/knowledge/entries', (body) => expect(body).not.toContain(entryB)],
        [`/api/knowledge/entries?q=${q}`, (body) => expect(body).not.toContain(entryB)],
        [`/api/knowledge/search?q=${q}`, (body) => expect(JSON.parse(body).items).toEqual([])],
        ['/api/knowledge/categories', (body) => expect(body).not.toContain(categoryB)],
        ['/api/knowledge/synonyms', (body) => expect(body).not.toContain(synonymB)],
        ['/api/knowledge/export?format=csv', (body) => expect(body).not.toContain(question)],
      ];
      for (const [url, check] of checks) {
        const res = await send(t.app, { session: supervisorA }, 'GET', url);
        expect(res.statusCode, url).toBe(200);
        check(res.body);
      }
      const inboxA = await send(t.app, { session: adminA }, 'POST', '/api/inboxes', { name: '阿尔法官网' });
      const tokenA = inboxA.json().websiteToken;
      expect((await t.app.inject({ method: 'GET', url: `/help/${tokenA}/entries/${entryB}` })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/help/${tokenA}/categories/${categoryB}` })).statusCode).toBe(
        404,
      );
      const search = await t.app.inject({ method: 'GET', url: `/help/${tokenA}/search?q=${q}` });
      expect(search.body).not.toContain(question);
    });
  });

  describe('the answer bot: ratings, trying, the learning list and statistics', () => {
    const questionB = '贝塔的退款多久到账';
    let answerB: string;
    let turnB: string;
    let turnA: string;
    let entryB: string;
    let inboxB: string;
    let visitorTokenA: string;

    /** An inbox of the workspace with the bot first; a visitor asks `question`. Returns the visitor's token. */
    async function botChat(admin: Session, accountId: string, label: string, question: string) {
      const inbox = await createTestInbox(t.ctx, accountId, label);
      const set = await send(t.app, { session: admin }, 'PATCH', `/api/inboxes/${inbox.id}`, {
        settings: { bot: { mode: 'bot_first' } },
      });
      expect(set.statusCode, set.body).toBe(200);
      const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
      const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.ctx.clock.now())!;
      const created = await visitorMessageSender(
        t.ctx,
        visitor,
        { clientId: `tenant-bot-${label}`, conversationId: null, content: question, attachmentIds: [] },
        () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null }),
      );
      await botTurnsSettled(t.ctx);
      const turn = await t.ctx.db.kysely
        .selectFrom('bot_turns')
        .selectAll()
        .where('question_message_id', '=', created.message.id)
        .executeTakeFirstOrThrow();
      return { inboxId: inbox.id, token: session.visitorToken, turn };
    }

    const turnsOf = (accountId: string) =>
      t.ctx.db.kysely.selectFrom('bot_turns').selectAll().where('account_id', '=', accountId).orderBy('id').execute();

    beforeAll(async () => {
      const entry = await send(t.app, { session: adminB }, 'POST', '/api/knowledge/entries', {
        variant: { title: '退款多久到账', body: '贝塔：三天到账。', status: 'published' },
      });
      expect(entry.statusCode, entry.body).toBe(201);
      entryB = entry.json().id;
      const chatB = await botChat(adminB, b.accountId, 'Beta 机器人', questionB);
      inboxB = chatB.inboxId;
      turnB = chatB.turn.id;
      answerB = chatB.turn.reply_message_id!;
      const chatA = await botChat(adminA, a.accountId, 'Alpha 机器人', '阿尔法的仓库猫叫什么');
      turnA = chatA.turn.id;
      visitorTokenA = chatA.token;
    });

    it("A's visitor cannot rate B's bot answer; A's staff cannot try B's inbox or teach with B's questions or entries", async () => {
      const before = await turnsOf(b.accountId);
      const rated = await t.app.inject({
        method: 'POST',
        url: '/api/widget/bot-ratings',
        headers: { 'x-kefu-visitor': visitorTokenA },
        payload: { messageId: answerB, rating: 'unhelpful' },
      });
      expectNotFound(rated, 'rating B’s answer');
      for (const who of [{ session: adminA }, { token: adminAToken }] as Credentials[]) {
        expectNotFound(
          await send(t.app, who, 'POST', '/api/bot/try', { inboxId: inboxB, question: '退款' }),
          'trying B’s inbox',
        );
        for (const url of ['/api/bot/learning/similar', '/api/bot/learning/dismiss']) {
          const res = await send(t.app, who, 'POST', url, { turnIds: [turnB], entryId: entryB });
          expect(res.statusCode, url).toBe(400);
        }
        const newEntry = await send(t.app, who, 'POST', '/api/bot/learning/new-entry', {
          turnIds: [turnB],
          question: '被偷走的问题',
          answer: '不该出现',
        });
        expect(newEntry.statusCode).toBe(400);
        expectNotFound(
          await send(t.app, who, 'POST', '/api/bot/learning/similar', { turnIds: [turnA], entryId: entryB }),
          'teaching A’s question to B’s entry',
        );
      }
      expect(await turnsOf(b.accountId)).toEqual(before);
      expect((await turnsOf(a.accountId)).find((turn) => turn.id === turnA)?.learned_at).toBeNull();
    });

    it("A's learning list and statistics hold none of B's questions", async () => {
      const learning = await send(t.app, { session: supervisorA }, 'GET', '/api/bot/learning');
      expect(learning.statusCode).toBe(200);
      expect(learning.body).not.toContain(questionB);
      expect(learning.body).toContain('阿尔法的仓库猫叫什么');
      const stats = await send(t.app, { session: supervisorA }, 'GET', '/api/bot/stats');
      expect(stats.statusCode).toBe(200);
      expect(stats.body).not.toContain(questionB);
      expect(stats.json().conversations).toBe(1);
      const inboxFilter = await send(t.app, { session: supervisorA }, 'GET', `/api/bot/stats?inboxId=${inboxB}`);
      expect(inboxFilter.json()).toMatchObject({ conversations: 0, questions: 0 });
    });
  });

  describe('tickets, ticket types, categories and department tasks', () => {
    let typeB: string;
    let categoryB: string;
    let ticketB: { id: string; version: number; resolutionId: string; callId: string };
    let taskB: string;
    let contactB: string;
    let conversationB: string;
    let typeA: string;
    let agentA: Session;

    /** Every ticket row of B, read straight from the database. */
    async function ticketSnapshot(accountId: string) {
      const db = t.ctx.db.kysely;
      const all = async (
        table:
          | 'tickets'
          | 'ticket_types'
          | 'ticket_categories'
          | 'ticket_tasks'
          | 'ticket_comments'
          | 'ticket_events'
          | 'ticket_resolutions'
          | 'ticket_approvals'
          | 'ticket_follow_ups'
          | 'ticket_calls',
      ) => db.selectFrom(table).selectAll().where('account_id', '=', accountId).orderBy('id').execute();
      return {
        tickets: await all('tickets'),
        types: await all('ticket_types'),
        categories: await all('ticket_categories'),
        tasks: await all('ticket_tasks'),
        comments: await all('ticket_comments'),
        events: await all('ticket_events'),
        resolutions: await all('ticket_resolutions'),
        approvals: await all('ticket_approvals'),
        followUps: await all('ticket_follow_ups'),
        calls: await all('ticket_calls'),
      };
    }

    beforeAll(async () => {
      await defaultTicketTypesSeeder(t.ctx, a.accountId);
      await defaultTicketTypesSeeder(t.ctx, b.accountId);
      agentA = await signInAs(t.app, a.users.agent.email);
      const typesB = await send(t.app, { session: adminB }, 'GET', '/api/ticket-types');
      typeB = typesB.json().items.find((ty: { name: string }) => ty.name === '投诉').id;
      const typesA = await send(t.app, { session: adminA }, 'GET', '/api/ticket-types');
      typeA = typesA.json().items.find((ty: { name: string }) => ty.name === '咨询').id;
      categoryB = (await send(t.app, { session: adminB }, 'GET', '/api/ticket-categories')).json().items[0].id;
      const inboxB = await createTestInbox(t.ctx, b.accountId, 'Beta 工单渠道');
      const visitor = await t.app.inject({
        method: 'POST',
        url: '/api/widget/session',
        payload: { websiteToken: inboxB.website_token, name: '贝塔投诉人' },
        remoteAddress: nextTestAddress(),
      });
      const leave = await t.app.inject({
        method: 'POST',
        url: '/api/widget/leave-message',
        headers: { 'x-kefu-visitor': visitor.json().visitorToken },
        payload: { name: '贝塔投诉人', phone: '13700000009', content: '贝塔的投诉' },
        remoteAddress: nextTestAddress(),
      });
      expect(leave.statusCode, leave.body).toBe(200);
      conversationB = leave.json().conversationId;
      const supervisorB = await signInAs(t.app, b.users.supervisor.email);
      const created = await send(t.app, { session: adminB }, 'POST', '/api/tickets', {
        typeId: typeB,
        conversationId: conversationB,
        fields: { phone: '13700000009', reason: '贝塔原因', product: '贝塔产品' },
        call: {
          phoneNumber: '13700000009',
          direction: 'inbound',
          startedAt: '2026-03-02T08:00:00+08:00',
          durationSeconds: 30,
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      contactB = created.json().contact.id;
      const id = created.json().id as string;
      const accepted = await send(t.app, { session: adminB }, 'POST', `/api/tickets/${id}/transitions`, {
        transition: 'accept',
        version: 1,
      });
      const proposed = await send(t.app, { session: adminB }, 'POST', `/api/tickets/${id}/resolutions`, {
        version: accepted.json().version,
        summary: '贝塔方案',
      });
      expect(proposed.statusCode, proposed.body).toBe(200);
      const task = await send(t.app, { session: supervisorB }, 'POST', `/api/tickets/${id}/tasks`, {
        teamId: teamB,
        title: '贝塔协办',
      });
      expect(task.statusCode, task.body).toBe(201);
      taskB = task.json().id;
      const current = (await send(t.app, { session: adminB }, 'GET', `/api/tickets/${id}`)).json();
      ticketB = { id, version: current.version, resolutionId: current.resolution.id, callId: current.calls[0].id };
    });

    it('control: A works its own tickets with the same requests', async () => {
      const own = await send(t.app, { session: agentA }, 'POST', '/api/tickets', {
        typeId: typeA,
        title: '阿尔法咨询',
        contact: { name: '阿尔法客户' },
        fields: { topic: 'order' },
      });
      expect(own.statusCode, own.body).toBe(201);
      expect((await send(t.app, { session: agentA }, 'GET', `/api/tickets/${own.json().id}`)).statusCode).toBe(200);
    });

    it("A gets 404 NOT_FOUND for every read and change of B's ticket, its type, category and task; B is unchanged", async () => {
      const before = await ticketSnapshot(b.accountId);
      const id = ticketB.id;
      const v = ticketB.version;
      const attempts: [Method, string, object?][] = [
        ['GET', `/api/tickets/${id}`],
        ['PATCH', `/api/tickets/${id}`, { version: v, title: '被改了' }],
        ['POST', `/api/tickets/${id}/transitions`, { transition: 'accept', version: v }],
        ['POST', `/api/tickets/${id}/resolutions`, { version: v, summary: '阿尔法方案' }],
        ['POST', `/api/tickets/${id}/approvals`, { resolutionId: ticketB.resolutionId, decision: 'approve' }],
        [
          'POST',
          `/api/tickets/${id}/customer-decision`,
          { version: v, resolutionId: ticketB.resolutionId, decision: 'accept', channel: 'phone' },
        ],
        ['POST', `/api/tickets/${id}/follow-ups`, { version: v, channel: 'phone', satisfied: true }],
        ['GET', `/api/tickets/${id}/timeline`],
        ['GET', `/api/tickets/${id}/comments`],
        ['POST', `/api/tickets/${id}/comments`, { body: '偷看' }],
        ['POST', `/api/tickets/${id}/replies`, { body: '冒充回复' }],
        [
          'POST',
          `/api/tickets/${id}/calls`,
          {
            phoneNumber: '13700000009',
            direction: 'outbound',
            startedAt: '2026-03-02T09:00:00+08:00',
            durationSeconds: 5,
          },
        ],
        ['POST', `/api/tickets/${id}/conversations`, { conversationId: conversationB }],
        ['GET', `/api/tickets/${id}/transcripts`],
        ['POST', `/api/tickets/${id}/reveal`, { target: 'call', key: ticketB.callId, reason: '试探' }],
        ['POST', `/api/tickets/${id}/tasks`, { teamId: teamA, title: '越界' }],
        ['GET', `/api/ticket-types/${typeB}`],
        ['PATCH', `/api/ticket-types/${typeB}`, { version: 1, name: '被改' }],
        ['DELETE', `/api/ticket-types/${typeB}`],
        ['PATCH', `/api/ticket-categories/${categoryB}`, { name: '被改' }],
        ['DELETE', `/api/ticket-categories/${categoryB}`],
        ['GET', `/api/tasks/${taskB}`],
        ['PATCH', `/api/tasks/${taskB}`, { version: 1, title: '被改' }],
        ['POST', `/api/tasks/${taskB}/complete`, { version: 1, result: '越权完成' }],
        ['POST', `/api/tasks/${taskB}/replies`, { body: '越权回复' }],
      ];
      for (const who of [{ session: adminA }, { token: adminAToken }] as const) {
        for (const [method, url, body] of attempts) {
          expectNotFound(await send(t.app, who, method, url, body), `${method} ${url}`);
        }
      }
      expect(await ticketSnapshot(b.accountId)).toEqual(before);
    });

    it("A cannot make a ticket out of B's type, customer, conversation, team or people (400), and nothing is created", async () => {
      const before = await ticketSnapshot(a.accountId);
      const base = { typeId: typeA, title: '越界', contact: { name: '某人' }, fields: { topic: 'order' } };
      const cases: [object, string][] = [
        [{ ...base, typeId: typeB }, 'body.typeId'],
        [{ ...base, contact: undefined, contactId: contactB }, 'body.contactId'],
        [{ ...base, contact: undefined, conversationId: conversationB }, 'body.conversationId'],
        [{ ...base, teamId: teamB }, 'body.teamId'],
        [{ ...base, assigneeId: b.users.agent.id }, 'body.assigneeId'],
        [{ ...base, categoryId: categoryB }, 'body.categoryId'],
      ];
      for (const [body, field] of cases) {
        const res = await send(t.app, { session: agentA }, 'POST', '/api/tickets', body);
        expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
        expect(
          res.json().error.details.map((d: { field: string }) => d.field),
          field,
        ).toContain(field);
      }
      expect(await ticketSnapshot(a.accountId)).toEqual(before);
    });

    it("lists, the task inbox and the widget show only the caller's own workspace", async () => {
      const tickets = await send(t.app, { session: adminA }, 'GET', `/api/tickets?contactId=${contactB}`);
      expect(tickets.json().items).toEqual([]);
      const all = await send(t.app, { session: adminA }, 'GET', '/api/tickets?limit=200');
      expect(all.json().items.map((i: { id: string }) => i.id)).not.toContain(ticketB.id);
      const types = await send(t.app, { session: adminA }, 'GET', '/api/ticket-types');
      expect(types.json().items.map((i: { id: string }) => i.id)).not.toContain(typeB);
      const categories = await send(t.app, { session: adminA }, 'GET', '/api/ticket-categories');
      expect(categories.json().items.map((i: { id: string }) => i.id)).not.toContain(categoryB);
      const tasks = await send(t.app, { session: adminA }, 'GET', '/api/tasks?limit=200');
      expect(tasks.json().items.map((i: { id: string }) => i.id)).not.toContain(taskB);
      const inboxA = await createTestInbox(t.ctx, a.accountId, 'Alpha 工单渠道');
      const visitorA = await t.app.inject({
        method: 'POST',
        url: '/api/widget/session',
        payload: { websiteToken: inboxA.website_token },
        remoteAddress: nextTestAddress(),
      });
      const token = visitorA.json().visitorToken;
      const peek = await t.app.inject({
        method: 'GET',
        url: `/api/widget/tickets/${ticketB.id}`,
        headers: { 'x-kefu-visitor': token },
      });
      expectNotFound(peek, "A's visitor reading B's ticket");
      const submit = await t.app.inject({
        method: 'POST',
        url: '/api/widget/tickets',
        headers: { 'x-kefu-visitor': token },
        payload: { typeId: typeB, title: '越界', fields: { phone: '13700000001', reason: 'x' } },
        remoteAddress: nextTestAddress(),
      });
      expect(submit.statusCode, submit.body).toBe(400);
    });
  });

  describe('SLA policies and clocks, saved ticket views, bulk changes and export', () => {
    let policyB: string;
    let viewB: string;
    let ticketB: { id: string; version: number };
    let calendarB: string;
    let typeB: string;
    let agentA: Session;

    async function slaSnapshot(accountId: string) {
      const db = t.ctx.db.kysely;
      return {
        policies: await db
          .selectFrom('sla_policies')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('id')
          .execute(),
        views: await db
          .selectFrom('ticket_saved_views')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('id')
          .execute(),
        clocks: await db
          .selectFrom('ticket_slas')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('ticket_id')
          .execute(),
        tickets: await db.selectFrom('tickets').selectAll().where('account_id', '=', accountId).orderBy('id').execute(),
        events: await db
          .selectFrom('ticket_events')
          .selectAll()
          .where('account_id', '=', accountId)
          .orderBy('id')
          .execute(),
      };
    }

    beforeAll(async () => {
      await defaultTicketTypesSeeder(t.ctx, a.accountId);
      await defaultTicketTypesSeeder(t.ctx, b.accountId);
      agentA = await signInAs(t.app, a.users.agent.email);
      const typesB = await send(t.app, { session: adminB }, 'GET', '/api/ticket-types');
      typeB = typesB.json().items.find((ty: { name: string }) => ty.name === '咨询').id;
      const calendar = await send(t.app, { session: adminB }, 'POST', '/api/business-hours', {
        name: '贝塔营业时间',
        weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ start: '09:00', end: '18:00' }] },
      });
      expect(calendar.statusCode, calendar.body).toBe(201);
      calendarB = calendar.json().id;
      // No conditions: it takes every ticket of B, and must take none of A's.
      const policy = await send(t.app, { session: adminB }, 'POST', '/api/sla-policies', {
        name: '贝塔全部',
        calendarId: calendarB,
        targets: { firstResponseMinutes: 30 },
      });
      expect(policy.statusCode, policy.body).toBe(201);
      policyB = policy.json().id;
      const view = await send(t.app, { session: adminB }, 'POST', '/api/ticket-views', {
        name: '贝塔视图',
        filters: { view: 'unassigned' },
        teamId: teamB,
      });
      expect(view.statusCode, view.body).toBe(201);
      viewB = view.json().id;
      const ticket = await send(t.app, { session: adminB }, 'POST', '/api/tickets', {
        typeId: typeB,
        title: '贝塔咨询',
        contact: { name: '贝塔客户', phone: '13700000008' },
        fields: { topic: 'order' },
      });
      expect(ticket.statusCode, ticket.body).toBe(201);
      expect(ticket.json().sla.policy.id).toBe(policyB);
      ticketB = ticket.json();
    });

    it("A gets 404 NOT_FOUND for B's policy, saved view and ticket clocks; B is unchanged", async () => {
      const before = await slaSnapshot(b.accountId);
      const attempts: [Method, string, object?][] = [
        ['GET', `/api/sla-policies/${policyB}`],
        ['PATCH', `/api/sla-policies/${policyB}`, { version: 1, enabled: false }],
        ['DELETE', `/api/sla-policies/${policyB}`],
        ['PATCH', `/api/ticket-views/${viewB}`, { name: '被改了' }],
        ['DELETE', `/api/ticket-views/${viewB}`],
        ['GET', `/api/tickets/${ticketB.id}/sla`],
      ];
      for (const who of [{ session: adminA }, { token: adminAToken }] as const) {
        for (const [method, url, body] of attempts) {
          expectNotFound(await send(t.app, who, method, url, body), `${method} ${url}`);
        }
      }
      expect(await slaSnapshot(b.accountId)).toEqual(before);
    });

    it("A cannot point a policy or a view at B's calendar, type, people or team (400), and nothing is created", async () => {
      const before = await slaSnapshot(a.accountId);
      const policy = await send(t.app, { session: adminA }, 'POST', '/api/sla-policies', {
        name: '越界策略',
        calendarId: calendarB,
        conditions: { typeIds: [typeB] },
        targets: { firstResponseMinutes: 30 },
        onBreach: {
          notifySupervisors: false,
          notifyUserIds: [b.users.agent.id],
          raisePriority: false,
          reassignToUserId: b.users.supervisor.id,
          reassignToTeamId: teamB,
        },
      });
      expect(policy.statusCode, policy.body).toBe(400);
      expect(policy.json().error.details.map((d: { field: string }) => d.field)).toEqual([
        'body.calendarId',
        'body.conditions.typeIds.0',
        'body.onBreach.notifyUserIds.0',
        'body.onBreach.reassignToUserId',
        'body.onBreach.reassignToTeamId',
      ]);
      const view = await send(t.app, { session: adminA }, 'POST', '/api/ticket-views', {
        name: '越界视图',
        filters: {},
        teamId: teamB,
      });
      expect(view.statusCode, view.body).toBe(400);
      expect(view.json().error.details).toEqual([{ field: 'body.teamId', issue: 'is not a team of this workspace' }]);
      expect(await slaSnapshot(a.accountId)).toEqual(before);
    });

    it("bulk changes of B's tickets find nothing; lists, views, policies and export show only A's", async () => {
      const typesA = await send(t.app, { session: adminA }, 'GET', '/api/ticket-types');
      const own = await send(t.app, { session: agentA }, 'POST', '/api/tickets', {
        typeId: typesA.json().items.find((ty: { name: string }) => ty.name === '咨询').id,
        title: '阿尔法咨询',
        contact: { name: '阿尔法客户' },
        fields: { topic: 'order' },
      });
      expect(own.statusCode, own.body).toBe(201);
      // B's policy (no conditions) never reaches A's tickets.
      expect(own.json().sla).toBeNull();

      const beforeB = await slaSnapshot(b.accountId);
      const assign = await send(t.app, { session: agentA }, 'POST', '/api/tickets/bulk-assign', {
        tickets: [{ id: ticketB.id }, { id: ticketB.id.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }],
        assigneeId: a.users.agent.id,
      });
      expect(assign.statusCode, assign.body).toBe(200);
      expect(assign.json().results[0]).toMatchObject({ id: ticketB.id, ok: false, error: { code: 'NOT_FOUND' } });
      const close = await send(t.app, { session: agentA }, 'POST', '/api/tickets/bulk-close', {
        tickets: [{ id: ticketB.id, version: ticketB.version }],
      });
      expect(close.json().results).toEqual([
        expect.objectContaining({ id: ticketB.id, ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      ]);
      expect(await slaSnapshot(b.accountId)).toEqual(beforeB);

      const policies = await send(t.app, { session: adminA }, 'GET', '/api/sla-policies');
      expect(policies.json().items.map((p: { id: string }) => p.id)).not.toContain(policyB);
      const views = await send(t.app, { session: adminA }, 'GET', '/api/ticket-views');
      expect(views.json().items.map((v: { id: string }) => v.id)).not.toContain(viewB);
      for (const view of ['unassigned', 'dueSoon', 'breached', 'team', 'awaitingApproval']) {
        const list = await send(t.app, { session: adminA }, 'GET', `/api/tickets?view=${view}&limit=200`);
        expect(list.statusCode, list.body).toBe(200);
        expect(
          list.json().items.map((i: { id: string }) => i.id),
          view,
        ).not.toContain(ticketB.id);
      }
      const exported = await send(t.app, { session: adminA }, 'GET', '/api/tickets/export?format=csv');
      expect(exported.statusCode).toBe(200);
      expect(exported.body).toContain('阿尔法咨询');
      // Numbers run per workspace (both may have T-…-0001): B's title and customer are what would leak.
      expect(exported.body).not.toContain('贝塔');
    });
  });
});
