import type { AppContext } from '../context.js';
import { findConversation } from '../conversations/conversationRepository.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { chatAgent } from './conversationTransferrer.js';
import { participantActivity, publishMessages, storeActivity } from './routingActivities.js';

/** Agents invited into a conversation besides its assignee (协助): they take no seat of their chat limit. */
export async function listParticipants(db: Executor, accountId: string, conversationId: string) {
  if (!(await findConversation(db, accountId, conversationId))) throw notFound('Conversation');
  const rows = await db
    .selectFrom('conversation_participants')
    .innerJoin('users', 'users.id', 'conversation_participants.user_id')
    .select([
      'conversation_participants.user_id',
      'users.name',
      'conversation_participants.added_by',
      'conversation_participants.created_at',
    ])
    .where('conversation_participants.account_id', '=', accountId)
    .where('conversation_participants.conversation_id', '=', conversationId)
    .orderBy('conversation_participants.created_at')
    .orderBy('conversation_participants.user_id')
    .execute();
  return {
    items: rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      addedBy: r.added_by,
      addedAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/** Invites a second agent; the customer sees that they joined. */
export async function participantInviter(ctx: AppContext, actor: Actor, conversationId: string, userId: string) {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const conversation = await findConversation(db, actor.accountId, conversationId);
  if (!conversation) throw notFound('Conversation');
  const user = await chatAgent(db, actor.accountId, userId);
  if (!user) {
    throw new AppError('VALIDATION_FAILED', 'Invite an active agent of this workspace', [
      { field: 'body.userId', issue: 'is not an active agent of this workspace' },
    ]);
  }
  if (user.id === conversation.assignee_id) {
    throw new AppError('VALIDATION_FAILED', 'The assignee is in the conversation already', [
      { field: 'body.userId', issue: 'is the assignee' },
    ]);
  }
  const created = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('conversation_participants')
      .values({
        conversation_id: conversationId,
        user_id: user.id,
        account_id: actor.accountId,
        added_by: actor.userId,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new AppError('CONFLICT', `${user.name} is in the conversation already`);
    }
    return storeActivity(trx, now, actor.accountId, conversationId, participantActivity(true, user.name, actor.name));
  });
  publishMessages(ctx, actor.accountId, [created]);
  return listParticipants(db, actor.accountId, conversationId);
}

/** A participant leaves, or is removed; the customer sees that they left. */
export async function participantRemover(ctx: AppContext, actor: Actor, conversationId: string, userId: string) {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  if (!(await findConversation(db, actor.accountId, conversationId))) throw notFound('Conversation');
  const created = await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('conversation_participants')
      .where('account_id', '=', actor.accountId)
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('Participant');
    const name = (await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? '';
    return storeActivity(trx, now, actor.accountId, conversationId, participantActivity(false, name, actor.name));
  });
  publishMessages(ctx, actor.accountId, [created]);
  return listParticipants(db, actor.accountId, conversationId);
}
