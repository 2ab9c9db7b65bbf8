import type { Locale } from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/transaction.js';
import { type KnowledgeHit, searchKnowledge } from '../knowledge/knowledgeSearch.js';
import { findHint } from '../routing/routingRepository.js';
import type { TurnTools } from './botDecision.js';
import { knowledgeEntryAnswer } from './knowledgeAnswers.js';
import { llmAnswer } from './llmAnswerer.js';

const HAN = /\p{Script=Han}/u;

/**
 * The language to answer in: a question in Chinese characters is answered in the customer's script (the widget's
 * browser language says Traditional or not, else the inbox's default); anything else (English, pinyin) searches
 * every language and answers in the one that matched.
 */
export async function questionLocale(
  db: Executor,
  visitor: { inboxId: string; contactId: string } | null,
  inboxLocale: Locale,
  question: string,
): Promise<Locale | undefined> {
  if (!HAN.test(question)) return undefined;
  const hint = visitor ? await findHint(db, visitor.inboxId, visitor.contactId) : undefined;
  const preferred = hint?.locale?.toLowerCase() ?? inboxLocale.toLowerCase();
  return /^zh-(tw|hk|mo|hant)/.test(preferred) ? 'zh-TW' : 'zh-CN';
}

/** The bot's lookups for one question; the search runs once however often the decision asks for it. */
export function botTools(ctx: AppContext, accountId: string, question: string, locale: Locale | undefined): TurnTools {
  let searched: { limit: number; hits: Promise<KnowledgeHit[]> } | undefined;
  const llm = ctx.config.llm;
  return {
    search(limit) {
      if (!searched || searched.limit < limit) {
        searched = { limit, hits: searchKnowledge(ctx, accountId, question, { locale, limit, publishedOnly: true }) };
      }
      const hits = searched.hits;
      return hits.then((all) => all.slice(0, limit));
    },
    entryAnswer: (entryId) => knowledgeEntryAnswer(ctx, accountId, entryId, locale),
    llm: llm ? (sources) => llmAnswer(llm, question, sources) : null,
    llmTopK: llm?.topK ?? 0,
  };
}
