import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { eventually, TestSocket, wsBase } from '../test/testSocket.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
interface Entry {
  id: string;
  name: string;
  role: string;
  status: string;
  teamIds: string[];
}

describe('GET /api/agents: the colleague directory', () => {
  let t: TestApp;
  let w: Workspace;
  let admin: Session;
  let agent: Session;
  let teamId: string;
  let disabledId: string;
  let invitedId: string;
  const opened: TestSocket[] = [];

  const directory = async (session: Session) => {
    const res = await call(t.app, session, 'GET', '/api/agents');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Entry[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'dir');
    await seedWorkspace(t.ctx, 'dirother');
    admin = await signInAs(t.app, w.users.admin.email);
    agent = await signInAs(t.app, w.users.agent.email);
    const team = await call(t.app, admin, 'POST', '/api/teams', {
      name: '售后',
      memberIds: [w.users.agent.id, w.users.supervisor.id, w.users.department.id],
    });
    expect(team.statusCode, team.body).toBe(201);
    teamId = team.json().id;
    const disabled = await call(t.app, admin, 'POST', '/api/users', {
      email: 'gone@dir.test',
      name: '已停用',
      role: 'agent',
      password: 'a-long-password-1',
    });
    disabledId = disabled.json().id;
    expect((await call(t.app, admin, 'POST', `/api/users/${disabledId}/disable`)).statusCode).toBe(200);
    const invited = await call(t.app, admin, 'POST', '/api/users/invite', {
      email: 'soon@dir.test',
      name: '待加入',
      role: 'agent',
    });
    invitedId = invited.json().user.id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  it('lists the active admins, supervisors and agents of the workspace with their teams, and no emails', async () => {
    const items = await directory(agent);
    expect(items).toEqual(
      [
        { id: w.users.admin.id, name: 'dir admin', role: 'admin', status: 'offline', teamIds: [] },
        { id: w.users.agent.id, name: 'dir agent', role: 'agent', status: 'offline', teamIds: [teamId] },
        { id: w.users.supervisor.id, name: 'dir supervisor', role: 'supervisor', status: 'offline', teamIds: [teamId] },
      ]
        // Routing's view of each (presence/): never connected, so offline with the default chat limit.
        .map((entry) => ({ ...entry, presence: 'offline', activeChats: 0, chatLimit: 10 }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    const ids = items.map((i) => i.id);
    for (const hidden of [w.users.department.id, disabledId, invitedId]) expect(ids).not.toContain(hidden);
    expect(JSON.stringify(items)).not.toContain('@');
  });

  it('says who has the console open right now', async () => {
    const supervisor = await signInAs(t.app, w.users.supervisor.email);
    const socket = await TestSocket.connect(`${wsBase(t.app)}/ws/agent?v=1`, {
      headers: { cookie: supervisor.cookie },
    });
    opened.push(socket);
    const online = await directory(admin);
    expect(online.find((i) => i.id === w.users.supervisor.id)?.status).toBe('online');
    // Connecting restored the status the supervisor chose (online, never changed).
    expect(online.find((i) => i.id === w.users.supervisor.id)?.presence).toBe('online');
    expect(online.find((i) => i.id === w.users.agent.id)?.status).toBe('offline');
    await socket.close();
    await eventually(
      async () => (await directory(admin)).find((e) => e.id === w.users.supervisor.id)?.status === 'offline',
      'the supervisor shows offline once their socket has closed',
    );
  });

  it('is closed to department members and to anonymous callers', async () => {
    const department = await signInAs(t.app, w.users.department.email);
    expect((await call(t.app, department, 'GET', '/api/agents')).statusCode).toBe(403);
    expect((await call(t.app, null, 'GET', '/api/agents')).statusCode).toBe(401);
  });
});
