import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KefuApp } from '../http/kefuApp.js';
import { createTestApp, type Session, seedWorkspace, TEST_PASSWORD, type TestApp } from '../test/testApp.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
type Credentials = { session: Session } | { token: string };
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Each request comes from its own address, so the per-IP sign-in rate limit never interferes. */
let lastAddress = 0;
function nextAddress(): string {
  lastAddress += 1;
  return `10.${(lastAddress >> 16) & 255}.${(lastAddress >> 8) & 255}.${lastAddress & 255}`;
}

async function signIn(app: KefuApp, email: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD },
    remoteAddress: nextAddress(),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'kefu_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `kefu_session=${cookie.value}`, csrfToken: res.json().csrfToken };
}

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
    remoteAddress: nextAddress(),
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
    adminB = await signIn(t.app, b.users.admin.email);
    const createdTeamB = await send(t.app, { session: adminB }, 'POST', '/api/teams', {
      name: 'Beta support',
      memberIds: [b.users.agent.id, b.users.supervisor.id],
    });
    expect(createdTeamB.statusCode).toBe(201);
    teamB = createdTeamB.json().id;
    const tokenB = await send(t.app, { session: adminB }, 'POST', '/api/api-tokens', { name: 'beta admin token' });
    expect(tokenB.statusCode).toBe(201);
    adminBToken = { id: tokenB.json().token.id, secret: tokenB.json().secret };
    const agentB = await signIn(t.app, b.users.agent.email);
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
    adminA = await signIn(t.app, a.users.admin.email);
    supervisorA = await signIn(t.app, a.users.supervisor.email);
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
        remoteAddress: nextAddress(),
      });
      expect(own.statusCode).toBe(200);
      const attackers = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: b.users.agent.email, password: 'taken-over-password' },
        remoteAddress: nextAddress(),
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
});
