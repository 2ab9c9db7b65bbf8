import type { ConversationView, updateConversationBody } from '@kefu/shared';
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { validConversationLabels } from '../labels/labelValidator.js';
import {
  type RoutingEffects,
  routingAfterChange,
  routingAfterCommit,
  routingBeforeChange,
} from '../routing/conversationHooks.js';
import { findTeam } from '../teams/teamRepository.js';
import { findUser } from '../users/userRepository.js';
import { presentConversation } from './conversationPresenter.js';
import { findConversationWithContact, updateConversation } from './conversationRepository.js';
import { storeMessage } from './messageCreator.js';

type Changes = z.infer<typeof updateConversationBody>;

/**
 * Assign, resolve, reopen, snooze or relabel. Each change also lands in the conversation as an activity
 * message (with its own seq), so the timeline shows who did what, live and after a reconnect.
 */
export async function conversationUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: Changes,
): Promise<ConversationView> {
  const db = ctx.db.kysely;
  const before = await findConversationWithContact(db, actor.accountId, id);
  if (!before) throw notFound('Conversation');
  const now = ctx.clock.now();
  const activities: { code: string; params: Record<string, unknown>; text: string }[] = [];
  const set: Parameters<typeof updateConversation>[3] = { updated_at: now };

  if (changes.assigneeId !== undefined && changes.assigneeId !== before.assignee_id) {
    if (changes.assigneeId !== null) {
      const assignee = await findUser(db, actor.accountId, changes.assigneeId);
      if (assignee?.status !== 'active' || assignee.role === 'department') {
        throw new AppError('VALIDATION_FAILED', 'The assignee must be an active agent of this workspace', [
          { field: 'body.assigneeId', issue: 'is not an active agent' },
        ]);
      }
      activities.push({
        code: 'assigned',
        params: { assigneeId: assignee.id, assigneeName: assignee.name, by: actor.name },
        text: `${actor.name} 将会话分配给 ${assignee.name}`,
      });
    } else {
      activities.push({ code: 'unassigned', params: { by: actor.name }, text: `${actor.name} 取消了分配` });
    }
    set.assignee_id = changes.assigneeId;
  }
  if (changes.teamId !== undefined && changes.teamId !== before.team_id) {
    if (changes.teamId !== null && !(await findTeam(db, actor.accountId, changes.teamId))) {
      throw new AppError('VALIDATION_FAILED', 'Unknown team', [
        { field: 'body.teamId', issue: 'is not a team of this workspace' },
      ]);
    }
    set.team_id = changes.teamId;
  }
  if (changes.status !== undefined && changes.status !== before.status) {
    if (changes.status === 'snoozed' && !changes.snoozedUntil) {
      throw new AppError('VALIDATION_FAILED', 'Snoozing needs a time', [
        { field: 'body.snoozedUntil', issue: 'is required to snooze' },
      ]);
    }
    set.status = changes.status;
    set.snoozed_until = changes.status === 'snoozed' ? Date.parse(changes.snoozedUntil!) : null;
    if (changes.status === 'resolved') set.waiting_since = null;
    activities.push({
      code: `status.${changes.status}`,
      params: { by: actor.name },
      text: statusText(actor.name, changes.status),
    });
  }
  if (changes.labels !== undefined) {
    set.labels = JSON.stringify(await validConversationLabels(db, actor.accountId, changes.labels));
  }

  let routing: RoutingEffects | null = null;
  const stored = await db.transaction().execute(async (trx) => {
    const locked = await routingBeforeChange(trx, actor.accountId, id);
    await updateConversation(trx, actor.accountId, id, set);
    routing = await routingAfterChange(trx, actor, locked, set, now);
    const messages = [];
    for (const activity of activities) {
      messages.push(
        await storeMessage(trx, now, {
          accountId: actor.accountId,
          conversationId: id,
          kind: 'activity',
          sender: { type: 'system', id: null, name: null },
          content: activity.text,
          attachmentIds: [],
          activity: { code: activity.code, params: activity.params },
        }),
      );
    }
    return messages;
  });
  for (const created of stored) {
    ctx.bus.publish({
      type: 'message.created',
      accountId: actor.accountId,
      message: created.message,
      conversation: created.conversation,
    });
  }
  const after = await findConversationWithContact(db, actor.accountId, id);
  ctx.bus.publish({ type: 'conversation.updated', accountId: actor.accountId, conversation: after! });
  await routingAfterCommit(ctx, routing);
  return presentConversation(after!);
}

function statusText(by: string, status: string): string {
  switch (status) {
    case 'resolved':
      return `${by} 结束了会话`;
    case 'open':
      return `${by} 重新打开了会话`;
    case 'snoozed':
      return `${by} 暂缓了会话`;
    default:
      return `${by} 将会话设为待处理`;
  }
}
