import { performance } from 'node:perf_hooks';
import type { StoredAttachment } from '../attachments/attachmentPresenter.js';
import type { AppContext } from '../context.js';
import { customerMessageFlags } from '../moderation/customerMessageFlags.js';
import { insertFlags } from '../moderation/flagRepository.js';
import { indexTokens } from '../text/segment.js';
import {
  insertSearchDocuments,
  lockCursor,
  MESSAGE_SEARCH_CURSOR,
  moveCursor,
  type SearchDocument,
  type UnindexedMessage,
  unindexedMessages,
} from './searchIndexRepository.js';

/** Messages indexed per run; a full batch means more are waiting. Small enough that a run's write is short. */
export const INDEX_BATCH = 100;

/** Documents segmented between two yields to the event loop, so chat frames are not held up behind a batch. */
const SEGMENT_SLICE = 20;

/**
 * How far behind "now" the cursor stays on PostgreSQL. Ids are taken from the clock when a message is created,
 * and with several nodes (and connections) a message can commit after one with a later id: the cursor passes
 * only ids older than this, and the messages above it are found again by their missing document. On SQLite
 * there is one process and one write at a time, and ids are made inside the write, so they commit in order.
 */
export const POSTGRES_GRACE_MS = 5000;

export interface IndexerRun {
  indexed: number;
  flagged: number;
  /** A full batch: more messages are waiting. */
  more: boolean;
}

/**
 * One run of the search indexer: the next messages after the cursor that have no search document get one
 * (jieba words and single characters, Traditional folded), customers' messages with sensitive words get a
 * flag, and the cursor moves on. Segmentation happens before the transaction; the transaction only writes.
 * Nodes may run it together: on PostgreSQL the cursor row is locked (a node that finds it locked skips the
 * run), and documents and flags are inserted only if missing.
 */
export async function messageIndexer(ctx: AppContext): Promise<IndexerRun> {
  const db = ctx.db.kysely;
  const kind = ctx.db.kind;
  const readAt = ctx.clock.now();
  const cursor = await db
    .selectFrom('indexer_cursors')
    .select('position')
    .where('name', '=', MESSAGE_SEARCH_CURSOR)
    .executeTakeFirst();
  const after = cursor?.position ?? '';
  const batch = await unindexedMessages(db, after, INDEX_BATCH);
  const more = batch.length === INDEX_BATCH;
  const docs: SearchDocument[] = [];
  for (let i = 0; i < batch.length; i += SEGMENT_SLICE) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const message of batch.slice(i, i + SEGMENT_SLICE)) docs.push(searchDocument(message));
  }
  const flags = await customerMessageFlags(
    ctx,
    batch.filter((m) => m.kind === 'incoming' && m.sender_type === 'contact'),
  );
  const target = cursorTarget(kind, after, batch, more, readAt);

  const created = await db.transaction().execute(async (trx) => {
    const position = await lockCursor(trx, kind, MESSAGE_SEARCH_CURSOR);
    if (position === undefined) return null;
    await insertSearchDocuments(trx, kind, docs);
    const inserted = await insertFlags(trx, flags);
    if (target > position) await moveCursor(trx, MESSAGE_SEARCH_CURSOR, target, ctx.clock.now());
    return inserted;
  });
  for (const flag of created ?? []) ctx.bus.publish({ type: 'message.flagged', accountId: flag.account_id, flag });
  return { indexed: created ? docs.length : 0, flagged: created?.length ?? 0, more };
}

function cursorTarget(
  kind: AppContext['db']['kind'],
  after: string,
  batch: UnindexedMessage[],
  more: boolean,
  readAt: number,
): string {
  const last = batch.at(-1)?.id ?? after;
  if (kind === 'sqlite') return last;
  const safe = idPrefixAt(readAt - POSTGRES_GRACE_MS);
  if (!more) return safe;
  // The lower of the two ids (code-unit order, as the databases compare them).
  return [last, safe].sort()[0]!;
}

/** The start of every UUIDv7 made at `ms` or later: it sorts below them and above every earlier id. */
export function idPrefixAt(ms: number): string {
  const hex = Math.max(0, ms).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
}

function searchDocument(message: UnindexedMessage): SearchDocument {
  const files = (JSON.parse(message.attachments) as StoredAttachment[]).map((a) => a.fileName);
  const text = [message.content, ...files].join('\n');
  return {
    messageId: message.id,
    accountId: message.account_id,
    conversationId: message.conversation_id,
    createdAt: message.created_at,
    ...indexTokens(text),
  };
}

export interface IndexerLoop {
  stop(): Promise<void>;
}

/** Above this share of busy time on the event loop since the last run, chat has it and a backlog waits longer. */
const CHAT_SATURATED = 0.85;

/**
 * Runs the indexer on this node in the background: every `busyMs` while there is work, every `idleMs`
 * otherwise, so a new message is searchable within about a second and the send path never waits for it.
 * While batches come full (a backlog, or chat at thousands of messages a second) runs follow every
 * `backlogMs`, or every `saturatedMs` while the event loop has been almost always busy: the index falls behind
 * for a while rather than taking the event loop from the chat (at 2,000 documents a second indexing took a
 * seventh of it), and catches up once the chat leaves room. The timer does not keep the process alive.
 */
export function startMessageIndexer(
  ctx: AppContext,
  options: { busyMs?: number; idleMs?: number; backlogMs?: number; saturatedMs?: number } = {},
): IndexerLoop {
  const busyMs = options.busyMs ?? 250;
  const idleMs = options.idleMs ?? 500;
  const backlogMs = options.backlogMs ?? 50;
  const saturatedMs = options.saturatedMs ?? 500;
  let loop = performance.eventLoopUtilization();
  /** How long a backlog waits: longer while the event loop had hardly a moment free since the last run. */
  const backlogPause = () => {
    const since = performance.eventLoopUtilization(loop);
    loop = performance.eventLoopUtilization();
    return since.utilization > CHAT_SATURATED ? saturatedMs : backlogMs;
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick();
    }, ms);
    timer.unref();
  };
  const tick = async () => {
    try {
      const run = await messageIndexer(ctx);
      schedule(run.more ? backlogPause() : run.indexed > 0 ? busyMs : idleMs);
    } catch (error) {
      ctx.log.warn({ err: error }, 'search indexer run failed');
      schedule(idleMs);
    }
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
