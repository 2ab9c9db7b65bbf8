#!/usr/bin/env node
// The knowledge-search benchmark: `npm run bench:search` (add `-- --quick` for a short run).
//
// Starts two real Kefu processes (embedded SQLite, WAL) on one temporary database file, imports 10,000 FAQ
// entries through the spreadsheet import, then measures over loopback HTTP:
//   - search latency (GET /api/knowledge/search, one request at a time) for customer-style queries: exact,
//     paraphrased, Traditional, homophone typos, short and long colloquial ones;
//   - how long an edit takes to become visible: on the node that made it, and on the other node (which only
//     learns of it from the database revision it re-checks every 500 ms).
// Prints one table (docs/PERFORMANCE.md keeps a copy). Nothing is asserted against the targets.
//
// Plain ESM JavaScript so Node 20 runs it directly; besides Node it uses only `opencc-js` (installed for the
// server) to write Traditional queries. The server must be built (`npm run build`, or `npx tsc -b`).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { signInHeaders, sleep, startKefuProcess } from './kefuProcess.mjs';
import { percentile, rssMb } from './measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_EMAIL = 'admin@kefu.local';
const ADMIN_PASSWORD = `Bench-${randomBytes(9).toString('base64url')}`;
const OpenCC = createRequire(path.join(ROOT, 'packages/server/package.json'))('opencc-js');
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

const argv = process.argv.slice(2);
const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const ENTRIES = quick ? 2000 : 10_000;
const QUERIES = quick ? 400 : 2000;
const EDITS = quick ? 10 : 30;
const IMPORT_ROWS = 5000;

/** A small deterministic generator, so every run searches the same knowledge base with the same queries. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- the knowledge base: products × questions

const PRODUCTS = [
  '扫地机器人',
  '空气炸锅',
  '电动牙刷',
  '蓝牙耳机',
  '智能手表',
  '净水器',
  '电饭煲',
  '吹风机',
  '加湿器',
  '投影仪',
  '洗碗机',
  '咖啡机',
  '破壁机',
  '电热水壶',
  '空气净化器',
  '除湿机',
  '剃须刀',
  '按摩椅',
  '跑步机',
  '体脂秤',
];
const SERIES = ['X1', 'Pro', 'Mini', 'S2', 'Max', 'Lite', 'Air', 'Plus', 'M3', 'Ultra'];

/** Question families: the standard question, how customers also ask it, and the answer, for one product `{p}`. */
const INTENTS = [
  [
    '{p}怎么退货',
    ['{p}不想要了能退吗', '{p}可以七天无理由退吗'],
    '{p}签收 7 天内未使用可无理由退货，在订单里申请售后。',
  ],
  ['{p}保修多久', ['{p}坏了能保修吗', '{p}质保几年'], '{p}整机保修一年，主要部件保修两年。'],
  ['{p}什么时候发货', ['{p}几天能发货', '{p}今天下单今天能发吗'], '{p}现货 48 小时内发货。'],
  ['{p}怎么安装', ['{p}需要师傅上门装吗', '{p}安装教程'], '{p}附有安装说明书，也可预约免费上门安装。'],
  ['{p}耗材在哪里买', ['{p}配件怎么买', '{p}滤芯哪里有卖'], '{p}的耗材和配件在官方旗舰店的配件专区购买。'],
  ['{p}有优惠活动吗', ['{p}最近有没有折扣', '{p}能便宜点吗'], '{p}参加满减活动，领券后下单更优惠。'],
  ['{p}怎么开发票', ['{p}能开专票吗', '{p}发票怎么开'], '{p}下单时勾选开具发票，电子发票发货后发到邮箱。'],
  ['{p}运费多少', ['{p}包邮吗', '{p}偏远地区运费'], '{p}全国包邮，偏远地区加收 10 元。'],
  ['{p}颜色有哪些', ['{p}有黑色的吗', '{p}有几种颜色'], '{p}有白色、黑色和灰色三种颜色。'],
  ['{p}怎么连接手机', ['{p}连不上手机怎么办', '{p}蓝牙怎么配对'], '{p}下载官方 App 后按提示配对即可。'],
  ['{p}声音很大正常吗', ['{p}噪音大', '{p}有异响'], '{p}工作时有轻微声音属正常，持续异响请联系售后。'],
  ['{p}怎么清洁', ['{p}怎么洗', '{p}脏了怎么清理'], '{p}断电后用湿布擦拭外壳，可拆部件用清水冲洗。'],
  ['{p}用电量大吗', ['{p}费电吗', '{p}功率多少'], '{p}额定功率见铭牌，日常使用耗电很少。'],
  ['{p}可以换货吗', ['{p}有问题能换新吗', '{p}换货流程'], '{p}15 天内出现质量问题可以换新。'],
  ['{p}说明书在哪里', ['{p}使用说明', '{p}说明书丢了'], '{p}的电子说明书可在官网下载。'],
  ['{p}退款多久到账', ['{p}退了钱什么时候回来', '{p}退款几天到'], '{p}退款审核通过后 1–3 个工作日原路退回。'],
  ['{p}缺货什么时候补', ['{p}没货了', '{p}到货通知'], '{p}补货后会短信通知已订阅的顾客。'],
  ['{p}是正品吗', ['{p}是不是官方的', '{p}有防伪吗'], '{p}为官方正品，支持防伪查询。'],
  ['{p}能送到国外吗', ['{p}海外能买吗', '{p}港澳台能发吗'], '{p}支持港澳台配送，暂不支持其他海外地区。'],
  ['{p}坏了怎么报修', ['{p}故障了找谁', '{p}维修电话'], '{p}可在 App 里提交报修，或拨打售后热线。'],
  ['{p}有赠品吗', ['{p}送什么', '{p}买了送礼品吗'], '{p}活动期间赠送收纳包一个。'],
  ['{p}和上一代有什么区别', ['{p}升级了什么', '{p}新款旧款区别'], '{p}新款续航更长、噪音更低。'],
  ['{p}能用花呗分期吗', ['{p}分期付款', '{p}信用卡分期免息吗'], '{p}支持花呗和信用卡分期，部分期数免息。'],
  ['{p}包装破损怎么办', ['{p}收到时盒子坏了', '{p}外包装压坏了'], '{p}请拍照联系客服，核实后补发或退款。'],
  ['{p}价格保护吗', ['{p}买完降价了', '{p}能退差价吗'], '{p}支持 7 天价格保护，降价可申请退差价。'],
  ['{p}适合什么人用', ['{p}老人能用吗', '{p}小孩能用吗'], '{p}适合全家使用，儿童需在成人看护下使用。'],
  ['{p}多重', ['{p}重量是多少', '{p}重不重'], '{p}净重见商品详情页参数表。'],
  ['{p}电池能用多久', ['{p}续航多长时间', '{p}充一次电用几天'], '{p}充满电可使用约 7 天。'],
  ['{p}怎么充电', ['{p}充不进电', '{p}充电器在哪'], '{p}使用随附的数据线和 5V 充电头充电。'],
  ['{p}会员有折扣吗', ['{p}会员价', '{p}积分能抵吗'], '{p}会员享 95 折，积分可抵扣现金。'],
  ['{p}能以旧换新吗', ['{p}旧的能折价吗', '{p}回收旧机'], '{p}支持以旧换新，旧机估价后抵扣货款。'],
  ['{p}修改收货地址', ['{p}地址填错了', '{p}能改地址吗'], '{p}发货前可在订单详情里修改地址。'],
  ['{p}取消订单', ['{p}不想买了', '{p}下错单了'], '{p}未发货的订单可以直接取消，款项原路退回。'],
  ['{p}物流到哪了', ['{p}快递怎么还没到', '{p}查物流'], '{p}可在订单详情里查看物流轨迹。'],
  ['{p}少发了配件', ['{p}缺少配件', '{p}漏发了东西'], '{p}请提供开箱照片，核实后补发。'],
  ['{p}怎么恢复出厂设置', ['{p}重置', '{p}恢复默认'], '{p}长按电源键 10 秒即可恢复出厂设置。'],
  ['{p}有几年寿命', ['{p}能用多少年', '{p}耐用吗'], '{p}设计寿命五年以上。'],
  ['{p}可以定时吗', ['{p}预约功能', '{p}怎么设置定时'], '{p}在 App 或面板上设置定时开关。'],
  ['{p}支持语音控制吗', ['{p}能接小爱同学吗', '{p}能用天猫精灵控制吗'], '{p}支持主流智能音箱语音控制。'],
  ['{p}有童锁吗', ['{p}儿童锁怎么开', '{p}防止小孩误操作'], '{p}长按锁定键 3 秒开启童锁。'],
  ['{p}指示灯一直闪', ['{p}红灯闪烁', '{p}灯闪是什么意思'], '{p}指示灯闪烁表示需要维护，请查看说明书故障表。'],
  ['{p}味道很大', ['{p}有异味', '{p}塑料味重'], '{p}新机有轻微气味，通风使用几天后会消失。'],
  ['{p}能带上飞机吗', ['{p}可以托运吗', '{p}坐高铁能带吗'], '{p}可随身携带，电池类请遵守航空规定。'],
  ['{p}支持哪些电压', ['{p}国外能用吗', '{p}110V能用吗'], '{p}支持 220V 电压，其他电压需使用变压器。'],
  ['{p}有没有教程视频', ['{p}使用视频', '{p}操作演示'], '{p}的使用视频在商品详情页和官方 App 里。'],
  ['{p}企业采购有优惠吗', ['{p}批量购买', '{p}公司团购'], '{p}企业采购满 50 台享批发价。'],
  ['{p}怎么注册保修', ['{p}激活保修', '{p}电子保修卡'], '{p}在 App 扫描机身二维码即可注册保修。'],
  ['{p}屏幕不亮', ['{p}开不了机', '{p}没反应'], '{p}请先充电 30 分钟再开机，仍无反应请报修。'],
  ['{p}能放洗碗机洗吗', ['{p}配件能水洗吗', '{p}防水吗'], '{p}主机不可水洗，可拆配件支持清洗。'],
  ['{p}评价在哪写', ['{p}怎么晒单', '{p}好评返现'], '{p}签收后在订单里评价即可获得积分。'],
];

const HOMOPHONES = {
  退: '推',
  款: '宽',
  货: '获',
  发: '法',
  票: '漂',
  修: '休',
  费: '废',
  换: '焕',
  装: '桩',
  单: '担',
};

function knowledgeBase() {
  const entries = [];
  for (const product of PRODUCTS) {
    for (const series of SERIES) {
      for (const [question, similar, answer] of INTENTS) {
        if (entries.length === ENTRIES) return entries;
        const p = `${product}${series}`;
        entries.push({
          question: question.replace('{p}', p),
          similar: similar.map((s) => s.replace('{p}', p)),
          answer: answer.replace('{p}', p),
          category: `家电/${product}`,
          product: p,
          intent: question,
        });
      }
    }
  }
  return entries;
}

/** How customers write it (咋 for 怎么, 啥 for 什么 …): words the search knows only through its built-in synonyms. */
const COLLOQUIAL = [
  ['怎么', '咋'],
  ['什么', '啥'],
  ['多久', '多长时间'],
  ['订单', '单子'],
  ['吗', '不'],
];

function colloquial(text) {
  return COLLOQUIAL.reduce((out, [word, said]) => out.replaceAll(word, said), text);
}

/** Customer-style queries about random entries, each with the entry it is about (null for short ones). */
function queries(entries, count) {
  const random = prng(20_260_101);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const entry = pick(entries);
    const kind = random();
    let query;
    if (kind < 0.15) query = entry.question;
    else if (kind < 0.35) query = pick(entry.similar);
    else if (kind < 0.5) query = toTraditional(pick(entry.similar));
    else if (kind < 0.65) {
      query = [...entry.question].map((c) => (HOMOPHONES[c] && random() < 0.6 ? HOMOPHONES[c] : c)).join('');
    } else if (kind < 0.8) {
      query = entry.intent.replace('{p}', '');
      out.push({ query, expected: null, kind: 'short' });
      continue;
    } else query = `你好，我想问一下${colloquial(pick(entry.similar))}啊，谢谢`;
    out.push({ query, expected: entry.question, kind: 'about one entry' });
  }
  return out;
}

// ---------------------------------------------------------------- Kefu processes

function startKefu(dataDir, database, nodeArgs = []) {
  return startKefuProcess({
    cwd: dataDir,
    env: { DATABASE_URL: database, KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD, KEFU_SEED_DEMO: 'false' },
    nodeArgs,
  });
}

async function apiToken(url) {
  const auth = await signInHeaders(url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const created = await fetch(`${url}/api/api-tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...auth },
    body: JSON.stringify({ name: 'search bench' }),
  });
  if (created.status !== 201) throw new Error(`api token: HTTP ${created.status} ${await created.text()}`);
  return (await created.json()).secret;
}

const csvCell = (text) => `"${String(text).replaceAll('"', '""')}"`;

async function importEntries(url, token, entries) {
  for (let i = 0; i < entries.length; i += IMPORT_ROWS) {
    const rows = entries
      .slice(i, i + IMPORT_ROWS)
      .map((e) => [e.question, e.similar.join('\n'), e.answer, e.category].map(csvCell).join(','));
    const csv = `标准问题,相似问题,答案,分类\r\n${rows.join('\r\n')}\r\n`;
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'faq.csv');
    const response = await fetch(`${url}/api/knowledge/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    if (response.status !== 200)
      throw new Error(`import: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`);
  }
}

async function search(url, token, q) {
  const response = await fetch(`${url}/api/knowledge/search?locale=zh-CN&limit=5&q=${encodeURIComponent(q)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`search: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()).items;
}

// ---------------------------------------------------------------- phases

/**
 * The same search without HTTP: the built server's index module in this process, loaded with the same entries.
 * What the bot pays per question; the HTTP figure adds sign-in checks, validation and JSON on a shared machine.
 */
async function measureInProcess(entries, list) {
  const { KnowledgeIndex } = await import(path.join(ROOT, 'packages/server/dist/knowledge/knowledgeIndex.js'));
  const index = new KnowledgeIndex();
  const started = performance.now();
  index.load(
    entries.map((e, i) => ({
      id: `entry-${String(i).padStart(6, '0')}`,
      kind: 'faq',
      categoryId: null,
      variants: [
        {
          locale: 'zh-CN',
          published: true,
          title: e.question,
          similarQuestions: e.similar,
          answerHtml: `<p>${e.answer}</p>`,
          answerText: e.answer,
        },
      ],
    })),
  );
  const buildMs = performance.now() - started;
  const options = { locale: 'zh-CN', limit: 5, publishedOnly: true, minScore: 0.2, kind: undefined };
  // One full pass first: the build leaves garbage behind, and its collection belongs to the build, not a search.
  for (const { query } of list) index.search(query, options);
  const times = [];
  for (const { query } of list) {
    const t0 = performance.now();
    index.search(query, options);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { buildMs, times };
}

async function measureSearch(url, token, list) {
  const times = [];
  let top1 = 0;
  let about = 0;
  for (const { query, expected } of list) {
    const started = performance.now();
    const hits = await search(url, token, query);
    times.push(performance.now() - started);
    if (expected !== null) {
      about += 1;
      if (hits[0]?.title === expected) top1 += 1;
    }
  }
  times.sort((a, b) => a - b);
  return { times, top1, about };
}

/** The cheapest authenticated request, for what HTTP, sign-in checks and the machine cost before any search. */
async function measureBaseline(url, token, count) {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await fetch(`${url}/api/account`, { headers: { Authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

async function measureEdits(a, b, token, entryId, title) {
  const put = [];
  const visibleHere = [];
  const visibleThere = [];
  for (let i = 0; i < EDITS; i += 1) {
    const question = `第${i + 1}次编辑加的相似问题${randomBytes(3).toString('hex')}`;
    const started = performance.now();
    const saved = await fetch(`${a.url}/api/knowledge/entries/${entryId}/variants/zh-CN`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, similarQuestions: [question], body: `编辑 ${i + 1}`, status: 'published' }),
    });
    if (saved.status !== 200) throw new Error(`edit: HTTP ${saved.status} ${await saved.text()}`);
    const committed = performance.now();
    put.push(committed - started);
    const found = async (node) => (await search(node.url, token, question))[0]?.matchedQuestion === question;
    if (!(await found(a))) throw new Error('an edit was not visible on its own node right after it returned');
    visibleHere.push(performance.now() - started);
    for (;;) {
      if (await found(b)) break;
      if (performance.now() - committed > 10_000) throw new Error('an edit never became visible on the other node');
      await sleep(10);
    }
    visibleThere.push(performance.now() - committed);
    await sleep(100 + Math.random() * 400);
  }
  for (const list of [put, visibleHere, visibleThere]) list.sort((x, y) => x - y);
  return { put, visibleHere, visibleThere };
}

// ---------------------------------------------------------------- report

const ms = (n) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : 'n/a');

function report(r) {
  const rows = [
    [
      `search p50 / p95 / p99 (${r.queries} queries, one at a time)`,
      `${ms(percentile(r.search.times, 50))} / ${ms(percentile(r.search.times, 95))} / ${ms(percentile(r.search.times, 99))} ms`,
      'p95 ≤ 20 ms',
      percentile(r.search.times, 95) <= 20 ? 'yes' : 'no',
    ],
    ['search max', `${ms(r.search.times.at(-1))} ms`, '', ''],
    [
      'HTTP baseline: GET /api/account p50 / p95 (no search)',
      `${ms(percentile(r.baseline, 50))} / ${ms(percentile(r.baseline, 95))} ms`,
      '',
      '',
    ],
    [
      `in-process searchKnowledge index p50 / p95 / p99 (same queries)`,
      `${ms(percentile(r.local.times, 50))} / ${ms(percentile(r.local.times, 95))} / ${ms(percentile(r.local.times, 99))} ms`,
      'p95 ≤ 20 ms',
      percentile(r.local.times, 95) <= 20 ? 'yes' : 'no',
    ],
    [
      `top-1 right (${r.search.about} queries about one entry)`,
      `${((100 * r.search.top1) / r.search.about).toFixed(1)} %`,
      '',
      '',
    ],
    [
      'index build on first search, node A / node B / in-process',
      `${ms(r.buildA)} / ${ms(r.buildB)} / ${ms(r.local.buildMs)} ms`,
      '',
      '',
    ],
    ['edit saved (PUT) p50 / max', `${ms(percentile(r.edits.put, 50))} / ${ms(r.edits.put.at(-1))} ms`, '', ''],
    [
      'edit → searchable on the same node p50 / max',
      `${ms(percentile(r.edits.visibleHere, 50))} / ${ms(r.edits.visibleHere.at(-1))} ms`,
      '≤ 1 s',
      r.edits.visibleHere.at(-1) <= 1000 ? 'yes' : 'no',
    ],
    [
      'edit → searchable on the other node p50 / max',
      `${ms(percentile(r.edits.visibleThere, 50))} / ${ms(r.edits.visibleThere.at(-1))} ms`,
      '≤ 1 s',
      r.edits.visibleThere.at(-1) <= 1000 ? 'yes' : 'no',
    ],
    [
      `import of ${r.entries} FAQ entries (${Math.ceil(r.entries / IMPORT_ROWS)} CSV files)`,
      `${(r.importMs / 1000).toFixed(1)} s`,
      '',
      '',
    ],
    ['node A RSS with the index built', `${Math.round(r.rss)} MB`, '', ''],
  ];
  const header = ['', 'measured', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
  const notes = [
    '',
    `Kefu knowledge-search benchmark: ${r.entries} FAQ entries (${PRODUCTS.length * SERIES.length} products × ${INTENTS.length} questions, 3 questions each), two Kefu processes on one SQLite file (WAL), loopback HTTP with an API token.${quick ? ' QUICK RUN: fewer entries than the target asks for.' : ''}`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average at the start ${r.loadAtStart} and at the end ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ')} (other work on the machine shows in the tail latencies).`,
    'Queries: exact questions, similar questions, Traditional ones, homophone typos (退→推, 款→宽 …), short ones without a product, and long colloquial ones (greetings, 咋/啥/单子 …); latency is the whole HTTP request (five hits with their answers).',
    'Edits: PUT of a new similar question on node A; "same node" is from sending the PUT until a search on A finds the new question, "other node" from the PUT returning until node B finds it (B re-checks the revision every 500 ms).',
    '',
  ];
  return `\n${table}\n${notes.join('\n')}`;
}

async function main() {
  const loadAtStart = loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kefu-bench-search-'));
  const database = path.join(dataDir, 'kefu.db');
  const nodes = [];
  try {
    // BENCH_PROFILE=<dir>: a V8 CPU profile of node A, written when it stops.
    const profile = process.env.BENCH_PROFILE;
    const a = await startKefu(dataDir, database, profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
    nodes.push(a);
    const b = await startKefu(dataDir, database);
    nodes.push(b);
    const token = await apiToken(a.url);
    const entries = knowledgeBase();
    process.stderr.write(`bench: importing ${entries.length} FAQ entries…\n`);
    const importStarted = performance.now();
    await importEntries(a.url, token, entries);
    const importMs = performance.now() - importStarted;

    let started = performance.now();
    await search(a.url, token, '预热');
    const buildA = performance.now() - started;
    started = performance.now();
    await search(b.url, token, '预热');
    const buildB = performance.now() - started;

    const list = queries(entries, QUERIES);
    await measureSearch(a.url, token, list.slice(0, 100));
    process.stderr.write(`bench: ${list.length} searches…\n`);
    const searchResult = await measureSearch(a.url, token, list);
    const rss = rssMb(a.pid);
    const baseline = await measureBaseline(a.url, token, quick ? 200 : 1000);

    process.stderr.write('bench: the same searches in process…\n');
    const local = await measureInProcess(entries, list);
    const [target] = await search(a.url, token, entries[0].question);
    process.stderr.write(`bench: ${EDITS} edits…\n`);
    const edits = await measureEdits(a, b, token, target.entryId, entries[0].question);
    process.stdout.write(
      report({
        entries: entries.length,
        importMs,
        buildA,
        buildB,
        queries: list.length,
        search: searchResult,
        local,
        baseline,
        edits,
        rss,
        loadAtStart,
      }),
    );
    return 0;
  } finally {
    for (const node of nodes) await node.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const code = await main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 2;
});
process.exit(code);
