import { KNOWLEDGE_LIMITS, type LearnAsNewEntryBody, type LearnAsSimilarBody, type Locale } from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { knowledgeEntryCreator } from '../knowledge/knowledgeEntryCommands.js';
import { listVariants } from '../knowledge/knowledgeEntryRepository.js';
import { similarQuestionAdder } from '../knowledge/similarQuestionAdder.js';
import { compactForMatching } from '../text/normalize.js';
import { findLearnableTurns, markLearned } from './botTurnRepository.js';

/**
 * The learning list's actions: teach an entry the missed questions as similar questions, make a new entry of
 * them, or dismiss them. The knowledge commands (knowledge/) save, version and audit the entry; the bot answers
 * the taught questions as soon as they return. The questions then leave the list.
 */

async function learnableQuestions(ctx: AppContext, accountId: string, turnIds: string[]) {
  const turns = await findLearnableTurns(ctx.db.kysely, accountId, turnIds);
  if (turns.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'None of these questions is on the learning list', [
      { field: 'body.turnIds', issue: 'names no question waiting on the learning list' },
    ]);
  }
  // Distinct wordings short enough to be a similar question; a long message stays only as context.
  const distinct = new Map<string, string>();
  for (const turn of turns) {
    const question = turn.question.trim();
    const key = compactForMatching(question);
    if (key && !distinct.has(key) && question.length <= KNOWLEDGE_LIMITS.similarQuestionMaxLength) {
      distinct.set(key, question);
    }
  }
  return { turnIds: turns.map((t) => t.id), questions: [...distinct.values()] };
}

export async function similarQuestionLearner(ctx: AppContext, actor: Actor, body: LearnAsSimilarBody) {
  const { turnIds, questions } = await learnableQuestions(ctx, actor.accountId, body.turnIds);
  const locales = new Set((await listVariants(ctx.db.kysely, actor.accountId, [body.entryId])).map((v) => v.locale));
  if (locales.size === 0) throw notFound('Knowledge entry');
  const locale = (['zh-CN', 'zh-TW', 'en'] as Locale[]).find((l) => locales.has(l))!;
  for (const question of questions) {
    await similarQuestionAdder(ctx, actor, body.entryId, { locale, question });
  }
  return {
    learned: await markLearned(ctx.db.kysely, actor.accountId, turnIds, ctx.clock.now()),
    entryId: body.entryId,
  };
}

export async function newEntryLearner(ctx: AppContext, actor: Actor, body: LearnAsNewEntryBody) {
  const { turnIds, questions } = await learnableQuestions(ctx, actor.accountId, body.turnIds);
  const title = compactForMatching(body.question);
  const entry = await knowledgeEntryCreator(ctx, actor, {
    kind: 'faq',
    categoryId: body.categoryId,
    locale: 'zh-CN',
    variant: {
      title: body.question,
      similarQuestions: questions
        .filter((q) => compactForMatching(q) !== title)
        .slice(0, KNOWLEDGE_LIMITS.similarQuestionsMax),
      body: body.answer,
      status: 'published',
    },
  });
  return { learned: await markLearned(ctx.db.kysely, actor.accountId, turnIds, ctx.clock.now()), entryId: entry.id };
}

export async function learningDismisser(ctx: AppContext, actor: Actor, body: { turnIds: string[] }) {
  const { turnIds } = await learnableQuestions(ctx, actor.accountId, body.turnIds);
  return { learned: await markLearned(ctx.db.kysely, actor.accountId, turnIds, ctx.clock.now()), entryId: null };
}
