import type { SensitiveWordAction } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { SensitiveWordMatcher } from './sensitiveWordMatcher.js';
import { loadMatchableWords, readModerationSettings, readModerationVersion } from './sensitiveWordRepository.js';

/** How long a node trusts its cached matcher before it reads the version again (one primary-key read). */
export const MATCHER_RECHECK_MS = 1000;

interface Entry {
  version: number;
  checkedAt: number;
  matcher: Promise<SensitiveWordMatcher>;
}

/** Per context (one per node, or per test app), per workspace. */
const caches = new WeakMap<AppContext, Map<string, Entry>>();

function cacheOf(ctx: AppContext): Map<string, Entry> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  return cache;
}

async function build(ctx: AppContext, accountId: string): Promise<{ version: number; matcher: SensitiveWordMatcher }> {
  const db = ctx.db.kysely;
  const settings = await readModerationSettings(db, accountId);
  const words = await loadMatchableWords(db, accountId);
  const matcher = new SensitiveWordMatcher(
    words.map((w) => ({ ...w, action: w.action as SensitiveWordAction | null })),
    settings.defaultAction,
  );
  return { version: settings.version, matcher };
}

/**
 * The workspace's matcher, built once and kept. A change on this node drops it at once (`forgetMatcher`); a
 * change on another node is seen within MATCHER_RECHECK_MS, when this node compares the version in the
 * database with the one it built from.
 */
export async function matcherFor(ctx: AppContext, accountId: string): Promise<SensitiveWordMatcher> {
  const cache = cacheOf(ctx);
  const now = ctx.clock.now();
  const entry = cache.get(accountId);
  if (entry && now - entry.checkedAt < MATCHER_RECHECK_MS) return entry.matcher;
  if (entry) {
    const version = await readModerationVersion(ctx.db.kysely, accountId);
    if (version === entry.version) {
      entry.checkedAt = now;
      return entry.matcher;
    }
  }
  const built = build(ctx, accountId);
  const fresh: Entry = { version: -1, checkedAt: now, matcher: built.then((b) => b.matcher) };
  cache.set(accountId, fresh);
  try {
    fresh.version = (await built).version;
  } catch (error) {
    if (cache.get(accountId) === fresh) cache.delete(accountId);
    throw error;
  }
  return fresh.matcher;
}

export function forgetMatcher(ctx: AppContext, accountId: string): void {
  cacheOf(ctx).delete(accountId);
}
