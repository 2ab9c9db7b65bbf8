import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';

interface Team {
  id: string;
  name: string;
  kind: string;
  description: string;
  memberIds: string[];
  createdAt: string;
}

describe('teams', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let admin: Session;
  let agent: Session;

  const teamIdsOf = async (userId: string): Promise<string[]> => {
    const res = await call(t.app, admin, 'GET', `/api/users/${userId}`);
    expect(res.statusCode).toBe(200);
    return res.json().teamIds;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'teams');
    admin = await signInAs(t.app, ws.users.admin.email);
    agent = await signInAs(t.app, ws.users.agent.email);
  });
  afterAll(() => t.close());

  it('creates, lists, reads, changes and deletes a team, keeping memberships in step', async () => {
    const { agent: agentUser, supervisor } = ws.users;
    const created = await call(t.app, admin, 'POST', '/api/teams', {
      name: ' 售前 ',
      description: '商品咨询',
      memberIds: [agentUser.id, supervisor.id, agentUser.id],
    });
    expect(created.statusCode).toBe(201);
    const team = created.json() as Team;
    expect(team).toMatchObject({ name: '售前', kind: 'skill', description: '商品咨询' });
    expect(team.memberIds.sort()).toEqual([agentUser.id, supervisor.id].sort());
    expect(Number.isNaN(Date.parse(team.createdAt))).toBe(false);

    const dept = await call(t.app, admin, 'POST', '/api/teams', { name: '仓库', kind: 'department' });
    expect(dept.statusCode).toBe(201);
    expect(dept.json()).toMatchObject({ kind: 'department', description: '', memberIds: [] });

    // Agents may read teams.
    const listed = await call(t.app, agent, 'GET', '/api/teams');
    expect(listed.statusCode).toBe(200);
    const byName = new Map((listed.json().items as Team[]).map((x) => [x.name, x]));
    expect([...byName.keys()].sort()).toEqual(['仓库', '售前'].sort());
    expect(byName.get('售前')!.memberIds.sort()).toEqual([agentUser.id, supervisor.id].sort());

    const one = await call(t.app, agent, 'GET', `/api/teams/${team.id}`);
    expect(one.statusCode).toBe(200);
    expect({ ...one.json(), memberIds: one.json().memberIds.sort() }).toEqual({
      ...team,
      memberIds: team.memberIds.sort(),
    });

    expect(await teamIdsOf(agentUser.id)).toEqual([team.id]);
    expect(await teamIdsOf(supervisor.id)).toEqual([team.id]);

    // Replace the members: supervisor out, department user in.
    const patched = await call(t.app, admin, 'PATCH', `/api/teams/${team.id}`, {
      name: '售前咨询',
      description: '商品咨询、优惠活动',
      memberIds: [agentUser.id, ws.users.department.id],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      id: team.id,
      name: '售前咨询',
      description: '商品咨询、优惠活动',
      kind: 'skill',
    });
    expect(patched.json().memberIds.sort()).toEqual([agentUser.id, ws.users.department.id].sort());
    expect(await teamIdsOf(supervisor.id)).toEqual([]);
    expect(await teamIdsOf(ws.users.department.id)).toEqual([team.id]);

    // Changing only the description keeps the members.
    const descOnly = await call(t.app, admin, 'PATCH', `/api/teams/${team.id}`, { description: '' });
    expect(descOnly.statusCode).toBe(200);
    expect(descOnly.json().memberIds.sort()).toEqual([agentUser.id, ws.users.department.id].sort());
    expect(descOnly.json().name).toBe('售前咨询');

    // Membership lists in the user list agree.
    const users = await call(t.app, admin, 'GET', '/api/users');
    const agentView = users.json().items.find((u: { id: string }) => u.id === agentUser.id);
    expect(agentView.teamIds).toEqual([team.id]);

    const deleted = await call(t.app, admin, 'DELETE', `/api/teams/${team.id}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ ok: true });
    expect((await call(t.app, admin, 'GET', `/api/teams/${team.id}`)).statusCode).toBe(404);
    expect(await teamIdsOf(agentUser.id)).toEqual([]);
    expect(await teamIdsOf(ws.users.department.id)).toEqual([]);
    const rows = await t.ctx.db.kysely.selectFrom('team_members').selectAll().where('team_id', '=', team.id).execute();
    expect(rows).toEqual([]);
    const remaining = await call(t.app, admin, 'GET', '/api/teams');
    expect((remaining.json().items as Team[]).map((x) => x.name)).toEqual(['仓库']);

    const again = await call(t.app, admin, 'DELETE', `/api/teams/${team.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('NOT_FOUND');
  });

  it('refuses a duplicate team name, on create and on rename', async () => {
    const a = await call(t.app, admin, 'POST', '/api/teams', { name: '售后' });
    expect(a.statusCode).toBe(201);
    const dup = await call(t.app, admin, 'POST', '/api/teams', { name: '售后', kind: 'department' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONFLICT');
    expect(dup.json().error.details).toEqual([expect.objectContaining({ field: 'body.name' })]);

    const b = await call(t.app, admin, 'POST', '/api/teams', { name: '技术支持' });
    expect(b.statusCode).toBe(201);
    const rename = await call(t.app, admin, 'PATCH', `/api/teams/${b.json().id}`, { name: '售后' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('CONFLICT');
    expect((await call(t.app, admin, 'GET', `/api/teams/${b.json().id}`)).json().name).toBe('技术支持');

    // Renaming a team to its own name is not a conflict.
    const same = await call(t.app, admin, 'PATCH', `/api/teams/${a.json().id}`, { name: '售后', kind: 'department' });
    expect(same.statusCode).toBe(200);
    expect(same.json().kind).toBe('department');
  });

  it('refuses unknown members and leaves the team unchanged', async () => {
    const created = await call(t.app, admin, 'POST', '/api/teams', { name: '财务', memberIds: [ws.users.agent.id] });
    expect(created.statusCode).toBe(201);
    const ghost = '01900000-0000-7000-8000-000000000000';
    const bad = await call(t.app, admin, 'PATCH', `/api/teams/${created.json().id}`, {
      name: '财务部',
      memberIds: [ws.users.supervisor.id, ghost],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const after = await call(t.app, admin, 'GET', `/api/teams/${created.json().id}`);
    expect(after.json()).toMatchObject({ name: '财务', memberIds: [ws.users.agent.id] });

    const badCreate = await call(t.app, admin, 'POST', '/api/teams', { name: '幽灵', memberIds: [ghost] });
    expect(badCreate.statusCode).toBe(400);
    const names = (await call(t.app, admin, 'GET', '/api/teams')).json().items.map((x: Team) => x.name);
    expect(names).not.toContain('幽灵');
  });

  it("lists a team's members with names and roles, department users and disabled ones included", async () => {
    const dept = await call(t.app, admin, 'POST', '/api/teams', {
      name: '技术部',
      kind: 'department',
      memberIds: [ws.users.department.id, ws.users.supervisor.id],
    });
    expect(dept.statusCode, dept.body).toBe(201);
    const left = await call(t.app, admin, 'POST', '/api/users', {
      email: 'left@teams.test',
      name: 'teams 已离职',
      role: 'department',
      password: 'correct-horse-battery',
    });
    expect(left.statusCode, left.body).toBe(201);
    await call(t.app, admin, 'PATCH', `/api/teams/${dept.json().id}`, {
      memberIds: [ws.users.department.id, ws.users.supervisor.id, left.json().id],
    });
    expect((await call(t.app, admin, 'POST', `/api/users/${left.json().id}/disable`)).statusCode).toBe(200);

    // Agents pick task owners from it: the agent directory leaves department users out.
    const res = await call(t.app, agent, 'GET', `/api/teams/${dept.json().id}/members`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { id: ws.users.department.id, name: 'teams department', role: 'department', active: true },
      { id: ws.users.supervisor.id, name: 'teams supervisor', role: 'supervisor', active: true },
      { id: left.json().id, name: 'teams 已离职', role: 'department', active: false },
    ]);
    const missing = await call(t.app, agent, 'GET', '/api/teams/01900000-0000-7000-8000-000000000000/members');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('lets only admins change teams', async () => {
    const res = await call(t.app, agent, 'POST', '/api/teams', { name: 'Agents only' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
