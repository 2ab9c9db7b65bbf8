#!/usr/bin/env node
// The ticket-export benchmark: `npm run bench:export` (add `-- --quick` for 10,000 tickets, `-- --tickets N`).
//
// Starts a real Kefu process (embedded SQLite, WAL, demo workspace with its SLA policies) on a temporary database,
// clones one real ticket (with its SLA facts) into 50,000 tickets of 5,000 customers spread over the demo staff and
// teams, then downloads GET /api/tickets/export as XLSX and as CSV over loopback HTTP while sampling the server's
// RSS every 20 ms. The XLSX is read back (exceljs' streaming reader) to check that every row arrived. For
// comparison, a child process builds a workbook of the same size in memory with `writeXlsx` (what the export did
// before it streamed). Prints one table (docs/PERFORMANCE.md keeps a copy); nothing is asserted except that the
// file holds every row. The server must be built (`npm run build`, or `npx tsc -b`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signInHeaders, sleep, startKefuProcess } from './kefuProcess.mjs';
import { rssMb } from './measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const serverRequire = createRequire(path.join(ROOT, 'packages/server/package.json'));
const Database = serverRequire('better-sqlite3');
const ExcelJS = serverRequire('exceljs');
const { newId } = await import(pathToFileURL(path.join(ROOT, 'packages/server/dist/db/ids.js')).href);
const ADMIN_EMAIL = 'admin@kefu.local';
const ADMIN_PASSWORD = `Bench-${randomBytes(9).toString('base64url')}`;

const argv = process.argv.slice(2);
const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const ticketsFlag = argv.indexOf('--tickets');
const TICKETS = ticketsFlag >= 0 ? Number(argv[ticketsFlag + 1]) : quick ? 10_000 : 50_000;
const CONTACTS = Math.max(1, Math.round(TICKETS / 10));
const heapFlag = argv.indexOf('--heap-mb');
/** The server's V8 old-space limit (`--max-old-space-size`): an export whose memory grew with its rows would fail. */
const HEAP_MB = heapFlag >= 0 ? Number(argv[heapFlag + 1]) : null;
const SAMPLE_MS = 20;

/** Samples a process's RSS until stopped; returns the highest seen. */
function rssSampler(pid) {
  let peak = 0;
  const sample = () => {
    const rss = rssMb(pid);
    if (!Number.isNaN(rss)) peak = Math.max(peak, rss);
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

const signIn = (url) => signInHeaders(url, ADMIN_EMAIL, ADMIN_PASSWORD);

function startKefu(dataDir) {
  return startKefuProcess({
    cwd: dataDir,
    env: { DATABASE_URL: path.join(dataDir, 'kefu.db'), KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, KEFU_SEED_DEMO: 'true' },
    nodeArgs: HEAP_MB ? [`--max-old-space-size=${HEAP_MB}`] : [],
  });
}

/** One real ticket (so its SLA facts are what the server writes), then TICKETS clones of it in one transaction. */
async function seedTickets(url, auth, file) {
  const types = await (await fetch(`${url}/api/ticket-types`, { headers: auth })).json();
  const inquiry = types.items.find((type) => type.name === '咨询');
  const created = await fetch(`${url}/api/tickets`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      typeId: inquiry.id,
      title: '发票怎么开',
      contact: { name: '赵女士', phone: '13700002222' },
      fields: { topic: 'order' },
    }),
  });
  if (created.status !== 201) throw new Error(`ticket: HTTP ${created.status} ${await created.text()}`);
  const { id } = await created.json();

  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  const ticket = db.prepare('select * from tickets where id = ?').get(id);
  const sla = db.prepare('select * from ticket_slas where ticket_id = ?').get(id);
  const users = db
    .prepare("select id from users where account_id = ? and role != 'department'")
    .all(ticket.account_id)
    .map((r) => r.id);
  const teams = db
    .prepare('select id from teams where account_id = ?')
    .all(ticket.account_id)
    .map((r) => r.id);
  const priorities = ['low', 'normal', 'high', 'urgent'];
  const insertContact = db.prepare(
    'insert into contacts (id, account_id, name, email, phone, verified, owner_id, tags, created_at, updated_at) values (?, ?, ?, null, ?, 0, null, ?, ?, ?)',
  );
  const ticketColumns = Object.keys(ticket);
  const insertTicket = db.prepare(
    `insert into tickets (${ticketColumns.join(', ')}) values (${ticketColumns.map(() => '?').join(', ')})`,
  );
  const slaColumns = sla ? Object.keys(sla) : [];
  const insertSla = sla
    ? db.prepare(`insert into ticket_slas (${slaColumns.join(', ')}) values (${slaColumns.map(() => '?').join(', ')})`)
    : null;
  const start = Date.now() - TICKETS * 60_000;
  db.transaction(() => {
    const contactIds = [];
    for (let i = 0; i < CONTACTS; i++) {
      const contactId = newId(start);
      contactIds.push(contactId);
      const phone = `139${String(i).padStart(8, '0')}`;
      insertContact.run(contactId, ticket.account_id, `顾客${i}`, phone, '[]', start, start);
    }
    for (let i = 0; i < TICKETS; i++) {
      const at = start + i * 60_000;
      const clone = {
        ...ticket,
        id: newId(at),
        number: `T-BENCH-${String(i).padStart(6, '0')}`,
        title: `第 ${i} 号工单：收到的商品有问题，需要退换货或者补发配件`,
        priority: priorities[i % priorities.length],
        contact_id: contactIds[i % contactIds.length],
        assignee_id: i % 5 === 0 ? null : users[i % users.length],
        team_id: i % 3 === 0 ? null : teams[i % teams.length],
        created_at: at,
        updated_at: at,
      };
      insertTicket.run(...ticketColumns.map((column) => clone[column]));
      if (insertSla) {
        const row = { ...sla, ticket_id: clone.id, next_check_at: null };
        insertSla.run(...slaColumns.map((column) => row[column]));
      }
    }
  })();
  db.close();
}

/** Downloads an export, keeping only its size (and the bytes for XLSX, to read back). */
async function download(url, auth, format, server) {
  const sampler = rssSampler(server.pid);
  const started = performance.now();
  const response = await fetch(`${url}/api/tickets/export?format=${format}`, { headers: auth });
  if (response.status !== 200) throw new Error(`export: HTTP ${response.status} ${await response.text()}`);
  const firstByteMs = performance.now() - started;
  const chunks = [];
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    if (format === 'xlsx') chunks.push(chunk);
  }
  const totalMs = performance.now() - started;
  return {
    firstByteMs,
    totalMs,
    bytes,
    peakRss: sampler.stop(),
    truncated: response.headers.get('x-kefu-export-truncated'),
    data: format === 'xlsx' ? Buffer.concat(chunks) : null,
  };
}

/** Data rows of the first worksheet, read as a stream (exceljs' reader). */
async function countXlsxRows(data) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), { sharedStrings: 'cache' });
  let rows = 0;
  for await (const worksheet of reader) {
    for await (const _row of worksheet) rows += 1;
    break;
  }
  return rows - 1;
}

/** The old way: the whole workbook built in memory by `writeXlsx`, in a child process of its own. */
async function inMemoryWorkbook(rows) {
  const script = `
    const { writeXlsx } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'packages/server/dist/spreadsheets/xlsx.js')).href)});
    const headings = ['工单编号','标题','类型','状态','优先级','客户','处理人','团队','创建时间','到期时间','SLA 状态'];
    const lines = Array.from({ length: ${rows} }, (_, i) => [
      'T-BENCH-' + String(i).padStart(6, '0'), '第 ' + i + ' 号工单：收到的商品有问题，需要退换货或者补发配件', '咨询', '待处理',
      '普通', '顾客' + (i % 5000) + ' 139****' + String(i % 10000).padStart(4, '0'), '小李', '售后',
      '2026-03-02 09:05', '2026-03-02 13:05', '进行中',
    ]);
    const started = performance.now();
    const data = await writeXlsx({ name: '工单', headings, rows: lines }, new Date());
    console.log(JSON.stringify({ ms: performance.now() - started, bytes: data.length }));
  `;
  const heapArgs = HEAP_MB ? [`--max-old-space-size=${HEAP_MB}`] : [];
  const child = spawn(process.execPath, [...heapArgs, '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const sampler = rssSampler(child.pid);
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  const peakRss = sampler.stop();
  // Under --heap-mb the whole workbook may not fit: V8 aborts with "heap out of memory".
  return code === 0 ? { ...JSON.parse(out), peakRss } : { ms: Number.NaN, bytes: Number.NaN, peakRss, failed: true };
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kefu-bench-export-'));
  let server;
  try {
    server = await startKefu(dataDir);
    const auth = await signIn(server.url);
    const seeding = performance.now();
    await seedTickets(server.url, auth, path.join(dataDir, 'kefu.db'));
    const seedMs = performance.now() - seeding;
    // Warm up (code paths, statement caches) on a small view, then let the heap settle.
    await (
      await fetch(`${server.url}/api/tickets/export?format=xlsx&priority=urgent&assignee=none`, { headers: auth })
    ).arrayBuffer();
    await sleep(1000);
    const idleRss = rssMb(server.pid);
    const xlsx = await download(server.url, auth, 'xlsx', server);
    const rowsBack = await countXlsxRows(xlsx.data);
    xlsx.data = null;
    await sleep(1000);
    const csv = await download(server.url, auth, 'csv', server);
    const expected = TICKETS + 1;
    const old = await inMemoryWorkbook(expected);

    const lines = [
      `Kefu ticket-export benchmark: ${fmt(expected)} tickets (${fmt(TICKETS)} cloned + 1, every one with SLA facts), ${fmt(CONTACTS)} customers, one Kefu process on SQLite (WAL), loopback HTTP.`,
      `Machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' / ',
        )}, Node ${process.version}. Seeding took ${fmt(seedMs / 1000, 1)} s.${HEAP_MB ? ` Server and comparison limited to ${HEAP_MB} MB of V8 old space.` : ''}`,
      '',
      '| Measurement                                          | Time (s) | First byte (ms) | Size (MB) | Server peak RSS (MB) |',
      '| ---------------------------------------------------- | -------- | --------------- | --------- | -------------------- |',
      `| server idle, before the exports                      |          |                 |           | ${fmt(idleRss)} |`,
      `| XLSX export, streamed (${fmt(rowsBack)} rows read back) | ${fmt(xlsx.totalMs / 1000, 1)} | ${fmt(xlsx.firstByteMs)} | ${fmt(xlsx.bytes / 1048576, 1)} | ${fmt(xlsx.peakRss)} |`,
      `| CSV export, streamed                                 | ${fmt(csv.totalMs / 1000, 1)} | ${fmt(csv.firstByteMs)} | ${fmt(csv.bytes / 1048576, 1)} | ${fmt(csv.peakRss)} |`,
      old.failed
        ? `| same rows, whole workbook in memory (writeXlsx alone) | out of memory at ${HEAP_MB} MB old space | | | ${fmt(old.peakRss)} (own process) |`
        : `| same rows, whole workbook in memory (writeXlsx alone) | ${fmt(old.ms / 1000, 1)} |                 | ${fmt(old.bytes / 1048576, 1)} | ${fmt(old.peakRss)} (own process) |`,
    ];
    console.log(lines.join('\n'));
    if (rowsBack !== Math.min(expected, 100_000) || xlsx.truncated !== String(expected > 100_000)) {
      console.error(`The XLSX holds ${rowsBack} rows (truncated: ${xlsx.truncated}); expected ${expected}.`);
      process.exitCode = 1;
    }
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
