// The answer bot's evaluation, shared by `npm run eval:bot` (eval/bot.mjs, the command line) and the test that
// runs the shipped set under `npm test` (e2e/botEvaluation.test.ts).
//
// Starts the real, built server (`npx tsc -b` first) on an embedded SQLite database in a temporary directory,
// signs in as its first admin, loads the knowledge base through the knowledge API (one published FAQ entry per
// line), makes an inbox whose bot answers first, and asks the bot each query through the product's own
// `POST /api/bot/try` (what the bot would reply to a first question in that inbox). It measures:
//
// - ranking: top-1 and top-3 accuracy and MRR (over the five best entries) of the bot's search, for the queries
//   that have an expected entry;
// - the bot's behaviour: how often it answers right, answers wrong, offers the right entry among its
//   "您是不是想问" choices, or says it does not know; and for the queries that should not be answered, how often
//   it held back;
// - answering vs not answering as a yes/no decision: accuracy, precision and recall of "answers".
//
// Files are JSONL: the knowledge base `{id, question, similar?, answer?}`, the queries `{query, expected_id}`
// (expected_id null: the bot should not answer).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startKefuProcess } from '../bench/kefuProcess.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_EMAIL = 'eval@kefu.local';
const ADMIN_PASSWORD = randomBytes(12).toString('hex');
const CANDIDATES = 5;

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

function startKefu(dataDir) {
  return startKefuProcess({
    cwd: dataDir,
    env: {
      DATABASE_URL: path.join(dataDir, 'kefu.db'),
      KEFU_ADMIN_EMAIL: ADMIN_EMAIL,
      KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KEFU_SEED_DEMO: 'false',
    },
  });
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

export const SHIPPED_KB = path.join(ROOT, 'eval/kb.jsonl');
export const SHIPPED_QUERIES = path.join(ROOT, 'eval/queries.jsonl');

/**
 * Runs the evaluation. `botSettings` overrides the inbox's bot settings (answerThreshold, suggestThreshold,
 * answerMargin); `log` hears progress. Returns the measures (rates from 0 to 1), every query's result and the
 * printable report.
 */
export async function evaluateBot({
  kbFile = SHIPPED_KB,
  queriesFile = SHIPPED_QUERIES,
  botSettings = {},
  log = () => {},
} = {}) {
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

  const dataDir = mkdtempSync(path.join(tmpdir(), 'kefu-eval-'));
  let kefu;
  try {
    log(`starting Kefu on SQLite in ${dataDir}`);
    kefu = await startKefu(dataDir);
    const client = new Client(kefu.url);
    await client.signIn();
    const inbox = await client.request('POST', '/api/inboxes', {
      name: '评测渠道',
      settings: { bot: { ...botSettings, mode: 'bot_first' } },
    });
    const bot = inbox.settings.bot;
    log(`loading ${kb.length} entries`);
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
    const measures = measure(results, latencies);
    const report = formatReport({ kb, kbFile, queriesFile, queries, bot, measures });
    return { settings: bot, measures, results, report };
  } finally {
    await kefu?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function measure(results, latencies) {
  const positives = results.filter((r) => r.expected !== null);
  const negatives = results.filter((r) => r.expected === null);
  const rankOf = (r) => r.ranked.indexOf(r.expected) + 1;
  const top1 = positives.filter((r) => rankOf(r) === 1).length;
  const top3 = positives.filter((r) => rankOf(r) >= 1 && rankOf(r) <= 3).length;
  const answeredRight = positives.filter((r) => r.outcome === 'answer' && r.answered === r.expected).length;
  const answeredWrong = positives.filter((r) => r.outcome === 'answer' && r.answered !== r.expected).length;
  const suggestedRight = positives.filter((r) => r.outcome === 'suggest' && r.suggested.includes(r.expected)).length;
  const suggestedWrong = positives.filter((r) => r.outcome === 'suggest' && !r.suggested.includes(r.expected)).length;
  const heldBack = negatives.filter((r) => r.outcome !== 'answer').length;
  // Answering as a yes/no decision: it should answer exactly the queries that have an expected entry.
  const truePositive = positives.filter((r) => r.outcome === 'answer').length;
  const falsePositive = negatives.length - heldBack;
  const rate = (part, whole) => (whole === 0 ? null : part / whole);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    counts: {
      queries: results.length,
      positives: positives.length,
      negatives: negatives.length,
      top1,
      top3,
      answeredRight,
      answeredWrong,
      suggestedRight,
      suggestedWrong,
      notKnown: positives.length - answeredRight - answeredWrong - suggestedRight - suggestedWrong,
      heldBack,
      negativesSuggested: negatives.filter((r) => r.outcome === 'suggest').length,
      answered: truePositive + falsePositive,
      answeredPositives: truePositive,
    },
    top1: rate(top1, positives.length),
    top3: rate(top3, positives.length),
    mrr: positives.reduce((sum, r) => sum + (rankOf(r) > 0 ? 1 / rankOf(r) : 0), 0) / (positives.length || 1),
    heldBack: rate(heldBack, negatives.length),
    decisionAccuracy: rate(truePositive + heldBack, results.length),
    precision: rate(answeredRight, truePositive + falsePositive),
    recall: rate(truePositive, positives.length),
    latencyMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) },
  };
}

function formatReport({ kb, kbFile, queriesFile, queries, bot, measures: m }) {
  const c = m.counts;
  const relative = (file) => path.relative(process.cwd(), path.resolve(file));
  return [
    `Bot evaluation: ${kb.length} entries (${relative(kbFile)}), ${queries.length} queries (${c.positives} with an answer, ${c.negatives} without) from ${relative(queriesFile)}`,
    `Thresholds: answer ≥ ${bot.answerThreshold}, margin ≥ ${bot.answerMargin}, suggest ≥ ${bot.suggestThreshold}`,
    '',
    'Ranking (queries with an expected entry)',
    `  top-1 accuracy       ${pct(c.top1, c.positives)}  (${c.top1}/${c.positives})`,
    `  top-3 accuracy       ${pct(c.top3, c.positives)}  (${c.top3}/${c.positives})`,
    `  MRR@${CANDIDATES}                ${m.mrr.toFixed(3)}`,
    '',
    'What the bot did (queries with an expected entry)',
    `  answered, right      ${pct(c.answeredRight, c.positives)}  (${c.answeredRight})`,
    `  answered, wrong      ${pct(c.answeredWrong, c.positives)}  (${c.answeredWrong})`,
    `  choices, right among ${pct(c.suggestedRight, c.positives)}  (${c.suggestedRight})`,
    `  choices, none right  ${pct(c.suggestedWrong, c.positives)}  (${c.suggestedWrong})`,
    `  did not know         ${pct(c.notKnown, c.positives)}  (${c.notKnown})`,
    'Queries that should not be answered',
    `  held back            ${pct(c.heldBack, c.negatives)}  (${c.heldBack}/${c.negatives}; ${c.negativesSuggested} of them with choices)`,
    '',
    'Answering vs not answering (answer = outcome "answer")',
    `  accuracy             ${pct(c.answeredPositives + c.heldBack, c.queries)}  (of all ${c.queries})`,
    `  precision of answers ${pct(c.answeredRight, c.answered)}  (right answers / all answers)`,
    `  recall of answers    ${pct(c.answeredPositives, c.positives)}  (answered / should answer)`,
    '',
    `POST /api/bot/try latency: p50 ${m.latencyMs.p50.toFixed(1)} ms, p95 ${m.latencyMs.p95.toFixed(1)} ms (4 in flight)`,
  ].join('\n');
}
