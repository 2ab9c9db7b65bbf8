import {
  type CreateQuickReplyBody,
  QUICK_REPLY_LIMITS,
  type QuickReplyScope,
  type QuickReplyView,
  type UpdateQuickReplyBody,
} from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, forbidden, notFound } from '../http/appError.js';
import { findTeam } from '../teams/teamRepository.js';
import { pinyinKeyColumns } from './pinyinKeys.js';
import { findQuickReplyCategory } from './quickReplyCategoryRepository.js';
import { pictureFromUpload } from './quickReplyPicture.js';
import { assertMayWriteScope, canEditQuickReply, scopeKeyOf, visibilityOf } from './quickReplyPolicy.js';
import { presentQuickReply } from './quickReplyPresenter.js';
import {
  countQuickReplies,
  deleteQuickReply,
  deleteQuickReplyPicture,
  findQuickReplyByTitle,
  findVisibleQuickReply,
  insertQuickReplies,
  type ListedQuickReply,
  type QuickReplyChanges,
  replaceQuickReplyPicture,
  updateQuickReply,
  usageCounts,
} from './quickReplyRepository.js';

interface Placement {
  scope: QuickReplyScope;
  team_id: string | null;
  owner_id: string | null;
  scope_key: string;
}

/** Where a reply goes: the caller's own, a team of this workspace, or the workspace; checked against the role. */
async function placementFor(
  db: Executor,
  actor: Actor,
  scope: QuickReplyScope,
  teamId: string | null,
): Promise<Placement> {
  assertMayWriteScope(actor, scope);
  if (scope === 'team') {
    if (!teamId || !(await findTeam(db, actor.accountId, teamId))) {
      throw new AppError('VALIDATION_FAILED', 'Choose a team of this workspace', [
        { field: 'body.teamId', issue: 'is not a team of this workspace' },
      ]);
    }
    return { scope, team_id: teamId, owner_id: null, scope_key: scopeKeyOf(scope, teamId, null) };
  }
  const ownerId = scope === 'personal' ? actor.userId : null;
  return { scope, team_id: null, owner_id: ownerId, scope_key: scopeKeyOf(scope, null, ownerId) };
}

async function assertCategoryExists(db: Executor, accountId: string, categoryId: string | null) {
  if (categoryId && !(await findQuickReplyCategory(db, accountId, categoryId))) {
    throw new AppError('VALIDATION_FAILED', 'Unknown category', [
      { field: 'body.categoryId', issue: 'is not a category of this workspace' },
    ]);
  }
}

const titleTaken = () =>
  new AppError('CONFLICT', 'A quick reply with this title already exists in the same scope', [
    { field: 'body.title', issue: 'is already in use in this scope' },
  ]);

async function assertTitleFree(db: Executor, accountId: string, scopeKey: string, title: string, exceptId?: string) {
  const existing = await findQuickReplyByTitle(db, accountId, scopeKey, title);
  if (existing && existing.id !== exceptId) throw titleTaken();
}

/** Two saves of the same title at once: the unique index refuses the second, which is the same conflict. */
async function withTitleConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw titleTaken();
    throw error;
  }
}

const isShared = (scope: string) => scope !== 'personal';

export async function loadQuickReplyView(db: Executor, actor: Actor, id: string): Promise<QuickReplyView> {
  const row = await findVisibleQuickReply(db, actor.accountId, await visibilityOf(db, actor), id);
  if (!row) throw notFound('Quick reply');
  const usage = await usageCounts(db, actor.accountId, actor.userId);
  return presentQuickReply(row, usage.get(id), canEditQuickReply(actor, row));
}

export async function quickReplyCreator(
  ctx: AppContext,
  actor: Actor,
  body: CreateQuickReplyBody,
): Promise<QuickReplyView> {
  const now = ctx.clock.now();
  const id = newId(now);
  await withTitleConflict(() =>
    ctx.db.kysely.transaction().execute(async (trx) => {
      const placement = await placementFor(trx, actor, body.scope, body.teamId);
      await assertCategoryExists(trx, actor.accountId, body.categoryId);
      await assertTitleFree(trx, actor.accountId, placement.scope_key, body.title);
      if ((await countQuickReplies(trx, actor.accountId)) >= QUICK_REPLY_LIMITS.perWorkspaceMax) {
        throw new AppError(
          'CONFLICT',
          `A workspace may hold at most ${QUICK_REPLY_LIMITS.perWorkspaceMax} quick replies`,
        );
      }
      await insertQuickReplies(trx, [
        {
          id,
          account_id: actor.accountId,
          ...placement,
          category_id: body.categoryId,
          title: body.title,
          content: body.content,
          ...pinyinKeyColumns(body.title, body.content),
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        },
      ]);
      if (body.attachmentId) {
        await replaceQuickReplyPicture(trx, await pictureFromUpload(trx, actor, body.attachmentId, id, now));
      }
      if (isShared(placement.scope)) {
        await recordAudit(
          trx,
          actor,
          {
            action: 'quick_reply.created',
            target: { type: 'quick_reply', id },
            details: { title: body.title, scope: placement.scope, teamId: placement.team_id },
          },
          now,
        );
      }
    }),
  );
  return loadQuickReplyView(ctx.db.kysely, actor, id);
}

/** The reply as the caller may change it: NOT_FOUND when they cannot see it, FORBIDDEN when it is not theirs. */
async function editableReply(db: Executor, actor: Actor, id: string): Promise<ListedQuickReply> {
  const row = await findVisibleQuickReply(db, actor.accountId, await visibilityOf(db, actor), id);
  if (!row) throw notFound('Quick reply');
  if (!canEditQuickReply(actor, row)) throw forbidden('Only admins and supervisors change shared quick replies');
  return row;
}

export async function quickReplyUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: UpdateQuickReplyBody,
): Promise<QuickReplyView> {
  const now = ctx.clock.now();
  await withTitleConflict(() =>
    ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await editableReply(trx, actor, id);
      const scope = changes.scope ?? (row.scope as QuickReplyScope);
      if (changes.scope === undefined && changes.teamId && scope !== 'team') {
        throw new AppError('VALIDATION_FAILED', 'Only a team quick reply has a team', [
          { field: 'body.teamId', issue: 'is only allowed for a team quick reply' },
        ]);
      }
      const teamId = scope === 'team' ? (changes.teamId ?? row.team_id) : null;
      const moves = changes.scope !== undefined || changes.teamId !== undefined;
      const placement = moves ? await placementFor(trx, actor, scope, teamId) : undefined;
      const title = changes.title ?? row.title;
      const content = changes.content ?? row.content;
      const scopeKey = placement?.scope_key ?? row.scope_key;
      if (scopeKey !== row.scope_key || title !== row.title) {
        await assertTitleFree(trx, actor.accountId, scopeKey, title, id);
      }
      if (changes.categoryId !== undefined) await assertCategoryExists(trx, actor.accountId, changes.categoryId);

      const columns: QuickReplyChanges = {
        ...placement,
        ...(changes.categoryId !== undefined ? { category_id: changes.categoryId } : {}),
        ...(changes.title !== undefined || changes.content !== undefined
          ? { title, content, ...pinyinKeyColumns(title, content) }
          : {}),
      };
      await updateQuickReply(trx, actor.accountId, id, columns, now);
      if (changes.attachmentId === null) await deleteQuickReplyPicture(trx, actor.accountId, id);
      if (changes.attachmentId) {
        await replaceQuickReplyPicture(trx, await pictureFromUpload(trx, actor, changes.attachmentId, id, now));
      }
      if (isShared(row.scope) || isShared(scope)) {
        await recordAudit(
          trx,
          actor,
          {
            action: 'quick_reply.updated',
            target: { type: 'quick_reply', id },
            details: { title, changed: Object.keys(changes), scope, teamId: placement?.team_id ?? row.team_id },
          },
          now,
        );
      }
    }),
  );
  return loadQuickReplyView(ctx.db.kysely, actor, id);
}

export async function quickReplyDeleter(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await editableReply(trx, actor, id);
    await deleteQuickReply(trx, actor.accountId, id);
    if (isShared(row.scope)) {
      await recordAudit(
        trx,
        actor,
        {
          action: 'quick_reply.deleted',
          target: { type: 'quick_reply', id },
          details: { title: row.title, scope: row.scope, teamId: row.team_id },
        },
        now,
      );
    }
  });
}
