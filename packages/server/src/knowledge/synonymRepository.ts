import type { KnowledgeSynonymsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type SynonymGroupRow = KnowledgeSynonymsTable;

export function listSynonymGroups(db: Executor, accountId: string): Promise<SynonymGroupRow[]> {
  return db.selectFrom('knowledge_synonyms').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}

export function findSynonymGroup(db: Executor, accountId: string, id: string): Promise<SynonymGroupRow | undefined> {
  return db
    .selectFrom('knowledge_synonyms')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertSynonymGroup(db: Executor, row: SynonymGroupRow): Promise<void> {
  await db.insertInto('knowledge_synonyms').values(row).execute();
}

export async function updateSynonymGroup(db: Executor, accountId: string, id: string, words: string, now: number) {
  await db
    .updateTable('knowledge_synonyms')
    .set({ words, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteSynonymGroup(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('knowledge_synonyms').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function countSynonymGroups(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('knowledge_synonyms')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Each group's words, parsed: what the search index reads. */
export async function synonymWordGroups(db: Executor, accountId: string): Promise<string[][]> {
  return (await listSynonymGroups(db, accountId)).map((row) => JSON.parse(row.words) as string[]);
}
