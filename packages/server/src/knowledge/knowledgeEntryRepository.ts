import type { KnowledgeEntriesTable, KnowledgeVariantsTable, KnowledgeVersionsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { ID_BATCH } from './knowledgeStateRepository.js';

export type KnowledgeEntryRow = KnowledgeEntriesTable;
export type KnowledgeVariantRow = KnowledgeVariantsTable;
export type KnowledgeVersionRow = KnowledgeVersionsTable;

/** A variant with the name of who last saved it. */
export type VariantWithEditor = KnowledgeVariantRow & { updated_by_name: string | null };

export async function insertEntries(db: Executor, rows: KnowledgeEntryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('knowledge_entries')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function insertVariants(db: Executor, rows: KnowledgeVariantRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('knowledge_variants')
      .values(rows.slice(i, i + 50))
      .execute();
}

export function findEntry(db: Executor, accountId: string, id: string): Promise<KnowledgeEntryRow | undefined> {
  return db
    .selectFrom('knowledge_entries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The entry's row, locked for the rest of the transaction on PostgreSQL (two editors save one after the other). */
export function lockEntry(db: Executor, accountId: string, id: string, postgres: boolean) {
  let query = db.selectFrom('knowledge_entries').selectAll().where('account_id', '=', accountId).where('id', '=', id);
  if (postgres) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function listVariants(db: Executor, accountId: string, entryIds: string[]): Promise<VariantWithEditor[]> {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('knowledge_variants as v')
    .leftJoin('users as u', 'u.id', 'v.updated_by')
    .selectAll('v')
    .select('u.name as updated_by_name')
    .where('v.account_id', '=', accountId)
    .where('v.entry_id', 'in', entryIds)
    .orderBy('v.entry_id')
    .orderBy('v.locale')
    .execute();
}

export function findVariant(
  db: Executor,
  accountId: string,
  entryId: string,
  locale: string,
): Promise<KnowledgeVariantRow | undefined> {
  return db
    .selectFrom('knowledge_variants')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entry_id', '=', entryId)
    .where('locale', '=', locale)
    .executeTakeFirst();
}

export type VariantChanges = Omit<KnowledgeVariantRow, 'entry_id' | 'account_id' | 'locale' | 'created_at'>;

export async function updateVariant(
  db: Executor,
  accountId: string,
  entryId: string,
  locale: string,
  changes: VariantChanges,
): Promise<void> {
  await db
    .updateTable('knowledge_variants')
    .set(changes)
    .where('account_id', '=', accountId)
    .where('entry_id', '=', entryId)
    .where('locale', '=', locale)
    .execute();
}

export async function deleteVariant(db: Executor, accountId: string, entryId: string, locale: string): Promise<void> {
  await db
    .deleteFrom('knowledge_variants')
    .where('account_id', '=', accountId)
    .where('entry_id', '=', entryId)
    .where('locale', '=', locale)
    .execute();
}

export async function updateEntry(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Pick<KnowledgeEntryRow, 'kind' | 'category_id' | 'updated_at' | 'index_revision'>>,
): Promise<void> {
  await db
    .updateTable('knowledge_entries')
    .set(changes)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteEntry(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('knowledge_entries').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function countEntries(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('knowledge_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface EntryListFilter {
  categoryId?: string | undefined;
  uncategorized?: boolean | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  locale?: string | undefined;
  /** Only entries with a published variant (in `locale`, when given). */
  publishedOnly?: boolean;
}

/** A page of entries, newest first, that have a variant matching the language and state asked for. */
export function listEntries(
  db: Executor,
  accountId: string,
  filter: EntryListFilter,
  page: { before: string | null; limit: number },
): Promise<KnowledgeEntryRow[]> {
  let query = db.selectFrom('knowledge_entries as e').selectAll('e').where('e.account_id', '=', accountId);
  if (filter.categoryId) query = query.where('e.category_id', '=', filter.categoryId);
  if (filter.uncategorized) query = query.where('e.category_id', 'is', null);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  const status = filter.publishedOnly ? 'published' : filter.status;
  if (status || filter.locale) {
    query = query.where(({ exists, selectFrom }) => {
      let variants = selectFrom('knowledge_variants as v').select('v.entry_id').whereRef('v.entry_id', '=', 'e.id');
      if (status) variants = variants.where('v.status', '=', status);
      if (filter.locale) variants = variants.where('v.locale', '=', filter.locale);
      return exists(variants);
    });
  }
  if (page.before) query = query.where('e.id', '<', page.before);
  return query.orderBy('e.id', 'desc').limit(page.limit).execute();
}

export async function entriesByIds(db: Executor, accountId: string, ids: string[]): Promise<KnowledgeEntryRow[]> {
  const rows: KnowledgeEntryRow[] = [];
  for (let i = 0; i < ids.length; i += ID_BATCH) {
    rows.push(
      ...(await db
        .selectFrom('knowledge_entries')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', 'in', ids.slice(i, i + ID_BATCH))
        .execute()),
    );
  }
  return rows;
}

/** What the search index needs of every entry changed after `revision` (all of them from 0). */
export async function entriesForIndex(
  db: Executor,
  accountId: string,
  afterRevision: number,
): Promise<{ entries: KnowledgeEntryRow[]; variants: KnowledgeVariantRow[] }> {
  const entries = await db
    .selectFrom('knowledge_entries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('index_revision', '>', afterRevision)
    .execute();
  if (entries.length === 0) return { entries, variants: [] };
  let variants = db.selectFrom('knowledge_variants as v').selectAll('v').where('v.account_id', '=', accountId);
  if (afterRevision > 0) {
    variants = variants.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('knowledge_entries as e')
          .select('e.id')
          .whereRef('e.id', '=', 'v.entry_id')
          .where('e.index_revision', '>', afterRevision),
      ),
    );
  }
  return { entries, variants: await variants.execute() };
}

export async function insertVersion(db: Executor, row: KnowledgeVersionRow): Promise<void> {
  await db.insertInto('knowledge_versions').values(row).execute();
}

/** Keeps the newest `keep` versions of one language of an entry. */
export async function pruneVersions(
  db: Executor,
  accountId: string,
  entryId: string,
  locale: string,
  keep: number,
): Promise<void> {
  const old = await db
    .selectFrom('knowledge_versions')
    .select('id')
    .where('account_id', '=', accountId)
    .where('entry_id', '=', entryId)
    .where('locale', '=', locale)
    .orderBy('version', 'desc')
    .offset(keep)
    .limit(1000)
    .execute();
  if (old.length === 0) return;
  await db
    .deleteFrom('knowledge_versions')
    .where(
      'id',
      'in',
      old.map((r) => r.id),
    )
    .execute();
}

export type VersionWithEditor = KnowledgeVersionRow & { saved_by_name: string | null };

export function listVersions(
  db: Executor,
  accountId: string,
  entryId: string,
  locale: string | undefined,
): Promise<VersionWithEditor[]> {
  let query = db
    .selectFrom('knowledge_versions as k')
    .leftJoin('users as u', 'u.id', 'k.saved_by')
    .selectAll('k')
    .select('u.name as saved_by_name')
    .where('k.account_id', '=', accountId)
    .where('k.entry_id', '=', entryId);
  if (locale) query = query.where('k.locale', '=', locale);
  return query.orderBy('k.locale').orderBy('k.version', 'desc').execute();
}

export function findVersion(
  db: Executor,
  accountId: string,
  entryId: string,
  versionId: string,
): Promise<KnowledgeVersionRow | undefined> {
  return db
    .selectFrom('knowledge_versions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('entry_id', '=', entryId)
    .where('id', '=', versionId)
    .executeTakeFirst();
}

/** FAQ variants whose standard question is one of `titles`, in one language: the import updates them. */
export async function faqVariantsByTitle(
  db: Executor,
  accountId: string,
  locale: string,
  titles: string[],
): Promise<(KnowledgeVariantRow & { category_id: string | null })[]> {
  const rows: (KnowledgeVariantRow & { category_id: string | null })[] = [];
  for (let i = 0; i < titles.length; i += ID_BATCH) {
    rows.push(
      ...(await db
        .selectFrom('knowledge_variants as v')
        .innerJoin('knowledge_entries as e', 'e.id', 'v.entry_id')
        .selectAll('v')
        .select('e.category_id')
        .where('v.account_id', '=', accountId)
        .where('v.locale', '=', locale)
        .where('e.kind', '=', 'faq')
        .where('v.title', 'in', titles.slice(i, i + ID_BATCH))
        .execute()),
    );
  }
  return rows;
}
