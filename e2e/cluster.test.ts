import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { MessageView } from '@kefu/shared';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { type Frame, type FrameOf, TestSocket } from '../packages/server/src/test/testSocket.js';
import { type ApiSession, api, mustLogin } from './support/api.js';
import { type KefuProcess, makeTempDir, startKefu, type TempDir } from './support/kefuProcess.js';

/**
 * Two real Kefu processes on one PostgreSQL database and one Redis: a customer on node A, an agent on node B.
 * Messages fan out between the nodes through Redis; when node A dies (SIGKILL) in the middle of a burst, the
 * customer reconnects to node B, resumes and resends, and every acknowledged message exists exactly once.
 *
 * PostgreSQL and Redis are required: when either is unreachable the tests fail, they never skip.
 */

const POSTGRES_URL = process.env.KEFU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.KEFU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_EMAIL = 'admin@kefu.local';
const ADMIN_PASSWORD = `Cluster-${randomBytes(9).toString('base64url')}`;
const SECRET = randomBytes(32).toString('hex');
const DATABASE = `kefu_cluster_${randomBytes(5).toString('hex')}`;
const DATABASE_URL = (() => {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();

const BURST = 200;
/** Node A is killed once the customer holds this many acks of the burst. */
const KILL_AFTER_ACKS = 50;
const LIVE_TIMEOUT_MS = 10_000;

interface Cluster {
  nodeA: KefuProcess;
  nodeB: KefuProcess;
  admin: ApiSession;
  websiteToken: string;
  /** The agent's socket on node B: it stays open through the whole file. */
  agent: TestSocket;
}

const processes: KefuProcess[] = [];
const sockets: TestSocket[] = [];
let tmp: TempDir | undefined;
let databaseCreated = false;
let cluster: Promise<Cluster> | undefined;

/** Set up once, by the first test that needs it; a failure fails every test that awaits it (never a skip). */
function theCluster(): Promise<Cluster> {
  cluster ??= startCluster();
  return cluster;
}

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${POSTGRES_URL} is not reachable: ${(error as Error).message}`);
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A RESP PING over a plain socket: the test needs no Redis client of its own. */
async function pingRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer within 3 s'));
    }, 3_000);
    let data = '';
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      if (data.includes('\r\n')) {
        clearTimeout(timer);
        socket.end();
        resolve(data.trim());
      }
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch((error: Error) => {
    throw new Error(`Redis at ${url} is not reachable: ${error.message}`);
  });
  if (answer !== '+PONG') throw new Error(`Redis at ${url} answered PING with ${JSON.stringify(answer)}`);
}

async function startCluster(): Promise<Cluster> {
  await pingRedis(REDIS_URL);
  await withAdminClient((client) => client.query(`create database ${DATABASE}`));
  databaseCreated = true;
  tmp = makeTempDir('cluster');
  const env = {
    DATABASE_URL,
    REDIS_URL,
    KEFU_SECRET: SECRET,
    KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // The burst below is 200 messages from one visitor; the default allows 20 per 10 s.
    KEFU_VISITOR_MESSAGE_LIMIT: '1000',
    LOG_LEVEL: 'warn',
  };
  // A migrates and seeds; B starts on the migrated database.
  const nodeA = await startKefu({ cwd: tmp.dir, env });
  processes.push(nodeA);
  const nodeB = await startKefu({ cwd: tmp.dir, env });
  processes.push(nodeB);

  const admin = await mustLogin(nodeB.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const inboxes = await api<{ items: { name: string; websiteToken: string }[] }>(
    nodeB.url,
    admin,
    'GET',
    '/api/inboxes',
  );
  expect(inboxes.status, JSON.stringify(inboxes.body)).toBe(200);
  const inbox = inboxes.body.items.find((i) => i.name === '官网在线客服');
  expect(inbox, JSON.stringify(inboxes.body)).toBeDefined();

  const agent = await TestSocket.connect(`ws://127.0.0.1:${nodeB.port}/ws/agent?v=1`, {
    headers: { Cookie: admin.cookie },
  });
  sockets.push(agent);
  return { nodeA, nodeB, admin, websiteToken: inbox!.websiteToken, agent };
}

/** A new visitor of the demo inbox, started on `node`. */
async function startVisitor(node: KefuProcess, websiteToken: string): Promise<string> {
  const response = await fetch(`${node.url}/api/widget/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ websiteToken }),
  });
  const body = (await response.json()) as { visitorToken?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.visitorToken!;
}

async function openVisitorSocket(node: KefuProcess, visitorToken: string): Promise<TestSocket> {
  const socket = await TestSocket.connect(
    `ws://127.0.0.1:${node.port}/ws/widget?v=1&token=${encodeURIComponent(visitorToken)}`,
  );
  sockets.push(socket);
  return socket;
}

/** The whole conversation through the REST API, page by page (ascending seq). */
async function loadConversation(node: KefuProcess, admin: ApiSession, conversationId: string): Promise<MessageView[]> {
  const all: MessageView[] = [];
  for (let page = 0; page < 100; page++) {
    const afterSeq = all.at(-1)?.seq ?? 0;
    const answer = await api<{ items: MessageView[]; hasMore: boolean }>(
      node.url,
      admin,
      'GET',
      `/api/conversations/${conversationId}/messages?afterSeq=${afterSeq}&limit=50`,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    all.push(...answer.body.items);
    if (!answer.body.hasMore) return all;
  }
  throw new Error('more than 100 pages of messages');
}

/** The conversation as the customer's widget loads it (no notes, no agent-only entries), page by page. */
async function loadCustomerView(node: KefuProcess, visitorToken: string, conversationId: string) {
  const all: MessageView[] = [];
  for (let page = 0; page < 100; page++) {
    const afterSeq = all.at(-1)?.seq ?? 0;
    const response = await fetch(
      `${node.url}/api/widget/conversations/${conversationId}/messages?afterSeq=${afterSeq}&limit=50`,
      { headers: { 'x-kefu-visitor': visitorToken } },
    );
    const body = (await response.json()) as { items: MessageView[]; hasMore: boolean };
    expect(response.status, JSON.stringify(body)).toBe(200);
    all.push(...body.items);
    if (!body.hasMore) return all;
  }
  throw new Error('more than 100 pages of messages');
}

/** Resolves once `check` holds, or fails naming `what`. */
async function until(check: () => boolean, what: string, timeoutMs = LIVE_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function countBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

const messagesOf = (socket: TestSocket, conversationId: string) =>
  socket.all('message', (f) => f.conversationId === conversationId);

afterAll(async () => {
  for (const socket of sockets) socket.ws.terminate();
  await Promise.all(processes.map((p) => p.stop()));
  if (databaseCreated) {
    await withAdminClient((client) => client.query(`drop database if exists ${DATABASE} with (force)`));
  }
  tmp?.remove();
});

describe('two nodes on PostgreSQL and Redis', () => {
  test('a customer on node A and an agent on node B talk live, both ways', async () => {
    const { nodeA, websiteToken, agent } = await theCluster();
    const visitorToken = await startVisitor(nodeA, websiteToken);
    const customer = await openVisitorSocket(nodeA, visitorToken);

    const question = await customer.sendMessage({
      clientId: `hello-${randomBytes(4).toString('hex')}`,
      conversationId: null,
      content: '你好，我上周买的扫地机器人不开机了',
    });
    const conversationId = question.conversationId;
    // Stored on A, fanned out through Redis to the agent's socket on B.
    const seen = await agent.nextOf(
      'message',
      (f) => f.conversationId === conversationId && f.seq === question.seq,
      LIVE_TIMEOUT_MS,
    );
    expect(seen.message).toMatchObject({
      id: question.messageId,
      kind: 'incoming',
      content: '你好，我上周买的扫地机器人不开机了',
      sender: { type: 'contact' },
    });

    const reply = await agent.sendMessage({
      clientId: `reply-${randomBytes(4).toString('hex')}`,
      conversationId,
      content: '您好，请提供一下订单号，我帮您查询',
    });
    // Routing may have written its decision (an agent-only activity) between the two.
    expect(reply.seq).toBeGreaterThan(question.seq);
    // Stored on B, fanned out to the customer's socket on A; the customer never sees the agent's id.
    const answer = await customer.nextOf(
      'message',
      (f) => f.conversationId === conversationId && f.seq === reply.seq,
      LIVE_TIMEOUT_MS,
    );
    expect(answer.message).toMatchObject({
      id: reply.messageId,
      kind: 'outgoing',
      content: '您好，请提供一下订单号，我帮您查询',
      sender: { type: 'user', id: null },
    });
    await customer.close();
  });

  test('node A is killed in the middle of a burst: the customer resumes on node B and nothing is lost or doubled', async () => {
    const { nodeA, nodeB, admin, websiteToken, agent } = await theCluster();
    const visitorToken = await startVisitor(nodeA, websiteToken);
    const onA = await openVisitorSocket(nodeA, visitorToken);

    // The first message opens the conversation (as the widget does, it goes alone).
    const opening = await onA.sendMessage({
      clientId: `open-${randomBytes(4).toString('hex')}`,
      conversationId: null,
      content: '我要连续发很多条消息',
    });
    const conversationId = opening.conversationId;
    const run = randomBytes(3).toString('hex');
    const burst = Array.from({ length: BURST }, (_, i) => ({
      clientId: `burst-${run}-${String(i).padStart(3, '0')}`,
      content: `第 ${i} 条消息 (${run})`,
    }));
    const indexOf = new Map(burst.map((m, i) => [m.clientId, i]));

    // Every ack the customer gets, from either node.
    const acks = new Map<string, FrameOf<'ack'>[]>();
    const recordAck = (frame: Frame) => {
      if (frame.type !== 'ack' || !indexOf.has(frame.clientId)) return;
      acks.set(frame.clientId, [...(acks.get(frame.clientId) ?? []), frame]);
    };
    let killedAfter = -1;
    onA.ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      recordAck(frame);
      if (killedAfter < 0 && acks.size >= KILL_AFTER_ACKS) {
        killedAfter = acks.size;
        // A few ms of jitter, so over many runs the kill lands at every point of a message's life on A: before
        // its commit, between commit and publish, between publish and ack.
        setTimeout(() => process.kill(nodeA.pid, 'SIGKILL'), Math.random() * 5);
      }
    });

    // The burst: all 200 written at once, none waiting for an ack.
    for (const m of burst) onA.send({ type: 'message.send', conversationId, ...m });
    const exit = await Promise.race([
      nodeA.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`node A was not killed; acks: ${acks.size}`)), 30_000),
      ),
    ]);
    expect(exit.signal).toBe('SIGKILL');
    await onA.closed;

    const ackedOnA = new Map([...acks].map(([clientId, list]) => [clientId, list[0]!]));
    // It really died in the middle of the burst.
    expect(ackedOnA.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(ackedOnA.size).toBeLessThan(BURST);
    expect(onA.all('error')).toEqual([]);
    const framesOnA = messagesOf(onA, conversationId);
    const lastSeenSeq = Math.max(0, ...framesOnA.map((f) => f.seq));

    // The customer reconnects to node B with the same visitor token, resumes, and resends every unacked message.
    const onB = await openVisitorSocket(nodeB, visitorToken);
    onB.ws.on('message', (data) => recordAck(JSON.parse(data.toString()) as Frame));
    onB.send({ type: 'resume', conversations: [{ conversationId, afterSeq: lastSeenSeq }] });
    const unacked = burst.filter((m) => !ackedOnA.has(m.clientId));
    for (const m of unacked) onB.send({ type: 'message.send', conversationId, ...m });
    await until(() => burst.every((m) => acks.has(m.clientId)), 'every message of the burst is acknowledged');
    await onB.nextOf('resumed', (f) => f.conversationId === conversationId);
    expect(onB.all('error')).toEqual([]);

    // Each message has one ack, or an ack from A and the same one again; a resend is acknowledged as a duplicate
    // exactly when A had stored it (without the customer getting A's ack).
    const finalAck = new Map<string, FrameOf<'ack'>>();
    for (const m of burst) {
      const list = acks.get(m.clientId)!;
      expect(list, m.clientId).toHaveLength(1);
      finalAck.set(m.clientId, list[0]!);
    }
    // The database (through node B's REST API): every message exactly once, seqs 1..n without gaps, in send order.
    // Besides the customer's messages it holds routing's timeline entries (activities), wherever they fell.
    const stored = await loadConversation(nodeB, admin, conversationId);
    const lastSeq = stored.at(-1)!.seq;
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    expect(stored.filter((m) => m.kind !== 'incoming').map((m) => m.kind)).toEqual(
      Array.from({ length: lastSeq - 1 - BURST }, () => 'activity'),
    );
    const customerSeqs = (await loadCustomerView(nodeB, visitorToken, conversationId)).map((m) => m.seq);
    const storedByClientId = countBy(stored, (m) => m.clientId);
    for (const m of burst) expect(storedByClientId.get(m.clientId), m.clientId).toBe(1);
    const storedBurst = stored.filter((m) => indexOf.has(m.clientId ?? ''));
    expect(storedBurst.map((m) => m.clientId)).toEqual(burst.map((m) => m.clientId));
    for (const m of storedBurst) {
      const ack = finalAck.get(m.clientId!)!;
      expect({ id: ack.messageId, seq: ack.seq }).toEqual({ id: m.id, seq: m.seq });
      expect(m.content).toBe(burst[indexOf.get(m.clientId!)!]!.content);
    }
    // A works through a socket's frames in order: what it acknowledged is the start of the burst, what it stored
    // without acknowledging (a resend answered as a duplicate) comes right after, and the rest is new on B.
    const storedOnAUnacked = unacked.filter((m) => finalAck.get(m.clientId)!.duplicate);
    expect([...ackedOnA.keys()].map((id) => indexOf.get(id)).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: ackedOnA.size }, (_, i) => i),
    );
    expect(storedOnAUnacked.map((m) => indexOf.get(m.clientId))).toEqual(
      Array.from({ length: storedOnAUnacked.length }, (_, i) => ackedOnA.size + i),
    );

    // A message frame may come twice only for a resend that node B answered as a duplicate: node B announces it
    // again (node A may have died before announcing it), and the customer also gets it in the resume replay.
    const reannounced = new Set(storedOnAUnacked.map((m) => finalAck.get(m.clientId)!.messageId));
    const checkView = (frames: FrameOf<'message'>[], who: string, expectedSeqs: number[]) => {
      const byId = new Map<string, FrameOf<'message'>[]>();
      for (const f of frames) byId.set(f.message.id, [...(byId.get(f.message.id) ?? []), f]);
      const firsts = [...byId.values()].map((list) => list[0]!);
      // Each message once (by id), every seq this party may see, none missing.
      expect(
        firsts.map((f) => f.seq).sort((a, b) => a - b),
        `seqs ${who} received`,
      ).toEqual(expectedSeqs);
      for (const [id, list] of byId) {
        expect(new Set(list.map((f) => f.seq)).size, `${who}: one seq for message ${id}`).toBe(1);
        if (list.length > 1) expect(reannounced.has(id), `${who} received ${id} ${list.length} times`).toBe(true);
      }
      const idOf = new Map(firsts.map((f) => [f.message.clientId, f.message.id]));
      for (const m of burst)
        expect(idOf.get(m.clientId), `${who}: ${m.clientId}`).toBe(finalAck.get(m.clientId)!.messageId);
      return firsts;
    };

    // The customer's view: what node A sent before it died, node B's replay after `resume`, node B's live frames.
    checkView([...framesOnA, ...messagesOf(onB, conversationId)], 'the customer', customerSeqs);

    // The agent on B received every message live: A's through Redis, B's own directly.
    const missingLive = () => {
      const have = new Set(messagesOf(agent, conversationId).map((f) => f.seq));
      return Array.from({ length: lastSeq }, (_, i) => i + 1).filter((seq) => !have.has(seq));
    };
    await until(
      () => missingLive().length === 0,
      `the agent receives all ${lastSeq} messages live (missing seqs ${missingLive().join(', ')}; acked by A ` +
        `${ackedOnA.size}; stored by A without ack: ${storedOnAUnacked.map((m) => finalAck.get(m.clientId)!.seq)})`,
    );
    await agent.flush();
    const live = checkView(
      messagesOf(agent, conversationId),
      'the agent',
      stored.map((m) => m.seq),
    );
    // In seq order as they arrived.
    expect(live.map((f) => f.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    // A reload of the agent's view agrees with what arrived live.
    const reloaded = await loadConversation(nodeB, admin, conversationId);
    expect(reloaded.map((m) => m.id)).toEqual(live.map((f) => f.message.id));

    console.info(
      `[cluster] node A killed after ${killedAfter} acks; acked by A: ${ackedOnA.size}, ` +
        `resent to B: ${unacked.length} (already stored by A: ${storedOnAUnacked.length}), last seq ${lastSeq}`,
    );
  });
});
