import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { eventually, TestSocket, wsBase } from '../test/testSocket.js';
import { createTestInbox } from '../test/testWidget.js';
import { sweepPresence } from './presenceTracker.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
const GRACE = 60_000;

describe('presence and capacity', () => {
  let t: TestApp;
  let w: Workspace;
  let other: Workspace;
  let admin: Session;
  let agent: Session;
  let base: string;
  const sockets: TestSocket[] = [];
  const connect = async (session: Session) => {
    const socket = await TestSocket.connect(`${base}/ws/agent?v=1`, { headers: { cookie: session.cookie } });
    sockets.push(socket);
    return socket;
  };
  const presence = async (session: Session) => {
    const res = await call(t.app, session, 'GET', '/api/profile/presence');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { presence: string; activeChats: number; chatLimit: number; presenceSince: string | null };
  };
  const state = (userId: string) =>
    t.ctx.db.kysely.selectFrom('agent_states').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'presence');
    other = await seedWorkspace(t.ctx, 'presence-other');
    admin = await signInAs(t.app, w.users.admin.email);
    agent = await signInAs(t.app, w.users.agent.email);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = wsBase(t.app);
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  it('an agent sets their own status; an agent who never connected is offline with the default limit', async () => {
    expect(await presence(agent)).toMatchObject({
      presence: 'offline',
      activeChats: 0,
      chatLimit: 10,
      presenceSince: null,
    });
    for (const status of ['busy', 'away', 'online', 'offline'] as const) {
      const res = await call(t.app, agent, 'PUT', '/api/profile/presence', { status });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: w.users.agent.id, presence: status });
      expect((await state(w.users.agent.id)).presence_choice).toBe(status);
    }
    const bad = await call(t.app, agent, 'PUT', '/api/profile/presence', { status: 'sleeping' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.status');
  });

  it('a page reload keeps the status; a disconnect turns the agent offline only after the grace period', async () => {
    await call(t.app, agent, 'PUT', '/api/profile/presence', { status: 'away' });
    const first = await connect(agent);
    expect((await state(w.users.agent.id)).presence).toBe('away');
    // Reload: the socket closes and a new one opens within the grace.
    await first.close();
    await eventually(async () => (await state(w.users.agent.id)).disconnected_at !== null, 'the grace started');
    t.clock.advance(GRACE - 1_000);
    await sweepPresence(t.ctx, GRACE);
    expect((await state(w.users.agent.id)).presence).toBe('away');
    await connect(agent);
    expect(await state(w.users.agent.id)).toMatchObject({ presence: 'away', disconnected_at: null });
    t.clock.advance(GRACE * 5);
    // Still connected (this node refreshed the connection's heartbeat): nothing changes.
    await t.ctx.db.kysely.updateTable('agent_connections').set({ heartbeat_at: t.clock.now() }).execute();
    await sweepPresence(t.ctx, GRACE);
    expect((await state(w.users.agent.id)).presence).toBe('away');

    await sockets.pop()!.close();
    await eventually(async () => (await state(w.users.agent.id)).disconnected_at !== null, 'the grace started');
    t.clock.advance(GRACE);
    await sweepPresence(t.ctx, GRACE);
    expect(await state(w.users.agent.id)).toMatchObject({
      presence: 'offline',
      presence_choice: 'away',
      disconnected_at: null,
    });
    // Coming back restores what the agent chose.
    await connect(agent);
    expect((await state(w.users.agent.id)).presence).toBe('away');
  });

  it('an agent shown present whose node died (no live connection, no grace running) goes offline after the grace', async () => {
    const supervisor = await signInAs(t.app, w.users.supervisor.email);
    await call(t.app, supervisor, 'PUT', '/api/profile/presence', { status: 'online' });
    await sweepPresence(t.ctx, GRACE);
    expect(await state(w.users.supervisor.id)).toMatchObject({ presence: 'online', disconnected_at: t.clock.now() });
    t.clock.advance(GRACE);
    await sweepPresence(t.ctx, GRACE);
    expect((await state(w.users.supervisor.id)).presence).toBe('offline');
  });

  it('the widget offers a chat only while an agent is connected and online (taking chats)', async () => {
    const inbox = await createTestInbox(t.ctx, w.accountId, '在线判断');
    const online = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/widget/session',
        payload: { websiteToken: inbox.website_token },
      });
      return res.json().inbox.agentsOnline as boolean;
    };
    await call(t.app, agent, 'PUT', '/api/profile/presence', { status: 'busy' });
    await connect(agent);
    expect(await online()).toBe(false);
    await call(t.app, agent, 'PUT', '/api/profile/presence', { status: 'online' });
    expect(await online()).toBe(true);
  });

  it('an admin sets an agent’s chat limit, audited; not a department member’s, nor another workspace’s user', async () => {
    const res = await call(t.app, admin, 'PUT', `/api/users/${w.users.agent.id}/chat-limit`, { chatLimit: 6 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: w.users.agent.id, chatLimit: 6 });
    expect((await presence(agent)).chatLimit).toBe(6);
    const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=user.chat_limit_changed');
    expect(audit.json().items[0]).toMatchObject({ targetId: w.users.agent.id, details: { from: 10, to: 6 } });

    const department = await call(t.app, admin, 'PUT', `/api/users/${w.users.department.id}/chat-limit`, {
      chatLimit: 3,
    });
    expect(department.statusCode).toBe(400);
    const foreign = await call(t.app, admin, 'PUT', `/api/users/${other.users.agent.id}/chat-limit`, { chatLimit: 3 });
    expect(foreign.statusCode).toBe(404);
    for (const chatLimit of [0, 101, 2.5]) {
      expect(
        (await call(t.app, admin, 'PUT', `/api/users/${w.users.agent.id}/chat-limit`, { chatLimit })).statusCode,
      ).toBe(400);
    }
    const supervisor = await signInAs(t.app, w.users.supervisor.email);
    expect(
      (await call(t.app, supervisor, 'PUT', `/api/users/${w.users.agent.id}/chat-limit`, { chatLimit: 9 })).statusCode,
    ).toBe(403);
  });

  it('an admin sets a team’s chat limit through the teams routes, audited', async () => {
    const created = await call(t.app, admin, 'POST', '/api/teams', {
      name: '售后',
      memberIds: [w.users.agent.id],
      chatLimit: 20,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ chatLimit: 20 });
    const changed = await call(t.app, admin, 'PATCH', `/api/teams/${created.json().id}`, { chatLimit: null });
    expect(changed.json()).toMatchObject({ chatLimit: null });
    const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=team.updated');
    expect(audit.json().items[0].details).toMatchObject({ chatLimit: { from: 20, to: null } });
    expect((await call(t.app, admin, 'PATCH', `/api/teams/${created.json().id}`, { chatLimit: 0 })).statusCode).toBe(
      400,
    );
  });
});
