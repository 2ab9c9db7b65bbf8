import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, TEST_PASSWORD, type TestApp } from '../test/testApp.js';

interface AuditEvent {
  id: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

const SIGN_IN_IP = '198.51.100.23';

describe('audit log', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let admin: Session;
  /** Every secret this file hands to the server; none may appear in the audit log. */
  const secrets: string[] = [TEST_PASSWORD];

  const login = (email: string, password: string, ip = SIGN_IN_IP) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

  const all = async (query = ''): Promise<AuditEvent[]> => {
    const res = await call(t.app, admin, 'GET', `/api/audit-events?limit=200${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };
  const one = async (action: string, targetId?: string): Promise<AuditEvent> => {
    const events = (await all(`&action=${action}`)).filter((e) => targetId === undefined || e.targetId === targetId);
    expect(events.length, `events for ${action}`).toBeGreaterThan(0);
    return events[0]!;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'audit');
    const res = await login(ws.users.admin.email, TEST_PASSWORD, '198.51.100.1');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kefu_session')!.value;
    secrets.push(cookie);
    admin = { cookie: `kefu_session=${cookie}`, csrfToken: res.json().csrfToken };
  });
  afterAll(() => t.close());

  it('records sign-ins, failed sign-ins and lock-outs with the address and the user', async () => {
    const { agent, supervisor } = ws.users;
    expect((await login(agent.email, TEST_PASSWORD)).statusCode).toBe(200);
    const signIn = await one('auth.sign_in', agent.id);
    expect(signIn).toMatchObject({ actorId: agent.id, actorName: 'audit agent', targetType: 'user', ip: SIGN_IN_IP });

    const wrong = 'wrong-password-123';
    secrets.push(wrong);
    for (let i = 0; i < 5; i++) expect((await login(supervisor.email, wrong)).statusCode).toBe(401);
    const failures = (await all('&action=auth.sign_in_failed')).filter((e) => e.targetId === supervisor.id);
    expect(failures).toHaveLength(5);
    for (const f of failures) expect(f).toMatchObject({ actorId: null, targetType: 'user', ip: SIGN_IN_IP });
    expect(failures.map((f) => f.details.failures).sort()).toEqual([1, 2, 3, 4, 5]);

    const locked = await one('auth.locked', supervisor.id);
    expect(locked).toMatchObject({ targetType: 'user', ip: SIGN_IN_IP, details: { minutes: 15 } });

    // The admin's own sign-in in beforeAll came from another address.
    const adminSignIn = await one('auth.sign_in', ws.users.admin.id);
    expect(adminSignIn.ip).toBe('198.51.100.1');
  });

  it('records user, team, token and workspace changes with actor, address and target', async () => {
    const adminId = ws.users.admin.id;
    const byAdmin = { actorId: adminId, actorName: 'audit admin', ip: '127.0.0.1' };

    const password = 'created-user-password';
    secrets.push(password);
    const created = await call(t.app, admin, 'POST', '/api/users', {
      email: 'new.hire@audit.test',
      name: '新同事',
      role: 'agent',
      password,
    });
    expect(created.statusCode).toBe(201);
    const userId = created.json().id;
    expect(await one('user.created', userId)).toMatchObject({
      ...byAdmin,
      targetType: 'user',
      details: { email: 'new.hire@audit.test', role: 'agent' },
    });

    expect((await call(t.app, admin, 'PATCH', `/api/users/${userId}`, { role: 'supervisor' })).statusCode).toBe(200);
    expect(await one('user.role_changed', userId)).toMatchObject({
      ...byAdmin,
      targetType: 'user',
      details: { from: 'agent', to: 'supervisor' },
    });

    expect((await call(t.app, admin, 'POST', `/api/users/${userId}/disable`)).statusCode).toBe(200);
    expect(await one('user.disabled', userId)).toMatchObject({ ...byAdmin, targetType: 'user' });

    const invited = await call(t.app, admin, 'POST', '/api/users/invite', {
      email: 'invitee@audit.test',
      name: 'Invitee',
      role: 'agent',
    });
    expect(invited.statusCode).toBe(201);
    secrets.push(invited.json().inviteUrl.split('/invite/')[1]);
    expect(await one('user.invited', invited.json().user.id)).toMatchObject({ ...byAdmin, targetType: 'user' });

    const reset = 'reset-password-4567';
    secrets.push(reset);
    const resetRes = await call(t.app, admin, 'POST', `/api/users/${ws.users.agent.id}/password`, {
      newPassword: reset,
    });
    expect(resetRes.statusCode).toBe(200);
    expect(await one('user.password_reset', ws.users.agent.id)).toMatchObject({ ...byAdmin, targetType: 'user' });

    const team = await call(t.app, admin, 'POST', '/api/teams', { name: '售前', memberIds: [ws.users.agent.id] });
    expect(team.statusCode).toBe(201);
    const teamId = team.json().id;
    expect(await one('team.created', teamId)).toMatchObject({
      ...byAdmin,
      targetType: 'team',
      details: { name: '售前', memberIds: [ws.users.agent.id] },
    });
    expect((await call(t.app, admin, 'PATCH', `/api/teams/${teamId}`, { name: '售前咨询' })).statusCode).toBe(200);
    expect(await one('team.updated', teamId)).toMatchObject({
      ...byAdmin,
      targetType: 'team',
      details: { name: { from: '售前', to: '售前咨询' } },
    });
    expect((await call(t.app, admin, 'DELETE', `/api/teams/${teamId}`)).statusCode).toBe(200);
    expect(await one('team.deleted', teamId)).toMatchObject({
      ...byAdmin,
      targetType: 'team',
      details: { name: '售前咨询' },
    });

    const token = await call(t.app, admin, 'POST', '/api/api-tokens', { name: '报表脚本' });
    expect(token.statusCode).toBe(201);
    const tokenId = token.json().token.id;
    secrets.push(token.json().secret);
    expect(await one('api_token.created', tokenId)).toMatchObject({
      ...byAdmin,
      targetType: 'api_token',
      details: { name: '报表脚本' },
    });
    expect((await call(t.app, admin, 'DELETE', `/api/api-tokens/${tokenId}`)).statusCode).toBe(200);
    expect(await one('api_token.revoked', tokenId)).toMatchObject({ ...byAdmin, targetType: 'api_token' });

    expect((await call(t.app, admin, 'PATCH', '/api/account', { name: '悦家客服' })).statusCode).toBe(200);
    expect(await one('account.updated', ws.accountId)).toMatchObject({
      ...byAdmin,
      targetType: 'account',
      details: { name: { from: 'Workspace audit', to: '悦家客服' } },
    });
  });

  it('keeps passwords, session cookies, invite links and token secrets out of every event', async () => {
    const events = await all();
    expect(events.length).toBeGreaterThan(10);
    const json = JSON.stringify(events);
    for (const secret of secrets) expect(json).not.toContain(secret);
    const rows = await t.ctx.db.kysely.selectFrom('audit_events').select('details').execute();
    const raw = JSON.stringify(rows);
    for (const secret of secrets) expect(raw).not.toContain(secret);
    expect(raw).not.toContain('argon2');
  });

  it('filters by action, actor and time, and pages with a cursor', async () => {
    const actions = await all('&action=auth.sign_in');
    expect(actions.length).toBeGreaterThan(1);
    expect(actions.every((e) => e.action === 'auth.sign_in')).toBe(true);

    const byActor = await all(`&actorId=${ws.users.admin.id}`);
    expect(byActor.length).toBeGreaterThan(5);
    expect(byActor.every((e) => e.actorId === ws.users.admin.id)).toBe(true);
    const everything = await all();
    expect(everything.filter((e) => e.actorId === ws.users.admin.id)).toEqual(byActor);

    // Time window: events after a clock jump are separable from those before.
    const before = everything.length;
    t.clock.advance(3600_000);
    const windowStart = new Date(t.clock.now()).toISOString();
    expect((await call(t.app, admin, 'PATCH', '/api/account', { locale: 'en' })).statusCode).toBe(200);
    t.clock.advance(60_000);
    expect((await call(t.app, admin, 'PATCH', '/api/account', { locale: 'zh-CN' })).statusCode).toBe(200);
    const inWindow = await all(`&from=${encodeURIComponent(windowStart)}`);
    expect(inWindow.map((e) => e.details)).toEqual([
      { locale: { from: 'en', to: 'zh-CN' } },
      { locale: { from: 'zh-CN', to: 'en' } },
    ]);
    const firstOnly = await all(
      `&from=${encodeURIComponent(windowStart)}&to=${encodeURIComponent(new Date(Date.parse(windowStart) + 1000).toISOString())}`,
    );
    expect(firstOnly.map((e) => e.details)).toEqual([{ locale: { from: 'zh-CN', to: 'en' } }]);
    const earlier = await all(`&to=${encodeURIComponent(new Date(Date.parse(windowStart) - 1).toISOString())}`);
    expect(earlier).toHaveLength(before);
    // Offsets other than Z are understood.
    const shanghai = new Date(Date.parse(windowStart) + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect(await all(`&from=${encodeURIComponent(shanghai)}`)).toHaveLength(2);

    // Newest first, and walking the cursor visits every event exactly once.
    const full = await all();
    const times = full.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(t.app, admin, 'GET', `/api/audit-events?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: AuditEvent[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(full.map((e) => e.id));
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(full.length / 4));

    const filteredPage = await call(t.app, admin, 'GET', '/api/audit-events?action=auth.sign_in_failed&limit=2');
    const p1 = filteredPage.json();
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).toBe(p1.items[1].id);
    const p2 = (
      await call(t.app, admin, 'GET', `/api/audit-events?action=auth.sign_in_failed&limit=2&cursor=${p1.nextCursor}`)
    ).json();
    expect(p2.items.every((e: AuditEvent) => e.action === 'auth.sign_in_failed')).toBe(true);
    expect(p2.items.map((e: AuditEvent) => e.id)).not.toContain(p1.items[0].id);
  });

  it('is for admins only, and rejects bad filters', async () => {
    const res = await login(ws.users.department.email, TEST_PASSWORD, '198.51.100.2');
    const dept = { cookie: `kefu_session=${res.cookies.find((c) => c.name === 'kefu_session')!.value}`, csrfToken: '' };
    expect((await call(t.app, dept, 'GET', '/api/audit-events')).statusCode).toBe(403);
    const bad = await call(t.app, admin, 'GET', '/api/audit-events?action=user.exploded');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'querystring.action' })]);
    const badTime = await call(t.app, admin, 'GET', '/api/audit-events?from=yesterday');
    expect(badTime.statusCode).toBe(400);
  });
});
