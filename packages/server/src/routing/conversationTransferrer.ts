import { type ConversationView, ROUTING_ACTIVITY_CODES, type TransferBody } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { presentConversation } from '../conversations/conversationPresenter.js';
import {
  findConversationWithContact,
  lockConversation,
  updateConversation,
} from '../conversations/conversationRepository.js';
import { type CreatedMessage, storeMessage } from '../conversations/messageCreator.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { CHAT_ROLES } from '../presence/agentStateRepository.js';
import { publishAgentStatuses } from '../presence/agentStatusPublisher.js';
import { isTeamMember } from '../teams/teamRepository.js';
import { markAssigned } from './conversationHooks.js';
import { conversationRouter } from './conversationRouter.js';
import { drainQueues } from './queueDrainer.js';
import { queueStatusChanged, touchQueue } from './queueNotifier.js';
import {
  publishMessages,
  type RoutingActivity,
  reassignedActivity,
  storeActivity,
  takenOverActivity,
  transferredActivity,
} from './routingActivities.js';
import { findRouting, updateRouting } from './routingRepository.js';
import { moveSeat, SeatUnavailable } from './seatLedger.js';

/**
 * Hands a conversation to another agent or team, with a private note the next agent reads first:
 *
 * - `transfer` (转接), by any agent: the receiving agent must be online with a free seat (409 otherwise); a team
 *   transfer routes the chat among that team's members (never back to the one handing it over), or queues it
 *   there, ahead of others, since it has waited already;
 * - `reassign`, by a supervisor: the same, but an agent gets it even when busy or full.
 *
 * The customer sees a plain notice that they were transferred; the note never reaches them.
 */
export async function conversationTransferrer(
  ctx: AppContext,
  actor: Actor,
  conversationId: string,
  body: TransferBody,
  mode: 'transfer' | 'reassign',
): Promise<ConversationView> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const before = await findConversationWithContact(db, actor.accountId, conversationId);
  if (!before) throw notFound('Conversation');
  if (before.status === 'resolved') {
    throw new AppError('CONFLICT', 'A resolved conversation cannot be transferred; reopen it first');
  }
  const agent = body.agentId ? await chatAgent(db, actor.accountId, body.agentId) : null;
  const team = body.teamId
    ? await db
        .selectFrom('teams')
        .select(['id', 'name'])
        .where('account_id', '=', actor.accountId)
        .where('id', '=', body.teamId)
        .executeTakeFirst()
    : null;
  if (body.agentId && !agent) {
    throw new AppError('VALIDATION_FAILED', 'Transfer to an active agent of this workspace', [
      { field: 'body.agentId', issue: 'is not an active agent of this workspace' },
    ]);
  }
  if (body.teamId && !team) {
    throw new AppError('VALIDATION_FAILED', 'Unknown team', [
      { field: 'body.teamId', issue: 'is not a team of this workspace' },
    ]);
  }
  if (agent && agent.id === before.assignee_id) {
    throw new AppError('VALIDATION_FAILED', 'The conversation is already theirs', [
      { field: 'body.agentId', issue: 'is the current assignee' },
    ]);
  }

  let result: { messages: CreatedMessage[]; fromId: string | null; leftQueue: boolean };
  try {
    result = await db.transaction().execute(async (trx) => {
      const row = await lockConversation(trx, actor.accountId, conversationId);
      if (!row || row.status === 'resolved') throw notFound('Conversation');
      const fromId = row.assignee_id;
      const fromName = fromId
        ? ((await trx.selectFrom('users').select('name').where('id', '=', fromId).executeTakeFirst())?.name ?? null)
        : null;
      const routing = await findRouting(trx, actor.accountId, conversationId);
      // To an agent: the conversation keeps its team if they belong to it. To a team: it waits for routing.
      const teamId = team
        ? team.id
        : row.team_id && (await isTeamMember(trx, row.team_id, agent!.id))
          ? row.team_id
          : null;
      const assigneeId = agent ? agent.id : null;
      await updateConversation(trx, actor.accountId, conversationId, {
        assignee_id: assigneeId,
        team_id: teamId,
        updated_at: now,
      });
      await moveSeat(
        trx,
        actor.accountId,
        { assigneeId: fromId, teamId: row.team_id, status: row.status },
        { assigneeId, teamId, status: row.status },
        now,
        mode === 'reassign' ? 'force' : 'route',
      );
      if (agent) await markAssigned(trx, { ...row, assignee_id: agent.id, team_id: teamId }, routing, mode, now);
      else if (routing)
        await updateRouting(trx, conversationId, { state: 'ended', assignee_id: fromId, updated_at: now });
      const messages: CreatedMessage[] = [];
      if (body.note) {
        messages.push(
          await storeMessage(trx, now, {
            accountId: actor.accountId,
            conversationId,
            kind: 'note',
            sender: { type: 'user', id: actor.userId, name: actor.name },
            content: body.note,
            attachmentIds: [],
            activity: {
              code: ROUTING_ACTIVITY_CODES.transferNote,
              params: agent ? { toId: agent.id, toName: agent.name } : { teamId: team!.id, teamName: team!.name },
            },
          }),
        );
      }
      const target = agent ? { agentName: agent.name } : { teamName: team!.name };
      const activities: RoutingActivity[] = [transferredActivity(fromName ?? actor.name, target)];
      if (mode === 'reassign') activities.push(reassignedActivity(actor.name, fromName, target));
      for (const activity of activities) {
        messages.push(await storeActivity(trx, now, actor.accountId, conversationId, activity));
      }
      return { messages, fromId, leftQueue: routing?.state === 'queued' };
    });
  } catch (error) {
    if (!(error instanceof SeatUnavailable)) throw error;
    const who = error.holder === 'agent' ? agent!.name : team?.name;
    throw new AppError('CONFLICT', `${who} cannot take another chat now (not online, or at the chat limit)`, [
      { field: error.holder === 'agent' ? 'body.agentId' : 'body.teamId', issue: 'has no free seat' },
    ]);
  }
  publishMessages(ctx, actor.accountId, result.messages);
  if (result.leftQueue && agent) {
    queueStatusChanged(ctx, actor.accountId, {
      conversationId,
      contactId: before.contact_id,
      inboxId: before.inbox_id,
      status: 'assigned',
      agentName: agent.name,
    });
    touchQueue(ctx, actor.accountId);
  }
  await publishAgentStatuses(
    ctx,
    actor.accountId,
    [result.fromId, agent?.id ?? null].filter((id): id is string => id !== null),
  );
  if (team) {
    await conversationRouter(ctx, actor.accountId, conversationId, {
      team: { id: team.id, rule: 'transfer' },
      excluded: result.fromId ? [result.fromId] : [],
      force: true,
      priority: 1,
    });
  }
  if (result.fromId) await drainQueues(ctx, actor.accountId);
  const after = await findConversationWithContact(db, actor.accountId, conversationId);
  return presentConversation(after!);
}

/** 强插: a supervisor takes the conversation for themselves, past any limit; recorded. */
export async function conversationTakeover(
  ctx: AppContext,
  actor: Actor,
  conversationId: string,
): Promise<ConversationView> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const result = await db.transaction().execute(async (trx) => {
    const row = await lockConversation(trx, actor.accountId, conversationId);
    if (!row) throw notFound('Conversation');
    if (row.assignee_id === actor.userId) {
      throw new AppError('CONFLICT', 'The conversation is already yours');
    }
    const routing = await findRouting(trx, actor.accountId, conversationId);
    const fromId = row.assignee_id;
    const fromName = fromId
      ? ((await trx.selectFrom('users').select('name').where('id', '=', fromId).executeTakeFirst())?.name ?? null)
      : null;
    // A resolved chat taken over is open again.
    const status = row.status === 'resolved' ? 'open' : row.status;
    await updateConversation(trx, actor.accountId, conversationId, {
      assignee_id: actor.userId,
      status,
      updated_at: now,
    });
    await moveSeat(
      trx,
      actor.accountId,
      { assigneeId: fromId, teamId: row.team_id, status: row.status },
      { assigneeId: actor.userId, teamId: row.team_id, status },
      now,
      'force',
    );
    await markAssigned(trx, { ...row, assignee_id: actor.userId, status }, routing, 'takeover', now);
    const message = await storeActivity(
      trx,
      now,
      actor.accountId,
      conversationId,
      takenOverActivity(actor.name, fromId, fromName),
    );
    return { message, fromId, leftQueue: routing?.state === 'queued', row };
  });
  publishMessages(ctx, actor.accountId, [result.message]);
  if (result.leftQueue) {
    queueStatusChanged(ctx, actor.accountId, {
      conversationId,
      contactId: result.row.contact_id,
      inboxId: result.row.inbox_id,
      status: 'assigned',
      agentName: actor.name,
    });
    touchQueue(ctx, actor.accountId);
  }
  await publishAgentStatuses(ctx, actor.accountId, [actor.userId, ...(result.fromId ? [result.fromId] : [])]);
  if (result.fromId) await drainQueues(ctx, actor.accountId);
  const after = await findConversationWithContact(db, actor.accountId, conversationId);
  return presentConversation(after!);
}

export function chatAgent(db: Executor, accountId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .where('role', 'in', [...CHAT_ROLES])
    .executeTakeFirst();
}
