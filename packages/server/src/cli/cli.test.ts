import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { findFirstAccountId, insertAccount } from '../accounts/accountRepository.js';
import { verifyPassword } from '../auth/passwords.js';
import type { Config } from '../config.js';
import { systemClock } from '../context.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { LocalEventBus } from '../realtime/events.js';
import { workspaceBootstrap } from '../seed/workspaceBootstrap.js';
import { testConfig } from '../test/testApp.js';
import { TEST_POSTGRES_URL, testDatabaseKind } from '../test/testDatabase.js';
import { findUserByEmail } from '../users/userRepository.js';
import { backupDatabase, restoreDatabase, UnsupportedOnPostgres } from './backup.js';
import { runCli } from './main.js';

const ENV_KEYS = ['DATABASE_URL', 'KEFU_SECRET', 'LOG_LEVEL', 'PORT', 'KEFU_ADMIN_PASSWORD', 'KEFU_ADMIN_EMAIL'];

describe('kefu CLI', () => {
  let dir: string;
  let dbFile: string;
  const savedEnv: Record<string, string | undefined> = {};
  let stdout: MockInstance;
  let stderr: MockInstance;
  const out = () => stdout.mock.calls.map((c) => String(c[0])).join('');
  const err = () => stderr.mock.calls.map((c) => String(c[0])).join('');

  /** Runs a command against the CLI's SQLite file, the way `kefu` would, through a fresh connection. */
  const withDb = async <T>(run: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> => {
    const db = openDatabase({ kind: 'sqlite', file: dbFile });
    try {
      return await run(db);
    } finally {
      await db.close();
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kefu-cli-'));
    dbFile = path.join(dir, 'kefu.db');
    for (const key of ENV_KEYS) savedEnv[key] = process.env[key];
    for (const key of ENV_KEYS) delete process.env[key];
    process.env.DATABASE_URL = dbFile;
    process.env.LOG_LEVEL = 'silent';
  });
  afterAll(() => {
    for (const key of ENV_KEYS) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
    rmSync(dir, { recursive: true, force: true });
  });
  beforeAll(() => {
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stdout.mockClear();
    stderr.mockClear();
  });
  afterAll(() => {
    stdout.mockRestore();
    stderr.mockRestore();
  });

  it('prints usage for help and exits 0', async () => {
    expect(await runCli(['help'])).toBe(0);
    expect(out()).toContain('Usage: kefu <command>');
    for (const command of ['start', 'migrate', 'user create', 'backup FILE', 'restore FILE', 'seed demo']) {
      expect(out()).toContain(command);
    }
    expect(await runCli(['--help'])).toBe(0);
  });

  it('exits 2 with usage for an unknown command', async () => {
    expect(await runCli(['frobnicate'])).toBe(2);
    expect(err()).toContain('unknown command "frobnicate"');
    expect(err()).toContain('Usage: kefu');
    expect(await runCli(['user', 'delete'])).toBe(2);
    expect(await runCli(['backup'])).toBe(2);
  });

  it('exits 2 naming the variable when the configuration is wrong', async () => {
    process.env.PORT = 'abc';
    try {
      expect(await runCli(['migrate'])).toBe(2);
    } finally {
      delete process.env.PORT;
    }
    expect(err()).toMatch(/^kefu: Invalid configuration/);
    expect(err()).toContain('PORT');
    expect(existsSync(dbFile)).toBe(false);
  });

  it('exits 2 naming the option when `user create` gets a bad --email', async () => {
    expect(await runCli(['user', 'create', '--email', 'not-an-email', '--name', 'X', '--role', 'agent'])).toBe(2);
    expect(err()).toContain('--email');
    expect(out()).toBe('');
    stderr.mockClear();
    expect(await runCli(['user', 'create', '--email', 'ok@cli.test', '--name', 'X', '--role', 'owner'])).toBe(2);
    expect(err()).toContain('--role');
    expect(err()).not.toContain('--email');
    // Nothing was created or even opened for bad input.
    expect(existsSync(dbFile)).toBe(false);
  });

  it('migrates, then reports migrations up to date', async () => {
    expect(await runCli(['migrate'])).toBe(0);
    expect(out()).toContain('Applied 0001_foundation');
    stdout.mockClear();
    expect(await runCli(['migrate'])).toBe(0);
    expect(out()).toContain('Migrations are up to date');
  });

  it('creates users in the first workspace, printing a generated password once', async () => {
    await expect(runCli(['user', 'create', '--email', 'a@cli.test', '--name', 'A', '--role', 'agent'])).rejects.toThrow(
      /no workspace yet/,
    );
    await withDb(async (db) => {
      const ctx = {
        config: testConfig({ kind: 'sqlite', file: dbFile }),
        db,
        clock: systemClock,
        log: pino({ level: 'silent' }),
        bus: new LocalEventBus(),
      };
      await workspaceBootstrap(ctx, 'CLI 工作区');
    });

    expect(
      await runCli(['user', 'create', '--email', 'Xiao.Wang@CLI.test', '--name', '小王', '--role', 'supervisor']),
    ).toBe(0);
    const printed = /^Created supervisor xiao\.wang@cli\.test with password (\S+)\n$/.exec(out());
    expect(printed, out()).not.toBeNull();
    const generated = printed![1]!;
    expect(generated).toHaveLength(16);

    stdout.mockClear();
    const chosen = 'chosen-by-operator';
    expect(
      await runCli([
        'user',
        'create',
        '--email',
        'li@cli.test',
        '--name',
        '李',
        '--role',
        'agent',
        '--password',
        chosen,
      ]),
    ).toBe(0);
    expect(out()).toBe('Created agent li@cli.test\n');

    await withDb(async (db) => {
      const accountId = await findFirstAccountId(db.kysely);
      const wang = await findUserByEmail(db.kysely, 'xiao.wang@cli.test');
      expect(wang).toMatchObject({ account_id: accountId, name: '小王', role: 'supervisor', status: 'active' });
      expect(await verifyPassword(wang!.password_hash, generated)).toBe(true);
      const li = await findUserByEmail(db.kysely, 'li@cli.test');
      expect(await verifyPassword(li!.password_hash, chosen)).toBe(true);
      expect(li!.password_hash).not.toContain(chosen);
    });

    await expect(
      runCli(['user', 'create', '--email', 'li@cli.test', '--name', 'Again', '--role', 'agent']),
    ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
  });

  it('adds the demo staff once', async () => {
    process.env.KEFU_ADMIN_PASSWORD = 'demo-staff-password';
    try {
      expect(await runCli(['seed', 'demo'])).toBe(0);
      expect(out()).toMatch(
        /^Demo staff added to CLI 工作区: .*xiaoli@demo\.kefu\.local.* \(password demo-staff-password\)\n$/,
      );
      stdout.mockClear();
      expect(await runCli(['seed', 'demo'])).toBe(0);
      expect(out()).toBe('Demo data already present in CLI 工作区\n');
    } finally {
      delete process.env.KEFU_ADMIN_PASSWORD;
    }
  });
});

describe('backup and restore', () => {
  const kind = testDatabaseKind();
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kefu-backup-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const accountNames = async (config: Config) => {
    const db = openDatabase(config.database);
    try {
      return (await db.kysely.selectFrom('accounts').select('name').orderBy('name').execute()).map((r) => r.name);
    } finally {
      await db.close();
    }
  };

  it(
    kind === 'postgres'
      ? 'on PostgreSQL, points to pg_dump and pg_restore instead'
      : 'on SQLite, restores the data as it was when backed up',
    async () => {
      if (kind === 'postgres') {
        const config = testConfig({ kind: 'postgres', url: TEST_POSTGRES_URL });
        const file = path.join(dir, 'kefu.dump');
        for (const attempt of [backupDatabase(config, file), restoreDatabase(config, file)]) {
          const error = await attempt.then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(UnsupportedOnPostgres);
          expect((error as Error).message).toContain('pg_dump');
          expect((error as Error).message).toContain('pg_restore');
        }
        expect(existsSync(file)).toBe(false);
        return;
      }

      const config = testConfig({ kind: 'sqlite', file: path.join(dir, 'live', 'kefu.db') });
      const db = openDatabase(config.database);
      await migrateToLatest(db.kysely);
      const now = Date.now();
      await insertAccount(db.kysely, {
        id: 'acc-1',
        name: '原始店铺',
        locale: 'zh-CN',
        timezone: 'Asia/Shanghai',
        created_at: now,
        updated_at: now,
      });

      // The backup is taken while the database is open and in use.
      const backupFile = path.join(dir, 'backup.db');
      await backupDatabase(config, backupFile);
      expect(existsSync(backupFile)).toBe(true);

      await db.kysely.updateTable('accounts').set({ name: '改坏了' }).where('id', '=', 'acc-1').execute();
      await insertAccount(db.kysely, {
        id: 'acc-2',
        name: '后来的店铺',
        locale: 'en',
        timezone: 'UTC',
        created_at: now,
        updated_at: now,
      });
      await db.close();
      expect(await accountNames(config)).toEqual(['后来的店铺', '改坏了'].sort());

      await restoreDatabase(config, backupFile);
      expect(await accountNames(config)).toEqual(['原始店铺']);

      await expect(restoreDatabase(config, path.join(dir, 'missing.db'))).rejects.toThrow(/No backup file/);
      expect(await accountNames(config)).toEqual(['原始店铺']);
    },
  );
});
