// Starting a built Kefu for the benchmarks and the bot evaluation: a child process on a free loopback port, with
// only the settings the caller gives (a developer's exported KEFU_* and database variables are dropped).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOST = '127.0.0.1';
const KEFU_BIN = path.join(fileURLToPath(new URL('..', import.meta.url)), 'packages/server/bin/kefu.js');
const INHERITED_EXCEPT = /^(PORT|HOST|DATABASE_URL|REDIS_URL|PUBLIC_URL|LOG_LEVEL|NODE_OPTIONS|KEFU_.*)$/;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `kefu start` in `cwd` with `env` on top of the inherited environment, and waits until /readyz answers.
 * Resolves to `{url, port, pid, output(), stop()}`; `stop()` resolves to how the process exited (`{code, signal}`).
 */
export async function startKefuProcess({ cwd, env: settings, nodeArgs = [], readyWithinMs = 60_000 }) {
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (!INHERITED_EXCEPT.test(key)) env[key] = value;
  Object.assign(env, { HOST, PORT: String(port), PUBLIC_URL: url, LOG_LEVEL: 'warn' }, settings);
  const child = spawn(process.execPath, [...nodeArgs, KEFU_BIN, 'start'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let gone = false;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (gone) throw new Error(`Kefu exited before it was ready (build it first: npm run build):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Kefu was not ready within ${readyWithinMs / 1000} s:\n${output}`);
    }
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    await sleep(100);
  }
  return {
    url,
    port,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (gone) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const status = await exited;
      clearTimeout(timer);
      return status;
    },
  };
}

/** Signs in like the console does; resolves to the headers a write needs (session cookie and CSRF token). */
export async function signInHeaders(url, email, password, extraHeaders = {}) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...extraHeaders },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in as ${email}: HTTP ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('kefu_session='))
    .split(';')[0];
  const { csrfToken } = await login.json();
  return { Cookie: cookie, 'X-CSRF-Token': csrfToken };
}
