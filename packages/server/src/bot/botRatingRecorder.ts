import type { BotRatingBody } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../http/appError.js';
import type { VisitorClaims } from '../widget/visitorToken.js';
import { findTurnByReply, rateTurn } from './botTurnRepository.js';

/**
 * The customer rates one of the bot's answers 有用 or 没用 (and may change their mind). Only answers in the
 * customer's own conversation can be rated; a 没用 puts the question on the editors' learning list.
 */
export async function botRatingRecorder(ctx: AppContext, visitor: VisitorClaims, body: BotRatingBody) {
  const db = ctx.db.kysely;
  const message = await db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select(['messages.id', 'messages.conversation_id', 'conversations.contact_id', 'conversations.inbox_id'])
    .where('messages.account_id', '=', visitor.accountId)
    .where('messages.id', '=', body.messageId)
    .executeTakeFirst();
  if (!message || message.contact_id !== visitor.contactId || message.inbox_id !== visitor.inboxId) {
    throw notFound('Message');
  }
  const turn = await findTurnByReply(db, visitor.accountId, message.conversation_id, message.id);
  if (turn?.outcome !== 'answer') {
    throw new AppError('VALIDATION_FAILED', 'Only the bot’s answers can be rated', [
      { field: 'body.messageId', issue: 'is not an answer of the bot' },
    ]);
  }
  await rateTurn(db, turn.id, body.rating, ctx.clock.now());
  return { messageId: message.id, rating: body.rating };
}
