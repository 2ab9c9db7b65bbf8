import type { QueueStatsView, QueueStatusView } from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/transaction.js';
import { listQueued, type QueuedRow, recentDequeues } from './routingRepository.js';

/**
 * Tells queued customers their position and estimated wait, and agents the length of each queue, live. Changes to
 * a queue are coalesced: many in one turn of the event loop (a drain assigning ten chats) publish once. Only the
 * positions that changed since this node last published go out.
 */

export type QueueEntry = QueueStatusView & { contactId: string; inboxId: string };

/** An estimate needs a few chats taken from the queue lately; until then each place counts a minute. */
const DEFAULT_SECONDS_PER_PLACE = 60;
const MIN_SECONDS_PER_PLACE = 10;
const MAX_SECONDS_PER_PLACE = 900;
const ESTIMATE_WINDOW_MS = 3_600_000;

/** Accounts with a publication scheduled and not started yet (a later change joins it). */
const scheduled = new Set<string>();
/** Every publication not finished yet. */
const inflight = new Set<Promise<void>>();
/** What this node last told each queued conversation ("position:seconds"). */
const lastSent = new Map<string, string>();

/** Publishes the account's queue soon (once, however many changes come in the meantime). */
export function touchQueue(ctx: AppContext, accountId: string): void {
  if (scheduled.has(accountId)) return;
  scheduled.add(accountId);
  const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => {
      scheduled.delete(accountId);
      return publishQueue(ctx, accountId);
    })
    .catch((error: unknown) => ctx.log.warn({ err: error }, 'queue publish failed'))
    .finally(() => inflight.delete(run));
  inflight.add(run);
}

/** Waits until every queue publication scheduled so far has gone out (tests; a sweep that wants its effects out). */
export async function queuePublished(): Promise<void> {
  while (inflight.size > 0) await Promise.all([...inflight]);
}

/** A conversation left the queue (an agent took it, the customer left, it was closed). */
export function queueStatusChanged(
  ctx: AppContext,
  accountId: string,
  change: {
    conversationId: string;
    contactId: string;
    inboxId: string;
    status: 'assigned' | 'left';
    agentName: string | null;
  },
): void {
  lastSent.delete(change.conversationId);
  ctx.bus.publish({
    type: 'queue.updated',
    accountId,
    entries: [{ ...change, position: null, estimatedWaitSeconds: null }],
  });
}

/** Positions (1 = next) and estimated waits of every queued conversation of the account, by queue. */
export async function queueEntries(
  db: Executor,
  accountId: string,
  now: number,
): Promise<{ entries: QueueEntry[]; stats: QueueStatsView[] }> {
  const rows = await listQueued(db, accountId);
  const byQueue = new Map<string | null, QueuedRow[]>();
  for (const row of rows) byQueue.set(row.team_id, [...(byQueue.get(row.team_id) ?? []), row]);
  const entries: QueueEntry[] = [];
  const stats: QueueStatsView[] = [];
  const handedOut = new Map<string | null, number[]>();
  if (rows.length > 0) {
    for (const r of await recentDequeues(db, accountId, now - ESTIMATE_WINDOW_MS)) {
      const times = handedOut.get(r.team_id) ?? [];
      if (times.length < 10) handedOut.set(r.team_id, [...times, r.assigned_at!]);
    }
  }
  for (const [teamId, queue] of byQueue) {
    const perPlace = secondsPerPlace(handedOut.get(teamId) ?? [], now);
    queue.forEach((row, i) => {
      entries.push({
        conversationId: row.conversation_id,
        contactId: row.contact_id,
        inboxId: row.inbox_id,
        status: 'waiting',
        position: i + 1,
        estimatedWaitSeconds: Math.round((i + 1) * perPlace),
        agentName: null,
      });
    });
    const longest = Math.min(...queue.map((r) => r.enqueued_at ?? now));
    stats.push({ teamId, length: queue.length, longestWaitSince: new Date(longest).toISOString() });
  }
  return { entries, stats };
}

/** The mean time between the queue's last ten hand-outs within the hour: how long each place ahead takes. */
function secondsPerPlace(times: number[], now: number): number {
  if (times.length < 2) return DEFAULT_SECONDS_PER_PLACE;
  const span = (now - Math.min(...times)) / 1000;
  return Math.min(MAX_SECONDS_PER_PLACE, Math.max(MIN_SECONDS_PER_PLACE, span / times.length));
}

/** Accounts whose queues were all empty at their last publication: an empty queue is told once. */
const quiet = new Set<string>();

async function publishQueue(ctx: AppContext, accountId: string): Promise<void> {
  const { entries, stats } = await queueEntries(ctx.db.kysely, accountId, ctx.clock.now());
  if (stats.length === 0 && quiet.has(accountId)) return;
  if (stats.length === 0) quiet.add(accountId);
  else quiet.delete(accountId);
  const changed = entries.filter((e) => {
    const key = `${e.position}:${e.estimatedWaitSeconds}`;
    if (lastSent.get(e.conversationId) === key) return false;
    lastSent.set(e.conversationId, key);
    return true;
  });
  if (lastSent.size > 100_000) lastSent.clear();
  if (changed.length > 0) ctx.bus.publish({ type: 'queue.updated', accountId, entries: changed });
  ctx.bus.publish({ type: 'queue.stats', accountId, queues: stats });
}
