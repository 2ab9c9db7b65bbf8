import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { AppContext } from '../context.js';
import { LocalEventBus } from '../realtime/events.js';
import {
  call,
  createTestApp,
  seedWorkspace,
  signInAs,
  TEST_PASSWORD,
  type TestApp,
  testConfig,
} from '../test/testApp.js';
import { TestClock } from '../test/testClock.js';
import { createTestDatabase } from '../test/testDatabase.js';

describe('operations endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('exposes Prometheus metrics with request durations by route', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    await t.app.inject({ method: 'GET', url: '/api/users' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('# TYPE kefu_http_request_duration_seconds histogram');
    expect(res.body).toMatch(
      /kefu_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*status="200"[^}]*\} [1-9]/,
    );
    expect(res.body).toMatch(
      /kefu_http_request_duration_seconds_count\{[^}]*route="\/api\/users"[^}]*status="401"[^}]*\} 1/,
    );
    expect(res.body).toContain('kefu_process_cpu_user_seconds_total');
  });

  it('serves the OpenAPI document at /api/docs/json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Kefu API');
    for (const path of [
      '/api/users',
      '/api/users/{id}',
      '/api/users/invite',
      '/api/teams',
      '/api/teams/{id}',
      '/api/auth/login',
      '/api/api-tokens',
      '/api/audit-events',
      '/api/account',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(Object.keys(doc.paths['/api/users'])).toEqual(expect.arrayContaining(['get', 'post']));
    const createUser = doc.paths['/api/users'].post.requestBody.content['application/json'].schema;
    expect(createUser.required).toEqual(expect.arrayContaining(['email', 'name', 'role', 'password']));
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
      apiToken: { type: 'http', scheme: 'bearer' },
    });
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });

  it('reports 503 SERVICE_UNAVAILABLE from /readyz when the database is gone', async () => {
    const broken = await createTestApp();
    try {
      await broken.ctx.db.close();
      const res = await broken.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { database: 'down' } });
      // Liveness does not depend on the database.
      expect((await broken.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await broken.close().catch(() => {});
    }
  });
});

describe('request log', () => {
  const lines: string[] = [];
  let ctx: AppContext;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let dropDb: () => Promise<void>;

  beforeAll(async () => {
    const testDb = await createTestDatabase();
    dropDb = testDb.drop;
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    ctx = {
      config: testConfig(testDb.database, { logLevel: 'trace' }),
      db: testDb.db,
      clock: new TestClock(),
      log: pino({ level: 'silent' }),
      bus: new LocalEventBus(),
    };
    app = await buildApp(ctx, { logStream: sink });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await dropDb();
  });

  it('holds no passwords, session cookies, CSRF tokens, invite or API token secrets, or emails', async () => {
    const ws = await seedWorkspace(ctx, 'logs');
    const admin = await signInAs(app, ws.users.admin.email);
    const wrong = await call(app, null, 'POST', '/api/auth/login', {
      email: ws.users.agent.email,
      password: 'a-wrong-password-9',
    });
    expect(wrong.statusCode).toBe(401);

    const inviteeEmail = 'invitee.person@logs.test';
    const invited = await call(app, admin, 'POST', '/api/users/invite', {
      email: inviteeEmail,
      name: 'Invitee',
      role: 'agent',
    });
    expect(invited.statusCode).toBe(201);
    const inviteToken = invited.json().inviteUrl.split('/invite/')[1] as string;
    expect((await call(app, null, 'GET', `/api/auth/invites/${inviteToken}`)).statusCode).toBe(200);
    const invitePassword = 'invitee-chosen-password';
    const accepted = await call(app, null, 'POST', '/api/auth/invites/accept', {
      token: inviteToken,
      name: 'Invitee',
      password: invitePassword,
    });
    expect(accepted.statusCode).toBe(200);
    const inviteeCookie = accepted.cookies.find((c) => c.name === 'kefu_session')!.value;

    const created = await call(app, admin, 'POST', '/api/users', {
      email: 'created.person@logs.test',
      name: 'Created',
      role: 'agent',
      password: 'created-person-password',
    });
    expect(created.statusCode).toBe(201);
    const newPassword = 'reset-to-this-password';
    await call(app, admin, 'POST', `/api/users/${created.json().id}/password`, { newPassword });

    const token = await call(app, admin, 'POST', '/api/api-tokens', { name: 'log test' });
    const secret = token.json().secret as string;
    const viaToken = await app.inject({
      method: 'GET',
      url: '/api/teams',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(viaToken.statusCode).toBe(200);
    const search = await call(app, admin, 'GET', `/api/users?q=${encodeURIComponent(inviteeEmail)}`);
    expect(search.json().items).toHaveLength(1);
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `{"email":"${ws.users.supervisor.email}","password":"${TEST_PASSWORD}"`,
    });
    expect(malformed.statusCode).toBe(400);

    // The log really is captured: requests and their routes are there.
    expect(lines.length).toBeGreaterThan(10);
    const log = lines.join('\n');
    expect(log).toContain('/api/users');
    expect(log).toContain('"url":"/api/auth/invites/[redacted]"');
    // The accept route is not a token: it stays readable.
    expect(log).toContain('"url":"/api/auth/invites/accept"');
    expect(log).toContain('"url":"/api/users?q=[redacted]"');

    const cookieValue = admin.cookie.split('=')[1]!;
    const forbidden = [
      TEST_PASSWORD,
      'a-wrong-password-9',
      invitePassword,
      'created-person-password',
      newPassword,
      cookieValue,
      inviteeCookie,
      admin.csrfToken,
      inviteToken,
      secret,
      ws.users.admin.email,
      ws.users.agent.email,
      ws.users.supervisor.email,
      inviteeEmail,
      'created.person@logs.test',
    ];
    for (const value of forbidden) expect(log, `log leaks ${value}`).not.toContain(value);
    expect(log).not.toContain(encodeURIComponent(inviteeEmail));
  });
});
