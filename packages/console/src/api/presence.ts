import type { AgentStatusView, PresenceStatus } from '@kefu/shared';
import { apiRequest } from './client';

/** The signed-in agent's own presence and load (the header switcher). */
export const myPresenceKey = ['presence', 'me'] as const;

export function getMyPresence(signal?: AbortSignal): Promise<AgentStatusView> {
  return apiRequest('/api/profile/presence', { signal });
}

export function setMyPresence(status: PresenceStatus): Promise<AgentStatusView> {
  return apiRequest('/api/profile/presence', { method: 'PUT', body: { status } });
}

/** Admins: how many chats an agent takes at once. */
export function setChatLimit(userId: string, chatLimit: number): Promise<AgentStatusView> {
  return apiRequest(`/api/users/${encodeURIComponent(userId)}/chat-limit`, { method: 'PUT', body: { chatLimit } });
}
