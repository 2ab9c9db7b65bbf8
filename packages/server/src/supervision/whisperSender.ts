import { type MessageView, ROUTING_ACTIVITY_CODES } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { findConversation } from '../conversations/conversationRepository.js';
import { messageCreator } from '../conversations/messageCreator.js';
import { presentMessage } from '../conversations/messagePresenter.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/appError.js';

/**
 * A supervisor whispers to the agent on a conversation: a private note (the customer never sees notes) marked as
 * addressed to the assignee, so the agent's console can call it out.
 */
export async function whisperSender(
  ctx: AppContext,
  actor: Actor,
  conversationId: string,
  content: string,
): Promise<MessageView> {
  const conversation = await findConversation(ctx.db.kysely, actor.accountId, conversationId);
  if (!conversation) throw notFound('Conversation');
  const to = conversation.assignee_id
    ? await ctx.db.kysely
        .selectFrom('users')
        .select(['id', 'name'])
        .where('id', '=', conversation.assignee_id)
        .executeTakeFirst()
    : undefined;
  const created = await messageCreator(ctx, {
    accountId: actor.accountId,
    conversationId,
    kind: 'note',
    sender: { type: 'user', id: actor.userId, name: actor.name },
    content,
    activity: { code: ROUTING_ACTIVITY_CODES.whisper, params: { toId: to?.id ?? null, toName: to?.name ?? null } },
  });
  return presentMessage(ctx.config.secret, created.message);
}
