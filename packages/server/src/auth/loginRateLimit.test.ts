import { LIMITS } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedWorkspace, TEST_PASSWORD, type TestApp } from '../test/testApp.js';

describe('sign-in rate limit per IP', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'rl');
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string, ip: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

  it('answers 429 RATE_LIMITED after too many attempts from one address, whatever the emails', async () => {
    const ip = '203.0.113.7';
    const max = LIMITS.loginAttemptsPerIpPerMinute;
    expect(max).toBe(20);
    for (let i = 0; i < max; i++) {
      // Unknown emails: no user is ever locked out, so only the per-IP limit can stop these.
      const res = await attempt(`nobody${i}@rl.test`, 'wrong-password', ip);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const limited = await attempt(`nobody-else@rl.test`, 'wrong-password', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/json/);
    expect(limited.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.any(String), details: expect.anything() },
    });
    expect(limited.json().error.message.length).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Even the right password from that address is held back.
    const right = await attempt(ws.users.agent.email, TEST_PASSWORD, ip);
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('RATE_LIMITED');
    expect(right.cookies.find((c) => c.name === 'kefu_session')).toBeUndefined();

    // Another address is not affected.
    const other = await attempt(ws.users.agent.email, TEST_PASSWORD, '203.0.113.8');
    expect(other.statusCode).toBe(200);
  });
});
