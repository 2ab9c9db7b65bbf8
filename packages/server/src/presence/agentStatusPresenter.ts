import { type AgentStatusView, type PresenceStatus, ROUTING_LIMITS } from '@kefu/shared';
import type { AgentStatusRow } from './agentStateRepository.js';

/** An agent's presence and load; an agent who never connected is offline with the default limit. */
export function presentAgentStatus(
  row: Omit<AgentStatusRow, 'teamIds' | 'team_id'>,
  teamIds: string[],
): AgentStatusView {
  return {
    id: row.id,
    name: row.name,
    presence: (row.presence ?? 'offline') as PresenceStatus,
    presenceSince: row.presence_since === null ? null : new Date(row.presence_since).toISOString(),
    activeChats: row.active_chats ?? 0,
    chatLimit: row.chat_limit ?? ROUTING_LIMITS.defaultChatLimit,
    teamIds,
  };
}
