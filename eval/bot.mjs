#!/usr/bin/env node
// The answer bot's evaluation: `npm run eval:bot -- --kb eval/kb.jsonl --queries eval/queries.jsonl`
//
// Starts the real, built server (`npx tsc -b` first) on an embedded SQLite database in a temporary directory,
// signs in as its first admin, loads the knowledge base through the knowledge API (one published FAQ entry per
// line), makes an inbox whose bot answers first, and asks the bot each query through the product's own
// `POST /api/bot/try` (what the bot would reply to a first question in that inbox). It prints:
//
// - ranking: top-1 and top-3 accuracy and MRR (over the five best entries) of the bot's search, for the queries
//   that have an expected entry;
// - the bot's behaviour: how often it answers right, answers wrong, offers the right entry among its
//   "您是不是想问" choices, or says it does not know; and for the queries that should not be answered, how often
//   it held back;
// - answering vs not answering as a yes/no decision: accuracy, precision and recall of "answers".
//
// Files are JSONL: the knowledge base `{id, question, similar?, answer?}`, the queries `{query, expected_id}`
// (expected_id null: the bot should not answer). Bot thresholds can be tried without editing anything:
// --answer-threshold, --suggest-threshold, --answer-margin (the inbox settings documented in docs/BOT.md).
// --json FILE writes every query's result; --errors lists the queries the bot got wrong.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEFU_BIN = path.join(ROOT, 'packages/server/bin/kefu.js');
const HOST = '127.0.0.1';
const ADMIN_EMAIL = 'eval@kefu.local';
const ADMIN_PASSWORD = randomBytes(12).toString('hex');
const CANDIDATES = 5;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const numberOption = (name) => {
  const value = option(name, undefined);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`--${name} must be a number from 0 to 1`);
  return n;
};

function readJsonl(file, check) {
  return readFileSync(path.resolve(file), 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line)
    .map(({ line, number }) => {
      let row;
      try {
        row = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${number}: not JSON`);
      }
      const problem = check(row);
      if (problem) throw new Error(`${file}:${number}: ${problem}`);
      return row;
    });
}

const log = (line) => process.stderr.write(`[eval:bot] ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startKefu(dataDir) {
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(PORT|HOST|DATABASE_URL|REDIS_URL|PUBLIC_URL|LOG_LEVEL|KEFU_.*)$/.test(key)) env[key] = value;
  }
  Object.assign(env, {
    HOST,
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_URL: path.join(dataDir, 'kefu.db'),
    KEFU_ADMIN_EMAIL: ADMIN_EMAIL,
    KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KEFU_SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  });
  const child = spawn(process.execPath, [KEFU_BIN, 'start'], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let gone = false;
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`Kefu exited before it was ready (build it first: npx tsc -b):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Kefu was not ready within 60 s:\n${output}`);
    }
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    await sleep(100);
  }
  return {
    url,
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

class Client {
  constructor(url) {
    this.url = url;
  }

  async signIn() {
    const response = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`sign-in: HTTP ${response.status} ${await response.text()}`);
    this.cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('kefu_session='))
      .split(';')[0];
    this.csrf = (await response.json()).csrfToken;
  }

  async request(method, url, body) {
    const response = await fetch(`${this.url}${url}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url}: HTTP ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text);
  }
}

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

const pct = (part, whole) => (whole === 0 ? '  n/a' : `${((part / whole) * 100).toFixed(1).padStart(5)}%`);
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function main() {
  const kbFile = option('kb', path.join(ROOT, 'eval/kb.jsonl'));
  const queriesFile = option('queries', path.join(ROOT, 'eval/queries.jsonl'));
  const kb = readJsonl(kbFile, (row) =>
    typeof row.id !== 'string' || typeof row.question !== 'string' || !row.question.trim()
      ? 'expected {"id": "…", "question": "…", "similar"?: […], "answer"?: "…"}'
      : row.similar !== undefined && !Array.isArray(row.similar)
        ? '"similar" must be an array'
        : null,
  );
  const ids = new Set(kb.map((e) => e.id));
  if (ids.size !== kb.length) throw new Error(`${kbFile}: ids must be unique`);
  const queries = readJsonl(queriesFile, (row) =>
    typeof row.query !== 'string' || !row.query.trim()
      ? 'expected {"query": "…", "expected_id": "…" | null}'
      : row.expected_id !== null && !ids.has(row.expected_id)
        ? `expected_id ${JSON.stringify(row.expected_id)} is not in the knowledge base`
        : null,
  );
  const botSettings = {
    mode: 'bot_first',
    ...(numberOption('answer-threshold') === undefined ? {} : { answerThreshold: numberOption('answer-threshold') }),
    ...(numberOption('suggest-threshold') === undefined ? {} : { suggestThreshold: numberOption('suggest-threshold') }),
    ...(numberOption('answer-margin') === undefined ? {} : { answerMargin: numberOption('answer-margin') }),
  };

  const dataDir = mkdtempSync(path.join(tmpdir(), 'kefu-eval-'));
  let kefu;
  try {
    log(`starting Kefu on SQLite in ${dataDir}`);
    kefu = await startKefu(dataDir);
    const client = new Client(kefu.url);
    await client.signIn();
    const inbox = await client.request('POST', '/api/inboxes', { name: '评测渠道', settings: { bot: botSettings } });
    const bot = inbox.settings.bot;
    log(`loading ${kb.length} entries`);
    const entryIdOf = new Map();
    const evalIdOf = new Map();
    await mapLimit(kb, 4, async (entry) => {
      const created = await client.request('POST', '/api/knowledge/entries', {
        kind: 'faq',
        locale: 'zh-CN',
        variant: {
          title: entry.question,
          similarQuestions: entry.similar ?? [],
          body: entry.answer?.trim() || entry.question,
          status: 'published',
        },
      });
      entryIdOf.set(entry.id, created.id);
      evalIdOf.set(created.id, entry.id);
    });

    log(`asking ${queries.length} questions`);
    const latencies = [];
    const results = await mapLimit(queries, 4, async ({ query, expected_id: expected }) => {
      const started = performance.now();
      const reply = await client.request('POST', '/api/bot/try', { inboxId: inbox.id, question: query });
      latencies.push(performance.now() - started);
      const ranked = reply.candidates.slice(0, CANDIDATES).map((c) => evalIdOf.get(c.entryId) ?? null);
      const answered = reply.outcome === 'answer' ? (evalIdOf.get(reply.payload?.entryId) ?? null) : null;
      const suggested =
        reply.outcome === 'suggest' ? reply.payload.suggestions.map((s) => evalIdOf.get(s.entryId) ?? null) : [];
      const scores = reply.candidates.slice(0, CANDIDATES).map((c) => c.score);
      return { query, expected, outcome: reply.outcome, answered, suggested, ranked, scores, topScore: scores[0] ?? 0 };
    });

    const positives = results.filter((r) => r.expected !== null);
    const negatives = results.filter((r) => r.expected === null);
    const rankOf = (r) => r.ranked.indexOf(r.expected) + 1;
    const top1 = positives.filter((r) => rankOf(r) === 1).length;
    const top3 = positives.filter((r) => rankOf(r) >= 1 && rankOf(r) <= 3).length;
    const mrr = positives.reduce((sum, r) => sum + (rankOf(r) > 0 ? 1 / rankOf(r) : 0), 0) / (positives.length || 1);
    const answeredRight = positives.filter((r) => r.outcome === 'answer' && r.answered === r.expected).length;
    const answeredWrong = positives.filter((r) => r.outcome === 'answer' && r.answered !== r.expected).length;
    const suggestedRight = positives.filter((r) => r.outcome === 'suggest' && r.suggested.includes(r.expected)).length;
    const suggestedWrong = positives.filter((r) => r.outcome === 'suggest' && !r.suggested.includes(r.expected)).length;
    const notKnown = positives.length - answeredRight - answeredWrong - suggestedRight - suggestedWrong;
    const heldBack = negatives.filter((r) => r.outcome !== 'answer').length;
    const negSuggested = negatives.filter((r) => r.outcome === 'suggest').length;
    // Answering as a yes/no decision: it should answer exactly the queries that have an expected entry.
    const truePositive = positives.filter((r) => r.outcome === 'answer').length;
    const falsePositive = negatives.length - heldBack;
    const decisionAccuracy = (truePositive + heldBack) / (results.length || 1);
    const sorted = [...latencies].sort((a, b) => a - b);

    const lines = [
      `Bot evaluation: ${kb.length} entries (${path.relative(process.cwd(), path.resolve(kbFile))}), ${queries.length} queries (${positives.length} with an answer, ${negatives.length} without) from ${path.relative(process.cwd(), path.resolve(queriesFile))}`,
      `Thresholds: answer ≥ ${bot.answerThreshold}, margin ≥ ${bot.answerMargin}, suggest ≥ ${bot.suggestThreshold}`,
      '',
      'Ranking (queries with an expected entry)',
      `  top-1 accuracy       ${pct(top1, positives.length)}  (${top1}/${positives.length})`,
      `  top-3 accuracy       ${pct(top3, positives.length)}  (${top3}/${positives.length})`,
      `  MRR@${CANDIDATES}                ${mrr.toFixed(3)}`,
      '',
      'What the bot did (queries with an expected entry)',
      `  answered, right      ${pct(answeredRight, positives.length)}  (${answeredRight})`,
      `  answered, wrong      ${pct(answeredWrong, positives.length)}  (${answeredWrong})`,
      `  choices, right among ${pct(suggestedRight, positives.length)}  (${suggestedRight})`,
      `  choices, none right  ${pct(suggestedWrong, positives.length)}  (${suggestedWrong})`,
      `  did not know         ${pct(notKnown, positives.length)}  (${notKnown})`,
      'Queries that should not be answered',
      `  held back            ${pct(heldBack, negatives.length)}  (${heldBack}/${negatives.length}; ${negSuggested} of them with choices)`,
      '',
      'Answering vs not answering (answer = outcome "answer")',
      `  accuracy             ${pct(truePositive + heldBack, results.length)}  (${(decisionAccuracy * 100).toFixed(1)}% of all ${results.length})`,
      `  precision of answers ${pct(answeredRight, truePositive + falsePositive)}  (right answers / all answers)`,
      `  recall of answers    ${pct(truePositive, positives.length)}  (answered / should answer)`,
      '',
      `POST /api/bot/try latency: p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms (4 in flight)`,
    ];
    console.log(lines.join('\n'));
    if (process.argv.includes('--errors')) {
      console.log('\nWrong or missed:');
      for (const r of results) {
        const right =
          r.expected === null ? r.outcome !== 'answer' : r.outcome === 'answer' && r.answered === r.expected;
        if (right) continue;
        console.log(
          `  ${r.query}\texpected ${r.expected}\t${r.outcome}${r.answered ? ` ${r.answered}` : ''}\ttop ${r.ranked.slice(0, 3).join(',')} (${r.topScore})`,
        );
      }
    }
    const jsonFile = option('json', undefined);
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ settings: bot, results }, null, 2));
  } finally {
    await kefu?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
