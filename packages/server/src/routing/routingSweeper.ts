import { ROUTING_LIMITS } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { startPeriodic } from '../maintenance/periodic.js';
import { sweepPresence } from '../presence/presenceTracker.js';
import { counterRepairer } from './counterRepairer.js';
import { drainQueues } from './queueDrainer.js';
import { queuePublished } from './queueNotifier.js';
import { abandonQueued } from './queueVisitors.js';
import { accountsWithQueue, listQueuedUnseenSince, markVisitorsSeen } from './routingRepository.js';
import { routingSettingsOf } from './routingSettings.js';
import { sweepSilent } from './silenceCloser.js';
import { sweepUnanswered } from './unansweredTransferrer.js';

/** How often each node sweeps. */
export const SWEEP_INTERVAL_MS = 5_000;
/** Every this many sweeps, the load counters are checked against the conversations they count. */
const REPAIR_EVERY = 12;
/** The shortest abandon grace settings allow. */
const MIN_ABANDON_MS = 15_000;

export interface SweepOptions {
  /** Contacts whose widget is connected to this node: their queued conversations are not abandoned. */
  connectedContactIds: string[];
  presenceGraceMs?: number;
  repairCounters?: boolean;
}

/**
 * The time-driven part of routing, run on every node: presence past its grace turns offline; queued customers
 * gone past their inbox's grace are abandoned; queues are drained (overflow to the backup team becomes due with
 * time, and a drain another node missed is caught up); unanswered chats are transferred, silent ones closed.
 * Every change is a conditional update, so nodes sweeping at once never act twice. Tests call it with their clock.
 */
export async function sweepRouting(ctx: AppContext, options: SweepOptions): Promise<void> {
  await sweepPresence(ctx, options.presenceGraceMs ?? ROUTING_LIMITS.presenceGraceMs);
  await sweepAbandoned(ctx, options.connectedContactIds);
  for (const accountId of await accountsWithQueue(ctx.db.kysely)) await drainQueues(ctx, accountId);
  await sweepUnanswered(ctx);
  await sweepSilent(ctx);
  if (options.repairCounters) {
    const accounts = await ctx.db.kysely.selectFrom('accounts').select('id').execute();
    for (const { id } of accounts) await counterRepairer(ctx, id);
  }
  await queuePublished();
}

/** Queued conversations whose customer's widget has been gone longer than the inbox allows. */
export async function sweepAbandoned(ctx: AppContext, connectedContactIds: string[]): Promise<number> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  if (connectedContactIds.length > 0) await markVisitorsSeen(db, connectedContactIds, now);
  let abandoned = 0;
  for (const row of await listQueuedUnseenSince(db, now - MIN_ABANDON_MS)) {
    const settings = await routingSettingsOf(db, row.account_id, row.inbox_id);
    if (!settings || now - row.visitor_seen_at! < settings.abandonAfterSeconds * 1000) continue;
    if (await abandonQueued(ctx, row.account_id, row.conversation_id, 'gone')) abandoned += 1;
  }
  return abandoned;
}

/** Runs `sweepRouting` every SWEEP_INTERVAL_MS on this node; a sweep still running skips the next tick. */
export function startRoutingSweeper(
  ctx: AppContext,
  connectedContactIds: () => string[],
  presenceGraceMs?: number,
): () => void {
  let runs = 0;
  return startPeriodic(ctx, SWEEP_INTERVAL_MS, 'routing sweep failed', () => {
    runs += 1;
    return sweepRouting(ctx, {
      connectedContactIds: connectedContactIds(),
      repairCounters: runs % REPAIR_EVERY === 0,
      ...(presenceGraceMs ? { presenceGraceMs } : {}),
    });
  });
}
