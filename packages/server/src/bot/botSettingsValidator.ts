import type { InboxBotSettings } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';

/**
 * The teams a bot's menu items and human-only topics hand over to must be teams of the inbox's own workspace,
 * and the thresholds must be in order (400 otherwise, before the inbox is saved).
 */
export async function assertBotSettingsUsable(db: Executor, accountId: string, bot: InboxBotSettings): Promise<void> {
  const problems: { field: string; issue: string }[] = [];
  if (bot.suggestThreshold > bot.answerThreshold) {
    problems.push({ field: 'body.settings.bot.suggestThreshold', issue: 'must not be above answerThreshold' });
  }
  const named = [
    ...bot.menu.items.map((item, i) =>
      item.action.type === 'handoff' && item.action.teamId
        ? { teamId: item.action.teamId, field: `body.settings.bot.menu.items.${i}.action.teamId` }
        : null,
    ),
    ...bot.humanOnlyTopics.map((topic, i) =>
      topic.teamId ? { teamId: topic.teamId, field: `body.settings.bot.humanOnlyTopics.${i}.teamId` } : null,
    ),
  ].filter((x): x is { teamId: string; field: string } => x !== null);
  if (named.length > 0) {
    const found = await db
      .selectFrom('teams')
      .select('id')
      .where('account_id', '=', accountId)
      .where(
        'id',
        'in',
        named.map((n) => n.teamId),
      )
      .execute();
    const known = new Set(found.map((t) => t.id));
    for (const n of named)
      if (!known.has(n.teamId)) problems.push({ field: n.field, issue: 'is not a team of this workspace' });
  }
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The bot settings name something unusable', problems);
}
