import type { WidgetSettings } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';
import { listTeams } from '../teams/teamRepository.js';

/** Every team an inbox's routing or widget team choice names, with the field that names it. */
function namedTeams(settings: WidgetSettings): { field: string; teamId: string }[] {
  const { routing, teamChoice } = settings;
  return [
    ...(routing.defaultTeamId ? [{ field: 'settings.routing.defaultTeamId', teamId: routing.defaultTeamId }] : []),
    ...(routing.overflowTeamId ? [{ field: 'settings.routing.overflowTeamId', teamId: routing.overflowTeamId }] : []),
    ...routing.skillRules.map((rule, i) => ({ field: `settings.routing.skillRules.${i}.teamId`, teamId: rule.teamId })),
    ...teamChoice.teams.map((team, i) => ({ field: `settings.teamChoice.teams.${i}.teamId`, teamId: team.teamId })),
  ];
}

/** Routing may only send chats to teams of the inbox's own workspace. */
export async function assertRoutingTeamsUsable(db: Executor, accountId: string, settings: WidgetSettings) {
  const named = namedTeams(settings);
  if (named.length === 0) return;
  const known = new Set((await listTeams(db, accountId)).map((t) => t.id));
  const unknown = named.filter((n) => !known.has(n.teamId));
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Routing names a team that is not in this workspace',
      unknown.map((n) => ({ field: `body.${n.field}`, issue: 'is not a team of this workspace' })),
    );
  }
}
