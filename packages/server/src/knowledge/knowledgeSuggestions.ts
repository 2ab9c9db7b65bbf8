import type { KnowledgeSuggestionsResponse, Locale } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { findConversation } from '../conversations/conversationRepository.js';
import { notFound } from '../http/appError.js';
import { parseSettings } from '../inboxes/inboxPresenter.js';
import { findInbox } from '../inboxes/inboxRepository.js';
import { presentSearchHit } from './knowledgePresenter.js';
import { searchKnowledge } from './knowledgeSearch.js';

/** Suggestions an agent may pick from; weaker ones would only distract. */
const SUGGESTION_LIMIT = 3;
const SUGGESTION_MIN_SCORE = 0.35;
/** When the last message alone finds nothing (在吗? 还有呢), the last few together say what it is about. */
const CONTEXT_MESSAGES = 3;

const HAN = /\p{Script=Han}/u;

/** Chinese questions in the inbox's script; anything else searches every language. */
function localeFor(text: string, inboxLocale: Locale): Locale | undefined {
  if (!HAN.test(text)) return undefined;
  return inboxLocale === 'zh-TW' ? 'zh-TW' : 'zh-CN';
}

/**
 * Knowledge answers for what the customer last wrote in a conversation, best first, for the agent to insert
 * and edit. Only published content, as a customer would see it.
 */
export async function knowledgeSuggestions(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
): Promise<KnowledgeSuggestionsResponse> {
  const db = ctx.db.kysely;
  const conversation = await findConversation(db, accountId, conversationId);
  if (!conversation) throw notFound('Conversation');
  const recent = await db
    .selectFrom('messages')
    .select('content')
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('kind', '=', 'incoming')
    .where('content', '!=', '')
    .orderBy('seq', 'desc')
    .limit(CONTEXT_MESSAGES)
    .execute();
  const question = recent[0]?.content ?? null;
  if (!question) return { question: null, items: [] };
  const inbox = await findInbox(db, accountId, conversation.inbox_id);
  const inboxLocale = inbox ? parseSettings(inbox).locale : 'zh-CN';
  const options = {
    locale: localeFor(question, inboxLocale),
    limit: SUGGESTION_LIMIT,
    publishedOnly: true,
    minScore: SUGGESTION_MIN_SCORE,
  };
  let hits = await searchKnowledge(ctx, accountId, question, options);
  if (hits.length === 0 && recent.length > 1) {
    const context = recent
      .map((m) => m.content)
      .reverse()
      .join('\n');
    hits = await searchKnowledge(ctx, accountId, context, options);
  }
  return { question, items: hits.map(presentSearchHit) };
}
