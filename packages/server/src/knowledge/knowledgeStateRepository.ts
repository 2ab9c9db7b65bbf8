import type { Executor } from '../db/transaction.js';

/** How long a deleted entry's id is kept for other nodes; an index idle for longer is rebuilt, not synced. */
export const DELETION_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface KnowledgeRevision {
  revision: number;
  synonymsRevision: number;
}

export async function readKnowledgeRevision(db: Executor, accountId: string): Promise<KnowledgeRevision> {
  const row = await db
    .selectFrom('knowledge_state')
    .select(['revision', 'synonyms_revision'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return { revision: row?.revision ?? 0, synonymsRevision: row?.synonyms_revision ?? 0 };
}

/**
 * The next revision of the workspace's knowledge, in the caller's transaction. The row lock it takes (on
 * PostgreSQL) orders concurrent changes, so a node that reads revision R has every change up to R committed.
 */
export async function bumpKnowledgeRevision(
  trx: Executor,
  accountId: string,
  now: number,
  options: { synonyms?: boolean } = {},
): Promise<number> {
  const row = await trx
    .insertInto('knowledge_state')
    .values({ account_id: accountId, revision: 1, synonyms_revision: options.synonyms ? 1 : 0, updated_at: now })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet((eb) => ({
        revision: eb('knowledge_state.revision', '+', 1),
        synonyms_revision: options.synonyms
          ? eb('knowledge_state.revision', '+', 1)
          : eb.ref('knowledge_state.synonyms_revision'),
        updated_at: now,
      })),
    )
    .returning('revision')
    .executeTakeFirstOrThrow();
  return Number(row.revision);
}

export async function recordDeletions(
  trx: Executor,
  accountId: string,
  entryIds: string[],
  revision: number,
  now: number,
): Promise<void> {
  for (let i = 0; i < entryIds.length; i += ID_BATCH) {
    const ids = entryIds.slice(i, i + ID_BATCH);
    await trx
      .insertInto('knowledge_deletions')
      .values(ids.map((id) => ({ entry_id: id, account_id: accountId, revision, deleted_at: now })))
      .execute();
  }
  await trx
    .deleteFrom('knowledge_deletions')
    .where('account_id', '=', accountId)
    .where('deleted_at', '<', now - DELETION_RETENTION_MS)
    .execute();
}

export async function deletedSince(db: Executor, accountId: string, revision: number): Promise<string[]> {
  const rows = await db
    .selectFrom('knowledge_deletions')
    .select('entry_id')
    .where('account_id', '=', accountId)
    .where('revision', '>', revision)
    .execute();
  return rows.map((r) => r.entry_id);
}

/** Marks entries changed at this revision (their index documents are reloaded). */
export async function stampEntries(trx: Executor, accountId: string, entryIds: string[], revision: number) {
  for (let i = 0; i < entryIds.length; i += ID_BATCH) {
    await trx
      .updateTable('knowledge_entries')
      .set({ index_revision: revision })
      .where('account_id', '=', accountId)
      .where('id', 'in', entryIds.slice(i, i + ID_BATCH))
      .execute();
  }
}

/** Ids per `in (…)` list: far below either database's limit on bound parameters. */
export const ID_BATCH = 500;
