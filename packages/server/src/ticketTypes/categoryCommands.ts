import {
  type CreateTicketCategoryBody,
  TICKET_TYPE_LIMITS,
  type TicketCategoryView,
  type UpdateTicketCategoryBody,
} from '@kefu/shared';
import { type AuditActor, recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { AppError, notFound } from '../http/appError.js';
import {
  deleteTicketCategory,
  findTicketCategory,
  insertTicketCategory,
  listTicketCategories,
  updateTicketCategory,
} from './categoryRepository.js';
import { CategoryTree } from './categoryTree.js';

const nameTaken = () =>
  new AppError('CONFLICT', 'A category with this name already exists at this place in the tree', [
    { field: 'body.name', issue: 'is already in use' },
  ]);

function nameRace(error: unknown): never {
  throw isUniqueViolation(error) ? nameTaken() : error;
}

const tooDeep = () =>
  new AppError('VALIDATION_FAILED', `Categories nest at most ${TICKET_TYPE_LIMITS.categoryDepth} levels`, [
    { field: 'body.parentId', issue: `would make the tree deeper than ${TICKET_TYPE_LIMITS.categoryDepth} levels` },
  ]);

const unknownParent = () =>
  new AppError('VALIDATION_FAILED', 'The parent category does not exist', [
    { field: 'body.parentId', issue: 'is not a category of this workspace' },
  ]);

async function treeOf(db: Executor, accountId: string) {
  return new CategoryTree(await listTicketCategories(db, accountId));
}

export async function listCategoryViews(db: Executor, accountId: string): Promise<TicketCategoryView[]> {
  return (await treeOf(db, accountId)).views();
}

async function viewOf(db: Executor, accountId: string, id: string): Promise<TicketCategoryView> {
  const view = (await listCategoryViews(db, accountId)).find((c) => c.id === id);
  if (!view) throw notFound('Ticket category');
  return view;
}

export async function ticketCategoryCreator(
  ctx: AppContext,
  actor: AuditActor,
  body: CreateTicketCategoryBody,
): Promise<TicketCategoryView> {
  const now = ctx.clock.now();
  const id = newId(now);
  await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      const tree = await treeOf(trx, actor.accountId);
      if (tree.views().length >= TICKET_TYPE_LIMITS.categoriesPerWorkspace) {
        throw new AppError(
          'CONFLICT',
          `A workspace has at most ${TICKET_TYPE_LIMITS.categoriesPerWorkspace} categories`,
        );
      }
      if (body.parentId !== null) {
        if (!tree.has(body.parentId)) throw unknownParent();
        if (tree.depth(body.parentId) >= TICKET_TYPE_LIMITS.categoryDepth) throw tooDeep();
      }
      if (tree.children(body.parentId).some((c) => c.name === body.name)) throw nameTaken();
      await insertTicketCategory(trx, {
        id,
        account_id: actor.accountId,
        parent_id: body.parentId,
        parent_key: body.parentId ?? '',
        name: body.name,
        position: body.position,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(
        trx,
        actor,
        {
          action: 'ticket_category.created',
          target: { type: 'ticket_category', id },
          details: { name: body.name, parentId: body.parentId },
        },
        now,
      );
    })
    .catch(nameRace);
  return viewOf(ctx.db.kysely, actor.accountId, id);
}

export async function ticketCategoryUpdater(
  ctx: AppContext,
  actor: AuditActor,
  id: string,
  body: UpdateTicketCategoryBody,
): Promise<TicketCategoryView> {
  const now = ctx.clock.now();
  await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      const row = await findTicketCategory(trx, actor.accountId, id);
      if (!row) throw notFound('Ticket category');
      const tree = await treeOf(trx, actor.accountId);
      const parentId = body.parentId === undefined ? row.parent_id : body.parentId;
      if (parentId !== row.parent_id && parentId !== null) {
        if (!tree.has(parentId)) throw unknownParent();
        if (tree.isWithin(parentId, id)) {
          throw new AppError('VALIDATION_FAILED', 'A category cannot move under itself', [
            { field: 'body.parentId', issue: 'is this category or one below it' },
          ]);
        }
        if (tree.depth(parentId) + 1 + tree.height(id) > TICKET_TYPE_LIMITS.categoryDepth) throw tooDeep();
      }
      const name = body.name ?? row.name;
      if (tree.children(parentId).some((c) => c.id !== id && c.name === name)) throw nameTaken();
      await updateTicketCategory(
        trx,
        actor.accountId,
        id,
        {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.parentId !== undefined ? { parent_id: body.parentId, parent_key: body.parentId ?? '' } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
        },
        now,
      );
      const details = Object.fromEntries(
        Object.entries(body).map(([key, to]) => {
          const from = key === 'name' ? row.name : key === 'parentId' ? row.parent_id : row.position;
          return [key, { from, to }];
        }),
      );
      await recordAudit(
        trx,
        actor,
        { action: 'ticket_category.updated', target: { type: 'ticket_category', id }, details },
        now,
      );
    })
    .catch(nameRace);
  return viewOf(ctx.db.kysely, actor.accountId, id);
}

/** Deletes a category without sub-categories; its tickets keep no category. */
export async function ticketCategoryDeleter(ctx: AppContext, actor: AuditActor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await findTicketCategory(trx, actor.accountId, id);
    if (!row) throw notFound('Ticket category');
    const tree = await treeOf(trx, actor.accountId);
    if (tree.children(id).length > 0) {
      throw new AppError('CONFLICT', 'Delete or move the sub-categories first', {
        children: tree.children(id).map((c) => c.name),
      });
    }
    await deleteTicketCategory(trx, actor.accountId, id);
    await recordAudit(
      trx,
      actor,
      {
        action: 'ticket_category.deleted',
        target: { type: 'ticket_category', id },
        details: { name: row.name, path: tree.path(id) },
      },
      now,
    );
  });
}
