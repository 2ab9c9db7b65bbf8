import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type ApiSession, api, login, mustLogin } from './support/api.js';
import {
  type KefuProcess,
  makeTempDir,
  parseFirstLogin,
  runKefuToExit,
  startKefu,
  type TempDir,
} from './support/kefuProcess.js';

// Every test here starts real servers; whatever a failing assertion leaves running is stopped after it.
const started: KefuProcess[] = [];
async function start(options: Parameters<typeof startKefu>[0]): Promise<KefuProcess> {
  const kefu = await startKefu(options);
  started.push(kefu);
  return kefu;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((kefu) => kefu.stop()));
});

const DEMO_STAFF = ['zhuguan@demo.kefu.local', 'xiaoli@demo.kefu.local', 'xiaozhang@demo.kefu.local'];

interface UserList {
  items: { email: string; name: string; role: string; status: string }[];
}
interface TeamList {
  items: { id: string; name: string }[];
}

async function createTeam(url: string, session: ApiSession, name: string) {
  const created = await api<{ id: string; name: string }>(url, session, 'POST', '/api/teams', {
    name,
    kind: 'skill',
    description: '重启后仍应存在',
    memberIds: [],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

describe('first start and restart on SQLite', () => {
  let tmp: TempDir;
  beforeAll(() => {
    tmp = makeTempDir('sqlite-startup');
  });
  afterAll(() => tmp?.remove());

  test('prints the admin login once, and a restart keeps the data and the password', async () => {
    const env = { DATABASE_URL: './data/kefu.db' };

    const first = await start({ cwd: tmp.dir, env });
    const printed = parseFirstLogin(first.stdout());
    expect(printed, `no login block in the first start's output:\n${first.output()}`).not.toBeNull();
    const { email, password } = printed!;
    expect(email).toBe('admin@kefu.local');
    // A generated password: long enough to resist guessing, and not leaked into the structured log lines.
    expect(password.length).toBeGreaterThanOrEqual(12);
    const logLines = first
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.includes(password))).toEqual([]);
    expect(first.stdout()).toContain(`Console 控制台:   http://localhost:${first.port}`);
    expect(existsSync(path.join(tmp.dir, 'data/kefu.db'))).toBe(true);

    const wrong = await login(first.url, email, `${password}x`);
    expect(wrong.status).toBe(401);
    const admin = await mustLogin(first.url, email, password);
    expect(admin.user.role).toBe('admin');
    expect(admin.account.name).toBe('悦家生活旗舰店');
    const team = await createTeam(first.url, admin, `夜班-${randomBytes(3).toString('hex')}`);

    expect(await first.stop()).toEqual({ code: 0, signal: null });

    const second = await start({ cwd: tmp.dir, env });
    expect(parseFirstLogin(second.stdout())).toBeNull();
    expect(second.stdout()).not.toContain('Password 密码');
    expect(second.stdout()).not.toContain(password);

    const again = await mustLogin(second.url, email, password);
    expect(again.user.id).toBe(admin.user.id);
    expect(again.account.id).toBe(admin.account.id);
    const teams = await api<TeamList>(second.url, again, 'GET', '/api/teams');
    expect(teams.status).toBe(200);
    expect(teams.body.items.map((t) => t.id)).toContain(team.id);
    // The demo staff were seeded once, not again on restart.
    const users = await api<UserList>(second.url, again, 'GET', '/api/users');
    const xiaoli = users.body.items.filter((u) => u.email === 'xiaoli@demo.kefu.local');
    expect(xiaoli).toHaveLength(1);

    expect(await second.stop()).toEqual({ code: 0, signal: null });
  });
});

describe('PostgreSQL', () => {
  const adminUrl = process.env.KEFU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = `kefu_e2e_${randomBytes(5).toString('hex')}`;
  const databaseUrl = (() => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  })();
  const secret = randomBytes(32).toString('hex');
  const adminPassword = `Pg-${randomBytes(9).toString('base64url')}`;
  let tmp: TempDir;
  let created = false;
  beforeAll(() => {
    tmp = makeTempDir('postgres');
  });

  async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
    } catch (error) {
      // Never a skip: the e2e suite requires the local PostgreSQL that CI starts.
      throw new Error(`PostgreSQL at ${adminUrl} is not reachable: ${(error as Error).message}`);
    }
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    await Promise.all(started.splice(0).map((kefu) => kefu.stop()));
    if (created) await withAdminClient((client) => client.query(`drop database if exists ${database} with (force)`));
    tmp?.remove();
  });

  test('starts on a fresh database, seeds the demo staff, and keeps data across a restart', async () => {
    // Created inside the test, so an unreachable PostgreSQL fails this test rather than skipping it.
    await withAdminClient((client) => client.query(`create database ${database}`));
    created = true;
    const env = {
      DATABASE_URL: databaseUrl,
      KEFU_SECRET: secret,
      KEFU_ADMIN_PASSWORD: adminPassword,
      KEFU_ADMIN_EMAIL: 'Boss@Example.com',
    };
    const first = await start({ cwd: tmp.dir, env });
    const printed = parseFirstLogin(first.stdout());
    expect(printed, first.output()).toEqual({ email: 'boss@example.com', password: adminPassword });
    expect(first.stdout()).toContain('(from KEFU_ADMIN_PASSWORD)');
    // Nothing was written next to the working directory: PostgreSQL mode keeps no local files.
    expect(existsSync(path.join(tmp.dir, 'data'))).toBe(false);

    const admin = await mustLogin(first.url, 'boss@example.com', adminPassword);
    const users = await api<UserList>(first.url, admin, 'GET', '/api/users');
    expect(users.status).toBe(200);
    const emails = users.body.items.map((u) => u.email);
    expect(emails).toEqual(expect.arrayContaining(['boss@example.com', ...DEMO_STAFF]));
    expect(users.body.items.find((u) => u.email === 'zhuguan@demo.kefu.local')).toMatchObject({
      name: '王主管',
      role: 'supervisor',
      status: 'active',
    });
    expect(users.body.items.find((u) => u.email === 'xiaoli@demo.kefu.local')).toMatchObject({ role: 'agent' });
    // Demo staff share the admin's password.
    const agent = await mustLogin(first.url, 'xiaoli@demo.kefu.local', adminPassword);
    expect(agent.user.role).toBe('agent');
    expect((await api(first.url, agent, 'GET', '/api/users')).status).toBe(403);

    const team = await createTeam(first.url, admin, `大促值班-${randomBytes(3).toString('hex')}`);
    // It really is in the new PostgreSQL database, not in some local file.
    const direct = new pg.Client({ connectionString: databaseUrl });
    await direct.connect();
    const tables = await direct
      .query<{ name: string }>('select name from teams where id = $1', [team.id])
      .finally(() => direct.end());
    expect(tables.rows).toEqual([{ name: team.name }]);

    expect(await first.stop()).toEqual({ code: 0, signal: null });

    const second = await start({ cwd: tmp.dir, env });
    expect(parseFirstLogin(second.stdout())).toBeNull();
    const again = await mustLogin(second.url, 'boss@example.com', adminPassword);
    expect(again.user.id).toBe(admin.user.id);
    const teams = await api<TeamList>(second.url, again, 'GET', '/api/teams');
    expect(teams.body.items.find((t) => t.id === team.id)?.name).toBe(team.name);
    // A session issued before the restart is still valid: sessions live in the database, not in the process.
    const oldSession = await api(second.url, admin, 'GET', '/api/auth/session');
    expect(oldSession.status).toBe(200);
  });
});

describe('bad configuration', () => {
  test.each<{ name: string; env: Record<string, string>; variable: string }>([
    { name: 'PORT=abc', env: { PORT: 'abc' }, variable: 'PORT' },
    { name: 'PORT out of range', env: { PORT: '70000' }, variable: 'PORT' },
    {
      name: 'PostgreSQL without KEFU_SECRET',
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/kefu_never_created' },
      variable: 'KEFU_SECRET',
    },
    { name: 'a short KEFU_ADMIN_PASSWORD', env: { KEFU_ADMIN_PASSWORD: 'short' }, variable: 'KEFU_ADMIN_PASSWORD' },
  ])('$name: exits non-zero at once with a message naming $variable', async ({ env, variable }) => {
    const tmp = makeTempDir('bad-config');
    try {
      const result = await runKefuToExit(['start'], {
        cwd: tmp.dir,
        env: { DATABASE_URL: './data/kefu.db', ...env },
        timeoutMs: 10_000,
      });
      expect(result.code, `${result.stdout}\n${result.stderr}`).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.durationMs).toBeLessThan(10_000);
      expect(result.stderr).toMatch(new RegExp(`\\b${variable}\\b`));
      // The secret itself is never echoed back.
      if (env.KEFU_ADMIN_PASSWORD) expect(result.stderr).not.toContain(env.KEFU_ADMIN_PASSWORD);
      // It stopped before touching the database.
      expect(existsSync(path.join(tmp.dir, 'data/kefu.db'))).toBe(false);
    } finally {
      tmp.remove();
    }
  });
});
