import type { RoutingSettings } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { anyRoom, chooseAgent, overflowDue, type RoutePlan, recordAssignment } from './decision.js';
import { touchQueue } from './queueNotifier.js';
import { AlreadyHandled, assignConversation } from './routingApplier.js';
import { hasQueued, listQueuedPage, loadSnapshot } from './routingRepository.js';
import { routingSettingsOf } from './routingSettings.js';
import { SeatUnavailable } from './seatLedger.js';

/** Rounds of (snapshot, queue) a drain runs at most; a new round starts only after another node took a seat first. */
const MAX_ROUNDS = 20;

const draining = new Map<string, Promise<number>>();

/**
 * Serves the account's queue while agents have room: every queued conversation, in service order (priority,
 * then arrival), is decided again on a fresh snapshot from its stored plan, so an agent who frees a seat gets the
 * first conversation they are eligible for. Drains of one account run one after another on this node; several
 * nodes may drain at once, and the conditional updates keep them from assigning a chat twice or filling a seat
 * twice. Call it whenever capacity frees up: a chat resolved or unassigned, an agent online, a limit raised.
 * Returns how many conversations it assigned.
 */
export function drainQueues(ctx: AppContext, accountId: string): Promise<number> {
  const previous = draining.get(accountId) ?? Promise.resolve(0);
  const next = previous.catch(() => 0).then(() => drainOnce(ctx, accountId));
  draining.set(accountId, next);
  void next.finally(() => {
    if (draining.get(accountId) === next) draining.delete(accountId);
  });
  return next;
}

/** Queue rows read at a time: a seat freed usually goes to one of the first few, not to the 5,000th. */
const PAGE = 200;

async function drainOnce(ctx: AppContext, accountId: string): Promise<number> {
  const db = ctx.db.kysely;
  let assigned = 0;
  // Most calls find no queue at all (a chat resolved on a quiet day): one cheap look before the snapshot.
  if (!(await hasQueued(db, accountId))) return 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const snapshot = await loadSnapshot(db, accountId);
    if (!anyRoom(snapshot)) break;
    const now = ctx.clock.now();
    const settingsOf = new Map<string, RoutingSettings | undefined>();
    /** Queues (team, backup team, overflow due) found without room in this round: the rest of them waits. */
    const full = new Set<string>();
    let contended = false;
    let after: { priority: number; enqueuedAt: number; conversationId: string } | null = null;
    pages: for (;;) {
      const page = await listQueuedPage(db, accountId, after, PAGE);
      for (const entry of page) {
        if (!settingsOf.has(entry.inbox_id)) {
          settingsOf.set(entry.inbox_id, await routingSettingsOf(db, accountId, entry.inbox_id));
        }
        const settings = settingsOf.get(entry.inbox_id);
        if (!settings) continue;
        const plan = JSON.parse(entry.plan) as RoutePlan;
        // Only plans without agent preferences or exclusions are alike enough to share a verdict.
        const plain = plan.preferred.length === 0 && plan.excluded.length === 0;
        const key = `${plan.team?.id}|${settings.overflowTeamId}|${overflowDue(settings, entry.enqueued_at, now)}`;
        if (plain && full.has(key)) continue;
        const choice = chooseAgent(plan, snapshot, settings, now, entry.enqueued_at);
        if (choice.kind === 'wait') {
          if (plain) full.add(key);
          continue;
        }
        try {
          await assignConversation(ctx, {
            accountId,
            conversationId: entry.conversation_id,
            plan,
            settings,
            choice,
            fromQueue: { enqueuedAt: entry.enqueued_at },
          });
          recordAssignment(snapshot, choice.agentId, choice.teamId, now);
          assigned += 1;
        } catch (error) {
          if (error instanceof AlreadyHandled) continue;
          if (!(error instanceof SeatUnavailable)) throw error;
          // Another node filled the seat first: look again.
          contended = true;
          break pages;
        }
        if (!anyRoom(snapshot)) break pages;
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = { priority: last.priority, enqueuedAt: last.enqueued_at ?? 0, conversationId: last.conversation_id };
    }
    if (!contended) break;
  }
  if (assigned > 0) touchQueue(ctx, accountId);
  return assigned;
}
