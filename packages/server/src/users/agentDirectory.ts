import { type AgentDirectoryResponse, ROUTING_LIMITS } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { listAgentStatuses } from '../presence/agentStateRepository.js';
import { presentAgentStatus } from '../presence/agentStatusPresenter.js';
import { presentDirectoryEntry } from './agentDirectoryPresenter.js';
import { listDirectoryUsers, onlineUserIds } from './agentDirectoryRepository.js';
import { teamIdsByUser } from './userRepository.js';

/** The colleagues a conversation can be assigned or transferred to, with whether they are online. */
export async function agentDirectory(ctx: AppContext, accountId: string): Promise<AgentDirectoryResponse> {
  const db = ctx.db.kysely;
  const rows = await listDirectoryUsers(db, accountId);
  const [teams, online, states] = await Promise.all([
    teamIdsByUser(
      db,
      accountId,
      rows.map((r) => r.id),
    ),
    onlineUserIds(db, accountId, ctx.clock.now()),
    listAgentStatuses(db, accountId),
  ]);
  // Presence and load (presence/): what routing sees of each colleague.
  const routing = new Map(states.map((s) => [s.id, presentAgentStatus(s, [])]));
  const offline = { presence: 'offline' as const, activeChats: 0, chatLimit: ROUTING_LIMITS.defaultChatLimit };
  return {
    items: rows.map((r) =>
      presentDirectoryEntry(r, online.has(r.id), teams.get(r.id) ?? [], routing.get(r.id) ?? offline),
    ),
  };
}
