#!/usr/bin/env node
// The live-chat benchmark: `npm run bench:chat` (add `-- --quick` for a short run).
//
// Starts a real Kefu process in embedded mode (SQLite, WAL) on a temporary data directory and drives it over
// loopback with real WebSocket clients (visitors on /ws/widget, agents on /ws/agent), then runs the same load
// against a bare `ws` relay in a child process (no persistence, no validation beyond JSON.parse) as a baseline.
// Prints one table (docs/PERFORMANCE.md explains it). Nothing is asserted against the targets; an acknowledged
// message missing from the database is a correctness failure and exits 1.
//
// Plain ESM JavaScript so Node 20 runs it directly; it imports nothing from the TypeScript sources, only `ws` and
// `better-sqlite3` (both already installed for the server). The server must be built (`npm run build`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import WebSocket, { WebSocketServer } from 'ws';
import { HOST, sleep, startKefuProcess } from './kefuProcess.mjs';
import { percentile } from './measure.mjs';

const SELF = fileURLToPath(import.meta.url);
/** Source addresses for client sockets (all loopback), so 20,000 connections never run out of ephemeral ports. */
const SOURCE_ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
const ADMIN_PASSWORD = `Bench-${randomBytes(9).toString('base64url')}`;
const DEMO_AGENTS = [
  'admin@kefu.local',
  'zhuguan@demo.kefu.local',
  'xiaoli@demo.kefu.local',
  'xiaozhang@demo.kefu.local',
];
const CONTENT = '你好，我想问一下这款扫地机器人什么时候发货？订单号 20261111-8848';

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const hasFlag = (name) => argv.includes(`--${name}`);
function numberOption(name, envName, fallback) {
  const arg = argv.find((a) => a.startsWith(`--${name}=`));
  const raw = arg ? arg.slice(name.length + 3) : process.env[envName];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number (got ${raw})`);
  return n;
}

// ---------------------------------------------------------------- small helpers

/** Header values only (no traffic goes there): the RFC 2544 benchmarking range 198.18.0.0/15. */
const forwardedFor = (i) => `198.${18 + ((i >> 16) & 1)}.${(i >> 8) & 255}.${i & 255}`;

function readStatus(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: Number.NaN, hwmMb: Number.NaN };
  }
}

/**
 * CPU seconds (user + system) a process has used, from /proc/<pid>/stat; with `mainThread`, only its main thread
 * (the one running JavaScript), from /proc/<pid>/task/<pid>/stat.
 */
function cpuSeconds(pid, { mainThread = false } = {}) {
  try {
    const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return Number.NaN;
  }
}

/** This process's open-files limit (children inherit it). */
function fdLimit() {
  try {
    return Number(/^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

function log(line) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

// ---------------------------------------------------------------- the Kefu process

function startKefu(dataDir, { profileDir } = {}) {
  return startKefuProcess({
    cwd: dataDir,
    env: {
      DATABASE_URL: path.join(dataDir, 'kefu.db'),
      KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KEFU_SEED_DEMO: 'true',
      // A load generator: every widget session carries its own X-Forwarded-For, so the per-IP limit of 60 sessions
      // a minute on POST /api/widget/session applies per simulated visitor, as it would behind a proxy.
      KEFU_TRUST_PROXY: 'true',
      // Each visitor here sends far more than a person types (the default is 20 per 10 s).
      KEFU_VISITOR_MESSAGE_LIMIT: '100000',
    },
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    readyWithinMs: 30_000,
  });
}

async function signIn(url, email) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.18.255.254' },
    body: JSON.stringify({ email, password: ADMIN_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${email}: HTTP ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kefu_session='));
  return cookie.split(';')[0];
}

async function websiteTokenOf(url, cookie) {
  const response = await fetch(`${url}/api/inboxes`, { headers: { Cookie: cookie } });
  const body = await response.json();
  const inbox = body.items?.find((i) => i.name === '官网在线客服') ?? body.items?.[0];
  if (!inbox) throw new Error(`no inbox: ${JSON.stringify(body)}`);
  return inbox.websiteToken;
}

async function createVisitors(url, websiteToken, count, firstAddress) {
  const started = performance.now();
  const tokens = await mapLimit(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) => {
      const response = await fetch(`${url}/api/widget/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor(firstAddress + i) },
        body: JSON.stringify({ websiteToken }),
      });
      if (response.status !== 200) throw new Error(`widget session: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()).visitorToken;
    },
  );
  const seconds = (performance.now() - started) / 1000;
  log(`${count} widget sessions in ${seconds.toFixed(1)} s (${Math.round(count / seconds)}/s)`);
  return tokens;
}

// ---------------------------------------------------------------- sockets

/** Opens a socket and resolves once the first frame (`ready`) arrived. */
function openSocket(url, { headers, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      ...(headers ? { headers } : {}),
      ...(localAddress ? { localAddress } : {}),
    });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no ready frame within 20 s'));
    }, 20_000);
    ws.once('message', () => {
      clearTimeout(timer);
      resolve(ws);
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`closed with ${code} before ready`));
    });
  });
}

const ACK = Buffer.from('{"type":"ack"');
const ERROR = Buffer.from('{"type":"error"');
const MESSAGE = Buffer.from('{"type":"message');
const CLIENT_ID = Buffer.from('"clientId":"');

const startsWith = (buffer, prefix) =>
  buffer.length >= prefix.length && buffer.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

/** The clientId in a frame, without parsing the whole frame (the load generator must stay cheap). */
function clientIdOf(buffer) {
  const at = buffer.indexOf(CLIENT_ID);
  if (at < 0) return null;
  const start = at + CLIENT_ID.length;
  const end = buffer.indexOf(34, start); // "
  return buffer.toString('latin1', start, end);
}

const sendFrame = (clientId, conversationId) =>
  `{"type":"message.send","clientId":"${clientId}","conversationId":${conversationId ? `"${conversationId}"` : 'null'},"content":"${CONTENT}"}`;

/**
 * The chat load against one endpoint (Kefu or the relay): `visitors` sockets that send, `agents` sockets that
 * receive. The first agent socket is the probe that timestamps arrivals.
 */
class ChatLoad {
  constructor(visitors, agents) {
    this.visitors = visitors; // [{ ws, conversationId }]
    this.agents = agents; // [ws]
    this.onAck = null;
    this.onError = null;
    this.onProbe = null;
    this.errors = new Map();
    for (const visitor of visitors) {
      visitor.ws.on('message', (data) => {
        if (startsWith(data, ACK)) this.onAck?.(visitor, data);
        else if (startsWith(data, ERROR)) {
          const code = /"code":"([A-Z_]+)"/.exec(data.toString())?.[1] ?? 'UNKNOWN';
          this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
          this.onError?.(visitor, data);
        }
      });
    }
    agents[0].on('message', (data) => {
      if (startsWith(data, MESSAGE)) this.onProbe?.(data);
    });
  }

  /** Closed loop: each visitor keeps `window` messages unacked; counts acks in the measured interval. */
  async throughput({ seconds, window, prefix, warmupSeconds = 1 }) {
    let counter = 0;
    let running = true;
    let inflight = 0;
    let acked = 0;
    let measured = 0;
    let measuring = false;
    const send = (visitor) => {
      inflight++;
      visitor.ws.send(sendFrame(`${prefix}${(counter++).toString(36).padStart(7, '0')}`, visitor.conversationId));
    };
    const settle = (visitor) => {
      inflight--;
      if (running) send(visitor);
    };
    const ackedIds = new Set();
    this.onAck = (visitor, data) => {
      acked++;
      ackedIds.add(clientIdOf(data));
      if (measuring) measured++;
      settle(visitor);
    };
    this.onError = (visitor) => settle(visitor);
    for (const visitor of this.visitors) for (let i = 0; i < window; i++) send(visitor);
    await sleep(warmupSeconds * 1000);
    measuring = true;
    const started = performance.now();
    await sleep(seconds * 1000);
    measuring = false;
    const elapsed = (performance.now() - started) / 1000;
    running = false;
    const deadline = Date.now() + 30_000;
    while (inflight > 0 && Date.now() < deadline) await sleep(20);
    this.onAck = null;
    this.onError = null;
    return { perSecond: measured / elapsed, acked, ackedIds, sent: counter, unanswered: inflight };
  }

  /** Open loop: sends on a timer at `rate` per second, whatever the answers; the probe agent timestamps arrivals. */
  async latency({ rate, seconds, prefix, drainMs = 20_000 }) {
    const total = Math.round(rate * seconds);
    const scheduled = new Float64Array(total);
    const received = new Float64Array(total);
    let arrived = 0;
    let acked = 0;
    const n = this.visitors.length;
    this.onProbe = (data) => {
      const now = performance.now();
      const id = clientIdOf(data);
      if (!id?.startsWith(prefix)) return;
      const i = Number.parseInt(id.slice(prefix.length), 36);
      if (i >= 0 && i < total && received[i] === 0) {
        received[i] = now;
        arrived++;
      }
    };
    const ackedIds = new Set();
    this.onAck = (_visitor, data) => {
      acked++;
      ackedIds.add(clientIdOf(data));
    };
    const start = performance.now() + 20;
    let sent = 0;
    await new Promise((resolve) => {
      const pump = () => {
        const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
        while (sent < due) {
          const i = sent++;
          scheduled[i] = start + (i * 1000) / rate;
          const visitor = this.visitors[i % n];
          visitor.ws.send(sendFrame(`${prefix}${i.toString(36).padStart(7, '0')}`, visitor.conversationId));
        }
        if (sent < total) setTimeout(pump, 1);
        else resolve();
      };
      setTimeout(pump, 20);
    });
    const sendSeconds = (performance.now() - start) / 1000;
    const deadline = performance.now() + drainMs;
    while ((arrived < total || acked < total) && performance.now() < deadline) await sleep(20);
    this.onProbe = null;
    this.onAck = null;
    // Percentiles over the messages after the first second (warm-up); one never delivered counts as infinitely late.
    const latencies = [];
    for (let i = 0; i < total; i++) {
      if (scheduled[i] < start + 1000 && total > rate) continue;
      latencies.push(received[i] > 0 ? received[i] - scheduled[i] : Number.POSITIVE_INFINITY);
    }
    latencies.sort((a, b) => a - b);
    const lastArrival = received.reduce((max, t) => Math.max(max, t), 0);
    return {
      offered: total,
      sendSeconds,
      arrived,
      acked,
      ackedIds,
      deliveredPerSecond: arrived / ((lastArrival - start) / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      rate,
    };
  }

  close() {
    for (const { ws } of this.visitors) ws.terminate();
    for (const ws of this.agents) ws.terminate();
  }
}

// ---------------------------------------------------------------- the baseline relay (child process)

async function runRelay() {
  const wss = new WebSocketServer({ host: HOST, port: 0, perMessageDeflate: false, maxPayload: 64 * 1024 });
  const agents = new Set();
  wss.on('connection', (ws, request) => {
    ws.send('{"type":"ready"}');
    if (request.url.startsWith('/agent')) {
      agents.add(ws);
      ws.on('close', () => agents.delete(ws));
      return;
    }
    ws.on('message', (data) => {
      // As little as a relay can do and still be a chat: read the frame, ack it, forward it to every agent.
      const frame = JSON.parse(data.toString());
      ws.send(`{"type":"ack","clientId":"${frame.clientId}"}`);
      for (const agent of agents) agent.send(data, { binary: false });
    });
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  process.stdout.write(`${wss.address().port}\n`);
  process.once('SIGTERM', () => process.exit(0));
}

async function startRelay() {
  const child = spawn(process.execPath, [SELF, '--relay-child'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

// ---------------------------------------------------------------- idle widget connections (child processes)

/**
 * One process may hold at most `ulimit -n` sockets (20,000 here, and not raisable without CAP_SYS_RESOURCE), so
 * the idle clients live in child processes, each opening its share and then holding it until SIGTERM.
 */
async function runIdleClients() {
  const spec = JSON.parse(process.env.BENCH_IDLE_SPEC);
  const tokens = JSON.parse(readFileSync(spec.tokensFile, 'utf8'));
  const sockets = [];
  let failure = null;
  for (let batch = 0; batch < spec.count && !failure; batch += 250) {
    const size = Math.min(250, spec.count - batch);
    const opened = await Promise.allSettled(
      Array.from({ length: size }, (_, k) => {
        const i = spec.from + batch + k;
        return openSocket(`${spec.base}/ws/widget?v=1&token=${encodeURIComponent(tokens[i % tokens.length])}`, {
          localAddress: SOURCE_ADDRESSES[i % SOURCE_ADDRESSES.length],
        });
      }),
    );
    for (const r of opened) {
      if (r.status === 'fulfilled') sockets.push(r.value);
      else failure ??= r.reason instanceof Error ? r.reason.message : String(r.reason);
    }
  }
  await sleep(spec.holdMs);
  const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
  process.stdout.write(`${JSON.stringify({ open, failure })}\n`);
  process.once('SIGTERM', () => {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  });
  setInterval(() => undefined, 60_000);
}

/** Opens `count` idle widget connections from `processes` children; resolves once all hold theirs. */
async function openIdleConnections({ base, tokensFile, count, processes, holdMs }) {
  const per = Math.ceil(count / processes);
  const children = [];
  for (let p = 0; p < processes && p * per < count; p++) {
    const spec = { base, tokensFile, from: p * per, count: Math.min(per, count - p * per), holdMs };
    const child = spawn(process.execPath, [SELF, '--idle-child'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_IDLE_SPEC: JSON.stringify(spec) },
    });
    const held = new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(JSON.parse(out.trim()));
      });
      child.once('exit', (code) => reject(new Error(`idle client process exited with ${code}`)));
    });
    children.push({ child, held });
  }
  const reports = await Promise.all(children.map((c) => c.held));
  return {
    open: reports.reduce((n, r) => n + r.open, 0),
    failure: reports.find((r) => r.failure)?.failure ?? null,
    close: () =>
      Promise.all(
        children.map(
          ({ child }) =>
            new Promise((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', resolve);
              child.kill('SIGTERM');
            }),
        ),
      ),
  };
}

// ---------------------------------------------------------------- CPU profile summary

/** Self time by where the code lives, from a V8 .cpuprofile. */
function summariseProfile(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const bucket = (node) => {
    const url = node.callFrame.url;
    const name = node.callFrame.functionName;
    if (name === '(idle)') return 'idle';
    if (name === '(garbage collector)') return 'garbage collection';
    if (name === '(program)') return 'V8/native (program)';
    if (!url) return `native: ${name || '(anonymous)'}`;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    if (pkg) return pkg;
    if (url.includes('/packages/shared/')) return '@kefu/shared';
    if (url.includes('/packages/server/')) return `kefu ${path.basename(url)}`;
    if (url.startsWith('node:')) return url;
    return url;
  };
  const buckets = new Map();
  const functions = new Map();
  for (const [id, micros] of self) {
    const node = byId.get(id);
    const b = bucket(node);
    buckets.set(b, (buckets.get(b) ?? 0) + micros);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${b}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `self time by package/file (of ${(total / 1e6).toFixed(1)} s sampled):\n${top(buckets, 18)}\ntop functions:\n${top(functions, 25)}`;
}

// ---------------------------------------------------------------- the run

/** Opens the visitor sockets (spread over the loopback source addresses) and the agent sockets. */
async function connectLoad(visitorUrls, agentSpecs) {
  const visitors = await mapLimit(visitorUrls, 64, async (url, i) => ({
    ws: await openSocket(url, { localAddress: SOURCE_ADDRESSES[i % SOURCE_ADDRESSES.length] }),
    conversationId: null,
  }));
  const agents = await Promise.all(agentSpecs.map(({ url, headers }) => openSocket(url, { headers })));
  return new ChatLoad(visitors, agents);
}

/** Each visitor's first message opens their conversation; the rest of the run names it. */
async function openConversations(load) {
  let next = 0;
  await new Promise((resolve, reject) => {
    let pending = load.visitors.length;
    load.onAck = (visitor, data) => {
      visitor.conversationId = /"conversationId":"([^"]+)"/.exec(data.toString())[1];
      if (--pending === 0) resolve();
    };
    load.onError = (_visitor, data) => reject(new Error(`opening a conversation: ${data}`));
    for (const visitor of load.visitors)
      visitor.ws.send(sendFrame(`open-${(next++).toString(36).padStart(6, '0')}`, null));
  });
  load.onAck = null;
  load.onError = null;
}

async function main(opts) {
  const began = performance.now();
  const work = mkdtempSync(path.join(tmpdir(), 'kefu-bench-'));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir);
  const profileDir = opts.profile ? path.join(work, 'profile') : undefined;
  const results = { kefu: {}, relay: {}, idle: {} };
  let exitCode = 0;
  let kefu;
  try {
    // ---- Kefu: throughput and latency
    log(`starting Kefu (SQLite in ${dataDir})`);
    kefu = await startKefu(dataDir, { profileDir });
    const cookies = [];
    for (const email of DEMO_AGENTS.slice(0, opts.agents)) cookies.push(await signIn(kefu.url, email));
    const websiteToken = await websiteTokenOf(kefu.url, cookies[0]);
    const tokens = await createVisitors(kefu.url, websiteToken, opts.conversations, 0);
    const base = `ws://${HOST}:${kefu.port}`;
    const load = await connectLoad(
      tokens.map((token) => `${base}/ws/widget?v=1&token=${encodeURIComponent(token)}`),
      cookies.map((cookie) => ({ url: `${base}/ws/agent?v=1`, headers: { Cookie: cookie } })),
    );
    await openConversations(load);
    log(`${opts.conversations} conversations open; ${opts.agents} agent sockets`);

    const cpuBefore = cpuSeconds(kefu.pid);
    const benchCpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    log(`throughput: ${opts.conversations} visitors × ${opts.window} in flight for ${opts.seconds} s`);
    let phase = { cpu: cpuSeconds(kefu.pid), at: performance.now() };
    const phaseCpu = () => {
      const now = { cpu: cpuSeconds(kefu.pid), at: performance.now() };
      const share = (now.cpu - phase.cpu) / ((now.at - phase.at) / 1000);
      phase = now;
      return share;
    };
    // CPU per acknowledged message: on a shared machine a steadier measure of the work per message than msg/s.
    const mainBefore = cpuSeconds(kefu.pid, { mainThread: true });
    const processBefore = cpuSeconds(kefu.pid);
    results.kefu.throughput = await load.throughput({ seconds: opts.seconds, window: opts.window, prefix: 'T-' });
    results.kefu.throughput.serverCpu = phaseCpu();
    results.kefu.throughput.cpuPerMessageUs =
      ((cpuSeconds(kefu.pid) - processBefore) * 1e6) / results.kefu.throughput.acked;
    results.kefu.throughput.mainCpuPerMessageUs =
      ((cpuSeconds(kefu.pid, { mainThread: true }) - mainBefore) * 1e6) / results.kefu.throughput.acked;
    log(
      `  ${Math.round(results.kefu.throughput.perSecond)} acked msg/s (server CPU ${Math.round(100 * results.kefu.throughput.serverCpu)}%; ` +
        `${Math.round(results.kefu.throughput.cpuPerMessageUs)} µs CPU per message, ${Math.round(results.kefu.throughput.mainCpuPerMessageUs)} µs of it on the main thread)`,
    );
    log(`latency: ${opts.rate} msg/s offered for ${opts.seconds} s`);
    results.kefu.latency = await load.latency({ rate: opts.rate, seconds: opts.seconds, prefix: 'L-' });
    results.kefu.latency.serverCpu = phaseCpu();
    log(
      `  p50 ${results.kefu.latency.p50.toFixed(1)} ms, p99 ${results.kefu.latency.p99.toFixed(1)} ms (server CPU ${Math.round(100 * results.kefu.latency.serverCpu)}%)`,
    );
    // And at a rate the server keeps up with (half of what it persisted flat out): the latency it adds unloaded.
    const sustainable = Math.max(100, Math.floor(results.kefu.throughput.perSecond / 200) * 100);
    log(`latency: ${sustainable} msg/s offered for ${opts.seconds} s`);
    results.kefu.steady = await load.latency({ rate: sustainable, seconds: opts.seconds, prefix: 'S-' });
    log(`  p50 ${results.kefu.steady.p50.toFixed(1)} ms, p99 ${results.kefu.steady.p99.toFixed(1)} ms`);
    const wall = (performance.now() - wallBefore) / 1000;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    results.kefu.serverCpu = (cpuSeconds(kefu.pid) - cpuBefore) / wall;
    results.kefu.benchCpu = (benchCpu.user + benchCpu.system) / 1e6 / wall;
    results.kefu.errors = Object.fromEntries(load.errors);
    results.kefu.loadRss = readStatus(kefu.pid);
    load.close();
    await kefu.stop();
    kefu = undefined;

    // Every ack is a stored message: look each one up in the database.
    const db = new Database(path.join(dataDir, 'kefu.db'), { readonly: true });
    const storedIds = (prefix) =>
      new Set(db.prepare('select client_id from messages where client_id like ?').pluck().all(`${prefix}%`));
    const check = (prefix, phaseResult) => {
      const stored = storedIds(prefix);
      let missing = 0;
      for (const id of phaseResult.ackedIds) if (!stored.has(id)) missing++;
      return { stored: stored.size, acked: phaseResult.ackedIds.size, missing };
    };
    results.kefu.stored = {
      throughput: check('T-', results.kefu.throughput),
      latency: check('L-', results.kefu.latency),
      steady: check('S-', results.kefu.steady),
    };
    db.close();
    const { throughput: st, latency: sl } = results.kefu.stored;
    results.kefu.consistent =
      st.missing === 0 && sl.missing === 0 && results.kefu.stored.steady.missing === 0 && st.stored === st.acked;
    if (!results.kefu.consistent) exitCode = 1;

    if (profileDir) {
      const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
      if (files[0]) {
        results.profile = summariseProfile(path.join(profileDir, files[0]));
        if (process.env.BENCH_KEEP_PROFILE)
          writeFileSync(process.env.BENCH_KEEP_PROFILE, readFileSync(path.join(profileDir, files[0])));
      }
    }

    // ---- Kefu: idle widget connections, on a fresh process (same database)
    if (opts.idle > 0) {
      kefu = await startKefu(dataDir);
      const before = readStatus(kefu.pid);
      const cookie = await signIn(kefu.url, DEMO_AGENTS[0]);
      const idleVisitors = Math.max(1, Math.min(opts.idle, opts.idleVisitors));
      const more = Math.max(0, idleVisitors - tokens.length);
      const idleTokens = [
        ...tokens.slice(0, idleVisitors),
        ...(more > 0
          ? await createVisitors(kefu.url, await websiteTokenOf(kefu.url, cookie), more, tokens.length)
          : []),
      ];
      log(`idle: opening ${opts.idle} widget connections (${idleTokens.length} visitors)`);
      const tokensFile = path.join(work, 'idle-tokens.json');
      writeFileSync(tokensFile, JSON.stringify(idleTokens));
      const started = performance.now();
      const holdMs = 3_000;
      const idle = await openIdleConnections({
        base: `ws://${HOST}:${kefu.port}`,
        tokensFile,
        count: opts.idle,
        processes: Math.max(1, Math.ceil(opts.idle / 10_000)),
        holdMs,
      });
      const openSeconds = (performance.now() - started - holdMs) / 1000;
      const during = readStatus(kefu.pid);
      results.idle = {
        requested: opts.idle,
        open: idle.open,
        visitors: idleTokens.length,
        openSeconds,
        failure: idle.failure,
        rssBeforeMb: before.rssMb,
        rssMb: during.rssMb,
        hwmMb: during.hwmMb,
        fdLimit: fdLimit(),
      };
      log(`  ${idle.open} open, RSS ${during.rssMb.toFixed(0)} MB${idle.failure ? ` (stopped: ${idle.failure})` : ''}`);
      await idle.close();
      await kefu.stop();
      kefu = undefined;
    }

    // ---- the bare ws relay, same load
    log('baseline: bare ws relay');
    const relay = await startRelay();
    try {
      const relayBase = `ws://${HOST}:${relay.port}`;
      const relayLoad = await connectLoad(
        tokens.map(() => `${relayBase}/customer`),
        cookies.map(() => ({ url: `${relayBase}/agent` })),
      );
      const relayCpuBefore = cpuSeconds(relay.pid);
      const relayWall = performance.now();
      results.relay.throughput = await relayLoad.throughput({
        seconds: opts.seconds,
        window: opts.window,
        prefix: 'T-',
      });
      log(`  ${Math.round(results.relay.throughput.perSecond)} msg/s`);
      results.relay.latency = await relayLoad.latency({ rate: opts.rate, seconds: opts.seconds, prefix: 'L-' });
      log(`  p50 ${results.relay.latency.p50.toFixed(2)} ms, p99 ${results.relay.latency.p99.toFixed(2)} ms`);
      results.relay.steady = await relayLoad.latency({
        rate: results.kefu.steady.rate,
        seconds: opts.seconds,
        prefix: 'S-',
      });
      results.relay.serverCpu = (cpuSeconds(relay.pid) - relayCpuBefore) / ((performance.now() - relayWall) / 1000);
      relayLoad.close();
    } finally {
      await relay.stop();
    }
  } finally {
    if (kefu) await kefu.stop();
    rmSync(work, { recursive: true, force: true });
  }

  process.stdout.write(report(opts, results, (performance.now() - began) / 1000));
  return exitCode;
}

// ---------------------------------------------------------------- the table

function report(opts, r, seconds) {
  const k = r.kefu;
  const b = r.relay;
  const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
  const ms = (n) =>
    n === Number.POSITIVE_INFINITY
      ? '> 20 s (undelivered)'
      : Number.isFinite(n)
        ? n < 10
          ? n.toFixed(2)
          : n.toFixed(1)
        : 'n/a';
  const ratio = (a, c) =>
    Number.isFinite(a) && Number.isFinite(c) && c > 0 ? `${(a / c).toFixed(a / c < 0.1 ? 3 : 2)}×` : 'n/a';
  const yes = (ok) => (ok ? 'yes' : 'no');
  const rssOk = r.idle.rssMb <= 1024;
  const idleMet = !(r.idle.requested >= 20_000)
    ? 'n/a (smaller run)'
    : r.idle.open >= 20_000
      ? yes(rssOk)
      : `RSS ${yes(rssOk)}; count no (${int(r.idle.open)}: open-files limit)`;
  const rows = [
    [
      `persisted msg/s, ${int(opts.conversations)} open conversations (closed loop, ${opts.window} in flight each)`,
      int(k.throughput.perSecond),
      int(b.throughput.perSecond),
      ratio(k.throughput.perSecond, b.throughput.perSecond),
      '≥ 10,000',
      opts.conversations >= 1000 ? yes(k.throughput.perSecond >= 10_000) : 'n/a (smaller run)',
    ],
    [
      `customer → agent latency p50 @ ${int(opts.rate)} msg/s offered (open loop)`,
      `${ms(k.latency.p50)} ms`,
      `${ms(b.latency.p50)} ms`,
      ratio(k.latency.p50, b.latency.p50),
      '',
      '',
    ],
    [
      `customer → agent latency p99 @ ${int(opts.rate)} msg/s offered (open loop)`,
      `${ms(k.latency.p99)} ms`,
      `${ms(b.latency.p99)} ms`,
      ratio(k.latency.p99, b.latency.p99),
      '≤ 50 ms',
      opts.rate >= 5000 ? yes(k.latency.p99 <= 50) : 'n/a (lower rate)',
    ],
    [
      `delivered to the agent / offered in the latency phase (msg/s while delivering)`,
      `${int(k.latency.arrived)} / ${int(k.latency.offered)} (${int(k.latency.deliveredPerSecond)}/s)`,
      `${int(b.latency.arrived)} / ${int(b.latency.offered)} (${int(b.latency.deliveredPerSecond)}/s)`,
      '',
      '',
      '',
    ],
    [
      `customer → agent latency p50 / p99 @ ${int(k.steady.rate)} msg/s (half the persisted rate: not overloaded)`,
      `${ms(k.steady.p50)} / ${ms(k.steady.p99)} ms`,
      `${ms(b.steady.p50)} / ${ms(b.steady.p99)} ms`,
      `${ratio(k.steady.p50, b.steady.p50)} / ${ratio(k.steady.p99, b.steady.p99)}`,
      '',
      '',
    ],
    [
      `server RSS with ${int(r.idle.open)} idle widget connections (${int(r.idle.visitors)} visitors)`,
      `${int(r.idle.rssMb)} MB (${int(r.idle.rssBeforeMb)} MB before)`,
      '—',
      '',
      '≤ 1 GB @ 20,000',
      idleMet,
    ],
  ];
  const header = ['', 'Kefu', 'bare ws relay', 'Kefu / relay', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
  const errors = Object.entries(k.errors ?? {})
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const notes = [
    '',
    `Kefu chat benchmark: embedded SQLite (WAL, synchronous=NORMAL), everything over loopback (${HOST}).`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}.`,
    `Load: ${int(opts.conversations)} visitors each with an open conversation, ${opts.agents} agent socket(s) that each receive every message; ` +
      `${opts.seconds} s per phase.${opts.quick ? ' QUICK RUN: smaller than the targets ask for.' : ''}`,
    'Widget sessions were created with KEFU_TRUST_PROXY=true and a distinct X-Forwarded-For per visitor (198.18.0.0/15, a header value only),',
    'which is how a load generator stays under the 60 sessions/min/IP limit; KEFU_VISITOR_MESSAGE_LIMIT=100000 lifts the 20 msgs/10 s per-visitor limit.',
    `Consistency (database read after the run): throughput phase ${int(k.stored.throughput.acked)} acked, ${int(k.stored.throughput.stored)} stored, ` +
      `${k.stored.throughput.missing} acked but missing; latency phase ${int(k.stored.latency.acked)} acked, ${int(k.stored.latency.stored)} stored ` +
      `(${int(k.stored.latency.stored - k.stored.latency.acked)} still unacknowledged when the bench stopped waiting), ${k.stored.latency.missing} acked but missing ` +
      `→ ${k.consistent ? 'OK' : 'MISMATCH'}${errors ? `; error frames: ${errors}` : ''}.`,
    `Server CPU: throughput phase ${(k.throughput.serverCpu * 100).toFixed(0)}%, latency phase ${(k.latency.serverCpu * 100).toFixed(0)}% of one core ` +
      `(Node runs JavaScript on one thread); per acknowledged message in the throughput phase ${int(k.throughput.cpuPerMessageUs)} µs ` +
      `(${int(k.throughput.mainCpuPerMessageUs)} µs on the main thread); load generator ${(k.benchCpu * 100).toFixed(0)}%; ` +
      `relay ${(b.serverCpu * 100).toFixed(0)}%. Kefu RSS under load ${int(k.loadRss.rssMb)} MB (peak ${int(k.loadRss.hwmMb)} MB).`,
    `Idle connections: ${int(r.idle.open)} of ${int(r.idle.requested)} open after ${r.idle.openSeconds?.toFixed(1) ?? 'n/a'} s` +
      `${r.idle.failure ? `; the rest failed: ${r.idle.failure}` : ''}; peak RSS ${int(r.idle.hwmMb)} MB; ` +
      `open-files limit per process ${int(r.idle.fdLimit)} (the server needs one per connection plus ~30).`,
    "Latency: from each message's scheduled send time (open loop, a 1 ms timer) to its arrival at the first agent socket; the first second of a phase is warm-up;",
    'a message not delivered within 20 s after the last send counts as infinitely late.',
    `Total bench time ${seconds.toFixed(0)} s.`,
    '',
  ];
  return `\n${table}\n${notes.join('\n')}${r.profile ? `\nServer CPU profile (load phases):\n${r.profile}\n` : ''}`;
}

// ---------------------------------------------------------------- entry point (last: everything above is defined)

if (hasFlag('relay-child')) {
  await runRelay();
} else if (hasFlag('idle-child')) {
  await runIdleClients();
} else {
  if (hasFlag('help')) {
    process.stdout.write(`npm run bench:chat [-- options]
  --quick                  a short run (200 conversations, 3 s phases, 2,000 idle connections)
  --conversations=N        visitors, each with one open conversation (default 1000)      BENCH_CONVERSATIONS
  --agents=N               agent sockets; each receives every message (default 4, max 4) BENCH_AGENTS
  --window=N               unacked messages per visitor in the throughput phase (default 4) BENCH_WINDOW
  --seconds=N              length of the throughput and the latency phase (default 10)   BENCH_SECONDS
  --rate=N                 offered messages/s in the latency phase (default 5000)         BENCH_RATE
  --idle=N                 idle widget connections for the memory phase (default 20000)    BENCH_IDLE
  --idle-visitors=N        distinct visitors those connections belong to (default 5000)   BENCH_IDLE_VISITORS
  --profile                write a V8 CPU profile of the server during the load phases and summarise it
                           (BENCH_KEEP_PROFILE=<file> keeps the .cpuprofile)
`);
    process.exit(0);
  }
  const quick = hasFlag('quick') || process.env.BENCH_QUICK === '1';
  const opts = {
    quick,
    conversations: numberOption('conversations', 'BENCH_CONVERSATIONS', quick ? 200 : 1000),
    agents: Math.min(DEMO_AGENTS.length, Math.max(1, numberOption('agents', 'BENCH_AGENTS', 4))),
    window: Math.max(1, numberOption('window', 'BENCH_WINDOW', 4)),
    seconds: Math.max(1, numberOption('seconds', 'BENCH_SECONDS', quick ? 3 : 10)),
    rate: Math.max(1, numberOption('rate', 'BENCH_RATE', 5000)),
    idle: numberOption('idle', 'BENCH_IDLE', quick ? 2000 : 20000),
    idleVisitors: numberOption('idle-visitors', 'BENCH_IDLE_VISITORS', quick ? 500 : 5000),
    profile: hasFlag('profile'),
  };
  const code = await main(opts).catch((error) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  });
  process.exit(code);
}
