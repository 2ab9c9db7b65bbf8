#!/usr/bin/env node
// The routing benchmark: `npm run bench:routing` (add `-- --quick` for a short run).
//
// Embedded mode (SQLite, WAL, on a temporary file) with 500 online agents in 10 teams of 50, every agent at their
// limit of 10 (5,000 chats in progress) and 5,000 conversations waiting in the queue. It times, through the built
// server's own modules (packages/server/dist; run `npm run build` or `npx tsc -b` first):
//
//   1. the decision alone: `chooseAgent` over a snapshot of the 500 agents (the pure function routing runs);
//   2. the decision as an arrival makes it: read the snapshot from the database, plan, choose;
//   3. an arrival while everyone is full: the whole router, ending with the chat queued (one transaction);
//   4. a seat freed: the drain gives it to the first eligible of the 5,000 waiting (one transaction);
//   5. an arrival with room and no queue: the whole router, ending with the chat assigned.
//
// Prints one table (docs/PERFORMANCE.md records it). Nothing is asserted; an agent past their limit at the end is
// a correctness failure and exits 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pino } from 'pino';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (file) => import(pathToFileURL(path.join(ROOT, 'packages/server/dist', file)).href);
const shared = await import(pathToFileURL(path.join(ROOT, 'packages/shared/dist/index.js')).href);

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const AGENTS = 500;
const TEAMS = 10;
const LIMIT = 10;
const WAITING = 5000;
const RUNS = quick ? 200 : 2000;
const HEAVY_RUNS = quick ? 100 : 500;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function time(runs, fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { runs, p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1) };
}

async function main() {
  const [{ openDatabase }, { migrateToLatest }, { LocalEventBus }, { newId }, decision, repository, router, drainer] =
    await Promise.all([
      dist('db/database.js'),
      dist('db/migrator.js'),
      dist('realtime/events.js'),
      dist('db/ids.js'),
      dist('routing/decision.js'),
      dist('routing/routingRepository.js'),
      dist('routing/conversationRouter.js'),
      dist('routing/queueDrainer.js'),
    ]);
  const dir = mkdtempSync(path.join(tmpdir(), 'kefu-bench-routing-'));
  const db = openDatabase({ kind: 'sqlite', file: path.join(dir, 'kefu.db') });
  try {
    await migrateToLatest(db.kysely);
    const ctx = {
      config: { secret: 'bench-secret-bench-secret-bench-secret' },
      db,
      clock: { now: () => Date.now() },
      log: pino({ level: 'silent' }),
      bus: new LocalEventBus(),
    };
    const seeded = seed(db.sqlite, newId, shared);
    const { accountId, teamIds } = seeded;
    const settings = shared.routingSettings.parse({ enabled: true });

    // 1. The decision alone, everyone eligible (no team): the widest scan.
    const snapshot = await repository.loadSnapshot(db.kysely, accountId);
    // A tenth of the agents with a free seat, so the decision has someone to find.
    let k = 0;
    for (const agent of snapshot.available.values()) if (k++ % 10 === 0) agent.activeChats = LIMIT - 1;
    const plain = { preferred: [], team: null, excluded: [], priority: 0 };
    const inTeam = { preferred: [], team: { id: teamIds[3], rule: 'widget_team' }, excluded: [], priority: 0 };
    const pureAll = await time(RUNS * 10, () => decision.chooseAgent(plain, snapshot, settings, Date.now(), null));
    const pureTeam = await time(RUNS * 10, () => decision.chooseAgent(inTeam, snapshot, settings, Date.now(), null));

    // 2. As an arrival makes it: snapshot from the database, plan, choose.
    const facts = {
      designatedAgentId: null,
      designatedTeamId: null,
      chosenTeamId: teamIds[1],
      previousAgent: null,
      ownerId: null,
      contactTags: [],
      labels: [],
      locale: null,
      pageUrl: null,
    };
    const withRead = await time(RUNS, async () => {
      const fresh = await repository.loadSnapshot(db.kysely, accountId);
      return decision.chooseAgent(decision.planRoute(facts, settings, Date.now()), fresh, settings, Date.now(), null);
    });

    // 3. Arrivals while everyone is full: each ends in the queue (5,000 waiting already, then 5,001 …).
    const queued = await time(HEAVY_RUNS, async () => {
      const id = seeded.newConversation(teamIds[seeded.rnd(TEAMS)]);
      const outcome = await router.conversationRouter(ctx, accountId, id);
      if (outcome.kind !== 'queued') throw new Error(`expected queued, got ${outcome.kind}`);
    });

    // 4. A seat is freed (a chat resolved): the drain hands it to the first eligible of the waiting.
    const drained = await time(HEAVY_RUNS, async (i) => {
      seeded.freeSeat(i);
      const assigned = await drainer.drainQueues(ctx, accountId);
      if (assigned !== 1) {
        const snap = await repository.loadSnapshot(db.kysely, accountId);
        const free = [...snap.available.values()].filter((a) => a.activeChats < a.chatLimit);
        throw new Error(
          `expected one assignment, got ${assigned}; free ${JSON.stringify(free)} queued ${db.sqlite.prepare("select count(*) n from conversation_routing where state='queued'").get().n}`,
        );
      }
    });

    // 5. No queue, room for everyone: arrivals are assigned at once.
    seeded.emptyQueueAndFreeSeats();
    const assigned = await time(HEAVY_RUNS, async () => {
      const id = seeded.newConversation(teamIds[seeded.rnd(TEAMS)]);
      const outcome = await router.conversationRouter(ctx, accountId, id);
      if (outcome.kind !== 'assigned') throw new Error(`expected assigned, got ${outcome.kind}`);
    });

    const over = db.sqlite.prepare('select count(*) as n from agent_states where active_chats > chat_limit').get().n;
    const rows = [
      ['Decision alone: chooseAgent over 500 online agents, no team (all eligible)', pureAll, '≤ 5 ms'],
      ['Decision alone: chooseAgent within a team of 50', pureTeam, '≤ 5 ms'],
      ['Decision with its reads: snapshot of 500 agents from SQLite + plan + choose', withRead, '≤ 5 ms'],
      ['Arrival, everyone full: whole router, ends queued (5,000+ waiting)', queued, ''],
      ['Seat freed: drain assigns the first eligible of 5,000 waiting', drained, ''],
      ['Arrival with room, no queue: whole router, ends assigned', assigned, ''],
    ];
    process.stdout.write(report(rows, over));
    return over === 0 ? 0 : 1;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bulk seeding with plain SQL in one transaction: the state routing reads, as the server would have left it. */
function seed(sqlite, newId, shared) {
  let state = 1;
  const rnd = (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor((state / 2147483648) * n);
  };
  const now = Date.now() - 3_600_000;
  const accountId = newId(now);
  const inboxId = newId(now);
  const teamIds = Array.from({ length: TEAMS }, () => newId(now));
  const agentIds = Array.from({ length: AGENTS }, () => newId(now));
  const settings = shared.widgetSettings.parse({
    routing: { enabled: true },
    teamChoice: { enabled: true, teams: teamIds.map((teamId, i) => ({ teamId, label: `组${i + 1}` })) },
  });
  const insert = {
    conversation: sqlite.prepare(
      `insert into conversations (id, account_id, inbox_id, contact_id, status, assignee_id, team_id, labels, last_seq,
       last_activity_at, agent_last_read_seq, contact_last_read_seq, unread_count, meta, created_at, updated_at)
       values (?, ?, ?, ?, 'open', ?, ?, '[]', 0, ?, 0, 0, 0, '{}', ?, ?)`,
    ),
    contact: sqlite.prepare(
      `insert into contacts (id, account_id, name, verified, tags, created_at, updated_at) values (?, ?, ?, 0, ?, ?, ?)`,
    ),
    hint: sqlite.prepare(
      'insert into routing_hints (inbox_id, contact_id, account_id, team_id, updated_at) values (?, ?, ?, ?, ?)',
    ),
    routing: sqlite.prepare(
      `insert into conversation_routing (conversation_id, account_id, inbox_id, contact_id, state, team_id, plan, priority,
       enqueued_at, visitor_seen_at, assignee_id, assigned_at, first_assigned_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  const contactFor = (teamId, vip, at) => {
    const id = newId(at);
    insert.contact.run(id, accountId, `客户 ${id.slice(-6)}`, vip ? '["VIP"]' : '[]', at, at);
    insert.hint.run(inboxId, id, accountId, teamId, at);
    return id;
  };
  const plan = (teamId, priority) =>
    JSON.stringify({ preferred: [], team: { id: teamId, rule: 'widget_team' }, excluded: [], priority });
  const assignedIds = [];
  sqlite.transaction(() => {
    sqlite
      .prepare('insert into accounts (id, name, locale, timezone, created_at, updated_at) values (?, ?, ?, ?, ?, ?)')
      .run(accountId, 'bench', 'zh-CN', 'Asia/Shanghai', now, now);
    sqlite
      .prepare(
        `insert into inboxes (id, account_id, name, channel, website_token, hmac_secret, settings, created_at, updated_at)
         values (?, ?, 'bench', 'web_widget', ?, 'x', ?, ?, ?)`,
      )
      .run(inboxId, accountId, `bench-${inboxId}`, JSON.stringify(settings), now, now);
    const team = sqlite.prepare(
      `insert into teams (id, account_id, name, kind, description, chat_limit, active_chats, created_at, updated_at)
       values (?, ?, ?, 'skill', '', null, ?, ?, ?)`,
    );
    for (const [t, id] of teamIds.entries()) team.run(id, accountId, `组${t + 1}`, (AGENTS / TEAMS) * LIMIT, now, now);
    const user = sqlite.prepare(
      `insert into users (id, account_id, email, name, role, status, locale, failed_logins, created_at, updated_at)
       values (?, ?, ?, ?, 'agent', 'active', 'zh-CN', 0, ?, ?)`,
    );
    const member = sqlite.prepare(
      'insert into team_members (account_id, team_id, user_id, created_at) values (?, ?, ?, ?)',
    );
    const agentState = sqlite.prepare(
      `insert into agent_states (user_id, account_id, presence, presence_choice, presence_since, chat_limit, active_chats,
       last_assigned_at, last_released_at, updated_at) values (?, ?, 'online', 'online', ?, ?, ?, ?, 0, ?)`,
    );
    agentIds.forEach((id, i) => {
      const teamId = teamIds[i % TEAMS];
      user.run(id, accountId, `agent${i}@bench.local`, `客服${i}`, now, now);
      member.run(accountId, teamId, id, now);
      agentState.run(id, accountId, now, LIMIT, LIMIT, now + rnd(3_600_000), now);
      for (let c = 0; c < LIMIT; c++) {
        const at = now + rnd(3_600_000);
        const contactId = contactFor(teamId, false, at);
        const conversationId = newId(at);
        insert.conversation.run(conversationId, accountId, inboxId, contactId, id, teamId, at, at, at);
        insert.routing.run(
          conversationId,
          accountId,
          inboxId,
          contactId,
          'assigned',
          teamId,
          plan(teamId, 0),
          0,
          null,
          null,
          id,
          at,
          at,
          at,
          at,
        );
        assignedIds.push({ conversationId, agentId: id, teamId });
      }
    });
    for (let q = 0; q < WAITING; q++) {
      const at = now + q * 500;
      const teamId = teamIds[rnd(TEAMS)];
      const vip = rnd(10) === 0;
      const contactId = contactFor(teamId, vip, at);
      const conversationId = newId(at);
      insert.conversation.run(conversationId, accountId, inboxId, contactId, null, null, at, at, at);
      insert.routing.run(
        conversationId,
        accountId,
        inboxId,
        contactId,
        'queued',
        teamId,
        plan(teamId, vip ? 1 : 0),
        vip ? 1 : 0,
        at,
        at,
        null,
        null,
        null,
        at,
        at,
      );
    }
  })();

  return {
    accountId,
    inboxId,
    teamIds,
    rnd,
    /** A new conversation of a new customer who chose `teamId`, not routed yet. */
    newConversation(teamId) {
      const at = Date.now();
      const contactId = contactFor(teamId, false, at);
      const id = newId(at);
      insert.conversation.run(id, accountId, inboxId, contactId, null, null, at, at, at);
      return id;
    },
    /** An agent's chat is resolved (as the conversation updater would leave it). */
    freeSeat(i) {
      const { conversationId, agentId, teamId } = assignedIds[i];
      sqlite.transaction(() => {
        sqlite.prepare("update conversations set status = 'resolved' where id = ?").run(conversationId);
        sqlite.prepare("update conversation_routing set state = 'ended' where conversation_id = ?").run(conversationId);
        sqlite.prepare('update agent_states set active_chats = active_chats - 1 where user_id = ?').run(agentId);
        sqlite.prepare('update teams set active_chats = active_chats - 1 where id = ?').run(teamId);
      })();
    },
    emptyQueueAndFreeSeats() {
      sqlite.transaction(() => {
        sqlite.prepare("update conversation_routing set state = 'ended' where state = 'queued'").run();
        sqlite.prepare("update conversations set status = 'resolved' where account_id = ?").run(accountId);
        sqlite.prepare('update agent_states set active_chats = 0, chat_limit = 100').run();
        sqlite.prepare('update teams set active_chats = 0').run();
      })();
    },
  };
}

function report(rows, over) {
  const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
  const header = ['Measurement (SQLite, embedded)', 'Runs', 'p50', 'p99', 'Max', 'Target'];
  const cells = rows.map(([name, r, target]) => [
    name,
    r.runs.toLocaleString('en'),
    fmt(r.p50),
    fmt(r.p99),
    fmt(r.max),
    target,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => `| ${c.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
  const table = [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.map(line)].join('\n');
  const cpu = cpus();
  return (
    `\n${table}\n\n${AGENTS} agents online in ${TEAMS} teams, limit ${LIMIT}, all full; ${WAITING.toLocaleString('en')} waiting. ` +
    `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, Node ${process.version}. Agents past their limit at the end: ${over}.\n`
  );
}

process.exit(await main());
