import type { KnowledgeCategoriesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type KnowledgeCategoryRow = KnowledgeCategoriesTable;

export function listCategories(db: Executor, accountId: string): Promise<KnowledgeCategoryRow[]> {
  return db
    .selectFrom('knowledge_categories')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findCategory(db: Executor, accountId: string, id: string): Promise<KnowledgeCategoryRow | undefined> {
  return db
    .selectFrom('knowledge_categories')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertCategories(db: Executor, rows: KnowledgeCategoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('knowledge_categories')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

export async function updateCategory(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Omit<KnowledgeCategoryRow, 'id' | 'account_id' | 'created_at'>>,
): Promise<void> {
  await db
    .updateTable('knowledge_categories')
    .set(changes)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteCategory(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('knowledge_categories').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Entries directly in each category. */
export async function entryCountsByCategory(db: Executor, accountId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('knowledge_entries')
    .select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', accountId)
    .where('category_id', 'is not', null)
    .groupBy('category_id')
    .execute();
  return new Map(rows.map((r) => [r.category_id as string, Number(r.n)]));
}

/** Ids of the entries in a category, for re-indexing them when it goes away. */
export async function entryIdsInCategory(db: Executor, accountId: string, categoryId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('knowledge_entries')
    .select('id')
    .where('account_id', '=', accountId)
    .where('category_id', '=', categoryId)
    .execute();
  return rows.map((r) => r.id);
}

export async function uncategorizeEntries(db: Executor, accountId: string, categoryId: string, now: number) {
  await db
    .updateTable('knowledge_entries')
    .set({ category_id: null, updated_at: now })
    .where('account_id', '=', accountId)
    .where('category_id', '=', categoryId)
    .execute();
}
