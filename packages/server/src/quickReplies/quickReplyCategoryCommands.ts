import { QUICK_REPLY_LIMITS, type QuickReplyCategoryBody, type QuickReplyCategoryView } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import {
  deleteQuickReplyCategory,
  findQuickReplyCategory,
  findQuickReplyCategoryByName,
  insertQuickReplyCategories,
  listQuickReplyCategories,
  renameQuickReplyCategory,
} from './quickReplyCategoryRepository.js';
import { visibilityOf } from './quickReplyPolicy.js';
import { presentQuickReplyCategory } from './quickReplyPresenter.js';
import { listVisibleQuickReplies } from './quickReplyRepository.js';

const nameTaken = () =>
  new AppError('CONFLICT', 'A category with this name already exists', [
    { field: 'body.name', issue: 'is already in use' },
  ]);

async function assertNameFree(db: Executor, accountId: string, name: string, exceptId?: string) {
  const existing = await findQuickReplyCategoryByName(db, accountId, name);
  if (existing && existing.id !== exceptId) throw nameTaken();
}

async function withNameConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Categories in Chinese dictionary (pinyin) order, each with the number of replies the caller sees in it. */
export async function listQuickReplyCategoryViews(db: Executor, actor: Actor): Promise<QuickReplyCategoryView[]> {
  const categories = await listQuickReplyCategories(db, actor.accountId);
  const replies = await listVisibleQuickReplies(db, actor.accountId, await visibilityOf(db, actor));
  const counts = new Map<string, number>();
  for (const reply of replies) {
    if (reply.category_id) counts.set(reply.category_id, (counts.get(reply.category_id) ?? 0) + 1);
  }
  return categories
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .map((row) => presentQuickReplyCategory(row, counts.get(row.id) ?? 0));
}

async function loadCategoryView(db: Executor, actor: Actor, id: string): Promise<QuickReplyCategoryView> {
  const view = (await listQuickReplyCategoryViews(db, actor)).find((category) => category.id === id);
  if (!view) throw notFound('Category');
  return view;
}

export async function quickReplyCategoryCreator(
  ctx: AppContext,
  actor: Actor,
  body: QuickReplyCategoryBody,
): Promise<QuickReplyCategoryView> {
  const now = ctx.clock.now();
  const id = newId(now);
  await withNameConflict(() =>
    ctx.db.kysely.transaction().execute(async (trx) => {
      await assertNameFree(trx, actor.accountId, body.name);
      if (
        (await listQuickReplyCategories(trx, actor.accountId)).length >= QUICK_REPLY_LIMITS.categoriesPerWorkspaceMax
      ) {
        throw new AppError(
          'CONFLICT',
          `A workspace may have at most ${QUICK_REPLY_LIMITS.categoriesPerWorkspaceMax} quick reply categories`,
        );
      }
      await insertQuickReplyCategories(trx, [
        { id, account_id: actor.accountId, name: body.name, created_at: now, updated_at: now },
      ]);
      await recordAudit(
        trx,
        actor,
        { action: 'quick_reply_category.created', target: { type: 'quick_reply_category', id }, details: body },
        now,
      );
    }),
  );
  return loadCategoryView(ctx.db.kysely, actor, id);
}

export async function quickReplyCategoryRenamer(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: QuickReplyCategoryBody,
): Promise<QuickReplyCategoryView> {
  const now = ctx.clock.now();
  await withNameConflict(() =>
    ctx.db.kysely.transaction().execute(async (trx) => {
      const before = await findQuickReplyCategory(trx, actor.accountId, id);
      if (!before) throw notFound('Category');
      await assertNameFree(trx, actor.accountId, body.name, id);
      await renameQuickReplyCategory(trx, actor.accountId, id, body.name, now);
      await recordAudit(
        trx,
        actor,
        {
          action: 'quick_reply_category.updated',
          target: { type: 'quick_reply_category', id },
          details: { name: { from: before.name, to: body.name } },
        },
        now,
      );
    }),
  );
  return loadCategoryView(ctx.db.kysely, actor, id);
}

export async function quickReplyCategoryDeleter(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const category = await findQuickReplyCategory(trx, actor.accountId, id);
    if (!category) throw notFound('Category');
    await deleteQuickReplyCategory(trx, actor.accountId, id);
    await recordAudit(
      trx,
      actor,
      {
        action: 'quick_reply_category.deleted',
        target: { type: 'quick_reply_category', id },
        details: { name: category.name },
      },
      now,
    );
  });
}
