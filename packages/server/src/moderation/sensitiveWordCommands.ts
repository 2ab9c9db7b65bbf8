import {
  type CreateSensitiveWordBody,
  type ImportSensitiveWordsBody,
  MODERATION_LIMITS,
  type ModerationSettingsView,
  type SensitiveWordView,
  type UpdateSensitiveWordBody,
} from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { compactForMatching } from '../text/normalize.js';
import { forgetMatcher } from './matcherCache.js';
import { parseSensitiveWordList } from './sensitiveWordImport.js';
import { presentSensitiveWord } from './sensitiveWordPresenter.js';
import {
  bumpModerationVersion,
  countSensitiveWords,
  deleteSensitiveWord,
  existingPatterns,
  findSensitiveWord,
  findSensitiveWordByPattern,
  insertSensitiveWords,
  type SensitiveWordRow,
  updateSensitiveWord,
} from './sensitiveWordRepository.js';

/** What is matched: the word folded, without symbols. A word of nothing but symbols could match nothing. */
function patternOf(word: string): string {
  const pattern = compactForMatching(word);
  if (!pattern) {
    throw new AppError('VALIDATION_FAILED', 'A sensitive word needs letters or digits', [
      { field: 'body.word', issue: 'has no letters or digits' },
    ]);
  }
  return pattern;
}

async function assertPatternFree(db: Executor, accountId: string, pattern: string, exceptId?: string) {
  const existing = await findSensitiveWordByPattern(db, accountId, pattern);
  if (existing && existing.id !== exceptId) {
    throw new AppError('CONFLICT', `"${existing.word}" is already in the list and matches the same text`, [
      { field: 'body.word', issue: 'is already in the list' },
    ]);
  }
}

async function assertRoom(db: Executor, accountId: string, adding: number) {
  if ((await countSensitiveWords(db, accountId)) + adding > MODERATION_LIMITS.wordsPerWorkspace) {
    throw new AppError('VALIDATION_FAILED', `A workspace keeps at most ${MODERATION_LIMITS.wordsPerWorkspace} words`, [
      { field: 'body', issue: 'would exceed the number of words a workspace keeps' },
    ]);
  }
}

/** Every change bumps the version in its transaction, and drops this node's cached matcher after the commit. */
async function changeWords<T>(ctx: AppContext, actor: Actor, work: (trx: Executor, now: number) => Promise<T>) {
  const now = ctx.clock.now();
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const value = await work(trx, now);
      await bumpModerationVersion(trx, actor.accountId, now);
      return value;
    });
  } catch (error) {
    // Two admins adding the same word at once: the loser is told, not a 500.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'The list changed at the same time; try again');
    throw error;
  } finally {
    forgetMatcher(ctx, actor.accountId);
  }
}

export function sensitiveWordCreator(
  ctx: AppContext,
  actor: Actor,
  body: CreateSensitiveWordBody,
): Promise<SensitiveWordView> {
  const pattern = patternOf(body.word);
  return changeWords(ctx, actor, async (trx, now) => {
    await assertPatternFree(trx, actor.accountId, pattern);
    await assertRoom(trx, actor.accountId, 1);
    const row: SensitiveWordRow = {
      id: newId(now),
      account_id: actor.accountId,
      word: body.word,
      pattern,
      category: body.category,
      action: body.action,
      created_at: now,
      updated_at: now,
    };
    await insertSensitiveWords(trx, [row]);
    await recordAudit(
      trx,
      actor,
      {
        action: 'sensitive_word.created',
        target: { type: 'sensitive_word', id: row.id },
        details: { word: row.word, category: row.category, action: row.action },
      },
      now,
    );
    return presentSensitiveWord(row);
  });
}

export function sensitiveWordUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: UpdateSensitiveWordBody,
): Promise<SensitiveWordView> {
  const pattern = changes.word === undefined ? undefined : patternOf(changes.word);
  return changeWords(ctx, actor, async (trx, now) => {
    const before = await findSensitiveWord(trx, actor.accountId, id);
    if (!before) throw notFound('Sensitive word');
    if (pattern !== undefined) await assertPatternFree(trx, actor.accountId, pattern, id);
    await updateSensitiveWord(trx, actor.accountId, id, { ...changes, ...(pattern ? { pattern } : {}) }, now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'sensitive_word.updated',
        target: { type: 'sensitive_word', id },
        details: { before: { word: before.word, category: before.category, action: before.action }, changes },
      },
      now,
    );
    return presentSensitiveWord((await findSensitiveWord(trx, actor.accountId, id))!);
  });
}

export function sensitiveWordDeleter(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  return changeWords(ctx, actor, async (trx, now) => {
    const before = await findSensitiveWord(trx, actor.accountId, id);
    if (!before) throw notFound('Sensitive word');
    await deleteSensitiveWord(trx, actor.accountId, id);
    await recordAudit(
      trx,
      actor,
      { action: 'sensitive_word.deleted', target: { type: 'sensitive_word', id }, details: { word: before.word } },
      now,
    );
  });
}

/**
 * Imports a pasted list (see sensitiveWordImport.ts). All or nothing: one bad line rejects the paste with every
 * problem listed. Words already in the list, or twice in the paste, are counted and skipped.
 */
export async function sensitiveWordImporter(
  ctx: AppContext,
  actor: Actor,
  body: ImportSensitiveWordsBody,
): Promise<{ added: number; duplicates: number }> {
  const { lines, problems } = parseSensitiveWordList(body.text, { category: body.category, action: body.action });
  const withPatterns = lines.map((line) => ({ ...line, pattern: compactForMatching(line.word) }));
  for (const line of withPatterns) {
    if (!line.pattern) problems.push({ field: 'body.text', issue: `line ${line.line}: has no letters or digits` });
  }
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some lines cannot be imported; nothing was imported', problems);
  }
  if (withPatterns.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'The list has no words', [{ field: 'body.text', issue: 'has no words' }]);
  }
  return changeWords(ctx, actor, async (trx, now) => {
    const existing = await existingPatterns(
      trx,
      actor.accountId,
      withPatterns.map((l) => l.pattern),
    );
    const rows: SensitiveWordRow[] = [];
    for (const line of withPatterns) {
      if (existing.has(line.pattern)) continue;
      existing.add(line.pattern);
      rows.push({
        id: newId(now),
        account_id: actor.accountId,
        word: line.word,
        pattern: line.pattern,
        category: line.category,
        action: line.action,
        created_at: now,
        updated_at: now,
      });
    }
    await assertRoom(trx, actor.accountId, rows.length);
    await insertSensitiveWords(trx, rows);
    const duplicates = withPatterns.length - rows.length;
    await recordAudit(
      trx,
      actor,
      { action: 'sensitive_words.imported', details: { added: rows.length, duplicates } },
      now,
    );
    return { added: rows.length, duplicates };
  });
}

export function moderationSettingsUpdater(
  ctx: AppContext,
  actor: Actor,
  settings: ModerationSettingsView,
): Promise<ModerationSettingsView> {
  const now = ctx.clock.now();
  return ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      await bumpModerationVersion(trx, actor.accountId, now, settings.defaultAction);
      await recordAudit(
        trx,
        actor,
        { action: 'moderation.settings_updated', details: { defaultAction: settings.defaultAction } },
        now,
      );
    })
    .then(() => {
      forgetMatcher(ctx, actor.accountId);
      return settings;
    });
}
