import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, TEST_PASSWORD, type TestApp } from '../test/testApp.js';

describe('self-service', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let ipCounter = 0;

  const login = (email: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: `10.2.0.${++ipCounter}`,
    });
  const signIn = async (email: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await login(email, password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kefu_session');
    return { cookie: `kefu_session=${cookie!.value}`, csrfToken: res.json().csrfToken };
  };

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'self');
  });
  afterAll(() => t.close());

  it('changes my password: keeps this session, ends my other sessions, and retires the old password', async () => {
    const email = ws.users.agent.email;
    const here = await signIn(email);
    const elsewhere = await signIn(email);
    const colleague = await signIn(ws.users.supervisor.email);

    const wrong = await call(t.app, here, 'POST', '/api/auth/password', {
      currentPassword: 'not-the-password',
      newPassword: 'a-new-password-1',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('VALIDATION_FAILED');
    expect(wrong.json().error.details).toEqual([expect.objectContaining({ field: 'body.currentPassword' })]);
    // A wrong current password changes nothing.
    expect((await call(t.app, elsewhere, 'GET', '/api/auth/session')).statusCode).toBe(200);

    const newPassword = 'a-new-password-1';
    const changed = await call(t.app, here, 'POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ ok: true });

    expect((await call(t.app, here, 'GET', '/api/auth/session')).statusCode).toBe(200);
    // The current session can still write (its CSRF token still holds).
    expect((await call(t.app, here, 'PATCH', '/api/auth/profile', { locale: 'en' })).statusCode).toBe(200);
    const other = await call(t.app, elsewhere, 'GET', '/api/auth/session');
    expect(other.statusCode).toBe(401);
    expect(other.json().error.code).toBe('UNAUTHENTICATED');
    // Somebody else's session is untouched.
    expect((await call(t.app, colleague, 'GET', '/api/auth/session')).statusCode).toBe(200);

    const old = await login(email, TEST_PASSWORD);
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('INVALID_CREDENTIALS');
    await signIn(email, newPassword);

    const audit = await call(
      t.app,
      await signIn(ws.users.admin.email),
      'GET',
      '/api/audit-events?action=auth.password_changed',
    );
    expect(audit.json().items).toEqual([
      expect.objectContaining({ actorId: ws.users.agent.id, targetId: ws.users.agent.id }),
    ]);
    expect(audit.body).not.toContain(newPassword);
  });

  it('refuses a too-short new password', async () => {
    const session = await signIn(ws.users.supervisor.email);
    const res = await call(t.app, session, 'POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'body.newPassword' })]);
    await signIn(ws.users.supervisor.email, TEST_PASSWORD);
  });

  it('changes my name and language', async () => {
    const session = await signIn(ws.users.department.email);
    const res = await call(t.app, session, 'PATCH', '/api/auth/profile', { name: '  技术部 小刘 ', locale: 'zh-TW' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: ws.users.department.id, name: '技术部 小刘', locale: 'zh-TW' });
    expect(res.json().csrfToken).toBe(session.csrfToken);

    const me = await call(t.app, session, 'GET', '/api/auth/session');
    expect(me.json().user).toMatchObject({ name: '技术部 小刘', locale: 'zh-TW', role: 'department' });

    const onlyLocale = await call(t.app, session, 'PATCH', '/api/auth/profile', { locale: 'en' });
    expect(onlyLocale.json().user).toMatchObject({ name: '技术部 小刘', locale: 'en' });

    const empty = await call(t.app, session, 'PATCH', '/api/auth/profile', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    const badLocale = await call(t.app, session, 'PATCH', '/api/auth/profile', { locale: 'fr' });
    expect(badLocale.statusCode).toBe(400);
    expect(badLocale.json().error.details).toEqual([expect.objectContaining({ field: 'body.locale' })]);

    // Role is not part of the profile: it cannot be raised here.
    const sneaky = await call(t.app, session, 'PATCH', '/api/auth/profile', { name: 'x', role: 'admin' });
    expect(sneaky.statusCode === 400 || sneaky.json().user.role === 'department').toBe(true);
    expect((await call(t.app, session, 'GET', '/api/auth/session')).json().user.role).toBe('department');
  });

  it('requires a session to change the profile or password', async () => {
    const res = await call(t.app, null, 'PATCH', '/api/auth/profile', { locale: 'en' });
    expect(res.statusCode).toBe(401);
    const pw = await call(t.app, null, 'POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'whatever-password',
    });
    expect(pw.statusCode).toBe(401);
  });
});
