import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { demoSeeder } from './demoSeeder.js';
import { type BootstrapResult, generatePassword, workspaceBootstrap } from './workspaceBootstrap.js';

interface TeamView {
  id: string;
  name: string;
  kind: string;
  memberIds: string[];
}
interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  teamIds: string[];
}

describe('first-run bootstrap and demo data', () => {
  let t: TestApp;
  let boot: BootstrapResult;
  let admin: Session;

  const teams = async (): Promise<TeamView[]> => (await call(t.app, admin, 'GET', '/api/teams')).json().items;
  const users = async (): Promise<UserView[]> => (await call(t.app, admin, 'GET', '/api/users')).json().items;

  beforeAll(async () => {
    t = await createTestApp({ adminEmail: 'owner@shop.test' });
    boot = await workspaceBootstrap(t.ctx, '悦家生活旗舰店');
  });
  afterAll(() => t.close());

  it('creates the workspace and an admin who signs in with the printed password', async () => {
    expect(boot.adminEmail).toBe('owner@shop.test');
    expect(boot.adminPassword).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    admin = await signInAs(t.app, boot.adminEmail, boot.adminPassword);
    const session = (await call(t.app, admin, 'GET', '/api/auth/session')).json();
    expect(session.user).toMatchObject({ email: 'owner@shop.test', role: 'admin', name: '管理员', locale: 'zh-CN' });
    expect(session.account).toEqual({ id: boot.accountId, name: '悦家生活旗舰店' });
    expect((await call(t.app, admin, 'GET', '/api/account')).json()).toMatchObject({ timezone: 'Asia/Shanghai' });

    const audit = (await call(t.app, admin, 'GET', '/api/audit-events?action=user.created')).json().items;
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: null,
        actorName: 'system',
        details: { email: 'owner@shop.test', role: 'admin' },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(boot.adminPassword);

    // Bootstrapping again for the same admin is refused rather than making a second one.
    await expect(workspaceBootstrap(t.ctx, 'again')).rejects.toThrow(/already exists/);
  });

  it('generates distinct passwords without look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^[^0O1lIio]{16}$/);
  });

  it('adds the demo teams, departments and staff, who sign in with the same password', async () => {
    const result = await demoSeeder(t.ctx, boot.accountId, boot.adminPassword);
    expect(result.created).toHaveLength(6);

    const byName = new Map((await teams()).map((team) => [team.name, team]));
    expect([...byName.keys()].sort()).toEqual(['仓库', '售前', '售后', '技术支持', '技术部', '财务'].sort());
    for (const name of ['售前', '售后', '技术支持']) expect(byName.get(name)!.kind).toBe('skill');
    for (const name of ['技术部', '仓库', '财务']) expect(byName.get(name)!.kind).toBe('department');

    const staff = new Map((await users()).map((u) => [u.email, u]));
    expect(staff.size).toBe(7);
    const supervisor = staff.get('zhuguan@demo.kefu.local')!;
    expect(supervisor).toMatchObject({ name: '王主管', role: 'supervisor', status: 'active' });
    expect(supervisor.teamIds.sort()).toEqual(
      [byName.get('售前')!.id, byName.get('售后')!.id, byName.get('技术支持')!.id].sort(),
    );
    expect(staff.get('xiaoli@demo.kefu.local')).toMatchObject({
      name: '李晓',
      role: 'agent',
      teamIds: [byName.get('售前')!.id],
    });
    expect(staff.get('jishu@demo.kefu.local')).toMatchObject({
      role: 'department',
      teamIds: [byName.get('技术部')!.id],
    });
    expect(staff.get('cangku@demo.kefu.local')).toMatchObject({
      role: 'department',
      teamIds: [byName.get('仓库')!.id],
    });
    expect(byName.get('售后')!.memberIds.sort()).toEqual(
      [supervisor.id, staff.get('xiaozhang@demo.kefu.local')!.id, staff.get('xiaochen@demo.kefu.local')!.id].sort(),
    );
    expect(byName.get('财务')!.memberIds).toEqual([]);

    const agent = await signInAs(t.app, 'xiaoli@demo.kefu.local', boot.adminPassword);
    expect((await call(t.app, agent, 'GET', '/api/auth/session')).json().user).toMatchObject({
      name: '李晓',
      role: 'agent',
    });
  });

  it('creates nothing new when run again, and keeps changes made since', async () => {
    const teamsBefore = await teams();
    const usersBefore = await users();
    const auditBefore = (await call(t.app, admin, 'GET', '/api/audit-events?action=team.created')).json().items;

    // The admin has since joined 售前 and moved 李晓 out of it.
    const presales = teamsBefore.find((team) => team.name === '售前')!;
    const adminId = usersBefore.find((u) => u.email === 'owner@shop.test')!.id;
    const patched = await call(t.app, admin, 'PATCH', `/api/teams/${presales.id}`, { memberIds: [adminId] });
    expect(patched.statusCode).toBe(200);

    const again = await demoSeeder(t.ctx, boot.accountId, 'some-other-password');
    expect(again.created).toEqual([]);

    const teamsAfter = await teams();
    expect(teamsAfter.map((team) => team.id).sort()).toEqual(teamsBefore.map((team) => team.id).sort());
    expect(teamsAfter.find((team) => team.id === presales.id)!.memberIds).toEqual([adminId]);
    const usersAfter = await users();
    expect(usersAfter.map((u) => u.id).sort()).toEqual(usersBefore.map((u) => u.id).sort());

    // A run that adds nothing records nothing.
    expect((await call(t.app, admin, 'GET', '/api/audit-events?action=team.created')).json().items).toEqual(
      auditBefore,
    );

    // Existing staff keep their password.
    expect(
      (
        await call(t.app, null, 'POST', '/api/auth/login', {
          email: 'xiaozhang@demo.kefu.local',
          password: 'some-other-password',
        })
      ).statusCode,
    ).toBe(401);
    await signInAs(t.app, 'xiaozhang@demo.kefu.local', boot.adminPassword);
  });

  it("never pulls another workspace's demo staff into a second workspace's teams", async () => {
    const ownBefore = await teams();
    const other = await seedWorkspace(t.ctx, 'second');
    const result = await demoSeeder(t.ctx, other.accountId, 'second-demo-password');
    expect(result.created).toEqual([]);
    const otherAdmin = await signInAs(t.app, other.users.admin.email);
    const otherTeams = (await call(t.app, otherAdmin, 'GET', '/api/teams')).json().items as TeamView[];
    expect(otherTeams.map((team) => team.name).sort()).toEqual(
      ['仓库', '售前', '售后', '技术支持', '技术部', '财务'].sort(),
    );
    for (const team of otherTeams) expect(team.memberIds).toEqual([]);
    // The first workspace's teams are untouched.
    expect(await teams()).toEqual(ownBefore);
  });
});
