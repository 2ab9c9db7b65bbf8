import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REALTIME_LIMITS, ROUTING_LIMITS } from '@kefu/shared';
import { z } from 'zod';

/**
 * Every setting Kefu reads from the environment. README.md documents the same table;
 * `configFromEnv` stops the process with a message naming the variable when one is wrong.
 */
const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be between 1 and 65535' })
    .max(65535, { message: 'must be between 1 and 65535' })
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .min(1)
    .default('./data/kefu.db')
    .refine((v) => isPostgresUrl(v) || !v.includes('://'), {
      message: 'must be a SQLite file path (e.g. ./data/kefu.db) or a postgres:// URL',
    }),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\/.+/.test(v), { message: 'must be a redis:// or rediss:// URL' })
    .optional(),
  KEFU_SECRET: z
    .string()
    .min(32, { message: 'must be at least 32 characters (e.g. `openssl rand -hex 32`)' })
    .optional(),
  PUBLIC_URL: z.string().url({ message: 'must be an absolute URL such as https://kefu.example.com' }).optional(),
  KEFU_ADMIN_EMAIL: z.string().email({ message: 'must be an email address' }).default('admin@kefu.local'),
  KEFU_ADMIN_PASSWORD: z.string().min(10, { message: 'must be at least 10 characters' }).optional(),
  KEFU_SEED_DEMO: z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
  KEFU_TRUST_PROXY: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
  KEFU_COOKIE_SECURE: z.enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' }).default('auto'),
  KEFU_VISITOR_MESSAGE_LIMIT: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be between 1 and 100000' })
    .max(100_000, { message: 'must be between 1 and 100000' })
    .default(REALTIME_LIMITS.visitorMessagesPerWindow),
  KEFU_PRESENCE_GRACE_SECONDS: z.coerce
    .number({ message: 'must be a whole number of seconds' })
    .int({ message: 'must be a whole number of seconds' })
    .min(5, { message: 'must be between 5 and 3600' })
    .max(3600, { message: 'must be between 5 and 3600' })
    .default(ROUTING_LIMITS.presenceGraceMs / 1000),
  KEFU_LLM_URL: z
    .string()
    .url({ message: 'must be the base URL of an OpenAI-compatible API, such as https://api.example.com/v1' })
    .refine((v) => /^https?:\/\//.test(v), { message: 'must be an http:// or https:// URL' })
    .optional(),
  KEFU_LLM_MODEL: z.string().min(1).max(200).optional(),
  KEFU_LLM_API_KEY: z.string().min(1).optional(),
  KEFU_LLM_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a whole number of milliseconds' })
    .int({ message: 'must be a whole number of milliseconds' })
    .min(100, { message: 'must be between 100 and 120000' })
    .max(120_000, { message: 'must be between 100 and 120000' })
    .default(8000),
  KEFU_LLM_TOP_K: z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be between 1 and 10' })
    .max(10, { message: 'must be between 1 and 10' })
    .default(3),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  redisUrl: string | undefined;
  secret: string;
  publicUrl: string;
  adminEmail: string;
  adminPassword: string | undefined;
  seedDemo: boolean;
  trustProxy: boolean;
  cookieSecure: boolean;
  /** Messages one visitor connection may send per `REALTIME_LIMITS.visitorWindowMs` (10 s). */
  visitorMessageLimit: number;
  /** An agent whose last console connection went away turns offline after this (routing); default 60 s. */
  presenceGraceMs?: number;
  logLevel: Env['LOG_LEVEL'];
  /** Where the built console is served from; absent when it has not been built. */
  consoleDir: string | undefined;
  /** The bot's optional model answers (bot/llmAnswerer.ts); null when KEFU_LLM_URL is unset (the default). */
  llm: LlmConfig | null;
}

export interface LlmConfig {
  /** Base URL of an OpenAI-compatible API; requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  /** After this the bot answers from the FAQ instead. */
  timeoutMs: number;
  /** Knowledge entries given to the model as its only source. */
  topK: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function isPostgresUrl(v: string): boolean {
  return /^postgres(ql)?:\/\//.test(v);
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const got = env[name];
        return `${name} ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(maskIfSecret(name, got))})`}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.KEFU_LLM_URL && !e.KEFU_LLM_MODEL) {
    throw new ConfigError(['KEFU_LLM_MODEL is required with KEFU_LLM_URL (the model name the endpoint serves)']);
  }
  const database = isPostgresUrl(e.DATABASE_URL)
    ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
    : ({
        kind: 'sqlite',
        file: e.DATABASE_URL === ':memory:' ? ':memory:' : path.resolve(cwd, e.DATABASE_URL),
      } as const);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    redisUrl: e.REDIS_URL,
    secret: e.KEFU_SECRET ?? embeddedSecret(database),
    publicUrl,
    adminEmail: e.KEFU_ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.KEFU_ADMIN_PASSWORD,
    seedDemo: e.KEFU_SEED_DEMO === 'true',
    trustProxy: e.KEFU_TRUST_PROXY === 'true',
    cookieSecure: e.KEFU_COOKIE_SECURE === 'auto' ? publicUrl.startsWith('https://') : e.KEFU_COOKIE_SECURE === 'true',
    visitorMessageLimit: e.KEFU_VISITOR_MESSAGE_LIMIT,
    presenceGraceMs: e.KEFU_PRESENCE_GRACE_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    consoleDir: locateConsoleDir(),
    llm:
      e.KEFU_LLM_URL && e.KEFU_LLM_MODEL
        ? {
            baseUrl: e.KEFU_LLM_URL.replace(/\/$/, ''),
            model: e.KEFU_LLM_MODEL,
            apiKey: e.KEFU_LLM_API_KEY,
            timeoutMs: e.KEFU_LLM_TIMEOUT_MS,
            topK: e.KEFU_LLM_TOP_K,
          }
        : null,
  };
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

function maskIfSecret(name: string, value: string): string {
  return /SECRET|PASSWORD|API_KEY/.test(name) ? '*'.repeat(Math.min(value.length, 8)) : value;
}

/**
 * The embedded mode must work with no configuration, so it keeps a generated secret beside the
 * SQLite file. Scaled-out nodes must share one secret, so PostgreSQL mode requires KEFU_SECRET.
 */
function embeddedSecret(database: Config['database']): string {
  if (database.kind === 'postgres') {
    throw new ConfigError(['KEFU_SECRET is required with a PostgreSQL DATABASE_URL (all nodes must share it)']);
  }
  if (database.file === ':memory:') return randomBytes(32).toString('hex');
  const file = path.join(path.dirname(database.file), 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function locateConsoleDir(): string | undefined {
  const dir = path.resolve(import.meta.dirname, '../../console/dist');
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}
