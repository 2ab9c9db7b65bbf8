import type { AgentStatusView } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { listAgentStatuses } from './agentStateRepository.js';
import { presentAgentStatus } from './agentStatusPresenter.js';

/** Current presence and load of some agents of the account (all active ones without ids). */
export async function loadAgentStatuses(
  ctx: AppContext,
  accountId: string,
  userIds?: string[],
): Promise<(AgentStatusView & { role: string })[]> {
  const rows = await listAgentStatuses(ctx.db.kysely, accountId, userIds);
  return rows.map((r) => ({ ...presentAgentStatus(r, r.teamIds), role: r.role }));
}

/** Colleagues and supervisors see presence and load change live (the `agent` frame). */
export async function publishAgentStatuses(ctx: AppContext, accountId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  for (const { role: _role, ...agent } of await loadAgentStatuses(ctx, accountId, [...new Set(userIds)])) {
    ctx.bus.publish({ type: 'agent.status', accountId, agent });
  }
}
