import {
  type KnowledgeEntryListQuery,
  type KnowledgeEntryListResponse,
  type KnowledgeEntryView,
  roleHasPermission,
} from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/appError.js';
import { entriesByIds, findEntry, listEntries, listVariants } from './knowledgeEntryRepository.js';
import { presentEntry, presentEntrySummary } from './knowledgePresenter.js';
import { searchKnowledge } from './knowledgeSearch.js';

/** Editors (admins, supervisors) see drafts; agents only what customers may see. */
export const managesKnowledge = (actor: Actor) => roleHasPermission(actor.role, 'knowledge.manage');

/** Ranked search results shown in the list at most. */
const SEARCH_LIMIT = 50;

/**
 * The entry list of the console: newest first with filters, or with `q` ranked by the same search the bot
 * uses (drafts included for editors), filtered afterwards.
 */
export async function knowledgeEntryList(
  ctx: AppContext,
  actor: Actor,
  query: KnowledgeEntryListQuery,
): Promise<KnowledgeEntryListResponse> {
  const db = ctx.db.kysely;
  const publishedOnly = !managesKnowledge(actor);
  const { q, cursor, limit, ...filter } = query;
  if (q) {
    const hits = await searchKnowledge(ctx, actor.accountId, q, {
      locale: filter.locale,
      limit: SEARCH_LIMIT,
      publishedOnly: publishedOnly || filter.status === 'published',
      kind: filter.kind,
    });
    const entries = new Map(
      (
        await entriesByIds(
          db,
          actor.accountId,
          hits.map((h) => h.entryId),
        )
      ).map((e) => [e.id, e]),
    );
    const variants = await listVariants(db, actor.accountId, [...entries.keys()]);
    const items = hits.flatMap((hit) => {
      const entry = entries.get(hit.entryId);
      if (!entry) return [];
      if (filter.categoryId && entry.category_id !== filter.categoryId) return [];
      if (filter.uncategorized && entry.category_id !== null) return [];
      const own = variants.filter((v) => v.entry_id === entry.id && (!publishedOnly || v.status === 'published'));
      if (filter.status && !own.some((v) => v.status === filter.status)) return [];
      return [presentEntrySummary(entry, own, hit.score)];
    });
    return { items: items.slice(0, limit), nextCursor: null };
  }
  const rows = await listEntries(
    db,
    actor.accountId,
    { ...filter, publishedOnly },
    { before: cursor ?? null, limit: limit + 1 },
  );
  const page = rows.slice(0, limit);
  const variants = await listVariants(
    db,
    actor.accountId,
    page.map((e) => e.id),
  );
  const items = page.map((entry) =>
    presentEntrySummary(
      entry,
      variants.filter((v) => v.entry_id === entry.id && (!publishedOnly || v.status === 'published')),
      null,
    ),
  );
  return { items, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

/** One entry: editors see every language; agents only published ones, and nothing of an unpublished entry. */
export async function readableEntryView(ctx: AppContext, actor: Actor, id: string): Promise<KnowledgeEntryView> {
  const db = ctx.db.kysely;
  const entry = await findEntry(db, actor.accountId, id);
  if (!entry) throw notFound('Knowledge entry');
  const variants = (await listVariants(db, actor.accountId, [id])).filter(
    (v) => managesKnowledge(actor) || v.status === 'published',
  );
  if (variants.length === 0) throw notFound('Knowledge entry');
  return presentEntry(entry, variants);
}
