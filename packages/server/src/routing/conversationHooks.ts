import { roleHasPermission } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { type ConversationRow, lockConversation } from '../conversations/conversationRepository.js';
import type { CreatedMessage } from '../conversations/messageCreator.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import { publishAgentStatuses } from '../presence/agentStatusPublisher.js';
import { conversationRouter, type RouteOptions } from './conversationRouter.js';
import { drainQueues } from './queueDrainer.js';
import { queueStatusChanged, touchQueue } from './queueNotifier.js';
import { findRouting, type RoutingRow, saveRouting, updateRouting } from './routingRepository.js';
import { routingSettingsOf } from './routingSettings.js';
import { holdsSeat, moveSeat, type SeatMode, SeatUnavailable } from './seatLedger.js';

/** What routing does once a conversation change has committed. */
export interface RoutingEffects {
  accountId: string;
  conversationId: string;
  /** Agents whose load changed. */
  agents: string[];
  /** A seat was freed: the queue may move. */
  drain: boolean;
  /** Route it again (unassigned or reopened, routing on), never back to these agents. */
  route: { excluded: string[] } | null;
  /** It was queued and is no longer. */
  leftQueue: { contactId: string; inboxId: string; status: 'assigned' | 'left'; agentName: string | null } | null;
}

/** Inside the change's transaction, before the change: locks the conversation row and returns it as it is. */
export function routingBeforeChange(trx: Executor, accountId: string, conversationId: string) {
  return lockConversation(trx, accountId, conversationId);
}

/**
 * Inside the change's transaction, after it (conversations/conversationUpdater.ts): moves the seats (assignee,
 * team, status) and the routing state. An agent assigning a chat to someone (themselves too) respects that agent's
 * chat limit (409 CONFLICT when full); a supervisor or admin may go past it.
 */
export async function routingAfterChange(
  trx: Executor,
  actor: Actor,
  before: ConversationRow | undefined,
  changes: Partial<ConversationRow>,
  now: number,
): Promise<RoutingEffects | null> {
  if (!before) return null;
  // `before` was read under the row lock, so the row is now exactly it with the changes.
  const after: ConversationRow = { ...before, ...changes };
  const assigneeChanged = after.assignee_id !== before.assignee_id;
  const mode: SeatMode =
    assigneeChanged && after.assignee_id !== null && !roleHasPermission(actor.role, 'supervision.act')
      ? 'limit'
      : 'force';
  const seatOf = (c: ConversationRow) => ({ assigneeId: c.assignee_id, teamId: c.team_id, status: c.status });
  let moved: { freed: boolean };
  try {
    moved = await moveSeat(trx, before.account_id, seatOf(before), seatOf(after), now, mode);
  } catch (error) {
    if (!(error instanceof SeatUnavailable)) throw error;
    const field = error.holder === 'agent' ? 'body.assigneeId' : 'body.teamId';
    throw new AppError('CONFLICT', `The ${error.holder} is at the chat limit`, [
      { field, issue: 'is at the chat limit' },
    ]);
  }
  const routing = await findRouting(trx, before.account_id, before.id);
  const effects: RoutingEffects = {
    accountId: before.account_id,
    conversationId: before.id,
    agents:
      assigneeChanged || holdsSeat(seatOf(before)) !== holdsSeat(seatOf(after))
        ? [...new Set([before.assignee_id, after.assignee_id])].filter((id): id is string => id !== null)
        : [],
    drain: moved.freed,
    route: null,
    leftQueue: null,
  };
  const wasQueued = routing?.state === 'queued';
  if (after.status === 'resolved') {
    if (routing && routing.state !== 'ended') await updateRouting(trx, before.id, { state: 'ended', updated_at: now });
    if (wasQueued)
      effects.leftQueue = { contactId: after.contact_id, inboxId: after.inbox_id, status: 'left', agentName: null };
  } else if (after.assignee_id !== null && (assigneeChanged || before.status === 'resolved')) {
    await markAssigned(trx, after, routing, 'manual', now);
    if (wasQueued) {
      const name = await trx.selectFrom('users').select('name').where('id', '=', after.assignee_id).executeTakeFirst();
      effects.leftQueue = {
        contactId: after.contact_id,
        inboxId: after.inbox_id,
        status: 'assigned',
        agentName: name?.name ?? null,
      };
    }
  } else if (after.assignee_id === null && (assigneeChanged || before.status === 'resolved')) {
    const settings = await routingSettingsOf(trx, before.account_id, before.inbox_id);
    if (settings?.enabled && !wasQueued) effects.route = { excluded: before.assignee_id ? [before.assignee_id] : [] };
  }
  return effects;
}

/** A person gave the conversation to someone: the routing row follows (it leaves the queue if it was there). */
export async function markAssigned(
  trx: Executor,
  conversation: ConversationRow,
  routing: RoutingRow | undefined,
  rule: string,
  now: number,
): Promise<void> {
  const fields = {
    state: 'assigned',
    team_id: conversation.team_id,
    assignee_id: conversation.assignee_id,
    rule,
    assigned_at: now,
    answered_at: null,
    updated_at: now,
  };
  if (routing) {
    await updateRouting(trx, conversation.id, { ...fields, first_assigned_at: routing.first_assigned_at ?? now });
    return;
  }
  await saveRouting(trx, {
    conversation_id: conversation.id,
    account_id: conversation.account_id,
    inbox_id: conversation.inbox_id,
    contact_id: conversation.contact_id,
    plan: JSON.stringify({ preferred: [], team: null, excluded: [], priority: 0 }),
    priority: 0,
    enqueued_at: null,
    visitor_seen_at: null,
    first_assigned_at: now,
    first_reply_at: null,
    created_at: now,
    ...fields,
  });
}

/** After the change committed: tell who changed, route it again or let the queue move. Failures are logged. */
export async function routingAfterCommit(ctx: AppContext, effects: RoutingEffects | null): Promise<void> {
  if (!effects) return;
  try {
    const { accountId, conversationId } = effects;
    if (effects.leftQueue) {
      queueStatusChanged(ctx, accountId, { conversationId, ...effects.leftQueue });
      touchQueue(ctx, accountId);
    }
    await publishAgentStatuses(ctx, accountId, effects.agents);
    if (effects.route) await conversationRouter(ctx, accountId, conversationId, { excluded: effects.route.excluded });
    if (effects.drain) await drainQueues(ctx, accountId);
  } catch (error) {
    ctx.log.error({ err: error, conversationId: effects.conversationId }, 'routing after a conversation change failed');
  }
}

/**
 * After a customer's message (widget/visitorMessageSender.ts): a conversation that just opened, or that the
 * customer reopened, looks for an agent. The message is stored whatever happens here, so failures are logged.
 */
export async function routeArrival(
  ctx: AppContext,
  created: CreatedMessage,
  arrived: { opened: boolean; reopened: boolean },
  options: RouteOptions = {},
): Promise<void> {
  if (created.duplicate || !(arrived.opened || arrived.reopened)) return;
  try {
    await conversationRouter(ctx, created.message.account_id, created.message.conversation_id, options);
  } catch (error) {
    ctx.log.error({ err: error, conversationId: created.message.conversation_id }, 'routing a new conversation failed');
  }
}
