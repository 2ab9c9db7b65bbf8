import type { QuickReplyCategoriesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type QuickReplyCategoryRow = QuickReplyCategoriesTable;

export function listQuickReplyCategories(db: Executor, accountId: string): Promise<QuickReplyCategoryRow[]> {
  return db.selectFrom('quick_reply_categories').selectAll().where('account_id', '=', accountId).execute();
}

export function findQuickReplyCategory(
  db: Executor,
  accountId: string,
  id: string,
): Promise<QuickReplyCategoryRow | undefined> {
  return db
    .selectFrom('quick_reply_categories')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findQuickReplyCategoryByName(
  db: Executor,
  accountId: string,
  name: string,
): Promise<QuickReplyCategoryRow | undefined> {
  return db
    .selectFrom('quick_reply_categories')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertQuickReplyCategories(db: Executor, rows: QuickReplyCategoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('quick_reply_categories').values(rows).execute();
}

export async function renameQuickReplyCategory(
  db: Executor,
  accountId: string,
  id: string,
  name: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('quick_reply_categories')
    .set({ name, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** The category's replies stay, uncategorised (the foreign key sets their category to null). */
export async function deleteQuickReplyCategory(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('quick_reply_categories').where('account_id', '=', accountId).where('id', '=', id).execute();
}
