import type { WidgetSettings } from '@kefu/shared';
import type { AppContext } from '../context.js';
import {
  type ConversationWithContact,
  findConversationWithContact,
  lockConversation,
  updateConversation,
} from '../conversations/conversationRepository.js';
import { type CreatedMessage, storeMessage } from '../conversations/messageCreator.js';
import type { MessageRow } from '../conversations/messageRepository.js';
import type { Executor } from '../db/transaction.js';
import { cachedInboxSettings } from '../inboxes/cachedInboxSettings.js';
import { type BotDecision, decideTurn } from './botDecision.js';
import { botHandoff } from './botHandoff.js';
import { type BotSessionRow, findActiveBotSession, pendingOf, updateBotSession } from './botSessionRepository.js';
import { botTools, questionLocale } from './botTools.js';
import { queueBotTurn } from './botTurnQueue.js';
import { findTurnByQuestion, insertBotTurn } from './botTurnRepository.js';
import { botSender, stillBotHandled, turnRow } from './botTurnStore.js';
import { detectComplaint } from './complaintDetector.js';

/**
 * After a customer's message is stored in a conversation the bot handles (widget/visitorMessageSender.ts):
 * queues the bot's reply. Returns whether the bot has it, in which case no after-hours reply or routing runs.
 */
export function botHandles(ctx: AppContext, incoming: CreatedMessage): boolean {
  const { conversation, message } = incoming;
  if (conversation.bot_active !== 1 || conversation.status === 'resolved' || message.kind !== 'incoming') return false;
  if (!incoming.duplicate) queueBotTurn(ctx, message.conversation_id, () => botTurn(ctx, message));
  return true;
}

async function botTurn(ctx: AppContext, message: MessageRow): Promise<void> {
  const db = ctx.db.kysely;
  const accountId = message.account_id;
  const conversation = await findConversationWithContact(db, accountId, message.conversation_id);
  if (conversation?.bot_active !== 1) return;
  const [session, settings, replied] = await Promise.all([
    findActiveBotSession(db, accountId, conversation.id),
    cachedInboxSettings(db, accountId, conversation.inbox_id),
    findTurnByQuestion(db, message.id),
  ]);
  if (!session || !settings || replied) return;
  if (conversation.assignee_id !== null || (await personSpokeSince(db, conversation.id, session.started_at))) {
    await stepAside(ctx, conversation, session);
    return;
  }
  const locale = await questionLocale(
    db,
    { inboxId: conversation.inbox_id, contactId: conversation.contact_id },
    settings.locale,
    message.content,
  );
  const decision = await decideTurn(
    {
      text: message.content,
      settings: settings.bot,
      pending: pendingOf(session),
      misses: session.misses,
      complaint: detectComplaint(message.content),
    },
    botTools(ctx, accountId, message.content, locale),
  );
  if (decision.handoff) {
    await botHandoff(ctx, { session, question: message, settings, decision, handoff: decision.handoff });
    return;
  }
  await storeReplies(ctx, session, message, settings, decision);
}

async function storeReplies(
  ctx: AppContext,
  session: BotSessionRow,
  question: MessageRow,
  settings: WidgetSettings,
  decision: BotDecision,
): Promise<void> {
  const accountId = question.account_id;
  const conversationId = question.conversation_id;
  const stored = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await stillBotHandled(trx, accountId, conversationId, session.id))) return null;
    const now = ctx.clock.now();
    const replies: CreatedMessage[] = [];
    for (const [i, reply] of decision.replies.entries()) {
      replies.push(
        await storeMessage(trx, now, {
          accountId,
          conversationId,
          kind: 'outgoing',
          sender: botSender(settings),
          content: reply.content,
          ...(reply.payload ? { payload: reply.payload } : {}),
          clientId: `bot-${question.id}-${i}`,
          attachmentIds: [],
        }),
      );
    }
    await insertBotTurn(trx, turnRow(session, question, decision, replies[0]?.message.id ?? null, now));
    await updateBotSession(trx, session.id, {
      misses: decision.misses,
      pending: JSON.stringify(decision.pending),
      updated_at: now,
    });
    return replies;
  });
  for (const created of stored ?? []) {
    ctx.bus.publish({
      type: 'message.created',
      accountId,
      message: created.message,
      conversation: created.conversation,
    });
  }
}

/** An agent replied or took the chat while the bot had it: the bot says nothing more in this conversation. */
async function personSpokeSince(db: Executor, conversationId: string, since: number): Promise<boolean> {
  const row = await db
    .selectFrom('messages')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('sender_type', '=', 'user')
    .where('kind', '=', 'outgoing')
    .where('created_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function stepAside(ctx: AppContext, conversation: ConversationWithContact, session: BotSessionRow) {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await lockConversation(trx, conversation.account_id, conversation.id);
    await updateBotSession(trx, session.id, { state: 'taken_over', ended_at: now, updated_at: now });
    await updateConversation(trx, conversation.account_id, conversation.id, { bot_active: 0, updated_at: now });
  });
  const after = await findConversationWithContact(ctx.db.kysely, conversation.account_id, conversation.id);
  if (after) ctx.bus.publish({ type: 'conversation.updated', accountId: after.account_id, conversation: after });
}
