import type { WidgetSessionBody } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';
import { CHAT_ROLES } from '../presence/agentStateRepository.js';
import { saveHint } from './routingRepository.js';

export interface RoutingHints {
  teamId: string | null;
  agentId: string | null;
}

/**
 * The team and agent a widget session asks for (the customer's choice, or the link's): each must be a team, or an
 * active agent, of the inbox's workspace (400 otherwise, before anything is stored).
 */
export async function validRoutingHints(
  db: Executor,
  accountId: string,
  body: WidgetSessionBody,
): Promise<RoutingHints> {
  const [team, agent] = await Promise.all([
    body.teamId
      ? db
          .selectFrom('teams')
          .select('id')
          .where('account_id', '=', accountId)
          .where('id', '=', body.teamId)
          .executeTakeFirst()
      : undefined,
    body.agentId
      ? db
          .selectFrom('users')
          .select('id')
          .where('account_id', '=', accountId)
          .where('id', '=', body.agentId)
          .where('status', '=', 'active')
          .where('role', 'in', [...CHAT_ROLES])
          .executeTakeFirst()
      : undefined,
  ]);
  const problems = [
    ...(body.teamId && !team ? [{ field: 'body.teamId', issue: 'is not a team of this workspace' }] : []),
    ...(body.agentId && !agent ? [{ field: 'body.agentId', issue: 'is not an active agent of this workspace' }] : []),
  ];
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'Unknown routing target', problems);
  return { teamId: body.teamId ?? null, agentId: body.agentId ?? null };
}

/** Kept until the visitor's conversation opens; each session replaces what the last one said. */
export async function saveRoutingHints(
  db: Executor,
  target: { accountId: string; inboxId: string; contactId: string },
  hints: RoutingHints,
  locale: string | null,
  now: number,
): Promise<void> {
  await saveHint(db, {
    inbox_id: target.inboxId,
    contact_id: target.contactId,
    account_id: target.accountId,
    team_id: hints.teamId,
    agent_id: hints.agentId,
    locale,
    updated_at: now,
  });
}
