import type { Executor } from '../db/transaction.js';

/** A published variant with what the help center shows of its entry. */
export interface PublishedVariantRow {
  entry_id: string;
  kind: string;
  category_id: string | null;
  locale: string;
  title: string;
  body_html: string;
  body_text: string;
  updated_at: number;
}

export interface PublishedFilter {
  /** An id, or null for entries without a category; undefined for all. */
  categoryId?: string | null;
  entryId?: string;
  /** Newest first, at most this many entries' variants. */
  limit?: number;
}

/** Published variants in any of `locales` (the wanted one and its fallback). */
export async function publishedVariants(
  db: Executor,
  accountId: string,
  locales: string[],
  filter: PublishedFilter,
): Promise<PublishedVariantRow[]> {
  let query = db
    .selectFrom('knowledge_variants as v')
    .innerJoin('knowledge_entries as e', 'e.id', 'v.entry_id')
    .select([
      'v.entry_id',
      'e.kind',
      'e.category_id',
      'v.locale',
      'v.title',
      'v.body_html',
      'v.body_text',
      'v.updated_at',
    ])
    .where('v.account_id', '=', accountId)
    .where('v.status', '=', 'published')
    .where('v.locale', 'in', locales);
  if (filter.entryId) query = query.where('e.id', '=', filter.entryId);
  if (filter.categoryId === null) query = query.where('e.category_id', 'is', null);
  else if (filter.categoryId) query = query.where('e.category_id', '=', filter.categoryId);
  if (filter.limit) query = query.orderBy('v.updated_at', 'desc').limit(filter.limit * locales.length);
  return query.execute();
}

/** Published entries per category id ('' for none), in any of `locales`. */
export async function publishedCountsByCategory(
  db: Executor,
  accountId: string,
  locales: string[],
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('knowledge_variants as v')
    .innerJoin('knowledge_entries as e', 'e.id', 'v.entry_id')
    .select(['e.category_id', 'v.entry_id'])
    .where('v.account_id', '=', accountId)
    .where('v.status', '=', 'published')
    .where('v.locale', 'in', locales)
    .execute();
  const entries = new Map<string, Set<string>>();
  for (const row of rows) {
    const key = row.category_id ?? '';
    let set = entries.get(key);
    if (!set) {
      set = new Set();
      entries.set(key, set);
    }
    set.add(row.entry_id);
  }
  return new Map([...entries].map(([key, set]) => [key, set.size]));
}
