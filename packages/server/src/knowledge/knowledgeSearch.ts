import type { Locale } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { knowledgeIndexFor } from './knowledgeIndexCache.js';

/**
 * Knowledge search shared by the bot, the agents' suggestions and the public help center.
 *
 * ## Score scale (0 … 1)
 * The score says how well the query matches the entry's best question, so the bot can set thresholds on it.
 * It is computed per question (the standard question and each similar question, or an article's title) as a
 * weighted overlap of words, of character pairs and of pinyin syllables in both directions (how much of the
 * query the question explains and how much of the question the query asks), plus a share for query words the
 * entry's other questions have and a smaller one for words found only in its answer. Synonyms (the workspace's
 * and the built-in ones), homophone typos and abbreviations count nearly as the word itself (queryTerms.ts).
 *
 * | score        | meaning                                                                                      |
 * | ------------ | -------------------------------------------------------------------------------------------- |
 * | 1            | the query is one of the entry's questions, after folding width, script, case and punctuation |
 * | ≥ 0.75       | the same question in other words, a homophone typo, or a synonym (`KNOWLEDGE_SCORE.confident`) |
 * | 0.5 … 0.75   | related: worth offering as 您是不是想问 (`KNOWLEDGE_SCORE.related`)                              |
 * | < 0.5        | weak: shares a word or two with the entry                                                    |
 *
 * Hits under `minScore` (default 0.2) are not returned. Scores of different queries are comparable: they do not
 * depend on how many entries the workspace has beyond the words' rarity.
 */
export const KNOWLEDGE_SCORE = {
  /** A bot may answer with the top hit alone. */
  confident: 0.75,
  /** Worth offering among a few choices. */
  related: 0.5,
} as const;

export type KnowledgeKind = 'faq' | 'article';

export interface KnowledgeSearchOptions {
  /**
   * The language wanted. An entry without a variant in it falls back between zh-CN and zh-TW (converted to the
   * script wanted); English never falls back. Without a locale every variant is searched and each entry
   * appears once, in its best-matching language.
   */
  locale?: Locale;
  /** Hits to return, best first; default 5, at most 50. */
  limit?: number;
  /** Only published variants (bot and help center); agents' suggestions pass true too. Default true. */
  publishedOnly?: boolean;
  /** Hits scoring below this are left out; default 0.2. */
  minScore?: number;
  /** Only entries of this kind. */
  kind?: KnowledgeKind;
}

export interface KnowledgeHit {
  entryId: string;
  kind: KnowledgeKind;
  /** The variant's language (after fallback, the language the texts below are in). */
  locale: Locale;
  categoryId: string | null;
  /** The standard question (FAQ) or the article's title. */
  title: string;
  /**
   * The answer (FAQ) or the article's body: HTML sanitised when saved and again when the index first shows it,
   * and plain text (links as “text（url）”, pictures as [图片]).
   */
  answer: { text: string; html: string };
  /** See the scale above. */
  score: number;
  /** The question that matched best: the standard question, one of the similar questions, or the title. */
  matchedQuestion: string;
}

/**
 * Ranked knowledge entries for a query, best first. Reads an in-memory index of the workspace, built from the
 * database on first use and kept current: an edit on this node is visible at once, one on another node
 * within a second (the workspace's knowledge revision is compared at most every 500 ms).
 */
export async function searchKnowledge(
  ctx: AppContext,
  accountId: string,
  query: string,
  options: KnowledgeSearchOptions = {},
): Promise<KnowledgeHit[]> {
  const index = await knowledgeIndexFor(ctx, accountId);
  return index.search(query, {
    locale: options.locale,
    limit: Math.min(Math.max(options.limit ?? 5, 1), 50),
    publishedOnly: options.publishedOnly ?? true,
    minScore: options.minScore ?? 0.2,
    kind: options.kind,
  });
}
