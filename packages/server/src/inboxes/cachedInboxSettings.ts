import type { WidgetSettings } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { parseSettings } from './inboxPresenter.js';
import { findInboxSettings } from './inboxRepository.js';

/**
 * How long settings read from the database are used without looking again. A change made on this node drops
 * them at once (forgetInboxSettings); one made on another node is seen within this time.
 */
const RECHECK_MS = 1000;

interface Cached {
  accountId: string;
  text: string;
  /** The UTF-8 of `text`, for the database to compare (findInboxSettings). */
  bytes: Buffer;
  value: WidgetSettings;
  checkedAt: number;
}

const cache = new Map<string, Cached>();

/**
 * An inbox's settings, parsed once per settings text and read again at most once a second: the bot and the
 * after-hours reply (businessHours/afterHoursReplier.ts) ask for them on every customer message, where a zod parse
 * cost more than the primary-key read, and the read itself was a noticeable part of a message's cost under chat
 * load. Undefined for an inbox of another workspace.
 */
export async function cachedInboxSettings(
  db: Executor,
  accountId: string,
  inboxId: string,
): Promise<WidgetSettings | undefined> {
  const now = Date.now();
  const found = cache.get(inboxId);
  const cached = found?.accountId === accountId ? found : undefined;
  if (cached && now - cached.checkedAt < RECHECK_MS) return cached.value;
  const text = await findInboxSettings(db, accountId, inboxId, cached?.bytes);
  if (text === undefined) return undefined;
  if (text === null || text === cached?.text) {
    // Unchanged since `cached` was read (null answers only the bytes passed, so there is a `cached`).
    cached!.checkedAt = now;
    return cached!.value;
  }
  const value = parseSettings({ settings: text });
  if (cache.size > 10_000) cache.clear();
  cache.set(inboxId, { accountId, text, bytes: Buffer.from(text), value, checkedAt: now });
  return value;
}

/** The inbox's settings changed on this node: the next message reads them again. */
export function forgetInboxSettings(inboxId: string): void {
  cache.delete(inboxId);
}
