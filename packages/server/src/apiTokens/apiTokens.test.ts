import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';

const DAY = 24 * 3600 * 1000;

describe('personal API tokens', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let admin: Session;
  let agent: Session;

  const bearer = (secret: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${secret}` },
      ...(payload === undefined ? {} : { payload }),
    });
  const createToken = async (session: Session, body: object) => {
    const res = await call(t.app, session, 'POST', '/api/api-tokens', body);
    expect(res.statusCode).toBe(201);
    return res.json() as {
      token: { id: string; name: string; prefix: string; expiresAt: string | null };
      secret: string;
    };
  };

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'tok');
    admin = await signInAs(t.app, ws.users.admin.email);
    agent = await signInAs(t.app, ws.users.agent.email);
  });
  afterAll(() => t.close());

  it('shows the secret once and stores only its keyed sha256 hash', async () => {
    const created = await createToken(agent, { name: 'CRM 同步' });
    expect(created.secret).toMatch(/^kefu_pat_[A-Za-z0-9_-]{40,}$/);
    expect(created.token).toMatchObject({ name: 'CRM 同步', expiresAt: null, lastUsedAt: null });
    expect(created.secret.startsWith(created.token.prefix)).toBe(true);
    expect(created.token.prefix.length).toBeLessThan(created.secret.length / 2);

    const list = await call(t.app, agent, 'GET', '/api/api-tokens');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([created.token]);
    expect(list.body).not.toContain(created.secret);
    expect(list.body).not.toContain('secret');

    const row = await t.ctx.db.kysely
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.token.id)
      .executeTakeFirstOrThrow();
    // Only a keyed SHA-256 (HMAC with KEFU_SECRET) is stored: neither the secret nor a plain hash of it.
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).toBe(createHmac('sha256', t.ctx.config.secret).update(created.secret).digest('hex'));
    expect(row.token_hash).not.toBe(createHash('sha256').update(created.secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(row.user_id).toBe(ws.users.agent.id);

    // Other users do not see it.
    const adminList = await call(t.app, admin, 'GET', '/api/api-tokens');
    expect(adminList.json().items.map((x: { id: string }) => x.id)).not.toContain(created.token.id);
  });

  it('authenticates reads and writes by Bearer token, without a CSRF header, as the owner', async () => {
    const { secret, token } = await createToken(admin, { name: 'admin script' });
    const read = await bearer(secret, 'GET', '/api/users');
    expect(read.statusCode).toBe(200);
    expect(read.json().items.length).toBe(4);

    const write = await bearer(secret, 'POST', '/api/teams', { name: '由令牌创建' });
    expect(write.statusCode).toBe(201);
    const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=team.created');
    expect(audit.json().items[0]).toMatchObject({ actorId: ws.users.admin.id, targetId: write.json().id });

    const listed = await call(t.app, admin, 'GET', '/api/api-tokens');
    const seen = listed.json().items.find((x: { id: string }) => x.id === token.id);
    expect(seen.lastUsedAt).toBe(new Date(t.clock.now()).toISOString());

    // A token carries its owner's role: an agent's token cannot manage users.
    const agentToken = await createToken(agent, { name: 'agent script' });
    const forbidden = await bearer(agentToken.secret, 'POST', '/api/users', {
      email: 'x@tok.test',
      name: 'x',
      role: 'admin',
      password: 'password-long-enough',
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');

    for (const header of ['Bearer kefu_pat_not-a-real-token', 'Bearer something-else', 'Basic abc']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/users', headers: { authorization: header } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('honours the expiry', async () => {
    const { secret, token } = await createToken(agent, { name: 'short-lived', expiresInDays: 2 });
    expect(token.expiresAt).toBe(new Date(t.clock.now() + 2 * DAY).toISOString());
    expect((await bearer(secret, 'GET', '/api/teams')).statusCode).toBe(200);
    t.clock.advance(2 * DAY - 60_000);
    expect((await bearer(secret, 'GET', '/api/teams')).statusCode).toBe(200);
    t.clock.advance(60_000);
    const expired = await bearer(secret, 'GET', '/api/teams');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('revokes a token: it stops working and leaves the list', async () => {
    const { secret, token } = await createToken(agent, { name: 'to revoke' });
    expect((await bearer(secret, 'GET', '/api/teams')).statusCode).toBe(200);
    const revoked = await call(t.app, agent, 'DELETE', `/api/api-tokens/${token.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual({ ok: true });
    const after = await bearer(secret, 'GET', '/api/teams');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    const list = await call(t.app, agent, 'GET', '/api/api-tokens');
    expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(token.id);
    expect((await call(t.app, agent, 'DELETE', `/api/api-tokens/${token.id}`)).statusCode).toBe(404);
  });

  it("nobody, not even an admin, can revoke another user's token", async () => {
    const { secret, token } = await createToken(agent, { name: 'mine only' });
    const supervisor = await signInAs(t.app, ws.users.supervisor.email);
    for (const session of [admin, supervisor]) {
      const res = await call(t.app, session, 'DELETE', `/api/api-tokens/${token.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    // Nor with a token of their own.
    const adminToken = await createToken(admin, { name: 'admin bearer' });
    expect((await bearer(adminToken.secret, 'DELETE', `/api/api-tokens/${token.id}`)).statusCode).toBe(404);
    expect((await bearer(secret, 'GET', '/api/teams')).statusCode).toBe(200);
    const row = await t.ctx.db.kysely
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });

  it('refuses a token for roles without API access and invalid bodies', async () => {
    const department = await signInAs(t.app, ws.users.department.email);
    const res = await call(t.app, department, 'POST', '/api/api-tokens', { name: 'nope' });
    expect(res.statusCode).toBe(403);
    const bad = await call(t.app, agent, 'POST', '/api/api-tokens', { name: 'x', expiresInDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'body.expiresInDays' })]);
  });
});
