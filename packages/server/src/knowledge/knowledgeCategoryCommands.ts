import {
  type CreateKnowledgeCategoryBody,
  KNOWLEDGE_LIMITS,
  type KnowledgeCategoryView,
  type UpdateKnowledgeCategoryBody,
} from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, conflict, notFound } from '../http/appError.js';
import {
  deleteCategory,
  entryCountsByCategory,
  entryIdsInCategory,
  findCategory,
  insertCategories,
  type KnowledgeCategoryRow,
  listCategories,
  uncategorizeEntries,
  updateCategory,
} from './knowledgeCategoryRepository.js';
import { changeKnowledge } from './knowledgeChange.js';
import { presentCategory } from './knowledgePresenter.js';
import { stampEntries } from './knowledgeStateRepository.js';

export async function listCategoryViews(db: Executor, accountId: string): Promise<KnowledgeCategoryView[]> {
  const [rows, counts] = await Promise.all([listCategories(db, accountId), entryCountsByCategory(db, accountId)]);
  return rows.map((row) => presentCategory(row, counts.get(row.id) ?? 0));
}

const nameTaken = () =>
  new AppError('CONFLICT', 'A category with this name already exists at the same level', [
    { field: 'body.name', issue: 'is already used by a sibling category' },
  ]);

async function withNameConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Depth of a category from the top (1 for a top-level one), following parents in `byId`. */
function depthOf(id: string | null, byId: Map<string, KnowledgeCategoryRow>): number {
  let depth = 0;
  for (let at = id ? byId.get(id) : undefined; at; at = at.parent_id ? byId.get(at.parent_id) : undefined) depth += 1;
  return depth;
}

/** Levels below a category, itself included (1 for a leaf). */
function heightOf(id: string, rows: KnowledgeCategoryRow[]): number {
  const children = rows.filter((row) => row.parent_id === id);
  return 1 + Math.max(0, ...children.map((child) => heightOf(child.id, rows)));
}

const tooDeep = () =>
  new AppError('VALIDATION_FAILED', `Categories may be at most ${KNOWLEDGE_LIMITS.categoryDepthMax} levels deep`, [
    { field: 'body.parentId', issue: `would make the tree deeper than ${KNOWLEDGE_LIMITS.categoryDepthMax} levels` },
  ]);

export async function knowledgeCategoryCreator(
  ctx: AppContext,
  actor: Actor,
  body: CreateKnowledgeCategoryBody,
): Promise<KnowledgeCategoryView> {
  return withNameConflict(() =>
    changeKnowledge(ctx, actor.accountId, async ({ trx, now }) => {
      const rows = await listCategories(trx, actor.accountId);
      if (rows.length >= KNOWLEDGE_LIMITS.categoriesPerWorkspaceMax) {
        throw conflict(`A workspace may hold at most ${KNOWLEDGE_LIMITS.categoriesPerWorkspaceMax} categories`);
      }
      const byId = new Map(rows.map((row) => [row.id, row]));
      if (body.parentId && !byId.has(body.parentId)) {
        throw new AppError('VALIDATION_FAILED', 'Unknown parent category', [
          { field: 'body.parentId', issue: 'is not a knowledge category of this workspace' },
        ]);
      }
      if (depthOf(body.parentId, byId) + 1 > KNOWLEDGE_LIMITS.categoryDepthMax) throw tooDeep();
      const siblings = rows.filter((row) => row.parent_id === body.parentId);
      if (siblings.some((row) => row.name === body.name)) throw nameTaken();
      const row: KnowledgeCategoryRow = {
        id: newId(now),
        account_id: actor.accountId,
        parent_id: body.parentId,
        parent_key: body.parentId ?? '',
        name: body.name,
        translations: JSON.stringify(body.translations),
        position: body.position ?? Math.max(-1, ...siblings.map((s) => s.position)) + 1,
        created_at: now,
        updated_at: now,
      };
      await insertCategories(trx, [row]);
      await recordAudit(
        trx,
        actor,
        {
          action: 'knowledge_category.created',
          target: { type: 'knowledge_category', id: row.id },
          details: { name: row.name, parentId: row.parent_id },
        },
        now,
      );
      return presentCategory(row, 0);
    }),
  );
}

export async function knowledgeCategoryUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateKnowledgeCategoryBody,
): Promise<KnowledgeCategoryView> {
  await withNameConflict(() =>
    changeKnowledge(ctx, actor.accountId, async ({ trx, now }) => {
      const rows = await listCategories(trx, actor.accountId);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const current = byId.get(id);
      if (!current) throw notFound('Category');
      const parentId = body.parentId === undefined ? current.parent_id : body.parentId;
      if (parentId !== current.parent_id) {
        if (parentId && !byId.has(parentId)) {
          throw new AppError('VALIDATION_FAILED', 'Unknown parent category', [
            { field: 'body.parentId', issue: 'is not a knowledge category of this workspace' },
          ]);
        }
        for (
          let at = parentId ? byId.get(parentId) : undefined;
          at;
          at = at.parent_id ? byId.get(at.parent_id) : undefined
        ) {
          if (at.id === id) {
            throw new AppError('VALIDATION_FAILED', 'A category cannot move under itself', [
              { field: 'body.parentId', issue: 'is the category itself or one of its sub-categories' },
            ]);
          }
        }
        if (depthOf(parentId, byId) + heightOf(id, rows) > KNOWLEDGE_LIMITS.categoryDepthMax) throw tooDeep();
      }
      const name = body.name ?? current.name;
      if (rows.some((row) => row.id !== id && row.parent_id === parentId && row.name === name)) throw nameTaken();
      await updateCategory(trx, actor.accountId, id, {
        name,
        parent_id: parentId,
        parent_key: parentId ?? '',
        ...(body.translations ? { translations: JSON.stringify(body.translations) } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
        updated_at: now,
      });
      await recordAudit(
        trx,
        actor,
        {
          action: 'knowledge_category.updated',
          target: { type: 'knowledge_category', id },
          details: {
            ...(name !== current.name ? { name: { from: current.name, to: name } } : {}),
            ...(parentId !== current.parent_id ? { parentId: { from: current.parent_id, to: parentId } } : {}),
          },
        },
        now,
      );
    }),
  );
  const views = await listCategoryViews(ctx.db.kysely, actor.accountId);
  const view = views.find((v) => v.id === id);
  if (!view) throw notFound('Category');
  return view;
}

/** A category with sub-categories stays; its entries become uncategorised, not deleted. */
export async function knowledgeCategoryDeleter(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await changeKnowledge(ctx, actor.accountId, async ({ trx, now, revision }) => {
    const category = await findCategory(trx, actor.accountId, id);
    if (!category) throw notFound('Category');
    const children = (await listCategories(trx, actor.accountId)).filter((row) => row.parent_id === id);
    if (children.length > 0) throw conflict('Move or delete its sub-categories first');
    const entryIds = await entryIdsInCategory(trx, actor.accountId, id);
    await uncategorizeEntries(trx, actor.accountId, id, now);
    await stampEntries(trx, actor.accountId, entryIds, revision);
    await deleteCategory(trx, actor.accountId, id);
    await recordAudit(
      trx,
      actor,
      {
        action: 'knowledge_category.deleted',
        target: { type: 'knowledge_category', id },
        details: { name: category.name, entries: entryIds.length },
      },
      now,
    );
  });
}
