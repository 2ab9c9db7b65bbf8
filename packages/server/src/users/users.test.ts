import type { Role } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../http/actor.js';
import {
  call,
  createTestApp,
  type Session,
  seedWorkspace,
  signInAs,
  TEST_PASSWORD,
  type TestApp,
} from '../test/testApp.js';
import { userDisabler } from './userStatusChanger.js';

const DAY = 24 * 3600 * 1000;

describe('users', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let admin: Session;
  let ipCounter = 0;

  /** Each sign-in comes from its own address, so the per-IP sign-in limit never interferes. */
  const login = (email: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: `10.1.0.${++ipCounter}`,
    });
  const sessionOf = (res: Awaited<ReturnType<typeof login>>): Session => {
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kefu_session');
    expect(cookie).toBeDefined();
    return { cookie: `kefu_session=${cookie!.value}`, csrfToken: res.json().csrfToken };
  };
  const createUser = async (email: string, name: string, role: Role, password = TEST_PASSWORD) => {
    const res = await call(t.app, admin, 'POST', '/api/users', { email, name, role, password });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; email: string };
  };
  const invite = async (email: string, name: string, role: Role) => {
    const res = await call(t.app, admin, 'POST', '/api/users/invite', { email, name, role });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { user: { id: string; status: string }; inviteUrl: string };
    const token = body.inviteUrl.split('/invite/')[1]!;
    return { ...body, token };
  };

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'acme');
    admin = await signInAs(t.app, ws.users.admin.email);
  });
  afterAll(() => t.close());

  it('creates a user with a lowercased email, shows only view fields, and refuses a duplicate email', async () => {
    const password = 'initial-password-1';
    const res = await call(t.app, admin, 'POST', '/api/users', {
      email: '  Li.Ming@Acme.TEST ',
      name: '李明',
      role: 'agent',
      password,
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(Object.keys(user).sort()).toEqual(
      ['createdAt', 'email', 'id', 'lastSignInAt', 'locale', 'name', 'role', 'status', 'teamIds'].sort(),
    );
    expect(user).toMatchObject({
      email: 'li.ming@acme.test',
      name: '李明',
      role: 'agent',
      status: 'active',
      locale: 'zh-CN',
      teamIds: [],
      lastSignInAt: null,
    });
    expect(res.body).not.toContain(password);
    expect(res.body).not.toContain('argon2');
    expect(res.body.toLowerCase()).not.toContain('hash');

    const fetched = await call(t.app, admin, 'GET', `/api/users/${user.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(user);
    expect(fetched.body).not.toContain('argon2');

    const listed = await call(t.app, admin, 'GET', '/api/users');
    expect(listed.body).not.toContain('argon2');
    expect(listed.body.toLowerCase()).not.toContain('hash');

    const dup = await call(t.app, admin, 'POST', '/api/users', {
      email: 'LI.MING@acme.test',
      name: 'Someone else',
      role: 'agent',
      password,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('EMAIL_TAKEN');
    expect(dup.json().error.details).toEqual([expect.objectContaining({ field: 'body.email' })]);

    // The new user signs in with the initial password, by any casing of the email.
    const signedIn = await login('Li.Ming@ACME.test', password);
    const session = sessionOf(signedIn);
    const me = await call(t.app, session, 'GET', '/api/auth/session');
    expect(me.json().user).toMatchObject({ id: user.id, email: 'li.ming@acme.test', role: 'agent' });
    const after = await call(t.app, admin, 'GET', `/api/users/${user.id}`);
    expect(after.json().lastSignInAt).toBe(new Date(t.clock.now()).toISOString());
  });

  it('invites a user who sets a name and password through a one-time link', async () => {
    const inv = await invite('Wang.Fang@acme.test', '王芳', 'supervisor');
    expect(inv.user).toMatchObject({ email: 'wang.fang@acme.test', status: 'invited', role: 'supervisor' });
    expect(inv.inviteUrl).toMatch(/^http:\/\/kefu\.test\/invite\/[A-Za-z0-9_-]{20,}$/);

    // The link is shown once: the user as read back does not carry it.
    const read = await call(t.app, admin, 'GET', `/api/users/${inv.user.id}`);
    expect(read.body).not.toContain(inv.token);

    // An invited user has no password yet.
    expect((await login('wang.fang@acme.test', 'anything-at-all')).json().error.code).toBe('INVALID_CREDENTIALS');

    const described = await call(t.app, null, 'GET', `/api/auth/invites/${inv.token}`);
    expect(described.statusCode).toBe(200);
    expect(described.json()).toEqual({ email: 'wang.fang@acme.test', name: '王芳', accountName: 'Workspace acme' });

    const password = 'my-own-password-1';
    const accepted = await call(t.app, null, 'POST', '/api/auth/invites/accept', {
      token: inv.token,
      name: '王芳芳',
      password,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ id: inv.user.id, name: '王芳芳', role: 'supervisor' });
    const cookie = accepted.cookies.find((c) => c.name === 'kefu_session');
    expect(cookie?.httpOnly).toBe(true);
    const session = { cookie: `kefu_session=${cookie!.value}`, csrfToken: accepted.json().csrfToken };
    expect((await call(t.app, session, 'GET', '/api/users')).statusCode).toBe(200);

    const now = await call(t.app, admin, 'GET', `/api/users/${inv.user.id}`);
    expect(now.json()).toMatchObject({ status: 'active', name: '王芳芳' });

    // The token is spent.
    const again = await call(t.app, null, 'POST', '/api/auth/invites/accept', {
      token: inv.token,
      name: 'Mallory',
      password: 'attacker-password',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('INVITE_INVALID');
    expect((await call(t.app, null, 'GET', `/api/auth/invites/${inv.token}`)).json().error.code).toBe('INVITE_INVALID');
    expect((await login('wang.fang@acme.test', 'attacker-password')).statusCode).toBe(401);
    sessionOf(await login('wang.fang@acme.test', password));
  });

  it('lets an invite expire after seven days', async () => {
    const inv = await invite('late@acme.test', 'Late Comer', 'agent');
    t.clock.advance(7 * DAY - 60_000);
    expect((await call(t.app, null, 'GET', `/api/auth/invites/${inv.token}`)).statusCode).toBe(200);
    t.clock.advance(2 * 60_000);
    const described = await call(t.app, null, 'GET', `/api/auth/invites/${inv.token}`);
    expect(described.statusCode).toBe(400);
    expect(described.json().error.code).toBe('INVITE_INVALID');
    const accepted = await call(t.app, null, 'POST', '/api/auth/invites/accept', {
      token: inv.token,
      name: 'Late Comer',
      password: 'too-late-password',
    });
    expect(accepted.statusCode).toBe(400);
    expect(accepted.json().error.code).toBe('INVITE_INVALID');
    expect((await call(t.app, admin, 'GET', `/api/users/${inv.user.id}`)).json().status).toBe('invited');
  });

  it('disabling a user ends their sessions and API tokens at once; enabling does not bring them back', async () => {
    const user = await createUser('zhao@acme.test', '赵六', 'agent');
    const session = sessionOf(await login(user.email, TEST_PASSWORD));
    const created = await call(t.app, session, 'POST', '/api/api-tokens', { name: 'script' });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/teams', headers: bearer })).statusCode).toBe(200);
    expect((await call(t.app, session, 'GET', '/api/teams')).statusCode).toBe(200);

    const disabled = await call(t.app, admin, 'POST', `/api/users/${user.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().status).toBe('disabled');

    const viaCookie = await call(t.app, session, 'GET', '/api/teams');
    expect(viaCookie.statusCode).toBe(401);
    expect(viaCookie.json().error.code).toBe('UNAUTHENTICATED');
    expect((await t.app.inject({ method: 'GET', url: '/api/teams', headers: bearer })).statusCode).toBe(401);

    const refused = await login(user.email, TEST_PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('USER_DISABLED');
    expect(refused.cookies.find((c) => c.name === 'kefu_session')).toBeUndefined();
    expect(
      (await call(t.app, admin, 'GET', '/api/users?status=disabled')).json().items.map((u: { id: string }) => u.id),
    ).toEqual([user.id]);

    const enabled = await call(t.app, admin, 'POST', `/api/users/${user.id}/enable`);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().status).toBe('active');
    // The old session and token stay dead; the user signs in afresh.
    expect((await call(t.app, session, 'GET', '/api/teams')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/teams', headers: bearer })).statusCode).toBe(401);
    const fresh = sessionOf(await login(user.email, TEST_PASSWORD));
    expect((await call(t.app, fresh, 'GET', '/api/teams')).statusCode).toBe(200);
  });

  it('an invite dies with a disable or a password reset, and cannot reuse a taken email', async () => {
    const taken = await call(t.app, admin, 'POST', '/api/users/invite', {
      email: ws.users.agent.email.toUpperCase(),
      name: 'Dup',
      role: 'agent',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('EMAIL_TAKEN');

    const first = await invite('revoked.invite@acme.test', 'Revoked', 'agent');
    expect((await call(t.app, admin, 'POST', `/api/users/${first.user.id}/disable`)).statusCode).toBe(200);
    expect((await call(t.app, null, 'GET', `/api/auth/invites/${first.token}`)).json().error.code).toBe(
      'INVITE_INVALID',
    );
    const accept = await call(t.app, null, 'POST', '/api/auth/invites/accept', {
      token: first.token,
      name: 'Revoked',
      password: 'sneaking-back-in',
    });
    expect(accept.json().error.code).toBe('INVITE_INVALID');
    // Never having set a password, the user cannot simply be enabled.
    const enable = await call(t.app, admin, 'POST', `/api/users/${first.user.id}/enable`);
    expect(enable.statusCode).toBe(409);
    expect((await call(t.app, admin, 'GET', `/api/users/${first.user.id}`)).json().status).toBe('disabled');

    const second = await invite('reset.invite@acme.test', 'Reset', 'agent');
    const reset = await call(t.app, admin, 'POST', `/api/users/${second.user.id}/password`, {
      newPassword: 'handed-over-password',
    });
    expect(reset.statusCode).toBe(200);
    expect((await call(t.app, admin, 'GET', `/api/users/${second.user.id}`)).json().status).toBe('active');
    expect((await call(t.app, null, 'GET', `/api/auth/invites/${second.token}`)).statusCode).toBe(400);
    sessionOf(await login('reset.invite@acme.test', 'handed-over-password'));
  });

  it('an admin cannot disable themselves, and the last active admin cannot be demoted or disabled', async () => {
    const self = await call(t.app, admin, 'POST', `/api/users/${ws.users.admin.id}/disable`);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('FORBIDDEN');

    const demote = await call(t.app, admin, 'PATCH', `/api/users/${ws.users.admin.id}`, { role: 'supervisor' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('LAST_ADMIN');

    // An actor that is not the admin itself (the CLI acts this way) still cannot disable the last one.
    const cli: Actor = {
      userId: '',
      accountId: ws.accountId,
      role: 'admin',
      name: 'cli',
      email: '',
      locale: 'zh-CN',
      via: 'session',
      ip: 'cli',
    };
    await expect(userDisabler(t.ctx, cli, ws.users.admin.id)).rejects.toMatchObject({ code: 'LAST_ADMIN' });

    const me = await call(t.app, admin, 'GET', `/api/users/${ws.users.admin.id}`);
    expect(me.json()).toMatchObject({ role: 'admin', status: 'active' });
    expect((await call(t.app, admin, 'GET', '/api/users')).statusCode).toBe(200);

    // With a second active admin, either may be demoted by the other.
    const second = await createUser('second.admin@acme.test', 'Second Admin', 'admin');
    const ok = await call(t.app, admin, 'PATCH', `/api/users/${second.id}`, { role: 'agent' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().role).toBe('agent');
  });

  it('changes a role, takes effect on the live session, and records it', async () => {
    const user = await createUser('promote@acme.test', 'Promote Me', 'agent');
    const session = sessionOf(await login(user.email, TEST_PASSWORD));
    expect((await call(t.app, session, 'GET', '/api/users')).statusCode).toBe(403);

    const changed = await call(t.app, admin, 'PATCH', `/api/users/${user.id}`, { role: 'supervisor' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().role).toBe('supervisor');
    expect((await call(t.app, admin, 'GET', `/api/users/${user.id}`)).json().role).toBe('supervisor');
    expect((await call(t.app, session, 'GET', '/api/users')).statusCode).toBe(200);

    const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=user.role_changed');
    const event = audit.json().items.find((e: { targetId: string }) => e.targetId === user.id);
    expect(event).toMatchObject({
      actorId: ws.users.admin.id,
      targetType: 'user',
      details: { from: 'agent', to: 'supervisor' },
    });
  });

  it("an admin's password reset ends the user's sessions, replaces the password and lifts a lock-out", async () => {
    const user = await createUser('forgetful@acme.test', 'Forgetful', 'agent');
    const session = sessionOf(await login(user.email, TEST_PASSWORD));
    for (let i = 0; i < 5; i++) {
      expect((await login(user.email, 'not-my-password')).json().error.code).toBe('INVALID_CREDENTIALS');
    }
    expect((await login(user.email, TEST_PASSWORD)).json().error.code).toBe('ACCOUNT_LOCKED');

    const newPassword = 'brand-new-password-2';
    const reset = await call(t.app, admin, 'POST', `/api/users/${user.id}/password`, { newPassword });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toEqual({ ok: true });

    expect((await call(t.app, session, 'GET', '/api/teams')).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).json().error.code).toBe('INVALID_CREDENTIALS');
    const fresh = sessionOf(await login(user.email, newPassword));
    expect((await call(t.app, fresh, 'GET', '/api/teams')).statusCode).toBe(200);

    const short = await call(t.app, admin, 'POST', `/api/users/${user.id}/password`, { newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details).toEqual([expect.objectContaining({ field: 'body.newPassword' })]);
  });

  it('filters the list by text (Chinese names, email fragments), role and status', async () => {
    const chen = await createUser('chen_jing@acme.test', '陈静', 'agent');
    const chenLei = await createUser('lei@acme.test', '陈磊', 'supervisor');
    const percent = await createUser('hundred@acme.test', 'Hundred Percent', 'department');
    const pending = await invite('pending@acme.test', 'Pending Person', 'agent');

    const ids = async (query: string) => {
      const res = await call(t.app, admin, 'GET', `/api/users${query}`);
      expect(res.statusCode).toBe(200);
      return (res.json().items as { id: string }[]).map((u) => u.id).sort();
    };

    expect(await ids(`?q=${encodeURIComponent('陈')}`)).toEqual([chen.id, chenLei.id].sort());
    expect(await ids(`?q=${encodeURIComponent('陈静')}`)).toEqual([chen.id]);
    expect(await ids(`?q=${encodeURIComponent(' 磊 ')}`)).toEqual([chenLei.id]);
    expect(await ids('?q=HUNDRED')).toEqual([percent.id]);
    expect(await ids('?q=chen_jing')).toEqual([chen.id]);
    // LIKE wildcards in the search text are literal characters.
    expect(await ids(`?q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await ids('?q=_')).toEqual([chen.id]);
    expect(await ids(`?q=${encodeURIComponent('陈')}&role=supervisor`)).toEqual([chenLei.id]);

    const agents = await call(t.app, admin, 'GET', '/api/users?role=agent');
    expect(agents.json().items.length).toBeGreaterThan(0);
    expect(agents.json().items.every((u: { role: string }) => u.role === 'agent')).toBe(true);
    expect(agents.json().items.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([chen.id, pending.user.id, ws.users.agent.id]),
    );

    const invited = await call(t.app, admin, 'GET', '/api/users?status=invited');
    expect(invited.json().items.every((u: { status: string }) => u.status === 'invited')).toBe(true);
    expect(invited.json().items.map((u: { id: string }) => u.id)).toContain(pending.user.id);
    expect(await ids('?status=invited&q=pending')).toEqual([pending.user.id]);

    const bad = await call(t.app, admin, 'GET', '/api/users?role=owner');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
