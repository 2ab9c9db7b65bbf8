import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, seedWorkspace, signInAs, TEST_PASSWORD, type TestApp } from '../test/testApp.js';

describe('sign-in', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'acme');
  });
  afterAll(() => t.close());

  it('signs in, reads the session, and signs out', async () => {
    const session = await signInAs(t.app, ws.users.agent.email);
    const me = await call(t.app, session, 'GET', '/api/auth/session');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: ws.users.agent.email, role: 'agent' });
    expect((await call(t.app, session, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await call(t.app, session, 'GET', '/api/auth/session')).json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a cookie-authenticated write without the CSRF header', async () => {
    const session = await signInAs(t.app, ws.users.admin.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: session.cookie },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('locks the user after five wrong passwords, even with the right one, until the lock expires', async () => {
    const email = ws.users.supervisor.email;
    for (let i = 0; i < 5; i++) {
      const res = await call(t.app, null, 'POST', '/api/auth/login', { email, password: 'wrong-password' });
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await call(t.app, null, 'POST', '/api/auth/login', { email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(16 * 60_000);
    expect((await call(t.app, null, 'POST', '/api/auth/login', { email, password: TEST_PASSWORD })).statusCode).toBe(
      200,
    );
  });
});
