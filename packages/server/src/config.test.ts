import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config.js';

const GOOD_SECRET = 'a'.repeat(32);

function problemsOf(env: NodeJS.ProcessEnv, cwd: string): string[] {
  try {
    configFromEnv(env, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('configFromEnv', () => {
  let cwd: string;

  beforeAll(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'kefu-config-'));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0'],
    ['PORT', '3000.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://x'],
    ['KEFU_SECRET', 'too-short-secret'],
    ['PUBLIC_URL', 'not a url'],
    ['KEFU_ADMIN_EMAIL', 'not-an-email'],
    ['KEFU_ADMIN_PASSWORD', 'short'],
    ['KEFU_SEED_DEMO', 'yes'],
    ['KEFU_VISITOR_MESSAGE_LIMIT', '0'],
    ['KEFU_VISITOR_MESSAGE_LIMIT', 'many'],
    ['LOG_LEVEL', 'verbose'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    const problems = problemsOf({ KEFU_SECRET: GOOD_SECRET, [name]: value }, cwd);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${name} `)).toBe(true);
  });

  it('says what was wrong in the message, masking secrets', () => {
    const secret = 'sekrit-value-that-is-too-short';
    let error: unknown;
    try {
      configFromEnv({ KEFU_SECRET: secret, PORT: 'abc' }, cwd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('"abc"');
    expect(message).toContain('KEFU_SECRET');
    expect(message).toContain('at least 32 characters');
    expect(message).not.toContain(secret);
    expect(message).not.toContain('sekrit');
  });

  it('requires KEFU_SECRET with PostgreSQL', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://kefu@db.internal:5432/kefu' }, cwd);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^KEFU_SECRET /);
    const withSecret = configFromEnv(
      { DATABASE_URL: 'postgresql://kefu@db.internal:5432/kefu', KEFU_SECRET: GOOD_SECRET },
      cwd,
    );
    expect(withSecret.database).toEqual({ kind: 'postgres', url: 'postgresql://kefu@db.internal:5432/kefu' });
    expect(withSecret.secret).toBe(GOOD_SECRET);
  });

  it('treats empty variables as unset', () => {
    const config = configFromEnv({ PORT: '', KEFU_SECRET: GOOD_SECRET, REDIS_URL: '' }, cwd);
    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBeUndefined();
  });

  it('defaults to port 3000 and ./data/kefu.db under the working directory, with a generated secret kept beside it', () => {
    const dir = mkdtempSync(path.join(cwd, 'defaults-'));
    const first = configFromEnv({}, dir);
    expect(first.port).toBe(3000);
    expect(first.host).toBe('0.0.0.0');
    expect(first.database).toEqual({ kind: 'sqlite', file: path.join(dir, 'data', 'kefu.db') });
    expect(first.publicUrl).toBe('http://localhost:3000');
    expect(first.cookieSecure).toBe(false);
    expect(first.seedDemo).toBe(true);
    expect(first.adminEmail).toBe('admin@kefu.local');
    expect(first.logLevel).toBe('info');
    expect(first.visitorMessageLimit).toBe(20);
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);

    const keyFile = path.join(dir, 'data', 'secret.key');
    expect(existsSync(keyFile)).toBe(true);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(first.secret);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o077).toBe(0);

    const second = configFromEnv({}, dir);
    expect(second.secret).toBe(first.secret);

    // Another installation gets another secret.
    const elsewhere = configFromEnv({}, mkdtempSync(path.join(cwd, 'other-')));
    expect(elsewhere.secret).not.toBe(first.secret);

    // An explicit secret wins and nothing is written.
    const explicitDir = mkdtempSync(path.join(cwd, 'explicit-'));
    expect(configFromEnv({ KEFU_SECRET: GOOD_SECRET }, explicitDir).secret).toBe(GOOD_SECRET);
    expect(existsSync(path.join(explicitDir, 'data', 'secret.key'))).toBe(false);
  });

  it('derives the public URL, cookie security and the admin email', () => {
    const config = configFromEnv(
      {
        KEFU_SECRET: GOOD_SECRET,
        PORT: '8080',
        PUBLIC_URL: 'https://kefu.example.com/',
        KEFU_ADMIN_EMAIL: 'Boss@Example.COM',
        DATABASE_URL: 'store/kefu.sqlite',
        KEFU_TRUST_PROXY: 'true',
        KEFU_VISITOR_MESSAGE_LIMIT: '500',
      },
      cwd,
    );
    expect(config.visitorMessageLimit).toBe(500);
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('https://kefu.example.com');
    expect(config.cookieSecure).toBe(true);
    expect(config.adminEmail).toBe('boss@example.com');
    expect(config.trustProxy).toBe(true);
    expect(config.database).toEqual({ kind: 'sqlite', file: path.join(cwd, 'store', 'kefu.sqlite') });
    const insecure = configFromEnv(
      { KEFU_SECRET: GOOD_SECRET, KEFU_COOKIE_SECURE: 'false', PUBLIC_URL: 'https://x.test' },
      cwd,
    );
    expect(insecure.cookieSecure).toBe(false);
  });
});
