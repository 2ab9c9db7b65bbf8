import type { RoutingSettings } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { parseSettings } from '../inboxes/inboxPresenter.js';

export interface InboxRouting {
  routing: RoutingSettings;
  /** The teams the widget lets the customer choose. */
  offeredTeamIds: string[];
}

const cache = new Map<string, { text: string; value: InboxRouting }>();

/**
 * Parsing an inbox's settings through zod costs more than the decision itself, so the result is kept per inbox
 * until its settings text changes. Undefined for an inbox of another account (or none).
 */
export async function inboxRouting(
  db: Executor,
  accountId: string,
  inboxId: string,
): Promise<InboxRouting | undefined> {
  const row = await db
    .selectFrom('inboxes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', inboxId)
    .executeTakeFirst();
  if (!row) return undefined;
  const cached = cache.get(row.id);
  if (cached && cached.text === row.settings) return cached.value;
  const settings = parseSettings(row);
  const value = { routing: settings.routing, offeredTeamIds: settings.teamChoice.teams.map((t) => t.teamId) };
  if (cache.size > 10_000) cache.clear();
  cache.set(row.id, { text: row.settings, value });
  return value;
}

export async function routingSettingsOf(
  db: Executor,
  accountId: string,
  inboxId: string,
): Promise<RoutingSettings | undefined> {
  return (await inboxRouting(db, accountId, inboxId))?.routing;
}
