import { ROLES } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';

describe('workspace profile', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'shop');
    other = await seedWorkspace(t.ctx, 'othershop');
    admin = await signInAs(t.app, ws.users.admin.email);
  });
  afterAll(() => t.close());

  it('is readable by every role', async () => {
    for (const role of ROLES) {
      const session = role === 'admin' ? admin : await signInAs(t.app, ws.users[role].email);
      const res = await call(t.app, session, 'GET', '/api/account');
      expect(res.statusCode, role).toBe(200);
      expect(res.json()).toEqual({
        id: ws.accountId,
        name: 'Workspace shop',
        locale: 'zh-CN',
        timezone: 'Asia/Shanghai',
        createdAt: new Date(t.clock.now()).toISOString(),
      });
    }
    expect((await call(t.app, null, 'GET', '/api/account')).statusCode).toBe(401);
  });

  it('lets an admin change name, locale and time zone, and records from/to', async () => {
    const res = await call(t.app, admin, 'PATCH', '/api/account', {
      name: '  悦家生活旗舰店 ',
      locale: 'zh-TW',
      timezone: 'Asia/Taipei',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: ws.accountId,
      name: '悦家生活旗舰店',
      locale: 'zh-TW',
      timezone: 'Asia/Taipei',
    });
    expect((await call(t.app, admin, 'GET', '/api/account')).json()).toEqual(res.json());

    // The session shows the new name too.
    expect((await call(t.app, admin, 'GET', '/api/auth/session')).json().account.name).toBe('悦家生活旗舰店');

    const partial = await call(t.app, admin, 'PATCH', '/api/account', { timezone: 'Europe/Berlin' });
    expect(partial.json()).toMatchObject({ name: '悦家生活旗舰店', locale: 'zh-TW', timezone: 'Europe/Berlin' });

    const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=account.updated');
    const [latest, first] = audit.json().items;
    expect(first).toMatchObject({
      actorId: ws.users.admin.id,
      targetType: 'account',
      targetId: ws.accountId,
      details: {
        name: { from: 'Workspace shop', to: '悦家生活旗舰店' },
        locale: { from: 'zh-CN', to: 'zh-TW' },
        timezone: { from: 'Asia/Shanghai', to: 'Asia/Taipei' },
      },
    });
    expect(latest.details).toEqual({ timezone: { from: 'Asia/Taipei', to: 'Europe/Berlin' } });

    // Another workspace is untouched.
    const otherAdmin = await signInAs(t.app, other.users.admin.email);
    expect((await call(t.app, otherAdmin, 'GET', '/api/account')).json()).toMatchObject({
      name: 'Workspace othershop',
      timezone: 'Asia/Shanghai',
    });
  });

  it('refuses an unknown time zone, naming body.timezone, and changes nothing', async () => {
    const before = (await call(t.app, admin, 'GET', '/api/account')).json();
    for (const timezone of ['Mars/Olympus_Mons', 'not a zone']) {
      const res = await call(t.app, admin, 'PATCH', '/api/account', { name: 'Should not stick', timezone });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'body.timezone' })]);
    }
    expect((await call(t.app, admin, 'GET', '/api/account')).json()).toEqual(before);

    const empty = await call(t.app, admin, 'PATCH', '/api/account', {});
    expect(empty.statusCode).toBe(400);
    const badLocale = await call(t.app, admin, 'PATCH', '/api/account', { locale: 'de' });
    expect(badLocale.json().error.details).toEqual([expect.objectContaining({ field: 'body.locale' })]);
  });

  it('is changed by admins only', async () => {
    for (const role of ['supervisor', 'agent', 'department'] as const) {
      const session = await signInAs(t.app, ws.users[role].email);
      const res = await call(t.app, session, 'PATCH', '/api/account', { name: 'Hijacked' });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await call(t.app, admin, 'GET', '/api/account')).json().name).not.toBe('Hijacked');
  });
});
