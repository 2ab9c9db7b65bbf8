import type { Role } from '@kefu/shared';
import { pino } from 'pino';
import { insertAccount } from '../accounts/accountRepository.js';
import { buildApp } from '../app.js';
import { hashPassword } from '../auth/passwords.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { KefuApp } from '../http/kefuApp.js';
import { LocalEventBus } from '../realtime/events.js';
import { insertUser } from '../users/userRepository.js';
import { TestClock } from './testClock.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestApp {
  app: KefuApp;
  ctx: AppContext;
  clock: TestClock;
  close(): Promise<void>;
}

export function testConfig(database: Config['database'], overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database,
    redisUrl: undefined,
    secret: 'test-secret-test-secret-test-secret-00',
    publicUrl: 'http://kefu.test',
    adminEmail: 'admin@kefu.test',
    adminPassword: undefined,
    seedDemo: false,
    trustProxy: false,
    cookieSecure: false,
    visitorMessageLimit: 20,
    logLevel: 'silent',
    consoleDir: undefined,
    llm: null,
    ...overrides,
  };
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb: TestDatabase = await createTestDatabase();
  const clock = new TestClock();
  const ctx: AppContext = {
    config: testConfig(testDb.database, overrides),
    db: testDb.db,
    clock,
    log: pino({ level: 'silent' }),
    bus: new LocalEventBus(),
  };
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}

let passwordHash: Promise<string> | undefined;

export interface SeededUser {
  id: string;
  accountId: string;
  email: string;
  role: Role;
}

/** Inserts a workspace directly, with one user per role (all with TEST_PASSWORD). */
export async function seedWorkspace(
  ctx: AppContext,
  label: string,
): Promise<{ accountId: string; users: Record<Role, SeededUser> }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const now = ctx.clock.now();
  const accountId = newId(now);
  await insertAccount(ctx.db.kysely, {
    id: accountId,
    name: `Workspace ${label}`,
    locale: 'zh-CN',
    timezone: 'Asia/Shanghai',
    created_at: now,
    updated_at: now,
  });
  const users = {} as Record<Role, SeededUser>;
  for (const role of ['admin', 'supervisor', 'agent', 'department'] as const) {
    const id = newId(now);
    const email = `${role}@${label}.test`;
    await insertUser(ctx.db.kysely, {
      id,
      accountId,
      email,
      name: `${label} ${role}`,
      role,
      status: 'active',
      locale: 'zh-CN',
      passwordHash: hash,
      now,
    });
    users[role] = { id, accountId, email, role };
  }
  return { accountId, users };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

let lastAddress = 0;

/** A new client address per call, so tests that sign in often never meet the per-IP sign-in limit. */
export function nextTestAddress(): string {
  lastAddress += 1;
  return `10.${(lastAddress >> 16) & 255}.${(lastAddress >> 8) & 255}.${lastAddress & 255}`;
}

export async function signInAs(app: KefuApp, email: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: nextTestAddress(),
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'kefu_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `kefu_session=${cookie.value}`, csrfToken: response.json().csrfToken };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A request as a signed-in browser would send it: session cookie plus the CSRF header on writes. */
export function call(app: KefuApp, session: Session | null, method: Method, url: string, payload?: unknown) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  }
  return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}
