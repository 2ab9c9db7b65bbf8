import {
  type AddSimilarQuestionBody,
  KNOWLEDGE_LIMITS,
  type KnowledgeEntryView,
  type KnowledgeStatus,
} from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { compactForMatching } from '../text/normalize.js';
import { changeKnowledge } from './knowledgeChange.js';
import { loadEntryView, saveVariant } from './knowledgeEntryCommands.js';
import { findVariant, lockEntry } from './knowledgeEntryRepository.js';

/**
 * Teaches an entry one more way customers ask (the learning list's “add as similar question”). A question
 * the entry already has, written however (full width, Traditional, punctuation), changes nothing. Like any
 * save it keeps the previous version, and the bot answers the new question as soon as this returns.
 */
export async function similarQuestionAdder(
  ctx: AppContext,
  actor: Actor,
  entryId: string,
  body: AddSimilarQuestionBody,
): Promise<KnowledgeEntryView> {
  await changeKnowledge(ctx, actor.accountId, async (scope) => {
    const entry = await lockEntry(scope.trx, actor.accountId, entryId, ctx.db.kind === 'postgres');
    if (!entry) throw notFound('Knowledge entry');
    const variant = await findVariant(scope.trx, actor.accountId, entryId, body.locale);
    if (!variant) throw notFound('Language version');
    const similar = JSON.parse(variant.similar_questions) as string[];
    const asked = compactForMatching(body.question);
    if ([variant.title, ...similar].some((q) => compactForMatching(q) === asked)) return;
    if (similar.length >= KNOWLEDGE_LIMITS.similarQuestionsMax) {
      throw new AppError(
        'VALIDATION_FAILED',
        `An entry keeps at most ${KNOWLEDGE_LIMITS.similarQuestionsMax} similar questions`,
        [{ field: 'body.question', issue: 'the entry has as many similar questions as it may' }],
      );
    }
    await saveVariant(
      scope,
      actor,
      entry,
      body.locale,
      {
        title: variant.title,
        similarQuestions: [...similar, body.question],
        body: variant.body,
        status: variant.status as KnowledgeStatus,
      },
      undefined,
    );
    await recordAudit(
      scope.trx,
      actor,
      {
        action: 'knowledge_entry.updated',
        target: { type: 'knowledge_entry', id: entryId },
        details: { locale: body.locale, similarQuestionAdded: body.question },
      },
      scope.now,
    );
  });
  return loadEntryView(ctx.db.kysely, actor.accountId, entryId);
}
