import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI is started from here so it finds `packages/server/dist` and the built console. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEFU_BIN = path.join(REPO_ROOT, 'packages/server/bin/kefu.js');

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Settings a developer may have exported in their shell; the tests decide every one of them. */
const KEFU_ENV = /^(PORT|HOST|DATABASE_URL|REDIS_URL|PUBLIC_URL|LOG_LEVEL|KEFU_.*)$/;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface KefuProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Both streams, labelled, for error messages. */
  output(): string;
  readonly exited: Promise<ExitStatus>;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. Safe to call more than once. */
  stop(): Promise<ExitStatus>;
}

export interface StartOptions {
  /** The working directory; a relative DATABASE_URL resolves against it. */
  cwd: string;
  /** Settings for this server (DATABASE_URL, KEFU_ADMIN_PASSWORD, …). PORT and HOST are chosen here unless given. */
  env?: Record<string, string>;
}

const running = new Set<ChildProcess>();

// A test that throws, or a worker that is torn down, must not leave a server listening.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port nothing listens on right now: the kernel picks it for a throwaway listener. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not determine a free port'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

export interface TempDir {
  dir: string;
  remove(): void;
}

/** A fresh directory under the system temp dir; `remove()` deletes it. */
export function makeTempDir(label: string): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), `kefu-e2e-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!KEFU_ENV.test(key) && key !== 'NODE_OPTIONS') base[key] = value;
  }
  return { ...base, ...env };
}

interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  output(): string;
  exited: Promise<ExitStatus>;
}

function spawnKefu(args: string[], cwd: string, env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [KEFU_BIN, ...args], {
    cwd,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      running.delete(child);
      err += `\n[spawn error] ${error.message}`;
      resolve({ code: null, signal: null });
    });
  });
  const output = () => `--- stdout ---\n${out}\n--- stderr ---\n${err}`;
  return { child, stdout: () => out, stderr: () => err, output, exited };
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function stopChild(spawned: Spawned): Promise<ExitStatus> {
  const { child } = spawned;
  if (child.exitCode !== null || child.signalCode !== null) return spawned.exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    return await spawned.exited;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `node packages/server/bin/kefu.js start` on a free loopback port and resolves once `/readyz` answers 200.
 * Rejects, with everything the process printed, if it exits first or is not ready within 30 s.
 */
export async function startKefu(options: StartOptions): Promise<KefuProcess> {
  // Another process may take the chosen port between the probe and the server's bind; try a new one then.
  for (let attempt = 1; ; attempt++) {
    const port = options.env?.PORT ? Number(options.env.PORT) : await freePort();
    const env = { HOST: '127.0.0.1', LOG_LEVEL: 'info', ...options.env, PORT: String(port) };
    const url = `http://127.0.0.1:${port}`;
    const spawned = spawnKefu(['start'], options.cwd, env);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let exitedEarly = false;
    void spawned.exited.then(() => {
      exitedEarly = true;
    });

    while (!exitedEarly && Date.now() < deadline) {
      if (await isReady(url)) {
        return {
          url,
          port,
          pid: spawned.child.pid!,
          stdout: spawned.stdout,
          stderr: spawned.stderr,
          output: spawned.output,
          exited: spawned.exited,
          stop: () => stopChild(spawned),
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const status = await stopChild(spawned);
    const portTaken = /EADDRINUSE/.test(spawned.output());
    if (exitedEarly && portTaken && !options.env?.PORT && attempt < 3) continue;
    const why = exitedEarly
      ? `exited (code ${status.code}, signal ${status.signal}) before it was ready`
      : `did not answer 200 on ${url}/readyz within ${READY_TIMEOUT_MS / 1000} s`;
    throw new Error(`Kefu ${why}\ncwd: ${options.cwd}\n${spawned.output()}`);
  }
}

/** Runs a `kefu` command that is expected to finish by itself (e.g. with a bad configuration). */
export async function runKefuToExit(
  args: string[],
  options: StartOptions & { timeoutMs?: number },
): Promise<ExitStatus & { stdout: string; stderr: string; durationMs: number }> {
  const started = Date.now();
  const spawned = spawnKefu(args, options.cwd, { HOST: '127.0.0.1', ...options.env });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const timer = setTimeout(() => spawned.child.kill('SIGKILL'), timeoutMs);
  const status = await spawned.exited;
  clearTimeout(timer);
  if (status.signal === 'SIGKILL') {
    throw new Error(`kefu ${args.join(' ')} was still running after ${timeoutMs} ms\n${spawned.output()}`);
  }
  return { ...status, stdout: spawned.stdout(), stderr: spawned.stderr(), durationMs: Date.now() - started };
}

/** The `Admin 管理员:` / `Password 密码:` lines printed on first start, if present. */
export function parseFirstLogin(stdout: string): { email: string; password: string } | null {
  const email = /^\s*Admin 管理员:\s+(\S+)\s*$/m.exec(stdout)?.[1];
  const password = /^\s*Password 密码:\s+(\S+)/m.exec(stdout)?.[1];
  return email && password ? { email, password } : null;
}
