import type { RoutingSettings } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { cachedInboxSettings } from '../inboxes/cachedInboxSettings.js';

export interface InboxRouting {
  routing: RoutingSettings;
  /** The teams the widget lets the customer choose. */
  offeredTeamIds: string[];
}

/**
 * What routing needs of an inbox's settings, from the same per-node cache the bot and the after-hours reply read
 * (a change made on this node is seen at once, one made on another node within a second). Undefined for an inbox
 * of another account (or none).
 */
export async function inboxRouting(
  db: Executor,
  accountId: string,
  inboxId: string,
): Promise<InboxRouting | undefined> {
  const settings = await cachedInboxSettings(db, accountId, inboxId);
  if (!settings) return undefined;
  return { routing: settings.routing, offeredTeamIds: settings.teamChoice.teams.map((team) => team.teamId) };
}

export async function routingSettingsOf(
  db: Executor,
  accountId: string,
  inboxId: string,
): Promise<RoutingSettings | undefined> {
  return (await inboxRouting(db, accountId, inboxId))?.routing;
}
