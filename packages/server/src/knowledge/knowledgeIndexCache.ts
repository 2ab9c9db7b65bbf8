import type { Locale } from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { KnowledgeEntryRow, KnowledgeVariantRow } from './knowledgeEntryRepository.js';
import { entriesForIndex } from './knowledgeEntryRepository.js';
import { type IndexedEntry, KnowledgeIndex } from './knowledgeIndex.js';
import type { KnowledgeKind } from './knowledgeSearch.js';
import { deletedSince, readKnowledgeRevision } from './knowledgeStateRepository.js';
import { synonymWordGroups } from './synonymRepository.js';

/** How often a node asks the database whether another node changed the knowledge base (one primary-key read). */
export const KNOWLEDGE_RECHECK_MS = 500;

/** An index nobody searched for this long is dropped (memory); far shorter than deletions are remembered. */
const IDLE_MS = 10 * 60 * 1000;

interface CachedIndex {
  index: KnowledgeIndex;
  /** The revision the index reflects. */
  revision: number;
  checkedAt: number;
  usedAt: number;
  /** The build or sync in progress; every caller waits for the same one. */
  pending: Promise<void>;
}

/** Per context (one per node, or per test app), per workspace. */
const caches = new WeakMap<AppContext, Map<string, CachedIndex>>();

function cacheOf(ctx: AppContext): Map<string, CachedIndex> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  return cache;
}

export function toIndexedEntries(entries: KnowledgeEntryRow[], variants: KnowledgeVariantRow[]): IndexedEntry[] {
  const byEntry = new Map<string, IndexedEntry>();
  for (const entry of entries) {
    byEntry.set(entry.id, {
      id: entry.id,
      kind: entry.kind as KnowledgeKind,
      categoryId: entry.category_id,
      variants: [],
    });
  }
  for (const variant of variants) {
    byEntry.get(variant.entry_id)?.variants.push({
      locale: variant.locale as Locale,
      published: variant.status === 'published',
      title: variant.title,
      similarQuestions: JSON.parse(variant.similar_questions) as string[],
      answerHtml: variant.body_html,
      answerText: variant.body_text,
    });
  }
  return [...byEntry.values()];
}

async function build(ctx: AppContext, cached: CachedIndex, accountId: string): Promise<void> {
  const db = ctx.db.kysely;
  const { revision } = await readKnowledgeRevision(db, accountId);
  const [{ entries, variants }, synonyms] = await Promise.all([
    entriesForIndex(db, accountId, 0),
    synonymWordGroups(db, accountId),
  ]);
  cached.index.setSynonyms(synonyms);
  cached.index.load(toIndexedEntries(entries, variants));
  cached.revision = revision;
}

/** Applies what changed since the index's revision: changed entries again, deleted ones out, new synonyms. */
async function sync(ctx: AppContext, cached: CachedIndex, accountId: string): Promise<void> {
  const db = ctx.db.kysely;
  const { revision, synonymsRevision } = await readKnowledgeRevision(db, accountId);
  if (revision === cached.revision) return;
  const [{ entries, variants }, deleted] = await Promise.all([
    entriesForIndex(db, accountId, cached.revision),
    deletedSince(db, accountId, cached.revision),
  ]);
  if (synonymsRevision > cached.revision) cached.index.setSynonyms(await synonymWordGroups(db, accountId));
  for (const id of deleted) cached.index.remove(id);
  for (const entry of toIndexedEntries(entries, variants)) cached.index.upsert(entry);
  cached.revision = revision;
}

function evictIdle(cache: Map<string, CachedIndex>, now: number) {
  for (const [accountId, cached] of cache) if (now - cached.usedAt > IDLE_MS) cache.delete(accountId);
}

/**
 * The workspace's search index: built from the database on first use, then kept current. A change made on
 * this node is applied before its command returns (`refreshKnowledgeIndex`); one made on another node is
 * found within KNOWLEDGE_RECHECK_MS, when this node compares the revision in the database with its own.
 */
export async function knowledgeIndexFor(ctx: AppContext, accountId: string): Promise<KnowledgeIndex> {
  const cache = cacheOf(ctx);
  const now = ctx.clock.now();
  evictIdle(cache, now);
  let cached = cache.get(accountId);
  if (!cached) {
    const fresh: CachedIndex = {
      index: new KnowledgeIndex(),
      revision: 0,
      checkedAt: now,
      usedAt: now,
      pending: Promise.resolve(),
    };
    fresh.pending = build(ctx, fresh, accountId).catch((error: unknown) => {
      if (cache.get(accountId) === fresh) cache.delete(accountId);
      throw error;
    });
    cache.set(accountId, fresh);
    cached = fresh;
  } else if (now - cached.checkedAt >= KNOWLEDGE_RECHECK_MS) {
    queueSync(ctx, cache, cached, accountId, now);
  }
  cached.usedAt = now;
  await cached.pending;
  return cached.index;
}

/** One sync at a time per index; one that fails drops the index, so the next search rebuilds it. */
function queueSync(
  ctx: AppContext,
  cache: Map<string, CachedIndex>,
  cached: CachedIndex,
  accountId: string,
  now: number,
) {
  cached.checkedAt = now;
  cached.pending = cached.pending
    .then(() => sync(ctx, cached, accountId))
    .catch((error: unknown) => {
      if (cache.get(accountId) === cached) cache.delete(accountId);
      throw error;
    });
}

/** After a change on this node commits: the index (if this node has one) takes it in at once. */
export async function refreshKnowledgeIndex(ctx: AppContext, accountId: string): Promise<void> {
  const cache = cacheOf(ctx);
  const cached = cache.get(accountId);
  if (!cached) return;
  queueSync(ctx, cache, cached, accountId, ctx.clock.now());
  await cached.pending;
}
