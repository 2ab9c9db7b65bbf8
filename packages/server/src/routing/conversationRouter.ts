import type { RoutingSettings } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { findConversation } from '../conversations/conversationRepository.js';
import { conversationFacts } from './conversationFacts.js';
import { type Choice, chooseAgent, planRoute, type RoutePlan, waitTarget } from './decision.js';
import { drainQueues } from './queueDrainer.js';
import { AlreadyHandled, assignConversation, parkConversation, recordStillQueued } from './routingApplier.js';
import { hasQueued, loadSnapshot } from './routingRepository.js';
import { inboxRouting } from './routingSettings.js';
import { SeatUnavailable } from './seatLedger.js';

export interface RouteOptions {
  /** Agents who must not get it: the one it is being transferred away from. */
  excluded?: string[];
  /** Route among this team only (a transfer to a team): the preferred-agent rules do not apply. */
  team?: { id: string; rule: 'transfer' };
  /** Where it waits when every eligible agent is full, instead of the inbox's `whenFull`. */
  whenFull?: 'queue' | 'pool';
  /** Route even if the inbox has routing off (a person asked for it: a transfer to a team). */
  force?: boolean;
  /** A transferred chat has waited already: it goes ahead of the queue. */
  priority?: 1;
}

export type RouteOutcome =
  | { kind: 'assigned'; agentId: string }
  | { kind: 'queued' }
  | { kind: 'pool' }
  /** Nothing to do: it has an agent already, is resolved, or is gone. */
  | { kind: 'skipped' };

/** Tries with a fresh snapshot when another node (or arrival) took the seat between the decision and the write. */
const ATTEMPTS = 5;

/**
 * Finds an agent for an unassigned conversation, through its inbox's pipeline (designated agent or team, previous
 * agent, owner, skill match, strategy), or parks it in the queue or the pool when everyone eligible is full. The
 * decision is a pure function of a snapshot (routing/decision.ts); applying it is one transaction whose
 * conditional updates make it hold under concurrency (routing/routingApplier.ts).
 *
 * Call it after the conversation's opening message is committed: visitor messages do (widget/visitorMessageSender),
 * and so does anything that hands a conversation over to people (a bot's hand-off).
 */
export async function conversationRouter(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
  options: RouteOptions = {},
): Promise<RouteOutcome> {
  const db = ctx.db.kysely;
  const conversation = await findConversation(db, accountId, conversationId);
  if (!conversation || conversation.assignee_id !== null || conversation.status === 'resolved') {
    return { kind: 'skipped' };
  }
  const inbox = await inboxRouting(db, accountId, conversation.inbox_id);
  if (!inbox) return { kind: 'skipped' };
  const settings = inbox.routing;
  const now = ctx.clock.now();
  const facts = await conversationFacts(db, conversation, inbox.offeredTeamIds);
  const planned = planRoute(facts, settings, now);
  const plan: RoutePlan = {
    ...planned,
    ...(options.team ? { preferred: [], team: options.team } : {}),
    excluded: options.excluded ?? [],
    priority: options.priority ?? planned.priority,
  };
  if (!settings.enabled && !options.force) {
    await park(ctx, accountId, conversationId, plan, settings, { kind: 'wait', teamId: null, teamRule: null }, 'pool', {
      silent: true,
    });
    return { kind: 'pool' };
  }
  return placeConversation(ctx, accountId, conversationId, plan, settings, options.whenFull ?? settings.whenFull);
}

/** Assigns the conversation now if the plan finds an agent with room; otherwise it waits in the queue or the pool. */
export async function placeConversation(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
  plan: RoutePlan,
  settings: RoutingSettings,
  whenFull: 'queue' | 'pool',
): Promise<RouteOutcome> {
  const db = ctx.db.kysely;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [snapshot, othersWaiting] = await Promise.all([loadSnapshot(db, accountId), hasQueued(db, accountId)]);
    const choice = chooseAgent(plan, snapshot, settings, ctx.clock.now(), null);
    if (choice.kind === 'wait') return park(ctx, accountId, conversationId, plan, settings, choice, whenFull);
    // Others are waiting: the newcomer joins the queue and the queue is served in order (VIPs first, then FIFO).
    if (othersWaiting) {
      const target = waitTarget(plan, snapshot, settings);
      const parked = await park(ctx, accountId, conversationId, plan, settings, target, 'queue', { silent: true });
      if (parked.kind !== 'queued') return parked;
      await drainQueues(ctx, accountId);
      // The queue entry is recorded only if it still waits: most such arrivals are served by the drain at once.
      return recordStillQueued(ctx, accountId, conversationId);
    }
    try {
      await assignConversation(ctx, { accountId, conversationId, plan, settings, choice, fromQueue: null });
      return { kind: 'assigned', agentId: choice.agentId };
    } catch (error) {
      if (error instanceof AlreadyHandled) return { kind: 'skipped' };
      if (!(error instanceof SeatUnavailable)) throw error;
    }
  }
  const snapshot = await loadSnapshot(db, accountId);
  return park(ctx, accountId, conversationId, plan, settings, waitTarget(plan, snapshot, settings), whenFull);
}

async function park(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
  plan: RoutePlan,
  settings: RoutingSettings,
  choice: Extract<Choice, { kind: 'wait' }>,
  where: 'queue' | 'pool',
  options: { silent?: boolean } = {},
): Promise<RouteOutcome> {
  try {
    await parkConversation(ctx, {
      accountId,
      conversationId,
      plan,
      settings,
      choice,
      where,
      silent: options.silent ?? false,
    });
  } catch (error) {
    if (error instanceof AlreadyHandled) return { kind: 'skipped' };
    throw error;
  }
  return where === 'queue' ? { kind: 'queued' } : { kind: 'pool' };
}
