import type { TicketCategoriesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type TicketCategoryRow = TicketCategoriesTable;

export async function insertTicketCategory(db: Executor, row: TicketCategoryRow): Promise<void> {
  await db.insertInto('ticket_categories').values(row).execute();
}

export function listTicketCategories(db: Executor, accountId: string): Promise<TicketCategoryRow[]> {
  return db
    .selectFrom('ticket_categories')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findTicketCategory(
  db: Executor,
  accountId: string,
  id: string,
): Promise<TicketCategoryRow | undefined> {
  return db
    .selectFrom('ticket_categories')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateTicketCategory(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Pick<TicketCategoryRow, 'name' | 'parent_id' | 'parent_key' | 'position'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('ticket_categories')
    .set({ ...changes, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTicketCategory(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('ticket_categories').where('account_id', '=', accountId).where('id', '=', id).execute();
}
