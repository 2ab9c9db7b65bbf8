import {
  type CreateKnowledgeEntryBody,
  KNOWLEDGE_LIMITS,
  type KnowledgeEntryView,
  type KnowledgeStatus,
  type Locale,
  type UpdateKnowledgeEntryBody,
} from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, conflict, notFound } from '../http/appError.js';
import { findCategory } from './knowledgeCategoryRepository.js';
import { type ChangeScope, changeKnowledge } from './knowledgeChange.js';
import {
  countEntries,
  deleteEntry,
  deleteVariant,
  findEntry,
  findVariant,
  findVersion,
  insertEntries,
  insertVariants,
  insertVersion,
  type KnowledgeEntryRow,
  type KnowledgeVariantRow,
  listVariants,
  lockEntry,
  pruneVersions,
  updateEntry,
  updateVariant,
} from './knowledgeEntryRepository.js';
import { presentEntry } from './knowledgePresenter.js';
import { recordDeletions } from './knowledgeStateRepository.js';
import { renderKnowledgeBody } from './richText.js';

export async function loadEntryView(db: Executor, accountId: string, id: string): Promise<KnowledgeEntryView> {
  const entry = await findEntry(db, accountId, id);
  if (!entry) throw notFound('Knowledge entry');
  return presentEntry(entry, await listVariants(db, accountId, [id]));
}

export async function assertCategoryExists(db: Executor, accountId: string, categoryId: string | null) {
  if (categoryId && !(await findCategory(db, accountId, categoryId))) {
    throw new AppError('VALIDATION_FAILED', 'Unknown category', [
      { field: 'body.categoryId', issue: 'is not a knowledge category of this workspace' },
    ]);
  }
}

/** What an editor saves of one language. */
export interface VariantContent {
  title: string;
  similarQuestions: string[];
  body: string;
  status: KnowledgeStatus;
}

/** Similar questions without blanks, repeats or the standard question itself. */
export function cleanSimilarQuestions(title: string, questions: string[]): string[] {
  const seen = new Set([title.trim()]);
  const kept: string[] = [];
  for (const question of questions.map((q) => q.trim())) {
    if (!question || seen.has(question)) continue;
    seen.add(question);
    kept.push(question);
  }
  return kept;
}

export function newVariantRow(
  accountId: string,
  entryId: string,
  locale: Locale,
  content: VariantContent,
  actor: Actor | null,
  now: number,
): KnowledgeVariantRow {
  const rendered = renderKnowledgeBody(content.body);
  return {
    entry_id: entryId,
    account_id: accountId,
    locale,
    status: content.status,
    title: content.title,
    similar_questions: JSON.stringify(cleanSimilarQuestions(content.title, content.similarQuestions)),
    body: content.body,
    body_html: rendered.html,
    body_text: rendered.text,
    version: 1,
    updated_by: actor?.userId ?? null,
    updated_at: now,
    published_at: content.status === 'published' ? now : null,
    created_at: now,
  };
}

const sameContent = (row: KnowledgeVariantRow, content: VariantContent) =>
  row.title === content.title &&
  row.similar_questions === JSON.stringify(cleanSimilarQuestions(content.title, content.similarQuestions)) &&
  row.body === content.body &&
  row.status === content.status;

/**
 * Saves one language of an entry inside a change: a new variant starts at version 1; a changed one keeps what
 * it replaces as a version (the newest KNOWLEDGE_LIMITS.versionsKept are kept) and counts up. Returns whether
 * anything changed.
 */
export async function saveVariant(
  scope: ChangeScope,
  actor: Actor,
  entry: KnowledgeEntryRow,
  locale: Locale,
  content: VariantContent,
  baseVersion: number | undefined,
): Promise<boolean> {
  const { trx, now, revision } = scope;
  const current = await findVariant(trx, actor.accountId, entry.id, locale);
  if (current && baseVersion !== undefined && baseVersion !== current.version) {
    throw conflict('Someone else saved this entry meanwhile; reload it and make your change again', {
      version: current.version,
    });
  }
  if (current && sameContent(current, content)) return false;
  const fresh = newVariantRow(actor.accountId, entry.id, locale, content, actor, now);
  if (!current) await insertVariants(trx, [fresh]);
  else {
    await insertVersion(trx, {
      id: newId(now),
      account_id: actor.accountId,
      entry_id: entry.id,
      locale,
      version: current.version,
      status: current.status,
      title: current.title,
      similar_questions: current.similar_questions,
      body: current.body,
      saved_by: current.updated_by,
      saved_at: current.updated_at,
    });
    await pruneVersions(trx, actor.accountId, entry.id, locale, KNOWLEDGE_LIMITS.versionsKept);
    await updateVariant(trx, actor.accountId, entry.id, locale, {
      status: fresh.status,
      title: fresh.title,
      similar_questions: fresh.similar_questions,
      body: fresh.body,
      body_html: fresh.body_html,
      body_text: fresh.body_text,
      version: current.version + 1,
      updated_by: fresh.updated_by,
      updated_at: now,
      published_at: fresh.published_at,
    });
  }
  await updateEntry(trx, actor.accountId, entry.id, { updated_at: now, index_revision: revision });
  return true;
}

async function lockedEntry(scope: ChangeScope, ctx: AppContext, accountId: string, id: string) {
  const entry = await lockEntry(scope.trx, accountId, id, ctx.db.kind === 'postgres');
  if (!entry) throw notFound('Knowledge entry');
  return entry;
}

export async function knowledgeEntryCreator(
  ctx: AppContext,
  actor: Actor,
  body: CreateKnowledgeEntryBody,
): Promise<KnowledgeEntryView> {
  const id = await changeKnowledge(ctx, actor.accountId, async (scope) => {
    const { trx, now, revision } = scope;
    await assertCategoryExists(trx, actor.accountId, body.categoryId);
    if ((await countEntries(trx, actor.accountId)) >= KNOWLEDGE_LIMITS.entriesPerWorkspaceMax) {
      throw conflict(`A workspace may hold at most ${KNOWLEDGE_LIMITS.entriesPerWorkspaceMax} knowledge entries`);
    }
    const entryId = newId(now);
    await insertEntries(trx, [
      {
        id: entryId,
        account_id: actor.accountId,
        kind: body.kind,
        category_id: body.categoryId,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        index_revision: revision,
      },
    ]);
    await insertVariants(trx, [newVariantRow(actor.accountId, entryId, body.locale, body.variant, actor, now)]);
    await recordAudit(
      trx,
      actor,
      {
        action: 'knowledge_entry.created',
        target: { type: 'knowledge_entry', id: entryId },
        details: { kind: body.kind, locale: body.locale, title: body.variant.title, status: body.variant.status },
      },
      now,
    );
    return entryId;
  });
  return loadEntryView(ctx.db.kysely, actor.accountId, id);
}

export async function knowledgeEntryUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateKnowledgeEntryBody,
): Promise<KnowledgeEntryView> {
  await changeKnowledge(ctx, actor.accountId, async (scope) => {
    const entry = await lockedEntry(scope, ctx, actor.accountId, id);
    if (body.categoryId !== undefined) await assertCategoryExists(scope.trx, actor.accountId, body.categoryId);
    await updateEntry(scope.trx, actor.accountId, id, {
      ...(body.kind ? { kind: body.kind } : {}),
      ...(body.categoryId !== undefined ? { category_id: body.categoryId } : {}),
      updated_at: scope.now,
      index_revision: scope.revision,
    });
    await recordAudit(
      scope.trx,
      actor,
      {
        action: 'knowledge_entry.updated',
        target: { type: 'knowledge_entry', id },
        details: {
          ...(body.kind && body.kind !== entry.kind ? { kind: { from: entry.kind, to: body.kind } } : {}),
          ...(body.categoryId !== undefined && body.categoryId !== entry.category_id
            ? { categoryId: { from: entry.category_id, to: body.categoryId } }
            : {}),
        },
      },
      scope.now,
    );
  });
  return loadEntryView(ctx.db.kysely, actor.accountId, id);
}

export async function knowledgeVariantSaver(
  ctx: AppContext,
  actor: Actor,
  id: string,
  locale: Locale,
  body: VariantContent & { baseVersion?: number | undefined },
): Promise<KnowledgeEntryView> {
  await changeKnowledge(ctx, actor.accountId, async (scope) => {
    const entry = await lockedEntry(scope, ctx, actor.accountId, id);
    const changed = await saveVariant(scope, actor, entry, locale, body, body.baseVersion);
    if (!changed) return;
    await recordAudit(
      scope.trx,
      actor,
      {
        action: 'knowledge_entry.updated',
        target: { type: 'knowledge_entry', id },
        details: { locale, title: body.title, status: body.status },
      },
      scope.now,
    );
  });
  return loadEntryView(ctx.db.kysely, actor.accountId, id);
}

export async function knowledgeVariantDeleter(
  ctx: AppContext,
  actor: Actor,
  id: string,
  locale: Locale,
): Promise<KnowledgeEntryView> {
  await changeKnowledge(ctx, actor.accountId, async (scope) => {
    await lockedEntry(scope, ctx, actor.accountId, id);
    const variants = await listVariants(scope.trx, actor.accountId, [id]);
    const variant = variants.find((v) => v.locale === locale);
    if (!variant) throw notFound('Language version');
    if (variants.length === 1) {
      throw conflict('This is the only language of the entry; delete the entry instead');
    }
    await deleteVariant(scope.trx, actor.accountId, id, locale);
    await updateEntry(scope.trx, actor.accountId, id, { updated_at: scope.now, index_revision: scope.revision });
    await recordAudit(
      scope.trx,
      actor,
      {
        action: 'knowledge_entry.updated',
        target: { type: 'knowledge_entry', id },
        details: { locale, removed: true, title: variant.title },
      },
      scope.now,
    );
  });
  return loadEntryView(ctx.db.kysely, actor.accountId, id);
}

export async function knowledgeEntryDeleter(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await changeKnowledge(ctx, actor.accountId, async (scope) => {
    await lockedEntry(scope, ctx, actor.accountId, id);
    const titles = (await listVariants(scope.trx, actor.accountId, [id])).map((v) => v.title);
    await deleteEntry(scope.trx, actor.accountId, id);
    await recordDeletions(scope.trx, actor.accountId, [id], scope.revision, scope.now);
    await recordAudit(
      scope.trx,
      actor,
      { action: 'knowledge_entry.deleted', target: { type: 'knowledge_entry', id }, details: { titles } },
      scope.now,
    );
  });
}

/**
 * Puts an earlier version's question, similar questions and text back (as a new save, so the current one
 * becomes a version too). The variant keeps its state: restoring into a published entry publishes the text.
 */
export async function knowledgeVersionRestorer(
  ctx: AppContext,
  actor: Actor,
  id: string,
  versionId: string,
): Promise<KnowledgeEntryView> {
  await changeKnowledge(ctx, actor.accountId, async (scope) => {
    const entry = await lockedEntry(scope, ctx, actor.accountId, id);
    const version = await findVersion(scope.trx, actor.accountId, id, versionId);
    if (!version) throw notFound('Version');
    const locale = version.locale as Locale;
    const current = await findVariant(scope.trx, actor.accountId, id, locale);
    await saveVariant(
      scope,
      actor,
      entry,
      locale,
      {
        title: version.title,
        similarQuestions: JSON.parse(version.similar_questions) as string[],
        body: version.body,
        status: (current?.status ?? 'draft') as KnowledgeStatus,
      },
      undefined,
    );
    await recordAudit(
      scope.trx,
      actor,
      {
        action: 'knowledge_entry.restored',
        target: { type: 'knowledge_entry', id },
        details: { locale, version: version.version, title: version.title },
      },
      scope.now,
    );
  });
  return loadEntryView(ctx.db.kysely, actor.accountId, id);
}
