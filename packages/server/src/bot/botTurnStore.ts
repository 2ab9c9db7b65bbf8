import type { WidgetSettings } from '@kefu/shared';
import { lockConversation } from '../conversations/conversationRepository.js';
import type { MessageRow } from '../conversations/messageRepository.js';
import { newId } from '../db/ids.js';
import type { BotTurnsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import type { BotDecision } from './botDecision.js';
import { isBotHandled } from './botHandled.js';
import { type BotSessionRow, findActiveBotSession } from './botSessionRepository.js';

/** The bot's sender on its messages: the name the inbox gives it. */
export function botSender(settings: WidgetSettings) {
  return { type: 'bot' as const, id: null, name: settings.bot.name };
}

/** Under the conversation's row lock: the bot still runs this session, and no person has taken the chat. */
export async function stillBotHandled(
  trx: Executor,
  accountId: string,
  conversationId: string,
  sessionId: string,
): Promise<boolean> {
  const row = await lockConversation(trx, accountId, conversationId);
  if (!row || !isBotHandled(row)) return false;
  const current = await findActiveBotSession(trx, accountId, conversationId);
  return current?.id === sessionId;
}

export function turnRow(
  session: BotSessionRow,
  question: MessageRow,
  decision: BotDecision,
  replyMessageId: string | null,
  now: number,
): BotTurnsTable {
  return {
    id: newId(now),
    account_id: session.account_id,
    inbox_id: session.inbox_id,
    session_id: session.id,
    conversation_id: session.conversation_id,
    question_message_id: question.id,
    question: question.content.slice(0, 1000),
    outcome: decision.outcome,
    entry_id: decision.entry?.entryId ?? null,
    entry_title: decision.entry?.title ?? null,
    score: Math.round(decision.score * 1000),
    reply_message_id: replyMessageId,
    rating: null,
    rated_at: null,
    learned_at: null,
    created_at: now,
  };
}
