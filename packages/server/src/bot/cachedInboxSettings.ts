import type { WidgetSettings } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { parseSettings } from '../inboxes/inboxPresenter.js';

const cache = new Map<string, { text: string; value: WidgetSettings }>();

/**
 * An inbox's settings, parsed once per settings text: the bot and the after-hours reply
 * (businessHours/afterHoursReplier.ts) read them on every customer message, and a zod parse costs more than the
 * primary-key read. Undefined for an inbox of another workspace.
 */
export async function cachedInboxSettings(
  db: Executor,
  accountId: string,
  inboxId: string,
): Promise<WidgetSettings | undefined> {
  const row = await db
    .selectFrom('inboxes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', inboxId)
    .executeTakeFirst();
  if (!row) return undefined;
  const cached = cache.get(row.id);
  if (cached && cached.text === row.settings) return cached.value;
  const value = parseSettings(row);
  if (cache.size > 10_000) cache.clear();
  cache.set(row.id, { text: row.settings, value });
  return value;
}
